-- The DIDs an institute issued under before a confirmed PUBLIC_URL change (PUBLIC_URL_CHANGE=
-- confirm). What it signed under them stays its own: the accreditation check and the registry
-- find the institute by them, and their keys stay in issuer_keys under the old DID.
CREATE TABLE institute_did_aliases (
  did           TEXT PRIMARY KEY,
  institute_id  TEXT NOT NULL REFERENCES institutes(id),
  replaced_at   TEXT NOT NULL
);
CREATE INDEX institute_did_aliases_institute ON institute_did_aliases(institute_id, replaced_at);
