import type { D1Database } from './d1.js';
import type { Store } from './port.js';
import { credentialFromRow, type Row } from './rows.js';
import { credentialListSql, sessionFromRow } from './sqlite-console.js';

type ConsoleMethods = Pick<Store, 'listCredentials' | 'saveSession' | 'getSession' | 'deleteSession' | 'deleteExpiredSessions'>;

/** The console's store methods (credential list, sessions) for the D1 adapter: the same SQL as SQLite's. */
export function d1ConsoleMethods(db: D1Database): ConsoleMethods {
  return {
    async listCredentials(query) {
      const { where, params } = credentialListSql(query);
      const count = await db.prepare(`SELECT COUNT(*) AS n FROM credentials ${where}`).bind(...params).first<{ n: number }>();
      const { results } = await db
        .prepare(`SELECT * FROM credentials ${where} ORDER BY issued_at DESC, id LIMIT ? OFFSET ?`)
        .bind(...params, query.limit, query.offset)
        .all<Row>();
      return { credentials: results.map(credentialFromRow), total: count?.n ?? 0 };
    },
    async saveSession(s) {
      await db.prepare('INSERT INTO console_sessions (id_hash, token_hash, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
        .bind(s.idHash, s.tokenHash, s.csrf, s.createdAt, s.expiresAt).run();
    },
    async getSession(idHash, now) {
      const row = await db.prepare('SELECT * FROM console_sessions WHERE id_hash = ? AND expires_at > ?').bind(idHash, now).first<Row>();
      return row ? sessionFromRow(row) : null;
    },
    async deleteSession(idHash) {
      await db.prepare('DELETE FROM console_sessions WHERE id_hash = ?').bind(idHash).run();
    },
    async deleteExpiredSessions(now) {
      return (await db.prepare('DELETE FROM console_sessions WHERE expires_at <= ?').bind(now).run()).meta.changes ?? 0;
    },
  };
}
