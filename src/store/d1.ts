import { StatusSlotTakenError, type AchievementRecord, type AuditInput, type CredentialRecord, type Store, type StatusList } from './port.js';
import {
  SLOT_COLUMNS,
  accreditationFromRow,
  achievementFromRow,
  auditFromRow,
  credentialFromRow,
  eventFromRow,
  instituteFromRow,
  issuerKeyFromRow,
  statusListFromRow,
  tokenFromRow,
  type Row,
} from './rows.js';
import { d1AuditChain } from './d1-audit.js';
import { d1ConsoleMethods } from './d1-console.js';
import { d1CohortMethods } from './d1-cohort.js';
import { BATCH_ROW_ISSUED, ISSUED_ROW_INSERT } from './cohort-rows.js';
import type { BatchRowRef } from './port.js';

/*
 * The parts of Cloudflare's D1 binding this adapter calls, typed structurally so that the
 * core's type-check needs no Workers typings (the live binding satisfies them).
 */
export interface D1Result {
  results?: unknown[];
  meta: { changes?: number };
}
export interface D1PreparedStatement {
  bind(...values: unknown[]): D1PreparedStatement;
  first<T = Row>(): Promise<T | null>;
  all<T = Row>(): Promise<{ results: T[] }>;
  run(): Promise<D1Result>;
}
export interface D1Database {
  prepare(sql: string): D1PreparedStatement;
  /** Runs the statements in order in one transaction: all commit, or none. */
  batch(statements: D1PreparedStatement[]): Promise<D1Result[]>;
}

/*
 * How this adapter keeps the port's promises on D1, where SQLite used a transaction:
 *
 * - A D1 `batch()` is one SQLite transaction, so a multi-statement write is one batch. But a
 *   batch is fixed before it runs: no statement can look at an earlier one's result from
 *   JavaScript. Where SQLite's transaction branched ("insert the event only if the UPDATE
 *   changed a row"), the condition moves into SQL: each dependent statement is an
 *   `INSERT … SELECT … WHERE changes() = 1` (or an UPDATE with that guard). `changes()` is
 *   the row count of the statement that completed just before, in the same transaction, so
 *   the chain holds exactly when the first compare-and-set did.
 * - The audit chain: an entry's hash covers the previous entry's hash, which SQLite read
 *   inside the transaction. Here it is read before the batch, and the entry is inserted with
 *   seq = last seq + 1 as the batch's guarded statement. If another writer appended
 *   meanwhile, that seq (the primary key) is taken, the batch fails as a whole, and the
 *   operation is retried from a fresh read (optimistic concurrency). Entries are never
 *   deleted, so an unused seq means nothing was appended after the entry we chained to.
 * - Status slots: the same UNIQUE indexes as SQLite make a slot taken by a concurrent issue
 *   fail the batch, which becomes StatusSlotTakenError, as on SQLite.
 * - activeStatusList: SQLite selected then inserted inside a transaction; here the insert is
 *   `ON CONFLICT DO NOTHING` against the one-active-list-per-DID index, and the list is read
 *   back in the same batch, so two isolates racing get the same list.
 */

const MAX_BOUND_PARAMETERS = 90; // D1 binds at most 100 parameters per statement

const isSlotConflict = (e: unknown): boolean => /UNIQUE constraint failed: credentials\.(revocation|suspension)_/.test(String((e as Error)?.message ?? e));
/** D1 binds null, never undefined. */
const v = (value: unknown): unknown => (value === undefined ? null : value);

