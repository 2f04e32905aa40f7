-- Personal conversations with the bot, keyed by Microsoft Entra object id and captured from any activity in
-- personal scope, so that PartnerBot can reach a person privately later.
CREATE TABLE personal_conversations (
    user_object_id TEXT PRIMARY KEY,
    teams_user_id TEXT NOT NULL,
    address TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- Every card PartnerBot sent about a request (the requester's prompt and each approval card), so that a
-- decision can update every copy.
CREATE TABLE request_cards (
    request_id TEXT NOT NULL,
    role TEXT NOT NULL,
    address TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    PRIMARY KEY (request_id, activity_id)
);

-- Private messages with a password, to be edited to remove it when due.
CREATE TABLE scheduled_removals (
    activity_id TEXT PRIMARY KEY,
    request_id TEXT NOT NULL,
    address TEXT NOT NULL,
    due_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX scheduled_removals_due ON scheduled_removals (due_at);

-- Single values such as the approvals channel.
CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
