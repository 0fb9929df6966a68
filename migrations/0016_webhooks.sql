-- Webhooks (issue 18): endpoints that institutes and the ministry register, the outbox of
-- events written in the same transaction as the change they announce, and the deliveries of
-- each event to each endpoint that wants it, with their attempts.

-- An endpoint: an institute's (institute_id) or the ministry's for every institute (NULL).
CREATE TABLE webhook_endpoints (
  id              TEXT PRIMARY KEY,
  institute_id    TEXT REFERENCES institutes(id),
  url             TEXT NOT NULL,
  description     TEXT NOT NULL DEFAULT '',
  -- the event types it wants, a JSON array of strings
  events          TEXT NOT NULL,
  -- the signing secret (whsec_…), sealed by the key vault with the endpoint id as associated data
  secret_sealed   TEXT NOT NULL,
  -- after a rotation, the previous secret also signs until previous_until (receivers switch over)
  previous_sealed TEXT,
  previous_until  TEXT,
  created_at      TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  -- paused by its owner: no deliveries are made, new events are still queued
  paused_at       TEXT,
  -- deleted: never delivered to again (kept for the audit log and the delivery log)
  deleted_at      TEXT
);
CREATE INDEX webhook_endpoints_institute ON webhook_endpoints(institute_id) WHERE deleted_at IS NULL;

-- The outbox: one row per change, written by the change's own transaction. `id` is the
-- Standard Webhooks `webhook-id`, the same on every attempt. `subject` is what the event is
-- about (a credential, a batch, an offer's credential, an institute): deliveries keep order per
-- subject. `fanned_out` = 1 once its deliveries were created; events nobody wanted are deleted then.
CREATE TABLE webhook_events (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  id           TEXT NOT NULL UNIQUE,
  type         TEXT NOT NULL,
  institute_id TEXT,
  subject      TEXT NOT NULL,
  data         TEXT NOT NULL,
  at           TEXT NOT NULL,
  -- for a test ping: the one endpoint it is for
  endpoint_id  TEXT,
  fanned_out   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX webhook_events_pending ON webhook_events(fanned_out, seq);

-- One event to one endpoint. pending → delivered, or failed once it was retried for a day.
CREATE TABLE webhook_deliveries (
  endpoint_id     TEXT NOT NULL REFERENCES webhook_endpoints(id),
  event_seq       INTEGER NOT NULL REFERENCES webhook_events(seq),
  subject         TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  -- while one process sends it, no other does (Workers isolates); cleared when the attempt ends
  lease_until     TEXT,
  last_attempt_at TEXT,
  last_status     INTEGER,
  last_error      TEXT,
  delivered_at    TEXT,
  PRIMARY KEY (endpoint_id, event_seq)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(state, next_attempt_at);
CREATE INDEX webhook_deliveries_subject ON webhook_deliveries(endpoint_id, subject, state, event_seq);

-- Every attempt, with the start of the receiver's answer (at most 512 characters), for the
-- delivery log. Attempts older than 30 days are swept.
CREATE TABLE webhook_attempts (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  endpoint_id TEXT NOT NULL,
  event_seq   INTEGER NOT NULL,
  at          TEXT NOT NULL,
  status      INTEGER,
  ms          INTEGER NOT NULL,
  response    TEXT,
  error       TEXT
);
CREATE INDEX webhook_attempts_endpoint ON webhook_attempts(endpoint_id, id);
