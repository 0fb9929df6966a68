-- The Data Integrity cryptosuite an institute signs with when a request does not choose one.
ALTER TABLE institutes ADD COLUMN cryptosuite TEXT NOT NULL DEFAULT 'eddsa-rdfc-2022'
  CHECK (cryptosuite IN ('eddsa-rdfc-2022', 'eddsa-jcs-2022'));
