CREATE TABLE reset_requests (
    id TEXT PRIMARY KEY,
    requester_object_id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    status TEXT NOT NULL,
    version INTEGER NOT NULL,
    correlation_id TEXT NOT NULL,
    details TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE INDEX reset_requests_requester ON reset_requests (requester_object_id, conversation_id, status);
CREATE INDEX reset_requests_expiry ON reset_requests (status, expires_at);

CREATE TABLE audit_events (
    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
    occurred_at TEXT NOT NULL,
    request_id TEXT NOT NULL,
    correlation_id TEXT NOT NULL,
    action TEXT NOT NULL,
    actor_object_id TEXT NOT NULL,
    customer_id TEXT,
    user_id TEXT,
    outcome TEXT,
    details TEXT
);

CREATE INDEX audit_events_time ON audit_events (occurred_at);

-- The audit trail is append-only: updates are rejected, and deletes are allowed only for retention.
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;
