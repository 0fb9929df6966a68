-- The SHA-256 of the file and options a batch was submitted with: an Idempotency-Key names
-- one request, and the same key with another file is refused. NULL for older batches.
ALTER TABLE batches ADD COLUMN request_sha256 TEXT;
