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
} from './port.js';

export interface Migration {
  name: string;
  sql: string;
}

type Row = Record<string, unknown>;

const instituteFromRow = (r: Row): Institute =>
  InstituteSchema.parse({
    id: r.id, slug: r.slug, name: r.name, nameKm: r.name_km, url: r.url, did: r.did,
    isDefault: r.is_default === 1, createdAt: r.created_at,
  });

const tokenFromRow = (r: Row): ApiToken =>
  ApiTokenSchema.parse({
    id: r.id, tokenHash: r.token_hash, role: r.role, instituteId: r.institute_id, label: r.label,
    source: r.source, createdAt: r.created_at, revokedAt: r.revoked_at,
  });

const credentialFromRow = (r: Row): CredentialRecord =>
  CredentialRecordSchema.parse({
    id: r.id, credentialUrl: r.credential_url, instituteId: r.institute_id, diJson: r.di_json, jwt: r.jwt,
    learnerName: r.learner_name, achievementName: r.achievement_name, achievementKey: r.achievement_key,
    validFrom: r.valid_from, validUntil: r.valid_until, issuedAt: r.issued_at, issuedBy: r.issued_by,
  });

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
      `INSERT INTO institutes (id, slug, name, name_km, url, did, is_default, created_at)
       VALUES (@id, @slug, @name, @nameKm, @url, @did, @isDefault, @createdAt)`,
    ),
    updateInstitute: db.prepare(
      'UPDATE institutes SET slug = @slug, name = @name, name_km = @nameKm, url = @url, did = @did WHERE id = @id',
    ),
    instituteBySlug: db.prepare('SELECT * FROM institutes WHERE slug = ?'),
    defaultInstitute: db.prepare('SELECT * FROM institutes WHERE is_default = 1 LIMIT 1'),
    instituteById: db.prepare('SELECT * FROM institutes WHERE id = ?'),
    instituteByDid: db.prepare('SELECT * FROM institutes WHERE did = ?'),
    insertToken: db.prepare(
      `INSERT INTO api_tokens (id, token_hash, role, institute_id, label, source, created_at, revoked_at)
       VALUES (@id, @tokenHash, @role, @instituteId, @label, @source, @createdAt, @revokedAt)`,
    ),
    tokenByHash: db.prepare('SELECT * FROM api_tokens WHERE token_hash = ?'),
    revokeTokens: db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE role = ? AND source = ? AND revoked_at IS NULL'),
    insertCredential: db.prepare(
      `INSERT INTO credentials (id, credential_url, institute_id, di_json, jwt, learner_name, achievement_name,
         achievement_key, valid_from, valid_until, issued_at, issued_by)
       VALUES (@id, @credentialUrl, @instituteId, @diJson, @jwt, @learnerName, @achievementName,
         @achievementKey, @validFrom, @validUntil, @issuedAt, @issuedBy)`,
    ),
    credentialById: db.prepare('SELECT * FROM credentials WHERE id = ?'),
    upsertAchievement: db.prepare(
      `INSERT INTO achievements (institute_id, key, json, updated_at) VALUES (@instituteId, @key, @json, @updatedAt)
       ON CONFLICT (institute_id, key) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
    ),
    achievement: db.prepare('SELECT * FROM achievements WHERE institute_id = ? AND key = ?'),
  };

  const saveIssued = db.transaction((credential: CredentialRecord, achievement: AchievementRecord) => {
    q.insertCredential.run(credential);
    q.upsertAchievement.run(achievement);
  });

  const one = <T>(row: unknown, parse: (r: Row) => T): T | null => (row ? parse(row as Row) : null);

  return {
    async createInstitute(i) {
      q.insertInstitute.run({ ...i, isDefault: i.isDefault ? 1 : 0 });
    },
    async updateInstitute(i) {
      q.updateInstitute.run({ id: i.id, slug: i.slug, name: i.name, nameKm: i.nameKm, url: i.url, did: i.did });
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
      return one(q.instituteByDid.get(did), instituteFromRow);
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
      saveIssued(credential, achievement);
    },
    async getCredential(id) {
      return one(q.credentialById.get(id), credentialFromRow);
    },
    async getAchievement(instituteId, key) {
      return one(q.achievement.get(instituteId, key), achievementFromRow);
    },
    async close() {
      db.close();
    },
  };
}
