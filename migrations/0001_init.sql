-- skillcert schema, version 1: institutes, API tokens, issued credentials, published achievements.
-- Plain SQLite SQL so that the better-sqlite3 adapter and a D1 adapter share it.

CREATE TABLE institutes (
  id          TEXT PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  name_km     TEXT,
  url         TEXT,
  did         TEXT NOT NULL UNIQUE,
  -- the same key's did:key, under which the institute may also issue (e.g. for conformance)
  did_key     TEXT UNIQUE,
  is_default  INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL
);

-- Bearer tokens, stored only as SHA-256 hashes. role 'admin' is the bootstrap token.
CREATE TABLE api_tokens (
  id            TEXT PRIMARY KEY,
  token_hash    TEXT NOT NULL UNIQUE,
  role          TEXT NOT NULL,
  institute_id  TEXT REFERENCES institutes(id),
  label         TEXT NOT NULL,
  source        TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  revoked_at    TEXT
);

-- Every issued credential, with both secured forms exactly as signed.
CREATE TABLE credentials (
  id                TEXT PRIMARY KEY,
  credential_url    TEXT NOT NULL UNIQUE,
  -- the credential's own `id`, when it has one (our URL for credentials issued here)
  vc_id             TEXT,
  issuer_did        TEXT NOT NULL,
  institute_id      TEXT NOT NULL REFERENCES institutes(id),
  di_json           TEXT NOT NULL,
  -- NULL when the credential has no vc+jwt form (a VC 1.1 document)
  jwt               TEXT,
  learner_name      TEXT NOT NULL,
  achievement_name  TEXT NOT NULL,
  achievement_key   TEXT NOT NULL,
  valid_from        TEXT NOT NULL,
  valid_until       TEXT,
  issued_at         TEXT NOT NULL,
  issued_by         TEXT NOT NULL
);
CREATE INDEX credentials_institute_issued ON credentials(institute_id, issued_at);
CREATE INDEX credentials_vc_id ON credentials(vc_id);

-- The Achievement objects credentials point at, so their ids resolve to a definition.
CREATE TABLE achievements (
  institute_id  TEXT NOT NULL REFERENCES institutes(id),
  key           TEXT NOT NULL,
  json          TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (institute_id, key)
);
