import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import { nodeCryptoProvider } from './crypto.js';
import { makeDatabaseFilesPrivate } from './sqlite-files.js';
import type { Store } from '../../store/port.js';
import type { Row, Sql, SqlDriver, SqlResult } from '../../store/sql/driver.js';
import { openSqlStore } from '../../store/sql/store.js';

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

/**
 * The SqlDriver over better-sqlite3. Its calls are synchronous, so an atomic group is a real
 * SQLite transaction that nothing else in the process can interleave with; the promises
 * resolve once SQLite has committed.
 */
export function sqliteDriver(db: Db): SqlDriver {
  // Prepared once per statement text: a batch runs the same few statements thousands of times.
  const prepared = new Map<string, Statement>();
  const st = ({ text }: Sql): Statement => {
    let statement = prepared.get(text);
    if (!statement) prepared.set(text, (statement = db.prepare(text)));
    return statement;
  };
  const step = (s: Sql): SqlResult => {
    const statement = st(s);
    return statement.reader ? { rows: statement.all(...s.params) as Row[], changes: 0 } : { rows: [], changes: statement.run(...s.params).changes };
  };
  const transaction = db.transaction((statements: readonly Sql[]) => statements.map(step));
  return {
    async all(s) {
      return st(s).all(...s.params) as Row[];
    },
    async first(s) {
      return (st(s).get(...s.params) as Row | undefined) ?? null;
    },
    async run(s) {
      return st(s).run(...s.params).changes;
    },
    async atomic(statements) {
      return transaction(statements);
    },
    async close() {
      db.close();
    },
  };
}

/** A better-sqlite3 database in WAL mode at `path`, with the migrations applied. */
export function openSqliteDriver(path: string, migrations: Migration[]): SqlDriver {
  makeDatabaseFilesPrivate(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  applyMigrations(db, migrations);
  return sqliteDriver(db);
}

/** The embedded store: the SQL store on better-sqlite3, hashing the audit chain with node:crypto. */
export function openSqliteStore(path: string, migrations: Migration[]): Store {
  return openSqlStore(openSqliteDriver(path, migrations), { sha256: nodeCryptoProvider.sha256 });
}
