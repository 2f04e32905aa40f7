-- Bot Framework state (IStorage): one JSON document per key, with an ETag for optimistic concurrency.
CREATE TABLE bot_state (
    state_key TEXT PRIMARY KEY,
    etag TEXT NOT NULL,
    document TEXT NOT NULL
);
