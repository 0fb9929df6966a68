import type { Store } from '../port.js';
import { audited, type AuditLog } from './audit.js';
import { sql, type SqlDriver } from './driver.js';

type AliasMethods = Pick<Store, 'instituteDidAliases' | 'moveInstituteDid'>;

/*
 * An institute's former DIDs (migrations/0009): what it signed under them stays its own. A
 * move is one atomic group whose every statement after the first is guarded in SQL on the
 * first having moved the institute, so nothing happens unless its DID was still `from`.
 */

/** The guard of the statements after the alias insert: the institute is at `to`, and `from` became its alias at `at`. */
const MOVED = `EXISTS (SELECT 1 FROM institutes WHERE id = ? AND did = ?)
  AND EXISTS (SELECT 1 FROM institute_did_aliases WHERE did = ? AND institute_id = ? AND replaced_at = ?)`;

/** Institutes' former DIDs, and the move to a new one. */
export function didAliasMethods(db: SqlDriver, log: AuditLog): AliasMethods {
  return {
    async instituteDidAliases(instituteId) {
      const rows = await db.all(sql('SELECT did FROM institute_did_aliases WHERE institute_id = ? ORDER BY replaced_at, did', instituteId));
      return rows.map((r) => String(r.did));
    },
    async moveInstituteDid({ instituteId, from, to, at, key }, audit) {
      const moved = [instituteId, to, from, instituteId, at] as const;
      const results = await log.write([
        sql('UPDATE institutes SET did = ? WHERE id = ? AND did = ?', to, instituteId, from),
        sql('INSERT INTO institute_did_aliases (did, institute_id, replaced_at) SELECT ?, ?, ? WHERE changes() = 1', from, instituteId, at),
        // Moving back to a DID it had before: that one is its own again, not an alias.
        sql(`DELETE FROM institute_did_aliases WHERE did = ? AND institute_id = ? AND ${MOVED}`, to, instituteId, ...moved),
        key
          ? sql(`INSERT INTO issuer_keys (id, controller, owner, public_x, sealed_private, status, created_at, retired_at, compromised_at)
              SELECT ?, ?, ?, ?, ?, 'active', ?, NULL, NULL WHERE ${MOVED}`, key.id, to, key.owner, key.publicX, key.sealedPrivate, key.createdAt, ...moved)
          : null,
        // Changes one row exactly when this move happened: what the audit entry is guarded on.
        sql(`UPDATE institute_did_aliases SET replaced_at = replaced_at WHERE did = ? AND institute_id = ? AND ${MOVED}`, from, instituteId, ...moved),
        audited(audit, true),
      ]);
      return results[1]?.changes === 1;
    },
  };
}
