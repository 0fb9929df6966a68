import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { auditPreimage, GENESIS_HASH } from '../audit/chain.js';
import {
  StatusSlotTakenError, type AuditInput, type Store, type StatusPurpose, type StatusList, type CredentialRecord, type AchievementRecord,
  type IssuedCredentialWrite,
} from './port.js';
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
import { sqliteConsoleMethods } from './sqlite-console.js';
import { sqliteCohortMethods } from './sqlite-cohort.js';
import { BATCH_ROW_ISSUED, ISSUED_ROW_INSERT } from './cohort-rows.js';
import type { BatchRowRef } from './port.js';

export interface Migration {
  name: string;
  sql: string;
}

/** Applies, in name order and each in its own transaction, the migrations not yet applied. */
export function applyMigrations(db: Db, migrations: Migration[]): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const done = new Set(db.prepare('SELECT name FROM _migrations').pluck().all() as string[]);
  const applied: string[] = [];
  for (const m of [...migrations].sort((a, b) => a.name.localeCompare(b.name))) {
    if (done.has(m.name)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO _migrations (name, applied_at) VALUES (?, ?)').run(m.name, new Date().toISOString());
    })();
    applied.push(m.name);
  }
  return applied;
}

const isUniqueViolation = (e: unknown): boolean => (e as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
const sha256hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The embedded store: better-sqlite3 in WAL mode. Its calls are synchronous, so every
 * multi-statement operation (with its audit entry) is one real SQLite transaction; the
 * port's promises resolve once SQLite has committed.
 */
export function openSqliteStore(path: string, migrations: Migration[]): Store {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  applyMigrations(db, migrations);

  const cache = new Map<string, Statement>();
  const st = (sql: string): Statement => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const one = <T>(row: unknown, parse: (r: Row) => T): T | null => (row ? parse(row as Row) : null);
  const all = <T>(rows: unknown[], parse: (r: Row) => T): T[] => rows.map((r) => parse(r as Row));

  /** Appends an audit entry, chained to the last one. Call inside a transaction. */
  const appendAudit = (a: AuditInput | undefined) => {
    if (!a) return;
    const last = st('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    const entry = {
      seq: (last?.seq ?? 0) + 1, at: a.at, actor: a.actor, instituteId: a.instituteId, action: a.action, target: a.target,
      details: JSON.stringify(a.details ?? {}),
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    st(`INSERT INTO audit_log (seq, at, actor, institute_id, action, target, details, prev_hash, hash)
        VALUES (@seq, @at, @actor, @instituteId, @action, @target, @details, @prevHash, @hash)`)
      .run({ ...entry, prevHash, hash: sha256hex(auditPreimage(prevHash, entry)) });
  };
  const tx = <A extends unknown[], R>(fn: (...args: A) => R) => db.transaction(fn);

  const instituteParams = (i: Parameters<Store['createInstitute']>[0]) => ({
    id: i.id, slug: i.slug, name: i.name, nameKm: i.nameKm, url: i.url, did: i.did, didKey: i.didKey,
    isDefault: i.isDefault ? 1 : 0, createdAt: i.createdAt, contact: i.contact, programmes: JSON.stringify(i.programmes), status: i.status,
    cryptosuite: i.cryptosuite,
  });
  const createInstitute = tx((i: Parameters<Store['createInstitute']>[0], audit?: AuditInput) => {
    st(`INSERT INTO institutes (id, slug, name, name_km, url, did, did_key, is_default, created_at, contact, programmes, status, cryptosuite)
        VALUES (@id, @slug, @name, @nameKm, @url, @did, @didKey, @isDefault, @createdAt, @contact, @programmes, @status, @cryptosuite)`).run(instituteParams(i));
    appendAudit(audit);
  });
  const updateInstitute = tx((i: Parameters<Store['createInstitute']>[0], audit?: AuditInput) => {
    st(`UPDATE institutes SET slug = @slug, name = @name, name_km = @nameKm, url = @url, did = @did, did_key = @didKey,
          contact = @contact, programmes = @programmes, status = @status, cryptosuite = @cryptosuite WHERE id = @id`).run(instituteParams(i));
    appendAudit(audit);
  });
  const addAccreditation = tx((p: Parameters<Store['addAccreditation']>[0], audit?: AuditInput) => {
    st(`INSERT INTO accreditation_periods (institute_id, valid_from, valid_until, programmes, created_at)
        VALUES (?, ?, ?, ?, ?)`).run(p.instituteId, p.validFrom, p.validUntil, JSON.stringify(p.programmes), p.createdAt);
    appendAudit(audit);
  });
  const endAccreditation = tx((instituteId: string, at: string, audit?: AuditInput) => {
    const changes = st(`UPDATE accreditation_periods SET valid_until = ?
        WHERE institute_id = ? AND (valid_until IS NULL OR valid_until > ?)`).run(at, instituteId, at).changes;
    appendAudit(audit);
    return changes;
  });
  const saveIssuerKey = tx((k: Parameters<Store['saveIssuerKey']>[0], retireActive: boolean, audit?: AuditInput) => {
    if (retireActive) st(`UPDATE issuer_keys SET status = 'retired', retired_at = ? WHERE controller = ? AND status = 'active'`).run(k.createdAt, k.controller);
    st(`INSERT INTO issuer_keys (id, controller, owner, public_x, sealed_private, status, created_at, retired_at, compromised_at)
        VALUES (@id, @controller, @owner, @publicX, @sealedPrivate, @status, @createdAt, @retiredAt, @compromisedAt)`).run(k);
    appendAudit(audit);
  });
  const markCompromised = tx((id: string, since: string, audit?: AuditInput) => {
    const changed = st('UPDATE issuer_keys SET compromised_at = ? WHERE id = ? AND (compromised_at IS NULL OR compromised_at > ?)').run(since, id, since).changes === 1;
    if (changed) appendAudit(audit);
    return changed;
  });
  const saveToken = tx((t: Parameters<Store['saveApiToken']>[0], audit?: AuditInput) => {
    st(`INSERT INTO api_tokens (id, token_hash, role, institute_id, label, source, created_at, revoked_at, scopes, expires_at, last_used_at)
        VALUES (@id, @tokenHash, @role, @instituteId, @label, @source, @createdAt, @revokedAt, @scopes, @expiresAt, @lastUsedAt)`)
      .run({ ...t, scopes: JSON.stringify(t.scopes) });
    appendAudit(audit);
  });
  const revokeToken = tx((id: string, at: string, audit?: AuditInput) => {
    const changed = st('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes === 1;
    if (changed) appendAudit(audit);
    return changed;
  });
  /** A credential, its slots' allocation, its achievement, its batch row and audit entry. Call inside a transaction. */
  const writeIssued = (c: CredentialRecord, achievement: AchievementRecord | null, audit?: AuditInput, batchRow?: BatchRowRef, countSlots = true) => {
    const { revocation, suspension, ...columns } = c;
    st(`INSERT INTO credentials (id, credential_url, vc_id, institute_id, issuer_did, di_json, jwt, learner_name, achievement_name,
          achievement_key, valid_from, valid_until, issued_at, issued_by,
          revocation_list, revocation_index, suspension_list, suspension_index, revoked_at, suspended_at)
        VALUES (@id, @credentialUrl, @vcId, @instituteId, @issuerDid, @diJson, @jwt, @learnerName, @achievementName,
          @achievementKey, @validFrom, @validUntil, @issuedAt, @issuedBy,
          @revocationList, @revocationIndex, @suspensionList, @suspensionIndex, @revokedAt, @suspendedAt)`).run({
      ...columns,
      revocationList: revocation?.listId ?? null,
      revocationIndex: revocation?.index ?? null,
      suspensionList: suspension?.listId ?? null,
      suspensionIndex: suspension?.index ?? null,
    });
    if (countSlots) for (const slot of [revocation, suspension]) if (slot) countAllocation(slot.listId, 1);
    if (achievement) {
      st(`INSERT INTO achievements (institute_id, key, json, updated_at) VALUES (@instituteId, @key, @json, @updatedAt)
          ON CONFLICT (institute_id, key) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`).run(achievement);
    }
    if (batchRow) {
      st(ISSUED_ROW_INSERT).run(c.instituteId, batchRow.rowKey, c.id);
      st(BATCH_ROW_ISSUED).run(c.id, batchRow.batchId, batchRow.rowNo);
    }
    appendAudit(audit);
  };
  const countAllocation = (listId: string, n: number) =>
    st(`UPDATE status_lists SET allocated = allocated + @n,
          state = CASE WHEN allocated + @n >= capacity THEN 'full' ELSE state END WHERE id = @listId`).run({ listId, n });
  const saveIssued = tx(writeIssued);
  // The same end state as writing each in turn, with one allocation count per list and only
  // the last upsert of each achievement (a batch group usually shares one of each).
  const saveIssuedMany = tx((items: IssuedCredentialWrite[]) => {
    const allocated = new Map<string, number>();
    const lastOfAchievement = new Map<string, number>();
    items.forEach((i, k) => {
      for (const slot of [i.credential.revocation, i.credential.suspension]) if (slot) allocated.set(slot.listId, (allocated.get(slot.listId) ?? 0) + 1);
      if (i.achievement) lastOfAchievement.set(JSON.stringify([i.achievement.instituteId, i.achievement.key]), k);
    });
    items.forEach((i, k) => {
      const last = i.achievement && lastOfAchievement.get(JSON.stringify([i.achievement.instituteId, i.achievement.key])) === k;
      writeIssued(i.credential, last ? i.achievement : null, i.audit, i.batchRow, false);
    });
    for (const [listId, n] of allocated) countAllocation(listId, n);
  });
  const slotConflict = (error: unknown) =>
    isUniqueViolation(error) && /revocation_|suspension_/.test(String((error as Error).message)) ? new StatusSlotTakenError() : error;
  const ACTIVE_LIST = `SELECT * FROM status_lists WHERE issuer_did = ? AND purpose = ? AND state = 'active'`;
  const activeList = tx((issuerDid: string, purpose: StatusPurpose, candidate: StatusList) => {
    const row = st(ACTIVE_LIST).get(issuerDid, purpose);
    if (row) return statusListFromRow(row as Row);
    st(`INSERT INTO status_lists (id, institute_id, issuer_did, purpose, size, capacity, allocated, state, version, created_at)
        VALUES (@id, @instituteId, @issuerDid, @purpose, @size, @capacity, 0, 'active', 1, @createdAt)`).run(candidate);
    return statusListFromRow(st('SELECT * FROM status_lists WHERE id = ?').get(candidate.id) as Row);
  });
  const STATUS_SQL = {
    revoke: 'UPDATE credentials SET revoked_at = @at WHERE id = @credentialId AND revoked_at IS NULL',
    suspend: 'UPDATE credentials SET suspended_at = @at WHERE id = @credentialId AND revoked_at IS NULL AND suspended_at IS NULL',
    reinstate: 'UPDATE credentials SET suspended_at = NULL WHERE id = @credentialId AND revoked_at IS NULL AND suspended_at IS NOT NULL',
  } as const;
  const PURPOSE_OF = { revoke: 'revocation', suspend: 'suspension', reinstate: 'suspension' } as const;
  const changeStatus = tx((change: Parameters<Store['changeStatus']>[0], audit?: AuditInput) => {
    if (st(STATUS_SQL[change.action]).run({ credentialId: change.credentialId, at: change.at }).changes !== 1) return false;
    st('INSERT INTO credential_events (credential_id, action, reason, actor, at) VALUES (@credentialId, @action, @reason, @actor, @at)').run(change);
    const cols = SLOT_COLUMNS[PURPOSE_OF[change.action]];
    const listId = st(`SELECT ${cols.list} FROM credentials WHERE id = ?`).pluck().get(change.credentialId);
    if (typeof listId === 'string') st('UPDATE status_lists SET version = version + 1 WHERE id = ?').run(listId);
    appendAudit(audit);
    return true;
  });

  return {
    ...sqliteConsoleMethods(db),
    ...sqliteCohortMethods(db, appendAudit),
    async createInstitute(i, audit) {
      createInstitute(i, audit);
    },
    async updateInstitute(i, audit) {
      updateInstitute(i, audit);
    },
    async listInstitutes() {
      return all(st('SELECT * FROM institutes ORDER BY created_at, slug').all(), instituteFromRow);
    },
    async getDefaultInstitute() {
      return one(st('SELECT * FROM institutes WHERE is_default = 1 LIMIT 1').get(), instituteFromRow);
    },
    async getInstituteBySlug(slug) {
      return one(st('SELECT * FROM institutes WHERE slug = ?').get(slug), instituteFromRow);
    },
    async getInstitute(id) {
      return one(st('SELECT * FROM institutes WHERE id = ?').get(id), instituteFromRow);
    },
    async getInstituteByDid(did) {
      return one(st('SELECT * FROM institutes WHERE did = @did OR did_key = @did').get({ did }), instituteFromRow);
    },
    async addAccreditation(period, audit) {
      addAccreditation(period, audit);
    },
    async endAccreditation(instituteId, at, audit) {
      return endAccreditation(instituteId, at, audit);
    },
    async accreditations(instituteId) {
      return all(st('SELECT * FROM accreditation_periods WHERE institute_id = ? ORDER BY valid_from, seq').all(instituteId), accreditationFromRow);
    },
    async saveIssuerKey(key, options = {}) {
      saveIssuerKey(key, options.retireActive ?? false, options.audit);
    },
    async issuerKeys(controller) {
      return all(st('SELECT * FROM issuer_keys WHERE controller = ? ORDER BY created_at DESC, rowid DESC').all(controller), issuerKeyFromRow);
    },
    async markKeyCompromised(id, since, audit) {
      return markCompromised(id, since, audit);
    },
    async saveApiToken(token, audit) {
      saveToken(token, audit);
    },
    async findApiTokenByHash(hash) {
      return one(st('SELECT * FROM api_tokens WHERE token_hash = ?').get(hash), tokenFromRow);
    },
    async listApiTokens(instituteId) {
      return all(st('SELECT * FROM api_tokens WHERE institute_id = ? ORDER BY created_at').all(instituteId), tokenFromRow);
    },
    async revokeApiToken(id, at, audit) {
      return revokeToken(id, at, audit);
    },
    async touchApiToken(id, at) {
      st('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(at, id);
    },
    async revokeApiTokens({ role, source }, at) {
      return st('UPDATE api_tokens SET revoked_at = ? WHERE role = ? AND source = ? AND revoked_at IS NULL').run(at, role, source).changes;
    },
    async saveIssuedCredential(credential, achievement, audit, batchRow) {
      try {
        saveIssued(credential, achievement, audit, batchRow);
      } catch (error) {
        throw slotConflict(error);
      }
    },
    async saveIssuedCredentials(items) {
      try {
        saveIssuedMany(items);
      } catch (error) {
        throw slotConflict(error);
      }
    },
    async getCredential(id) {
      return one(st('SELECT * FROM credentials WHERE id = ?').get(id), credentialFromRow);
    },
    async getCredentialByVcId(vcId) {
      return one(st('SELECT * FROM credentials WHERE vc_id = ? LIMIT 1').get(vcId), credentialFromRow);
    },
    async getAchievement(instituteId, key) {
      return one(st('SELECT * FROM achievements WHERE institute_id = ? AND key = ?').get(instituteId, key), achievementFromRow);
    },
    async activeStatusList(issuerDid, purpose, candidate) {
      // The common case, a list exists, is one read; only creating one needs the transaction.
      const row = st(ACTIVE_LIST).get(issuerDid, purpose);
      return row ? statusListFromRow(row as Row) : activeList(issuerDid, purpose, candidate);
    },
    async getStatusList(id) {
      return one(st('SELECT * FROM status_lists WHERE id = ?').get(id), statusListFromRow);
    },
    async takenStatusIndexes(listId, purpose, indexes) {
      if (indexes.length === 0) return new Set();
      const cols = SLOT_COLUMNS[purpose];
      const rows = st(`SELECT ${cols.index} FROM credentials WHERE ${cols.list} = ? AND ${cols.index} IN (${indexes.map(() => '?').join(',')})`)
        .pluck()
        .all(listId, ...indexes) as number[];
      return new Set(rows);
    },
    async setStatusIndexes(listId, purpose) {
      const cols = SLOT_COLUMNS[purpose];
      return st(`SELECT ${cols.index} FROM credentials WHERE ${cols.list} = ? AND ${cols.flag} IS NOT NULL`).pluck().all(listId) as number[];
    },
    async statusAt(listId, purpose, index) {
      const cols = SLOT_COLUMNS[purpose];
      const setAt = st(`SELECT ${cols.flag} FROM credentials WHERE ${cols.list} = ? AND ${cols.index} = ?`).pluck().get(listId, index);
      return { setAt: typeof setAt === 'string' ? setAt : null };
    },
    async saveSignedStatusList(signed) {
      st(`UPDATE status_lists SET signed_version = @version, signed_json = @json, signed_jwt = @jwt, signed_at = @signedAt,
            valid_until = @validUntil
          WHERE id = @id AND (signed_version IS NULL OR signed_version < @version OR (signed_version = @version AND signed_at <= @signedAt))`).run(signed);
    },
    async changeStatus(change, audit) {
      return changeStatus(change, audit);
    },
    async credentialEvents(credentialId) {
      return all(st('SELECT * FROM credential_events WHERE credential_id = ? ORDER BY seq').all(credentialId), eventFromRow);
    },
    async auditEntries({ instituteId, afterSeq = 0, limit }) {
      const rows = instituteId
        ? st('SELECT * FROM audit_log WHERE institute_id = ? AND seq > ? ORDER BY seq LIMIT ?').all(instituteId, afterSeq, limit)
        : st('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?').all(afterSeq, limit);
      return all(rows, auditFromRow);
    },
    async close() {
      db.close();
    },
  };
}
