-- Insight for the ministry and institutes (issue 19): what was issued and what employers verify,
-- counted without recording who checked whom.

-- Where an institute is (one of Cambodia's 25 provinces, by ISO 3166-2:KH code) and whether it
-- is public, private or run by an NGO; both optional, validated by the API (src/insight/provinces.ts).
ALTER TABLE institutes ADD COLUMN province TEXT;
ALTER TABLE institutes ADD COLUMN sector TEXT;

-- What a credential certifies, for grouping: its achievement's Khmer name, its CQF level
-- (the ext:QualificationLevel alignment) and its achievementType. Written with the credential
-- from the signed document; credentials issued before this migration are filled in below.
ALTER TABLE credentials ADD COLUMN achievement_name_km TEXT;
ALTER TABLE credentials ADD COLUMN achievement_level TEXT;
ALTER TABLE credentials ADD COLUMN achievement_type TEXT;
UPDATE credentials SET
  achievement_level = (
    SELECT json_extract(a.value, '$.targetName') FROM json_each(credentials.di_json, '$.credentialSubject.achievement.alignment') AS a
    WHERE json_extract(a.value, '$.targetType') = 'ext:QualificationLevel' LIMIT 1),
  achievement_type = json_extract(credentials.di_json, '$.credentialSubject.achievement.achievementType')
WHERE json_valid(di_json) AND json_type(di_json, '$.credentialSubject') = 'object';

-- Daily counters: how often each credential was verified (by route and verdict), its learner
-- page viewed and its share card drawn. Nothing identifies the one who looked: no address,
-- user agent, cookie or time of day. `day` is the calendar day in Cambodia (UTC+7).
CREATE TABLE insight_counts (
  day            TEXT NOT NULL,
  credential_id  TEXT NOT NULL,
  institute_id   TEXT NOT NULL,
  event          TEXT NOT NULL CHECK (event IN ('verification', 'page-view', 'share-card')),
  -- how the verification came: api, vc-api, qr-page (/v/:id, what a scanned QR opens), verify-page; '' for a view
  channel        TEXT NOT NULL,
  -- the verdict (src/verifier/verdict.ts) of a verification; '' for a view
  verdict        TEXT NOT NULL,
  n              INTEGER NOT NULL,
  PRIMARY KEY (day, credential_id, event, channel, verdict)
);
CREATE INDEX insight_counts_institute ON insight_counts(institute_id, day);
CREATE INDEX insight_counts_credential ON insight_counts(credential_id);
