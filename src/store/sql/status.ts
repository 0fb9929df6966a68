import type { StatusAction, Store } from '../port.js';
import { audited, type AuditLog } from './audit.js';
import { sql, type Sql, type SqlDriver } from './driver.js';
import { statusEvent } from './webhook-events.js';
import { eventFromRow, SLOT_COLUMNS, statusListFromRow } from './rows.js';

type StatusMethods = Pick<Store,
  | 'activeStatusList' | 'getStatusList' | 'getStatusListInfo' | 'takenStatusIndexes' | 'setStatusIndexes' | 'statusAt' | 'saveSignedStatusList'
  | 'listStatusLists' | 'suspendedStatusIndexes'
  | 'changeStatus' | 'credentialEvents'>;

const ACTIVE_LIST = `SELECT * FROM status_lists WHERE issuer_did = ? AND purpose = ? AND covers_suspension = ? AND state = 'active'`;

/**
 * The compare-and-set of each status change: it changes the credential's row exactly when
 * the transition is allowed (revoke: not yet revoked; suspend: neither revoked nor suspended;
 * reinstate: suspended, not revoked).
 */
const STATUS_CAS: Record<StatusAction, (id: string, at: string) => Sql> = {
  revoke: (id, at) => sql('UPDATE credentials SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', at, id),
  suspend: (id, at) => sql('UPDATE credentials SET suspended_at = ? WHERE id = ? AND revoked_at IS NULL AND suspended_at IS NULL', at, id),
  reinstate: (id) => sql('UPDATE credentials SET suspended_at = NULL WHERE id = ? AND revoked_at IS NULL AND suspended_at IS NOT NULL', id),
};
/** The bit of a covering list (migrations/0010) is set while its credential is revoked or suspended. */
const COVERED = `(SELECT covers_suspension FROM status_lists WHERE id = ?) = 1`;

