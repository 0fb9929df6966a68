import type { Database as Db } from 'better-sqlite3';
import { ConsoleSessionSchema, type ConsoleSession, type Store } from './port.js';
import { credentialFromRow, type Row } from './rows.js';

/** console_sessions row → record (shared by every SQL adapter). */
export const sessionFromRow = (r: Row): ConsoleSession =>
  ConsoleSessionSchema.parse({ idHash: r.id_hash, tokenHash: r.token_hash, csrf: r.csrf, createdAt: r.created_at, expiresAt: r.expires_at });

/** LIKE pattern for a substring search, with the user's % and _ taken literally. */
export const likePattern = (search: string): string => `%${search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * The console's queries over SQL (listing credentials, sessions). The WHERE clause is built
 * from fixed fragments; user text only ever travels as a bound parameter.
 */
export function credentialListSql(query: { instituteId: string | null; search?: string }): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (query.instituteId !== null) {
    clauses.push('institute_id = ?');
    params.push(query.instituteId);
  }
  const search = query.search?.trim();
  if (search) {
    const like = likePattern(search);
    clauses.push("(learner_name LIKE ? ESCAPE '\\' OR achievement_name LIKE ? ESCAPE '\\' OR id LIKE ? ESCAPE '\\')");
    params.push(like, like, like);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

type ConsoleMethods = Pick<Store, 'listCredentials' | 'saveSession' | 'getSession' | 'deleteSession' | 'deleteExpiredSessions'>;

/** The console's store methods for the better-sqlite3 adapter. */
export function sqliteConsoleMethods(db: Db): ConsoleMethods {
  return {
    async listCredentials(query) {
      const { where, params } = credentialListSql(query);
      const total = db.prepare(`SELECT COUNT(*) FROM credentials ${where}`).pluck().get(...params) as number;
      const rows = db
        .prepare(`SELECT * FROM credentials ${where} ORDER BY issued_at DESC, id LIMIT ? OFFSET ?`)
        .all(...params, query.limit, query.offset) as Row[];
      return { credentials: rows.map(credentialFromRow), total };
    },
    async saveSession(s) {
      db.prepare('INSERT INTO console_sessions (id_hash, token_hash, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
        .run(s.idHash, s.tokenHash, s.csrf, s.createdAt, s.expiresAt);
    },
    async getSession(idHash, now) {
      const row = db.prepare('SELECT * FROM console_sessions WHERE id_hash = ? AND expires_at > ?').get(idHash, now) as Row | undefined;
      return row ? sessionFromRow(row) : null;
    },
    async deleteSession(idHash) {
      db.prepare('DELETE FROM console_sessions WHERE id_hash = ?').run(idHash);
    },
    async deleteExpiredSessions(now) {
      return db.prepare('DELETE FROM console_sessions WHERE expires_at <= ?').run(now).changes;
    },
  };
}
