-- One status entry per credential (Open Badges 3.0 allows a single credentialStatus): a
-- `revocation` list whose bit is set while a credential in it is revoked OR suspended, and
-- cleared when a suspension is lifted. Digital Bazaar's and DCC's verifiers read only the
-- entry's one bit, so this is the one layout in which both see a revoked credential as
-- revoked and a suspended one as not valid (README, "Revocation and suspension").
-- Lists made before keep their meaning (0: the bit means revoked, or suspended for a
-- suspension list), so the credentials issued with two entries verify as before.
ALTER TABLE status_lists ADD COLUMN covers_suspension INTEGER NOT NULL DEFAULT 0 CHECK (covers_suspension IN (0, 1));
-- at most one list per issuer DID, purpose and kind takes new credentials
DROP INDEX status_lists_one_active;
CREATE UNIQUE INDEX status_lists_one_active ON status_lists(issuer_did, purpose, covers_suspension) WHERE state = 'active';

-- An institute's logo (an https URL of an image), shown as the issuer's image and used as the
-- image of the achievements it issues; without one, skillcert draws a badge for each.
ALTER TABLE institutes ADD COLUMN image_url TEXT;