/** Status lists, and changes of a credential's status with their history. */
export function statusMethods(db: SqlDriver, log: AuditLog): StatusMethods {
  return {
    async activeStatusList(issuerDid, purpose, candidate) {
      const kind = candidate.coversSuspension ? 1 : 0;
      const found = await db.first(sql(ACTIVE_LIST, issuerDid, purpose, kind));
      if (found) return statusListFromRow(found);
      // Against the one-active-list-per-DID index: of two writers racing to create the list,
      // one inserts and both read back the same list.
      const [, read] = await db.atomic([
        sql(`INSERT INTO status_lists (id, institute_id, issuer_did, purpose, covers_suspension, size, capacity, allocated, state, version, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'active', 1, ?) ON CONFLICT DO NOTHING`,
        candidate.id, candidate.instituteId, candidate.issuerDid, candidate.purpose, kind, candidate.size, candidate.capacity, candidate.createdAt),
        sql(ACTIVE_LIST, issuerDid, purpose, kind),
      ]);
      const row = read?.rows[0];
      if (!row) throw new Error(`no active ${purpose} list for ${issuerDid} after creating one`);
      return statusListFromRow(row);
    },
    async getStatusList(id) {
      const row = await db.first(sql('SELECT * FROM status_lists WHERE id = ?', id));
      return row ? statusListFromRow(row) : null;
    },
    async getStatusListInfo(id) {
      const row = await db.first(sql(`SELECT id, institute_id, issuer_did, purpose, covers_suspension, size, capacity, allocated, state, version,
          signed_version, signed_at, valid_until, created_at FROM status_lists WHERE id = ?`, id));
      if (!row) return null;
      const { signedJson: _json, signedJwt: _jwt, ...info } = statusListFromRow({ ...row, signed_json: null, signed_jwt: null });
      return info;
    },
    async takenStatusIndexes(listId, purpose, indexes) {
      if (indexes.length === 0) return new Set();
      const cols = SLOT_COLUMNS[purpose];
      // The indexes travel as one JSON parameter: one statement text however many (D1 binds at most 100).
      const rows = await db.all(sql(`SELECT ${cols.index} AS i FROM credentials WHERE ${cols.list} = ? AND ${cols.index} IN (SELECT value FROM json_each(?))`,
        listId, JSON.stringify(indexes)));
      return new Set(rows.map((r) => Number(r.i)));
    },
    async setStatusIndexes(listId, purpose) {
      const cols = SLOT_COLUMNS[purpose];
      const covered = purpose === 'revocation' ? ` OR (suspended_at IS NOT NULL AND ${COVERED})` : '';
      const rows = await db.all(sql(`SELECT ${cols.index} AS i FROM credentials WHERE ${cols.list} = ? AND (${cols.flag} IS NOT NULL${covered})`,
        listId, ...(covered ? [listId] : [])));
      return rows.map((r) => Number(r.i));
    },
    async listStatusLists(limit) {
      return (await db.all(sql('SELECT * FROM status_lists ORDER BY created_at DESC, id LIMIT ?', limit))).map(statusListFromRow);
    },
    async suspendedStatusIndexes(listId) {
      const rows = await db.all(sql(`SELECT revocation_index AS i FROM credentials
          WHERE revocation_list = ? AND revoked_at IS NULL AND suspended_at IS NOT NULL AND ${COVERED}`, listId, listId));
      return rows.map((r) => Number(r.i));
    },
    async statusAt(listId, purpose, index) {
      const cols = SLOT_COLUMNS[purpose];
      const row = await db.first(sql(`SELECT revoked_at AS r, suspended_at AS s, ${COVERED} AS covers FROM credentials WHERE ${cols.list} = ? AND ${cols.index} = ?`,
        listId, listId, index));
      const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
      const [revokedAt, suspendedAt] = [text(row?.r), text(row?.s)];
      if (purpose === 'revocation' && Number(row?.covers) === 1) {
        return revokedAt ? { setAt: revokedAt, why: 'revoked' } : suspendedAt ? { setAt: suspendedAt, why: 'suspended' } : { setAt: null };
      }
      return { setAt: purpose === 'revocation' ? revokedAt : suspendedAt };
    },
    async saveSignedStatusList(s) {
      await db.run(sql(`UPDATE status_lists SET signed_version = ?, signed_json = ?, signed_jwt = ?, signed_at = ?, valid_until = ?
          WHERE id = ? AND (signed_version IS NULL OR signed_version < ? OR (signed_version = ? AND signed_at <= ?))`,
      s.version, s.json, s.jwt, s.signedAt, s.validUntil, s.id, s.version, s.version, s.signedAt));
    },

    async changeStatus(change, audit) {
      // The compare-and-set comes first; every statement after it is guarded by
      // `changes() = 1`, so it happens exactly when the one before it did, and the outcome
      // travels down the group: audit entry, event, the list's version.
      const [cas] = await log.write([
        STATUS_CAS[change.action](change.credentialId, change.at),
        audited(audit, true),
        sql('INSERT INTO credential_events (credential_id, action, reason, actor, at) SELECT ?, ?, ?, ?, ? WHERE changes() = 1',
          change.credentialId, change.action, change.reason, change.actor, change.at),
        statusEvent(change),
        // A revocation changes the credential's revocation list; a suspension or its end, its
        // suspension list, or its revocation list when that one covers suspension.
        sql(`UPDATE status_lists SET version = version + 1 WHERE changes() = 1 AND (
            (id = (SELECT revocation_list FROM credentials WHERE id = ?) AND (? = 'revoke' OR covers_suspension = 1))
            OR (id = (SELECT suspension_list FROM credentials WHERE id = ?) AND ? <> 'revoke'))`,
        change.credentialId, change.action, change.credentialId, change.action),
      ]);
      return cas?.changes === 1;
    },
    async credentialEvents(credentialId) {
      return (await db.all(sql('SELECT * FROM credential_events WHERE credential_id = ? ORDER BY seq', credentialId))).map(eventFromRow);
    },
  };
}
