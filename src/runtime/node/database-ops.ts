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
      await db.backup(to, { progress: backupPace() });
    },
    close() {
      db.close();
    },
  };
}

/** Pages copied per step of an online backup (4 MB at SQLite's default page size), yielding between steps. */
const BACKUP_STEP_PAGES = 1024;

/**
 * The pace of an online backup (better-sqlite3's `progress`): a step of BACKUP_STEP_PAGES at a
 * time, so the process serving requests is not held for the whole copy; but once a write from
 * another connection has restarted the copy (SQLite starts it over whenever the source changes
 * between steps), the rest in one step, under one read transaction. Without that, a backup
 * taken while a batch commits every few milliseconds started over at each commit and finished
 * only when the batch did.
 */
export function backupPace(step = BACKUP_STEP_PAGES): (progress: { totalPages: number; remainingPages: number }) => number {
  let previous = Infinity;
  let restarted = false;
  return ({ remainingPages }) => {
    // Each step lowers what remains by `step`; a restart (or a database grown by a write) does not.
    if (remainingPages >= previous) restarted = true;
    previous = remainingPages;
    return restarted ? 0x7fffffff : step;
  };
}
