CREATE TABLE reset_requests (
    id TEXT PRIMARY KEY,
    requester_object_id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    status TEXT NOT NULL,
    version INTEGER NOT NULL,
    correlation_id TEXT NOT NULL,
    details TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);

CREATE INDEX reset_requests_requester ON reset_requests (requester_object_id, conversation_id, status);
CREATE INDEX reset_requests_expiry ON reset_requests (status, expires_at);

CREATE TABLE audit_events (
    sequence BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at TIMESTAMPTZ NOT NULL,
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
CREATE FUNCTION audit_events_reject_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only';
END;
$$;

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
FOR EACH ROW EXECUTE FUNCTION audit_events_reject_update();
