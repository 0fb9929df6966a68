-- Many institutes under one ministry: accreditation periods, keys in the database (private
-- halves encrypted), scoped API keys, and a hash-chained audit ledger.

ALTER TABLE institutes ADD COLUMN contact TEXT;
ALTER TABLE institutes ADD COLUMN programmes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE institutes ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended'));

-- When the ministry accredited an institute. A credential counts as accredited when its
-- validFrom falls in one of its issuer's periods; ending a period never reaches back.
CREATE TABLE accreditation_periods (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  institute_id  TEXT NOT NULL REFERENCES institutes(id),
  valid_from    TEXT NOT NULL,
  valid_until   TEXT,
  programmes    TEXT NOT NULL DEFAULT '[]',
  created_at    TEXT NOT NULL
);
CREATE INDEX accreditation_periods_institute ON accreditation_periods(institute_id, valid_from);

-- Signing keys by the DID that controls them. The private half is sealed with AES-256-GCM
-- under a key-encryption key that is never in the database.
CREATE TABLE issuer_keys (
  id              TEXT PRIMARY KEY,            -- the verification method id (a DID URL)
  controller      TEXT NOT NULL,               -- the DID
  owner           TEXT NOT NULL,               -- an institute id, or 'ministry'
  public_x        TEXT NOT NULL,               -- base64url Ed25519 public key
  sealed_private  TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('active', 'retired')),
  created_at      TEXT NOT NULL,
  retired_at      TEXT,
  compromised_at  TEXT
);
CREATE INDEX issuer_keys_controller ON issuer_keys(controller, created_at);
CREATE UNIQUE INDEX issuer_keys_one_active ON issuer_keys(controller) WHERE status = 'active';

ALTER TABLE api_tokens ADD COLUMN scopes TEXT NOT NULL DEFAULT '["issue","revoke","admin"]';
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
ALTER TABLE api_tokens ADD COLUMN last_used_at TEXT;

-- Append-only, hash-chained: hash = SHA-256(prev_hash ‖ canonical JSON of the entry).
CREATE TABLE audit_log (
  seq           INTEGER PRIMARY KEY,
  at            TEXT NOT NULL,
  actor         TEXT NOT NULL,
  institute_id  TEXT,
  action        TEXT NOT NULL,
  target        TEXT NOT NULL,
  details       TEXT NOT NULL DEFAULT '{}',
  prev_hash     TEXT NOT NULL,
  hash          TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_log_institute ON audit_log(institute_id, seq);
