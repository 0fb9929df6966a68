import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createTemplate } from './cohort-helpers.js';
import { scheduleBackups } from '../src/runtime/node/backup.js';
import { openDatabaseOps } from '../src/runtime/node/database-ops.js';
import { createLogger } from '../src/runtime/node/logger.js';
import { ADMIN_TOKEN, makeTestApp, sampleRequest } from './helpers.js';
import { ROOT, seededEnv, serverScratch, startServer } from './serve-helpers.js';

const scratch = serverScratch();

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const BIN = join(ROOT, 'bin/skillcert.mjs');

/** The skillcert command, as an operator runs it (asynchronously: the test's own HTTP connections stay served). */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const { PORT, HOST, PUBLIC_URL, ...inherited } = process.env;
  void PORT; void HOST; void PUBLIC_URL;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

async function seed(dir: string) {
  const databasePath = join(dir, 'skillcert.db');
  const seeded = await makeTestApp({ databasePath });
  await createTemplate(seeded);
  await seeded.store.close();
  return { databasePath, env: seededEnv(databasePath, join(dir, 'keys')) };
}

async function issueOver(url: string, name: string) {
  const res = await fetch(`${url}/api/v1/credentials`, {
    method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ ...sampleRequest(), learner: { name } }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; credential: unknown; jwt: string };
}

