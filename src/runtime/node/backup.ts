import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Migration } from './sqlite.js';
import { appliedMigrations, migrationGap, openDatabaseOps, type DatabaseOps } from './database-ops.js';

/*
 * Backups of the SQLite database, which holds every credential, the audit ledger and the
 * sealed private keys. A backup is taken with SQLite's online backup API while the service
 * serves and issues: a consistent copy as of one moment, written beside its destination and
 * renamed into place only when complete, so a backup killed half-way leaves no file that
 * looks like a backup (and the live database is only read). A backup holds the private keys
 * sealed with KEY_ENCRYPTION_KEY: without that key it can be verified against, not signed with.
 */

/** The serving process's mark beside its database: restore refuses a database in use. */
export const servingMark = (databasePath: string) => `${databasePath}.serving`;

export function markServing(databasePath: string): () => void {
  const mark = servingMark(databasePath);
  writeFileSync(mark, `${process.pid}\n`, { mode: 0o600 });
  return () => rmSync(mark, { force: true });
}

/** The pid of a live process serving this database, or null. */
export function servingPid(databasePath: string): number | null {
  const mark = servingMark(databasePath);
  if (!existsSync(mark)) return null;
  const pid = Number(readFileSync(mark, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

/** Copies the live database at `databasePath` (or through `ops`) into `out`, atomically. */
export async function backupDatabase(options: { databasePath?: string; ops?: DatabaseOps; out: string }): Promise<{ path: string; bytes: number }> {
  const out = resolve(options.out);
  if (existsSync(out)) throw new Error(`${out} exists already; a backup never overwrites a file`);
  mkdirSync(dirname(out), { recursive: true, mode: 0o700 });
  const partial = join(dirname(out), `.${basename(out)}.partial-${process.pid}`);
  const ops = options.ops ?? openDatabaseOps(options.databasePath as string);
  try {
    closeSync(openSync(partial, 'wx', 0o600)); // the copy holds learner names and sealed keys: this user's only
    await ops.backup(partial);
    // The copy is checked before it counts as a backup.
    // One self-contained file (the copy is in WAL mode like its source), checked before it counts.
    const copy = new Database(partial, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
      const result = copy.pragma('quick_check', { simple: true });
      if (result !== 'ok') throw new Error(`the copy failed its check: ${String(result)}`);
    } finally {
      copy.close();
    }
    renameSync(partial, out);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    if (!options.ops) ops.close();
  }
  return { path: out, bytes: statSync(out).size };
}

const STAMP = () => new Date().toISOString().replace(/[-:.]/g, '');
const SCHEDULED = /^skillcert-\d{8}T\d{9}Z\.db$/;

/** Scheduled backups inside the service: BACKUP_DIR, every BACKUP_EVERY, keeping the newest BACKUP_KEEP. */
export function scheduleBackups(options: {
  dir: string; everyMs: number; keep: number; databasePath: string; ops: DatabaseOps;
  jobs: Map<string, { ok: boolean; message: string }>; logger: Logger;
}): { stop(): void; current(): Promise<unknown>; runNow(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const setJob = (ok: boolean, message: string) => options.jobs.set('backups', { ok, message });
  setJob(true, `every ${Math.round(options.everyMs / 60_000)} min into ${options.dir}; none taken yet`);
  const once = async () => {
    const out = join(options.dir, `skillcert-${STAMP()}.db`);
    try {
      const { bytes } = await backupDatabase({ ops: options.ops, out });
      const old = readdirSync(options.dir).filter((f) => SCHEDULED.test(f)).sort().reverse().slice(options.keep);
      for (const f of old) unlinkSync(join(options.dir, f));
      setJob(true, `last backup ${basename(out)} (${bytes} bytes) at ${new Date().toISOString()}`);
      options.logger.info({ file: basename(out), bytes, removed: old.length }, 'backup taken');
    } catch (error) {
      setJob(false, `the last scheduled backup failed: ${error instanceof Error ? error.message : String(error)}`);
      options.logger.error({ err: error }, 'scheduled backup failed');
    }
  };
  const runNow = () => (running = running.then(() => (stopped ? undefined : once())));
  const timer = setInterval(() => void runNow(), options.everyMs);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
    current: () => running,
    runNow,
  };
}

export class RestoreError extends Error {}

/**
 * Restores `file` as the database at `target`: refuses while a service is using `target`, and
 * a `target` newer than the backup (its audit ledger goes further) unless `force`; checks the
 * backup's integrity, that this version knows all its migrations, and its audit chain, on a
 * copy; then swaps the copy in, keeping what was at `target` beside it.
 */
export async function restoreDatabase(options: {
  file: string; target: string; migrations: Migration[]; force?: boolean;
  auditCheck: (databasePath: string) => Promise<boolean>; say: (line: string) => void;
}): Promise<{ replaced: string | null }> {
  const file = resolve(options.file);
  const target = resolve(options.target);
  if (!existsSync(file)) throw new RestoreError(`${file} does not exist`);
  if (file === target) throw new RestoreError('the backup and the database are the same file');
  const pid = servingPid(target);
  if (pid !== null) throw new RestoreError(`a skillcert service (pid ${pid}) is using ${target}; stop it first`);

  const headOf = (path: string): number => {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'`).get();
      return table ? Number(db.prepare('SELECT COALESCE(MAX(seq), 0) FROM audit_log').pluck().get()) : 0;
    } finally {
      db.close();
    }
  };

  // The backup itself: a SQLite file, whole, of a version this code can run.
  let backupHead: number;
  {
    let db: Database.Database;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
      db.pragma('schema_version');
    } catch (error) {
      throw new RestoreError(`${file} is not a SQLite database: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      const integrity = db.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') throw new RestoreError(`${file} fails integrity_check: ${String(integrity)}`);
      const gap = migrationGap(appliedMigrations(db), options.migrations);
      if (gap.unknown.length) throw new RestoreError(`${file} comes from a newer skillcert (migrations ${gap.unknown.join(', ')}); restore it with that version`);
      if (appliedMigrations(db).length === 0) throw new RestoreError(`${file} is not a skillcert database (no migrations applied)`);
      options.say(`integrity_check ok; migrations known${gap.missing.length ? ` (${gap.missing.length} newer ones will be applied at start)` : ''}`);
    } finally {
      db.close();
    }
    backupHead = headOf(file);
  }

  if (existsSync(target)) {
    const targetHead = headOf(target);
    if (targetHead > backupHead && !options.force) {
      throw new RestoreError(`${target} is newer than the backup (audit ledger at #${targetHead}, the backup at #${backupHead}); restore into a new DATABASE_PATH, or add --force to replace it (it is kept beside)`);
    }
  }

  // Checked on a copy; the copy is what is swapped in.
  const staging = join(dirname(target), `.${basename(target)}.restoring-${process.pid}`);
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  try {
    const source = new Database(file, { readonly: true, fileMustExist: true });
    try {
      closeSync(openSync(staging, 'w', 0o600));
      await source.backup(staging);
    } finally {
      source.close();
    }
    if (!(await options.auditCheck(staging))) throw new RestoreError(`${file}: its audit ledger does not verify; not restored`);
    // The audit check opened the copy as a store (applying newer migrations): fold its WAL in.
    const db = new Database(staging);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.close();
    let replaced: string | null = null;
    if (existsSync(target)) {
      replaced = `${target}.before-restore-${STAMP()}`;
      renameSync(target, replaced);
      for (const suffix of ['-wal', '-shm']) if (existsSync(target + suffix)) renameSync(target + suffix, replaced + suffix);
    }
    renameSync(staging, target);
    return { replaced };
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(staging + suffix, { force: true });
  }
}
