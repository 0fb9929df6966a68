-- Revoked and suspended credentials are counted for /metrics at every scrape: partial indexes
-- keep that a read of the few such rows instead of a scan of every stored credential.
CREATE INDEX IF NOT EXISTS credentials_revoked ON credentials(revoked_at) WHERE revoked_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS credentials_suspended ON credentials(suspended_at) WHERE suspended_at IS NOT NULL;