const verifyOver = async (url: string, body: unknown) =>
  (await (await fetch(`${url}/api/v1/verify`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json()) as { verified: boolean };

describe('backup and restore drill', () => {
  it('issue → backup while a batch runs → issue more → restore into a new path → the service starts on it, earlier credentials verify, audit verify passes', { timeout: 300_000 }, async () => {
    const dir = scratch.tempDir('skillcert-drill-');
    const { databasePath, env } = await seed(dir);
    const live = await startServer(env);
    scratch.track(live);
    const before = await issueOver(live.url, 'Sok Dara');

    // Enough rows (about ten seconds of issuing here) that the batch still runs when the backup
    // command has started and copied. (Two CI runs found nothing pending: the backup had restarted
    // its copy at each of the batch's commits and ended only with the batch; backupPace fixed it.)
    const ROWS = 10_000;
    const csv = ['student id,name,template code,completion date', ...Array.from({ length: ROWS }, (_, i) => `S${i + 1},Learner ${i + 1},ELC-L2,2026-02-15`)].join('\r\n');
    const submitted = await fetch(`${live.url}/api/v1/batches?async=true`, { method: 'POST', headers: { ...auth, 'Content-Type': 'text/csv' }, body: csv });
    expect(submitted.status).toBe(202);
    const batchId = ((await submitted.json()) as { id: string }).id;

    const backupFile = join(dir, 'backups', 'drill.db');
    const taken = await cli(['backup', '--out', backupFile], env);
    expect(taken.out).toContain('backup written');
    expect(taken.code).toBe(0);
    // The backup caught the batch running: some rows issued, some still pending.
    const copy = new Database(backupFile, { readonly: true });
    const caught = Object.fromEntries((copy.prepare('SELECT status, COUNT(*) AS n FROM batch_rows GROUP BY status').all() as Array<{ status: string; n: number }>).map((r) => [r.status, r.n]));
    copy.close();
    expect(caught.pending ?? 0).toBeGreaterThan(0);
    // A backup never overwrites a file.
    expect((await cli(['backup', '--out', backupFile], env)).code).toBe(2);
    const after = await issueOver(live.url, 'Chan Sophea');

    // A database in use is never overwritten.
    const refusedLive = await cli(['restore', backupFile], env);
    expect(refusedLive.code).toBe(2);
    expect(refusedLive.out).toMatch(/is using/);

    live.child.kill('SIGTERM');
    expect(await live.exited).toBe(0);

    // The original database went further than the backup: refused without --force.
    const refusedNewer = await cli(['restore', backupFile], env);
    expect(refusedNewer.code).toBe(2);
    expect(refusedNewer.out).toMatch(/newer than the backup/);

    const restoredPath = join(dir, 'restored', 'skillcert.db');
    const restoreEnv = { ...env, DATABASE_PATH: restoredPath };
    const restored = await cli(['restore', backupFile], restoreEnv);
    expect(restored.out).toContain('integrity_check ok');
    expect(restored.out).toContain('audit ledger intact');
    expect(restored.code).toBe(0);

    const again = await startServer(restoreEnv, { timeoutMs: 180_000 });
    scratch.track(again);
    // Issued before the backup: found and valid.
    expect(await verifyOver(again.url, { credential: before.credential })).toMatchObject({ verified: true });
    expect((await fetch(`${again.url}/v/${encodeURIComponent(before.id.split('/').pop() as string)}`)).status).toBe(200);
    // Issued after the backup: what a restore loses. The service no longer knows it.
    expect((await fetch(`${again.url}/v/${encodeURIComponent(after.id.split('/').pop() as string)}`)).status).toBe(404);
    // The batch the backup caught half-way resumed on start and finished.
    const batch = (await (await fetch(`${again.url}/api/v1/batches/${batchId}?rows=false`, { headers: auth })).json()) as { state: string };
    expect(batch.state).toBe('done');
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    const db = new Database(restoredPath, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM batch_rows WHERE batch_id = ? AND status = ?').pluck().get(batchId, 'issued')).toBe(ROWS);
    db.close();
    const audit = await cli(['audit', 'verify'], restoreEnv);
    expect(audit.out).toContain('audit ledger intact');
    expect(audit.code).toBe(0);
    expect(existsSync(databasePath)).toBe(true);
  });

  it('scheduled backups (BACKUP_DIR, BACKUP_EVERY, BACKUP_KEEP) keep the newest and report in /ready', { timeout: 60_000 }, async () => {
    const dir = scratch.tempDir('skillcert-scheduled-');
    const { databasePath } = await seed(dir);
    const ops = openDatabaseOps(databasePath);
    const jobs = new Map<string, { ok: boolean; message: string }>();
    const logger = createLogger({ level: 'silent' });
    const backupDir = join(dir, 'backups');
    const scheduled = scheduleBackups({ dir: backupDir, everyMs: 3_600_000, keep: 2, databasePath, ops, jobs, logger });
    for (let i = 0; i < 4; i++) await scheduled.runNow();
    const kept = readdirSync(backupDir).sort();
    expect(kept).toHaveLength(2);
    for (const f of kept) expect(f).toMatch(/^skillcert-\d{8}T\d{9}Z\.db$/);
    expect(jobs.get('backups')).toMatchObject({ ok: true, message: expect.stringContaining('last backup') });
    // A backup that cannot be written turns the job (and so /ready) failing, naming why.
    rmSync(backupDir, { recursive: true });
    spawnSync('sh', ['-c', `echo not-a-folder > ${backupDir}`]);
    await scheduled.runNow();
    expect(jobs.get('backups')).toMatchObject({ ok: false, message: expect.stringContaining('the last scheduled backup failed') });
    scheduled.stop();
    ops.close();
  });

  it('an online backup finishes while another connection keeps committing, with a consistent copy (SQLite restarts a copy whenever the source changes between steps)', { timeout: 120_000 }, async () => {
    const dir = scratch.tempDir('skillcert-backup-busy-');
    const { databasePath } = await seed(dir);
    // Many steps' worth of pages (about 40 MB), and a writer committing every millisecond or so
    // on its own connection, as the server's batch does while an operator takes a backup.
    const writer = new Database(databasePath);
    writer.exec('CREATE TABLE test_padding (n INTEGER, b BLOB)');
    const insert = writer.prepare('INSERT INTO test_padding (n, b) VALUES (?, randomblob(?))');
    writer.transaction(() => { for (let i = 0; i < 160; i++) insert.run(i, 262_144); })();
    let commits = 0;
    let writing = true;
    const writes = (async () => {
      while (writing) {
        insert.run(1_000 + commits, 64);
        commits += 1;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const giveUp = setTimeout(() => (writing = false), 60_000);
    const ops = openDatabaseOps(databasePath);
    const out = join(dir, 'busy.db');
    try {
      await ops.backup(out);
      // The copy finished while the writer still ran: it did not wait for the writes to stop.
      expect(writing).toBe(true);
    } finally {
      writing = false;
      clearTimeout(giveUp);
      await writes;
      ops.close();
      writer.close();
    }
    expect(commits).toBeGreaterThan(0);
    const copy = new Database(out, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    // A snapshot: the padding whole, and the writer's rows a prefix of what it committed.
    expect(copy.prepare('SELECT COUNT(*) FROM test_padding WHERE n < 1000').pluck().get()).toBe(160);
    const late = copy.prepare('SELECT COUNT(*) AS n, COALESCE(MAX(n), 999) AS last FROM test_padding WHERE n >= 1000').get() as { n: number; last: number };
    expect(late.last - 999).toBe(late.n);
    copy.close();
  });

  it('refuses a file that is not a sound skillcert database', { timeout: 180_000 }, async () => {
    const dir = scratch.tempDir('skillcert-restore-bad-');
    const { env } = await seed(dir);
    const notDb = join(dir, 'notes.txt');
    spawnSync('sh', ['-c', `echo hello > ${notDb}`]);
    const target = { ...env, DATABASE_PATH: join(dir, 'new.db') };
    expect(await cli(['restore', notDb], target)).toMatchObject({ code: 2 });
    // A skillcert backup whose audit ledger was altered is refused.
    const backup = join(dir, 'b.db');
    expect((await cli(['backup', '--out', backup], env)).code).toBe(0);
    const raw = new Database(backup);
    raw.prepare(`UPDATE audit_log SET target = 'forged' WHERE seq = (SELECT MIN(seq) FROM audit_log)`).run();
    raw.close();
    const forged = await cli(['restore', backup], target);
    expect(forged.code).toBe(2);
    expect(forged.out).toMatch(/audit ledger does not verify/);
    expect(existsSync(join(dir, 'new.db'))).toBe(false);
  });

  it('kill -9 during a backup leaves the live database intact and no backup file', { timeout: 120_000 }, async () => {
    const dir = scratch.tempDir('skillcert-backup-kill-');
    const { databasePath, env } = await seed(dir);
    // Enough pages that the online backup takes many steps.
    const raw = new Database(databasePath);
    raw.exec('CREATE TABLE test_padding (b BLOB)');
    const insert = raw.prepare('INSERT INTO test_padding (b) VALUES (randomblob(262144))');
    raw.transaction(() => { for (let i = 0; i < 240; i++) insert.run(); })();
    raw.close();
    const out = join(dir, 'backups', 'killed.db');
    const { PORT, HOST, PUBLIC_URL, ...inherited } = process.env;
    void PORT; void HOST; void PUBLIC_URL;
    // The flagged node runs the CLI in this very process (no re-exec), so its pid is the one to kill.
    const child = spawn(process.execPath, ['--max-old-space-size=256', BIN, 'backup', '--out', out], { cwd: ROOT, env: { ...inherited, ...env }, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const backups = join(dir, 'backups');
    let killedMidway = false;
    for (let i = 0; i < 60_000 && child.exitCode === null; i++) {
      if (existsSync(backups) && readdirSync(backups).some((f) => f.includes('.partial-'))) {
        child.kill('SIGKILL');
        killedMidway = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    await exited;
    expect(killedMidway).toBe(true);
    expect(existsSync(out)).toBe(false);
    const db = new Database(databasePath, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT COUNT(*) FROM test_padding').pluck().get()).toBe(240);
    db.close();
    // The service starts on it and a new backup succeeds.
    expect((await cli(['backup', '--out', out], env)).code).toBe(0);
  });
});
