/*
 * The SQL of an institute's DID aliases (migrations/0009), shared by the SQLite and D1
 * adapters. A move is one transaction whose every later statement is guarded on the first:
 * nothing happens unless the institute's DID was still the one being replaced.
 */

/** ?1 a DID: the institute's own, its did:key, or one it had before. */
export const INSTITUTE_BY_DID = `SELECT * FROM institutes WHERE did = ?1 OR did_key = ?1
  OR id = (SELECT institute_id FROM institute_did_aliases WHERE did = ?1) LIMIT 1`;

export const ALIASES_OF = 'SELECT did FROM institute_did_aliases WHERE institute_id = ? ORDER BY replaced_at, did';

/** ?1 institute id, ?2 from, ?3 to. */
export const MOVE_INSTITUTE = 'UPDATE institutes SET did = ?3 WHERE id = ?1 AND did = ?2';
/** ?1 institute id, ?2 from, ?3 to, ?4 at; only right after MOVE_INSTITUTE changed its row. */
export const ADD_ALIAS = 'INSERT INTO institute_did_aliases (did, institute_id, replaced_at) SELECT ?2, ?1, ?4 WHERE changes() = 1';
/** The guard of the statements after ADD_ALIAS: the institute is at `to`, and `from` became its alias at `at`. */
const MOVED = `EXISTS (SELECT 1 FROM institutes WHERE id = ?1 AND did = ?3)
  AND EXISTS (SELECT 1 FROM institute_did_aliases WHERE did = ?2 AND institute_id = ?1 AND replaced_at = ?4)`;
/** Moving back to a DID it had before: that one is its own again, not an alias. */
export const DROP_ALIAS = `DELETE FROM institute_did_aliases WHERE did = ?3 AND institute_id = ?1 AND ${MOVED}`;
/** ?1–?4 as above, then the key: ?5 id, ?6 owner, ?7 public_x, ?8 sealed_private, ?9 created_at. */
export const ADD_KEY = `INSERT INTO issuer_keys (id, controller, owner, public_x, sealed_private, status, created_at, retired_at, compromised_at)
  SELECT ?5, ?3, ?6, ?7, ?8, 'active', ?9, NULL, NULL WHERE ${MOVED}`;
/** Changes one row exactly when this move happened: what the audit entry is guarded on. */
export const MOVED_ROW = `UPDATE institute_did_aliases SET replaced_at = replaced_at WHERE did = ?2 AND institute_id = ?1 AND ${MOVED}`;
