import type { CredentialListQuery, Store } from '../port.js';
import { sql, type SqlDriver, type SqlValue } from './driver.js';
import { credentialFromRow, sessionFromRow } from './rows.js';

type ConsoleMethods = Pick<Store, 'listCredentials' | 'saveSession' | 'getSession' | 'deleteSession' | 'deleteExpiredSessions'>;

/** LIKE pattern for a substring search, with the user's % and _ taken literally. */
const likePattern = (search: string): string => `%${search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** The WHERE clause of a credential listing, from fixed fragments: user text only ever travels as a bound parameter. */
function credentialFilter(query: CredentialListQuery): { where: string; params: SqlValue[] } {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
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

/** The console's listing of credentials, and its sign-in sessions. */
export function consoleMethods(db: SqlDriver): ConsoleMethods {
  return {
    async listCredentials(query) {
      const { where, params } = credentialFilter(query);
      const count = await db.first(sql(`SELECT COUNT(*) AS n FROM credentials ${where}`, ...params));
      const rows = await db.all(sql(`SELECT * FROM credentials ${where} ORDER BY issued_at DESC, id LIMIT ? OFFSET ?`, ...params, query.limit, query.offset));
      return { credentials: rows.map(credentialFromRow), total: Number(count?.n ?? 0) };
    },
    async saveSession(s) {
      await db.run(sql('INSERT INTO console_sessions (id_hash, token_hash, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
        s.idHash, s.tokenHash, s.csrf, s.createdAt, s.expiresAt));
    },
    async getSession(idHash, now) {
      const row = await db.first(sql('SELECT * FROM console_sessions WHERE id_hash = ? AND expires_at > ?', idHash, now));
      return row ? sessionFromRow(row) : null;
    },
    async deleteSession(idHash) {
      await db.run(sql('DELETE FROM console_sessions WHERE id_hash = ?', idHash));
    },
    deleteExpiredSessions: (now) => db.run(sql('DELETE FROM console_sessions WHERE expires_at <= ?', now)),
  };
}
