import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startNode } from '../src/runtime/node/start.js';
import { loadConfig } from '../src/runtime/node/config.js';

/*
 * `npm start` as a process: a port in use or a HOST that does not resolve is one line on
 * stderr and a non-zero exit, and nothing is written, because the socket is bound before the
 * database is opened. (The case: `PORT=18789 HOST=notahost npm start` crashed with a
 * stack trace and left did:web:localhost%3A18789 in the institutes table.)
 */

const root = new URL('..', import.meta.url).pathname;
const TOKEN = 'server-start-admin-token-0123456789abcdef';
let dir: string;
let busy: Server;
let busyPort: number;

beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'skillcert-server-start-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const baseEnv = () => ({ DATABASE_PATH: join(dir, 'data', 'skillcert.db'), KEYS_DIR: join(dir, 'keys'), ADMIN_TOKEN: TOKEN });

/** Runs the Node entry until it exits (or, once it is listening, until `whenListening` is done and it is stopped). */
function runServer(env: Record<string, string>, whenListening?: (url: string) => Promise<void>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const { PORT, HOST, PUBLIC_URL, ...inherited } = process.env;
    void PORT; void HOST; void PUBLIC_URL;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/runtime/node/server.ts'], { cwd: root, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let acting = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /listening on (http:\/\/\S+?) /.exec(stdout);
      if (m && whenListening && !acting) {
        acting = true;
        whenListening(`http://127.0.0.1:${env.PORT}`).then(() => child.kill('SIGTERM'), (e: unknown) => {
          child.kill('SIGKILL');
          reject(e);
        });
      }
    });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A free port: bound, then released. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const oneLine = (stderr: string) => {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(/^skillcert cannot start: /);
  expect(stderr).not.toMatch(/\n\s+at /);
};

describe('a start that cannot listen says why in one line, exits non-zero, and writes nothing', () => {
  it('a port in use: names the port, and creates no database or keys', { timeout: 60_000 }, async () => {
    const { code, stderr } = await runServer({ ...baseEnv(), PORT: String(busyPort), HOST: '127.0.0.1' });
    expect(code).not.toBe(0);
    oneLine(stderr);
    expect(stderr).toContain(`port ${busyPort} on 127.0.0.1 is already in use`);
    expect(existsSync(join(dir, 'data'))).toBe(false);
    expect(existsSync(join(dir, 'keys'))).toBe(false);
  });

  it('a HOST that does not resolve: names HOST, and leaves an existing database exactly as it was', { timeout: 60_000 }, async () => {
    const first = await startNode(loadConfig({ ...baseEnv(), PORT: '8787' }), () => {});
    await first.store.close();
    const read = () => {
      const db = new Database(baseEnv().DATABASE_PATH, { readonly: true });
      const state = { institutes: db.prepare('SELECT * FROM institutes').all(), audit: db.prepare('SELECT seq, hash FROM audit_log').all() };
      db.close();
      return state;
    };
    const before = read();
    const { code, stderr } = await runServer({ ...baseEnv(), PORT: '18789', HOST: 'notahost.invalid' });
    expect(code).not.toBe(0);
    oneLine(stderr);
    expect(stderr).toContain('HOST notahost.invalid does not resolve');
    expect(read()).toEqual(before);
    expect(JSON.stringify(read().institutes)).toContain('did:web:localhost%3A8787');
  });
});

describe('a start that can listen', () => {
  it('answers once started, and a refused PUBLIC_URL change is one line too', { timeout: 90_000 }, async () => {
    const port = await freePort();
    const env = { ...baseEnv(), PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: 'https://certs.example.gov.kh' };
    const ok = await runServer(env, async (url) => {
      expect((await fetch(`${url}/health`)).status).toBe(200);
    });
    expect(ok.stdout).toContain(`listening on http://127.0.0.1:${port}`);
    const refused = await runServer({ ...env, PUBLIC_URL: 'https://other.example.gov.kh' });
    expect(refused.code).not.toBe(0);
    oneLine(refused.stderr);
    expect(refused.stderr).toContain('PUBLIC_URL_CHANGE=confirm');
  });
});
