import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import {
  AchievementRecordSchema,
  ApiTokenSchema,
  CredentialRecordSchema,
  InstituteSchema,
  type AchievementRecord,
  type ApiToken,
  type CredentialRecord,
  type Institute,
  type Store,
  CredentialEventSchema,
  StatusListSchema,
  StatusSlotTakenError,
  type CredentialEvent,
  type StatusList,
  type StatusPurpose,
} from './port.js';

export interface Migration {
  name: string;
  sql: string;
}

type Row = Record<string, unknown>;

const instituteFromRow = (r: Row): Institute =>
  InstituteSchema.parse({
    id: r.id, slug: r.slug, name: r.name, nameKm: r.name_km, url: r.url, did: r.did, didKey: r.did_key,
    isDefault: r.is_default === 1, createdAt: r.created_at,
  });

const tokenFromRow = (r: Row): ApiToken =>
  ApiTokenSchema.parse({
    id: r.id, tokenHash: r.token_hash, role: r.role, instituteId: r.institute_id, label: r.label,
    source: r.source, createdAt: r.created_at, revokedAt: r.revoked_at,
  });

const credentialFromRow = (r: Row): CredentialRecord =>
  CredentialRecordSchema.parse({
    id: r.id, credentialUrl: r.credential_url, vcId: r.vc_id, instituteId: r.institute_id, issuerDid: r.issuer_did,
    diJson: r.di_json, jwt: r.jwt,
    learnerName: r.learner_name, achievementName: r.achievement_name, achievementKey: r.achievement_key,
    validFrom: r.valid_from, validUntil: r.valid_until, issuedAt: r.issued_at, issuedBy: r.issued_by,
    revocation: r.revocation_list == null ? null : { listId: r.revocation_list, index: r.revocation_index },
    suspension: r.suspension_list == null ? null : { listId: r.suspension_list, index: r.suspension_index },
    revokedAt: r.revoked_at, suspendedAt: r.suspended_at,
  });

const statusListFromRow = (r: Row): StatusList =>
  StatusListSchema.parse({
    id: r.id, instituteId: r.institute_id, issuerDid: r.issuer_did, purpose: r.purpose, size: r.size, capacity: r.capacity, allocated: r.allocated,
    state: r.state, version: r.version, signedVersion: r.signed_version, signedJson: r.signed_json, signedJwt: r.signed_jwt,
    signedAt: r.signed_at, validUntil: r.valid_until, createdAt: r.created_at,
  });

const eventFromRow = (r: Row): CredentialEvent =>
  CredentialEventSchema.parse({ seq: r.seq, credentialId: r.credential_id, action: r.action, reason: r.reason, actor: r.actor, at: r.at });

