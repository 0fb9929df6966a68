import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startNode } from '../src/runtime/node/start.js';
import { loadConfig } from '../src/runtime/node/config.js';
import { authJson, sampleRequest } from './helpers.js';

/*
 * The database holds learner names, sealed keys and session CSRF tokens: only the service's
 * own user may read it. SQLite gives its -wal and -shm files the database file's mode.
 */

const TOKEN = 'database-files-admin-token-0123456789';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'skillcert-dbfiles-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const modeOf = (path: string) => statSync(path).mode & 0o777;

async function startAndIssue(databasePath: string) {
  const config = loadConfig({ DATABASE_PATH: databasePath, KEYS_DIR: join(dir, 'keys'), ADMIN_TOKEN: TOKEN });
  const { app, store } = await startNode(config, () => {});
  const res = await app.request('/api/v1/credentials', authJson({ ...sampleRequest(), validFrom: undefined, validUntil: undefined }, TOKEN));
  expect(res.status).toBe(201);
  return store;
}

describe('the database files are private to the service', () => {
  it('creates the data folder 0700 and the database, -wal and -shm 0600', async () => {
    const path = join(dir, 'data', 'skillcert.db');
    const store = await startAndIssue(path);
    try {
      expect(modeOf(join(dir, 'data'))).toBe(0o700);
      for (const file of [path, `${path}-wal`, `${path}-shm`]) {
        expect(existsSync(file), file).toBe(true);
        expect(modeOf(file), file).toBe(0o600);
      }
    } finally {
      await store.close();
    }
  });

  it('makes a database an earlier version left world-readable (0644) private at start', async () => {
    mkdirSync(join(dir, 'data'), { mode: 0o755 });
    const path = join(dir, 'data', 'skillcert.db');
    const old = new Database(path);
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE t (x)');
    old.close();
    chmodSync(path, 0o644);
    const store = await startAndIssue(path);
    try {
      for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(modeOf(file), file).toBe(0o600);
    } finally {
      await store.close();
    }
  });
});
