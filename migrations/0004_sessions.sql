-- Console sign-in sessions. The cookie holds a random session id; only its SHA-256 is stored,
-- so a copy of the database opens no session. A session acts with the API key it was opened
-- with (by the key's hash), and ends when that key is revoked or expires.
CREATE TABLE console_sessions (
  id_hash     TEXT PRIMARY KEY,
  token_hash  TEXT NOT NULL,
  -- the per-session CSRF token every console form carries
  csrf        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL
);
CREATE INDEX console_sessions_expiry ON console_sessions(expires_at);

-- The console lists an institute's credentials newest first.
CREATE INDEX credentials_issued ON credentials(issued_at);