const isUniqueViolation = (e: unknown): boolean =>
  (e as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';

// Column names per purpose; never built from input.
const SLOT_COLUMNS: Record<StatusPurpose, { list: string; index: string; flag: string }> = {
  revocation: { list: 'revocation_list', index: 'revocation_index', flag: 'revoked_at' },
  suspension: { list: 'suspension_list', index: 'suspension_index', flag: 'suspended_at' },
};

const achievementFromRow = (r: Row): AchievementRecord =>
  AchievementRecordSchema.parse({ instituteId: r.institute_id, key: r.key, json: r.json, updatedAt: r.updated_at });

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

/**
 * The embedded store: better-sqlite3 in WAL mode. Its calls are synchronous; the port's
 * promises resolve as soon as SQLite has committed.
 */
export function openSqliteStore(path: string, migrations: Migration[]): Store {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  applyMigrations(db, migrations);

  const q = {
    insertInstitute: db.prepare(
      `INSERT INTO institutes (id, slug, name, name_km, url, did, did_key, is_default, created_at)
       VALUES (@id, @slug, @name, @nameKm, @url, @did, @didKey, @isDefault, @createdAt)`,
    ),
    updateInstitute: db.prepare(
      'UPDATE institutes SET slug = @slug, name = @name, name_km = @nameKm, url = @url, did = @did, did_key = @didKey WHERE id = @id',
    ),
    instituteBySlug: db.prepare('SELECT * FROM institutes WHERE slug = ?'),
    defaultInstitute: db.prepare('SELECT * FROM institutes WHERE is_default = 1 LIMIT 1'),
    instituteById: db.prepare('SELECT * FROM institutes WHERE id = ?'),
    instituteByDid: db.prepare('SELECT * FROM institutes WHERE did = @did OR did_key = @did'),
    insertToken: db.prepare(
      `INSERT INTO api_tokens (id, token_hash, role, institute_id, label, source, created_at, revoked_at)
       VALUES (@id, @tokenHash, @role, @instituteId, @label, @source, @createdAt, @revokedAt)`,
    ),
    tokenByHash: db.prepare('SELECT * FROM api_tokens WHERE token_hash = ?'),
    revokeTokens: db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE role = ? AND source = ? AND revoked_at IS NULL'),
    insertCredential: db.prepare(
      `INSERT INTO credentials (id, credential_url, vc_id, institute_id, issuer_did, di_json, jwt, learner_name, achievement_name,
         achievement_key, valid_from, valid_until, issued_at, issued_by,
         revocation_list, revocation_index, suspension_list, suspension_index, revoked_at, suspended_at)
       VALUES (@id, @credentialUrl, @vcId, @instituteId, @issuerDid, @diJson, @jwt, @learnerName, @achievementName,
         @achievementKey, @validFrom, @validUntil, @issuedAt, @issuedBy,
         @revocationList, @revocationIndex, @suspensionList, @suspensionIndex, @revokedAt, @suspendedAt)`,
    ),
    countAllocation: db.prepare(
      `UPDATE status_lists SET allocated = allocated + 1,
         state = CASE WHEN allocated + 1 >= capacity THEN 'full' ELSE state END
       WHERE id = ?`,
    ),
    activeList: db.prepare(`SELECT * FROM status_lists WHERE issuer_did = ? AND purpose = ? AND state = 'active'`),
    insertList: db.prepare(
      `INSERT INTO status_lists (id, institute_id, issuer_did, purpose, size, capacity, allocated, state, version, created_at)
       VALUES (@id, @instituteId, @issuerDid, @purpose, @size, @capacity, 0, 'active', 1, @createdAt)`,
    ),
    listById: db.prepare('SELECT * FROM status_lists WHERE id = ?'),
    saveSigned: db.prepare(
      `UPDATE status_lists SET signed_version = @version, signed_json = @json, signed_jwt = @jwt, signed_at = @signedAt,
         valid_until = @validUntil
       WHERE id = @id AND (signed_version IS NULL OR signed_version < @version OR (signed_version = @version AND signed_at <= @signedAt))`,
    ),
    bumpList: db.prepare('UPDATE status_lists SET version = version + 1 WHERE id = ?'),
    insertEvent: db.prepare(
      'INSERT INTO credential_events (credential_id, action, reason, actor, at) VALUES (@credentialId, @action, @reason, @actor, @at)',
    ),
    events: db.prepare('SELECT * FROM credential_events WHERE credential_id = ? ORDER BY seq'),
    revoke: db.prepare('UPDATE credentials SET revoked_at = @at WHERE id = @credentialId AND revoked_at IS NULL'),
    suspend: db.prepare(
      'UPDATE credentials SET suspended_at = @at WHERE id = @credentialId AND revoked_at IS NULL AND suspended_at IS NULL',
    ),
    reinstate: db.prepare(
      'UPDATE credentials SET suspended_at = NULL WHERE id = @credentialId AND revoked_at IS NULL AND suspended_at IS NOT NULL',
    ),
    credentialById: db.prepare('SELECT * FROM credentials WHERE id = ?'),
    credentialByVcId: db.prepare('SELECT * FROM credentials WHERE vc_id = ? LIMIT 1'),
    upsertAchievement: db.prepare(
      `INSERT INTO achievements (institute_id, key, json, updated_at) VALUES (@instituteId, @key, @json, @updatedAt)
       ON CONFLICT (institute_id, key) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
    ),
    achievement: db.prepare('SELECT * FROM achievements WHERE institute_id = ? AND key = ?'),
  };

  const saveIssued = db.transaction((c: CredentialRecord, achievement: AchievementRecord | null) => {
    const { revocation, suspension, ...columns } = c;
    q.insertCredential.run({
      ...columns,
      revocationList: revocation?.listId ?? null,
      revocationIndex: revocation?.index ?? null,
      suspensionList: suspension?.listId ?? null,
      suspensionIndex: suspension?.index ?? null,
    });
    for (const slot of [revocation, suspension]) if (slot) q.countAllocation.run(slot.listId);
    if (achievement) q.upsertAchievement.run(achievement);
  });

  const activeList = db.transaction((issuerDid: string, purpose: StatusPurpose, candidate: StatusList) => {
    const row = q.activeList.get(issuerDid, purpose);
    if (row) return statusListFromRow(row as Row);
    q.insertList.run(candidate);
    return statusListFromRow(q.listById.get(candidate.id) as Row);
  });

  const STATUS_UPDATES = { revoke: q.revoke, suspend: q.suspend, reinstate: q.reinstate } as const;
  const PURPOSE_OF = { revoke: 'revocation', suspend: 'suspension', reinstate: 'suspension' } as const;
  const changeStatus = db.transaction(
    (change: { credentialId: string; action: keyof typeof STATUS_UPDATES; reason: string | null; actor: string; at: string }) => {
      if (STATUS_UPDATES[change.action].run({ credentialId: change.credentialId, at: change.at }).changes !== 1) return false;
      q.insertEvent.run(change);
      const cols = SLOT_COLUMNS[PURPOSE_OF[change.action]];
      const listId = db.prepare(`SELECT ${cols.list} FROM credentials WHERE id = ?`).pluck().get(change.credentialId);
      if (typeof listId === 'string') q.bumpList.run(listId);
      return true;
    },
  );

  const one = <T>(row: unknown, parse: (r: Row) => T): T | null => (row ? parse(row as Row) : null);

  return {
    async createInstitute(i) {
      q.insertInstitute.run({ ...i, isDefault: i.isDefault ? 1 : 0 });
    },
    async updateInstitute(i) {
      q.updateInstitute.run({ id: i.id, slug: i.slug, name: i.name, nameKm: i.nameKm, url: i.url, did: i.did, didKey: i.didKey });
    },
    async getInstituteBySlug(slug) {
      return one(q.instituteBySlug.get(slug), instituteFromRow);
    },
    async getDefaultInstitute() {
      return one(q.defaultInstitute.get(), instituteFromRow);
    },
    async getInstitute(id) {
      return one(q.instituteById.get(id), instituteFromRow);
    },
    async getInstituteByDid(did) {
      return one(q.instituteByDid.get({ did }), instituteFromRow);
    },
    async saveApiToken(token) {
      q.insertToken.run(token);
    },
    async findApiTokenByHash(hash) {
      return one(q.tokenByHash.get(hash), tokenFromRow);
    },
    async revokeApiTokens({ role, source }, at) {
      return q.revokeTokens.run(at, role, source).changes;
    },
    async saveIssuedCredential(credential, achievement) {
      try {
        saveIssued(credential, achievement);
      } catch (error) {
        if (isUniqueViolation(error) && /revocation_|suspension_/.test(String((error as Error).message))) {
          throw new StatusSlotTakenError();
        }
        throw error;
      }
    },
    async activeStatusList(issuerDid, purpose, candidate) {
      return activeList(issuerDid, purpose, candidate);
    },
    async getStatusList(id) {
      return one(q.listById.get(id), statusListFromRow);
    },
    async takenStatusIndexes(listId, purpose, indexes) {
      if (indexes.length === 0) return new Set();
      const cols = SLOT_COLUMNS[purpose];
      const rows = db
        .prepare(`SELECT ${cols.index} FROM credentials WHERE ${cols.list} = ? AND ${cols.index} IN (${indexes.map(() => '?').join(',')})`)
        .pluck()
        .all(listId, ...indexes) as number[];
      return new Set(rows);
    },
    async setStatusIndexes(listId, purpose) {
      const cols = SLOT_COLUMNS[purpose];
      return db
        .prepare(`SELECT ${cols.index} FROM credentials WHERE ${cols.list} = ? AND ${cols.flag} IS NOT NULL`)
        .pluck()
        .all(listId) as number[];
    },
    async statusAt(listId, purpose, index) {
      const cols = SLOT_COLUMNS[purpose];
      const setAt = db
        .prepare(`SELECT ${cols.flag} FROM credentials WHERE ${cols.list} = ? AND ${cols.index} = ?`)
        .pluck()
        .get(listId, index);
      return { setAt: typeof setAt === 'string' ? setAt : null };
    },
    async saveSignedStatusList(signed) {
      q.saveSigned.run(signed);
    },
    async changeStatus(change) {
      return changeStatus(change);
    },
    async credentialEvents(credentialId) {
      return q.events.all(credentialId).map((r) => eventFromRow(r as Row));
    },
    async getCredential(id) {
      return one(q.credentialById.get(id), credentialFromRow);
    },
    async getCredentialByVcId(vcId) {
      return one(q.credentialByVcId.get(vcId), credentialFromRow);
    },
    async getAchievement(instituteId, key) {
      return one(q.achievement.get(instituteId, key), achievementFromRow);
    },
    async close() {
      db.close();
    },
  };
}
