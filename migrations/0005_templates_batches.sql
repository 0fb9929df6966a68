-- Achievement templates (versioned: an edit adds a version, issued credentials keep the one
-- they were built from) and batch issuance jobs, persisted so a crash resumes without
-- duplicates or gaps.

CREATE TABLE templates (
  institute_id  TEXT NOT NULL REFERENCES institutes(id),
  code          TEXT NOT NULL,
  version       INTEGER NOT NULL,            -- the current version
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (institute_id, code)
);

CREATE TABLE template_versions (
  institute_id  TEXT NOT NULL,
  code          TEXT NOT NULL,
  version       INTEGER NOT NULL,
  json          TEXT NOT NULL,               -- the template body as validated
  created_at    TEXT NOT NULL,
  created_by    TEXT NOT NULL,
  PRIMARY KEY (institute_id, code, version)
);

CREATE TABLE batches (
  id               TEXT PRIMARY KEY,
  institute_id     TEXT NOT NULL REFERENCES institutes(id),
  idempotency_key  TEXT,
  state            TEXT NOT NULL CHECK (state IN ('issuing', 'done')),
  actor            TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  summary          TEXT NOT NULL DEFAULT '{}'  -- the validation summary (rows, invalid, problems)
);
CREATE UNIQUE INDEX batches_idempotency ON batches(institute_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX batches_state ON batches(state);

CREATE TABLE batch_rows (
  batch_id       TEXT NOT NULL,               -- batches.id (written before its batch on D1, so no foreign key)
  row_no         INTEGER NOT NULL,            -- the row number in the submitted file (header = 1)
  row_key        TEXT NOT NULL,               -- student id or email | template code | completion date
  student_id     TEXT,
  learner_name   TEXT NOT NULL,
  request        TEXT NOT NULL,               -- the validated issue request (JSON)
  template_code  TEXT NOT NULL,
  template_version INTEGER NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('pending', 'issued', 'existing', 'failed')),
  credential_id  TEXT,
  error          TEXT,
  PRIMARY KEY (batch_id, row_no)
);

-- One credential per row identity and institute, ever: written in the credential's own
-- transaction, so a resumed or resubmitted batch cannot issue a row twice.
CREATE TABLE issued_rows (
  institute_id   TEXT NOT NULL,
  row_key        TEXT NOT NULL,
  credential_id  TEXT NOT NULL,
  PRIMARY KEY (institute_id, row_key)
);
