import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { resumeBatches } from '../src/batch/run.js';
import { createStoreKeyRing } from '../src/issuer/key-ring.js';
import { createKeyVault } from '../src/issuer/key-vault.js';
import { nodeCryptoProvider } from '../src/runtime/node/crypto.js';
import { readMigrations } from '../src/runtime/node/migrations.js';
import { openSqliteStore } from '../src/runtime/node/sqlite.js';
import { createTemplate } from './cohort-helpers.js';
import { FIXED_NOW, makeTestApp, PUBLIC_URL, TEST_KEK } from './helpers.js';

const ROWS = 400;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const credentialCount = (path: string): number => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 2000');
    return (db.prepare('SELECT COUNT(*) AS n FROM credentials').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('a batch killed mid-run (kill -9)', () => {
  it('resumes at start to exactly N credentials with N distinct status indexes', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skillcert-crash-'));
    dirs.push(dir);
    const path = join(dir, 'skillcert.db');
    const seeded = await makeTestApp({ databasePath: path });
    await createTemplate(seeded);
    await seeded.store.close();

    const child = spawn('npx', ['tsx', 'test/fixtures/batch-crash-child.ts', path, String(ROWS)], {
      cwd: new URL('..', import.meta.url).pathname, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
    });
    let output = '';
    child.stdout.on('data', (d) => (output += String(d)));
    child.stderr.on('data', (d) => (output += String(d)));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    // Kill once part of the batch is in: poll the file, as a second process would.
    let atKill = 0;
    for (let i = 0; i < 3000; i++) {
      await new Promise((r) => setTimeout(r, 10));
      try {
        atKill = credentialCount(path);
      } catch {
        continue;
      }
      if (atKill >= 25) break;
    }
    process.kill(-child.pid!, 'SIGKILL'); // the whole group: npx, tsx and node
    await exited;
    expect(output).not.toContain('finished');
    expect(atKill).toBeGreaterThan(0);
    const partial = credentialCount(path);
    expect(partial, output).toBeLessThan(ROWS);

    // Restart: what startNode does before serving.
    const store = openSqliteStore(path, readMigrations());
    try {
      const keys = createStoreKeyRing({ store, vault: await createKeyVault(TEST_KEK), crypto: nodeCryptoProvider });
      expect(await resumeBatches({ store, keys, crypto: nodeCryptoProvider, clock: () => FIXED_NOW, publicUrl: PUBLIC_URL })).toBe(1);
      expect(await store.unfinishedBatches()).toEqual([]);
    } finally {
      await store.close();
    }
    const db = new Database(path, { readonly: true });
    try {
      const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      expect(one('SELECT COUNT(*) AS n FROM credentials')).toBe(ROWS);
      expect(one('SELECT COUNT(DISTINCT revocation_index) AS n FROM credentials')).toBe(ROWS);
      // One status entry each (a revocation list that covers suspension): no suspension slot.
      expect(one('SELECT COUNT(suspension_index) AS n FROM credentials')).toBe(0);
      expect(one(`SELECT COUNT(*) AS n FROM batch_rows WHERE status = 'issued'`)).toBe(ROWS);
      expect(one('SELECT COUNT(DISTINCT credential_id) AS n FROM batch_rows')).toBe(ROWS);
      expect(one(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'credential.issue'`)).toBe(ROWS);
      expect(one('SELECT SUM(allocated) AS n FROM status_lists')).toBe(ROWS);
    } finally {
      db.close();
    }
  });
});
