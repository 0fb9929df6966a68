-- Revocation and suspension (W3C Bitstring Status List v1.0).
-- A list's bits are not stored: they are derived from the credentials that point into it,
-- so a status change is one UPDATE of the credential plus its history row, in one
-- transaction, and the list can never disagree with the credentials.

CREATE TABLE status_lists (
  id              TEXT PRIMARY KEY,
  institute_id    TEXT NOT NULL REFERENCES institutes(id),
  -- the DID that signs the list: always the issuer of the credentials in it
  issuer_did      TEXT NOT NULL,
  purpose         TEXT NOT NULL CHECK (purpose IN ('revocation', 'suspension')),
  size            INTEGER NOT NULL,
  -- allocations after which the list stops taking new credentials (random picking stays cheap)
  capacity        INTEGER NOT NULL,
  allocated       INTEGER NOT NULL DEFAULT 0,
  state           TEXT NOT NULL CHECK (state IN ('active', 'full')),
  -- bumped by every status change of a credential in the list
  version         INTEGER NOT NULL DEFAULT 1,
  -- the signed list credential last served, and the version it encodes
  signed_version  INTEGER,
  signed_json     TEXT,
  signed_jwt      TEXT,
  signed_at       TEXT,
  valid_until     TEXT,
  created_at      TEXT NOT NULL
);
-- at most one list per issuer DID and purpose takes new credentials
CREATE UNIQUE INDEX status_lists_one_active ON status_lists(issuer_did, purpose) WHERE state = 'active';

ALTER TABLE credentials ADD COLUMN revocation_list TEXT REFERENCES status_lists(id);
ALTER TABLE credentials ADD COLUMN revocation_index INTEGER;
ALTER TABLE credentials ADD COLUMN suspension_list TEXT REFERENCES status_lists(id);
ALTER TABLE credentials ADD COLUMN suspension_index INTEGER;
ALTER TABLE credentials ADD COLUMN revoked_at TEXT;
ALTER TABLE credentials ADD COLUMN suspended_at TEXT;
-- an index is handed out once per list, whatever happens concurrently
CREATE UNIQUE INDEX credentials_revocation_slot ON credentials(revocation_list, revocation_index);
CREATE UNIQUE INDEX credentials_suspension_slot ON credentials(suspension_list, suspension_index);

CREATE TABLE credential_events (
  seq            INTEGER PRIMARY KEY AUTOINCREMENT,
  credential_id  TEXT NOT NULL REFERENCES credentials(id),
  action         TEXT NOT NULL CHECK (action IN ('revoke', 'suspend', 'reinstate')),
  reason         TEXT,
  actor          TEXT NOT NULL,
  at             TEXT NOT NULL
);
CREATE INDEX credential_events_credential ON credential_events(credential_id, seq);
