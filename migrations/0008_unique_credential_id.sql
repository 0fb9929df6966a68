-- A credential's own `id` names one credential: the VC API issued the same id twice, and a
-- status change by that id (POST /credentials/status) then reached only one of them. A
-- UNIQUE index makes the refusal atomic, so two issues racing with one id cannot both commit.
--
-- A database may already hold such duplicates. Both credentials are signed and in their
-- holders' hands, so neither is dropped nor altered: every one after the first of its id is
-- marked `vc_id_repeat` and left out of the index, and lookups by the id find the first.
-- The later ones stay reachable by their own short id (their URL). New duplicates of any
-- id, marked or not, are refused: the first of each id is always in the index.
ALTER TABLE credentials ADD COLUMN vc_id_repeat INTEGER NOT NULL DEFAULT 0;
UPDATE credentials SET vc_id_repeat = 1
  WHERE vc_id IS NOT NULL
    AND rowid NOT IN (SELECT MIN(rowid) FROM credentials WHERE vc_id IS NOT NULL GROUP BY vc_id);
CREATE UNIQUE INDEX credentials_vc_id_unique ON credentials(vc_id) WHERE vc_id IS NOT NULL AND vc_id_repeat = 0;