/** Opens the port over a D1 database whose schema is migrations/ (applied by wrangler). */
export function openD1Store(db: D1Database): Store {
  const st = (sql: string, ...values: unknown[]) => db.prepare(sql).bind(...values.map(v));
  const one = async <T>(stmt: D1PreparedStatement, parse: (r: Row) => T): Promise<T | null> => {
    const row = await stmt.first<Row>();
    return row ? parse(row) : null;
  };
  const all = async <T>(stmt: D1PreparedStatement, parse: (r: Row) => T): Promise<T[]> => (await stmt.all<Row>()).results.map(parse);
  const chain = d1AuditChain(db, st);

  /**
   * Runs `statements` and, when there is an audit entry, its chained insert, as one batch;
   * `guardAudit`: the entry is written only if the last statement changed a row.
   */
  const write = async (statements: D1PreparedStatement[], audit: AuditInput | undefined, options: { guardAudit?: boolean } = {}) =>
    audit
      ? chain.retrying(async () => db.batch([...statements, ...((await chain.statements([audit], options.guardAudit)) as D1PreparedStatement[])]))
      : db.batch(statements);
  const changed = (results: D1Result[], i = 0) => (results[i]?.meta.changes ?? 0) === 1;



  /** What saving one issued credential writes, before its audit entry. */
  const issuedStatements = (c: CredentialRecord, achievement: AchievementRecord | null, batchRow: BatchRowRef | undefined): D1PreparedStatement[] => {
    const statements = [st(`INSERT INTO credentials (id, credential_url, vc_id, institute_id, issuer_did, di_json, jwt, learner_name, achievement_name,
          achievement_key, valid_from, valid_until, issued_at, issued_by,
          revocation_list, revocation_index, suspension_list, suspension_index, revoked_at, suspended_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      c.id, c.credentialUrl, c.vcId, c.instituteId, c.issuerDid, c.diJson, c.jwt, c.learnerName, c.achievementName,
      c.achievementKey, c.validFrom, c.validUntil, c.issuedAt, c.issuedBy,
      c.revocation?.listId, c.revocation?.index, c.suspension?.listId, c.suspension?.index, c.revokedAt, c.suspendedAt)];
    for (const slot of [c.revocation, c.suspension]) {
      if (slot) {
        statements.push(st(`UPDATE status_lists SET allocated = allocated + 1,
            state = CASE WHEN allocated + 1 >= capacity THEN 'full' ELSE state END WHERE id = ?`, slot.listId));
      }
    }
    if (achievement) {
      statements.push(st(`INSERT INTO achievements (institute_id, key, json, updated_at) VALUES (?, ?, ?, ?)
          ON CONFLICT (institute_id, key) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
        achievement.instituteId, achievement.key, achievement.json, achievement.updatedAt));
    }
    if (batchRow) {
      statements.push(st(ISSUED_ROW_INSERT, c.instituteId, batchRow.rowKey, c.id), st(BATCH_ROW_ISSUED, c.id, batchRow.batchId, batchRow.rowNo));
    }
    return statements;
  };

  const instituteValues = (i: Parameters<Store['createInstitute']>[0]) =>
    [i.slug, i.name, i.nameKm, i.url, i.did, i.didKey, i.isDefault ? 1 : 0, i.createdAt, i.contact, JSON.stringify(i.programmes), i.status, i.id, i.cryptosuite];

  /** The compare-and-set of each status change: it changes one row exactly when the transition is allowed. */
  const STATUS_CAS = {
    revoke: (id: string, at: string) => st('UPDATE credentials SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', at, id),
    suspend: (id: string, at: string) =>
      st('UPDATE credentials SET suspended_at = ? WHERE id = ? AND revoked_at IS NULL AND suspended_at IS NULL', at, id),
    reinstate: (id: string) => st('UPDATE credentials SET suspended_at = NULL WHERE id = ? AND revoked_at IS NULL AND suspended_at IS NOT NULL', id),
  } as const;
  const PURPOSE_OF = { revoke: 'revocation', suspend: 'suspension', reinstate: 'suspension' } as const;

  return {
    ...d1ConsoleMethods(db),
    ...d1CohortMethods(db, st, (statements, audit) => write(statements, audit)),
    async createInstitute(i, audit) {
      await write([st(`INSERT INTO institutes (slug, name, name_km, url, did, did_key, is_default, created_at, contact, programmes, status, id, cryptosuite)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, ...instituteValues(i))], audit);
    },
    async updateInstitute(i, audit) {
      const [slug, name, nameKm, url, did, didKey, , , contact, programmes, status, id, cryptosuite] = instituteValues(i);
      await write([st(`UPDATE institutes SET slug = ?, name = ?, name_km = ?, url = ?, did = ?, did_key = ?,
          contact = ?, programmes = ?, status = ?, cryptosuite = ? WHERE id = ?`, slug, name, nameKm, url, did, didKey, contact, programmes, status, cryptosuite, id)], audit);
    },
    async listInstitutes() {
      return all(st('SELECT * FROM institutes ORDER BY created_at, slug'), instituteFromRow);
    },
    async getDefaultInstitute() {
      return one(st('SELECT * FROM institutes WHERE is_default = 1 LIMIT 1'), instituteFromRow);
    },
    async getInstituteBySlug(slug) {
      return one(st('SELECT * FROM institutes WHERE slug = ?', slug), instituteFromRow);
    },
    async getInstitute(id) {
      return one(st('SELECT * FROM institutes WHERE id = ?', id), instituteFromRow);
    },
    async getInstituteByDid(did) {
      return one(st('SELECT * FROM institutes WHERE did = ?1 OR did_key = ?1', did), instituteFromRow);
    },
    async addAccreditation(p, audit) {
      await write([st(`INSERT INTO accreditation_periods (institute_id, valid_from, valid_until, programmes, created_at) VALUES (?, ?, ?, ?, ?)`,
        p.instituteId, p.validFrom, p.validUntil, JSON.stringify(p.programmes), p.createdAt)], audit);
    },
    async endAccreditation(instituteId, at, audit) {
      const results = await write([st(`UPDATE accreditation_periods SET valid_until = ?1
          WHERE institute_id = ?2 AND (valid_until IS NULL OR valid_until > ?1)`, at, instituteId)], audit);
      return results[0]?.meta.changes ?? 0;
    },
    async accreditations(instituteId) {
      return all(st('SELECT * FROM accreditation_periods WHERE institute_id = ? ORDER BY valid_from, seq', instituteId), accreditationFromRow);
    },
    async saveIssuerKey(k, options = {}) {
      const statements = [];
      if (options.retireActive) {
        statements.push(st(`UPDATE issuer_keys SET status = 'retired', retired_at = ? WHERE controller = ? AND status = 'active'`, k.createdAt, k.controller));
      }
      statements.push(st(`INSERT INTO issuer_keys (id, controller, owner, public_x, sealed_private, status, created_at, retired_at, compromised_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        k.id, k.controller, k.owner, k.publicX, k.sealedPrivate, k.status, k.createdAt, k.retiredAt, k.compromisedAt));
      await write(statements, options.audit);
    },
    async issuerKeys(controller) {
      return all(st('SELECT * FROM issuer_keys WHERE controller = ? ORDER BY created_at DESC, rowid DESC', controller), issuerKeyFromRow);
    },
    async markKeyCompromised(id, since, audit) {
      const results = await write([st('UPDATE issuer_keys SET compromised_at = ?1 WHERE id = ?2 AND (compromised_at IS NULL OR compromised_at > ?1)', since, id)], audit, { guardAudit: true });
      return changed(results);
    },
    async saveApiToken(t, audit) {
      await write([st(`INSERT INTO api_tokens (id, token_hash, role, institute_id, label, source, created_at, revoked_at, scopes, expires_at, last_used_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        t.id, t.tokenHash, t.role, t.instituteId, t.label, t.source, t.createdAt, t.revokedAt, JSON.stringify(t.scopes), t.expiresAt, t.lastUsedAt)], audit);
    },
    async findApiTokenByHash(hash) {
      return one(st('SELECT * FROM api_tokens WHERE token_hash = ?', hash), tokenFromRow);
    },
    async listApiTokens(instituteId) {
      return all(st('SELECT * FROM api_tokens WHERE institute_id = ? ORDER BY created_at', instituteId), tokenFromRow);
    },
    async revokeApiToken(id, at, audit) {
      const results = await write([st('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', at, id)], audit, { guardAudit: true });
      return changed(results);
    },
    async touchApiToken(id, at) {
      await st('UPDATE api_tokens SET last_used_at = ? WHERE id = ?', at, id).run();
    },
    async revokeApiTokens({ role, source }, at) {
      const result = await st('UPDATE api_tokens SET revoked_at = ? WHERE role = ? AND source = ? AND revoked_at IS NULL', at, role, source).run();
      return result.meta.changes ?? 0;
    },
    async saveIssuedCredential(c, achievement, audit, batchRow) {
      try {
        await write(issuedStatements(c, achievement, batchRow), audit);
      } catch (error) {
        if (isSlotConflict(error)) throw new StatusSlotTakenError();
        throw error;
      }
    },
    async saveIssuedCredentials(items) {
      if (items.length === 0) return;
      const bodies = items.map((i) => issuedStatements(i.credential, i.achievement, i.batchRow));
      // One batch: each credential's statements then its audit entry, the entries chained from
      // one read of the head.
      try {
        await chain.retrying(async () => {
          const audits = await chain.statements(items.map((i) => i.audit));
          await db.batch(items.flatMap((_, k) => [...(bodies[k] as D1PreparedStatement[]), ...(audits[k] ? [audits[k]] : [])]));
        });
      } catch (error) {
        if (isSlotConflict(error)) throw new StatusSlotTakenError();
        throw error;
      }
    },
    async getCredential(id) {
      return one(st('SELECT * FROM credentials WHERE id = ?', id), credentialFromRow);
    },
    async getCredentialByVcId(vcId) {
      return one(st('SELECT * FROM credentials WHERE vc_id = ? LIMIT 1', vcId), credentialFromRow);
    },
    async getAchievement(instituteId, key) {
      return one(st('SELECT * FROM achievements WHERE institute_id = ? AND key = ?', instituteId, key), achievementFromRow);
    },
    async activeStatusList(issuerDid, purpose, candidate: StatusList) {
      const select = () => st(`SELECT * FROM status_lists WHERE issuer_did = ? AND purpose = ? AND state = 'active'`, issuerDid, purpose);
      const found = await one(select(), statusListFromRow);
      if (found) return found;
      const [, read] = await db.batch([
        st(`INSERT INTO status_lists (id, institute_id, issuer_did, purpose, size, capacity, allocated, state, version, created_at)
            VALUES (?, ?, ?, ?, ?, ?, 0, 'active', 1, ?) ON CONFLICT DO NOTHING`,
          candidate.id, candidate.instituteId, candidate.issuerDid, candidate.purpose, candidate.size, candidate.capacity, candidate.createdAt),
        select(),
      ]);
      const row = read?.results?.[0];
      if (!row) throw new Error(`no active ${purpose} list for ${issuerDid} after creating one`);
      return statusListFromRow(row as Row);
    },
    async getStatusList(id) {
      return one(st('SELECT * FROM status_lists WHERE id = ?', id), statusListFromRow);
    },
    async takenStatusIndexes(listId, purpose, indexes) {
      const cols = SLOT_COLUMNS[purpose];
      const taken = new Set<number>();
      for (let i = 0; i < indexes.length; i += MAX_BOUND_PARAMETERS) {
        const chunk = indexes.slice(i, i + MAX_BOUND_PARAMETERS);
        const { results } = await st(`SELECT ${cols.index} AS i FROM credentials WHERE ${cols.list} = ? AND ${cols.index} IN (${chunk.map(() => '?').join(',')})`,
          listId, ...chunk).all<{ i: number }>();
        for (const r of results) taken.add(r.i);
      }
      return taken;
    },
    async setStatusIndexes(listId, purpose) {
      const cols = SLOT_COLUMNS[purpose];
      const { results } = await st(`SELECT ${cols.index} AS i FROM credentials WHERE ${cols.list} = ? AND ${cols.flag} IS NOT NULL`, listId).all<{ i: number }>();
      return results.map((r) => r.i);
    },
    async statusAt(listId, purpose, index) {
      const cols = SLOT_COLUMNS[purpose];
      const row = await st(`SELECT ${cols.flag} AS setAt FROM credentials WHERE ${cols.list} = ? AND ${cols.index} = ?`, listId, index).first<{ setAt: unknown }>();
      return { setAt: typeof row?.setAt === 'string' ? row.setAt : null };
    },
    async saveSignedStatusList(s) {
      await st(`UPDATE status_lists SET signed_version = ?2, signed_json = ?3, signed_jwt = ?4, signed_at = ?5, valid_until = ?6
          WHERE id = ?1 AND (signed_version IS NULL OR signed_version < ?2 OR (signed_version = ?2 AND signed_at <= ?5))`,
        s.id, s.version, s.json, s.jwt, s.signedAt, s.validUntil).run();
    },
    async changeStatus(change, audit) {
      // The compare-and-set comes first; everything after it runs only if it changed the row
      // (see the note at the top: `changes() = 1` carries the outcome along the batch).
      const cols = SLOT_COLUMNS[PURPOSE_OF[change.action]];
      const head = [STATUS_CAS[change.action](change.credentialId, change.at)];
      const tail = [
        st(`INSERT INTO credential_events (credential_id, action, reason, actor, at) SELECT ?, ?, ?, ?, ? WHERE changes() = 1`,
          change.credentialId, change.action, change.reason, change.actor, change.at),
        st(`UPDATE status_lists SET version = version + 1
            WHERE changes() = 1 AND id = (SELECT ${cols.list} FROM credentials WHERE id = ?)`, change.credentialId),
      ];
      if (!audit) return changed(await db.batch([...head, ...tail]));
      // With an audit entry, the guarded audit insert sits right after the compare-and-set
      // (it keeps the chain going: it changes one row exactly when the update did).
      return chain.retrying(async () => changed(await db.batch([...head, ...(await chain.statements([audit], true)) as D1PreparedStatement[], ...tail])));
    },
    async credentialEvents(credentialId) {
      return all(st('SELECT * FROM credential_events WHERE credential_id = ? ORDER BY seq', credentialId), eventFromRow);
    },
    async auditEntries({ instituteId, afterSeq = 0, limit }) {
      return instituteId
        ? all(st('SELECT * FROM audit_log WHERE institute_id = ? AND seq > ? ORDER BY seq LIMIT ?', instituteId, afterSeq, limit), auditFromRow)
        : all(st('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?', afterSeq, limit), auditFromRow);
    },
    async close() {
      // The binding belongs to the runtime; there is nothing to close.
    },
  };
}
