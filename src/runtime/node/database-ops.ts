import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import type { Migration } from './sqlite.js';

/*
 * What the Node runtime does to its SQLite file beside the store: check that it is writable and
 * its migrations are current (/ready), checkpoint the WAL on shutdown, and take online backups.
 * A second connection to the same file: better-sqlite3 is synchronous, and WAL lets it read
 * while the store's connection writes.
 */

export interface DatabaseOps {
  /** Takes the write lock and lets it go: fails when the file, its folder or the disk refuse writes. */
  checkWritable(): void;
  /** Migrations this code has that the database has not applied, and ones it does not know (a newer database). */
  migrationGap(known: Migration[]): { missing: string[]; unknown: string[] };
  /** Moves the WAL into the database file and truncates it. */
  checkpoint(): void;
  /** A consistent copy of the live database at `path` (SQLite's online backup API). */
  backup(path: string): Promise<void>;
  close(): void;
}

export function appliedMigrations(db: Db): string[] {
  const table = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_migrations'`).get();
  return table ? (db.prepare('SELECT name FROM _migrations ORDER BY name').pluck().all() as string[]) : [];
}

export function migrationGap(applied: string[], known: Migration[]): { missing: string[]; unknown: string[] } {
  const names = new Set(known.map((m) => m.name));
  const done = new Set(applied);
  return { missing: [...names].filter((n) => !done.has(n)).sort(), unknown: applied.filter((n) => !names.has(n)) };
}

export function openDatabaseOps(path: string): DatabaseOps {
  const db = new Database(path, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return {
    checkWritable() {
      db.exec('BEGIN IMMEDIATE');
      db.exec('ROLLBACK');
    },
    migrationGap(known) {
      return migrationGap(appliedMigrations(db), known);
    },
    checkpoint() {
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    async backup(to) {
      await db.backup(to);
    },
    close() {
      db.close();
    },
  };
}
