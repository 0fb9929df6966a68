import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { fileURLToPath } from 'node:url';
import { base64url } from '@scure/base';
import { ADMIN_TOKEN, TEST_KEK } from './helpers.js';

/** Helpers for tests that run the real service: `npm start`'s command (compiled dist/) in a child process. */

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export interface RunningServer {
  url: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Waits until the output matches. */
  waitFor: (pattern: RegExp, ms?: number) => Promise<RegExpExecArray>;
}

/** The env of a server on a database makeTestApp seeded (its KEK, admin token and PUBLIC_URL). */
export const seededEnv = (databasePath: string, keysDir: string): Record<string, string> => ({
  DATABASE_PATH: databasePath,
  KEYS_DIR: keysDir,
  ADMIN_TOKEN,
  KEY_ENCRYPTION_KEY: base64url.encode(TEST_KEK).replace(/=+$/, ''),
  PUBLIC_URL: 'http://localhost:8787',
  INSTITUTE_NAME: 'Preah Kossomak Polytechnic Institute',
  LOG_LEVEL: 'info',
});

/** Starts the compiled server (`node --max-old-space-size=256 scripts/start.mjs`, what `npm start` runs) and waits until it listens. */
export async function startServer(env: Record<string, string>, options: { port?: number; timeoutMs?: number } = {}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const { PORT, HOST, PUBLIC_URL, CI, ...inherited } = process.env;
  void PORT; void HOST; void PUBLIC_URL; void CI;
  const child = spawn(process.execPath, ['--max-old-space-size=256', 'scripts/start.mjs'], {
    cwd: ROOT, env: { ...inherited, HOST: '127.0.0.1', PORT: String(port), ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters = new Set<() => void>();
  const onData = (d: Buffer) => {
    output += d.toString();
    for (const w of waiters) w();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    for (const w of waiters) w();
    resolve(code);
  }));
  let dead = false;
  void exited.then(() => (dead = true));
  const waitFor = (pattern: RegExp, ms = options.timeoutMs ?? 60_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const m = pattern.exec(output);
        if (m) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(m);
        } else if (dead) {
          waiters.delete(check);
          clearTimeout(timer);
          reject(new Error(`the server exited before printing ${pattern}:\n${output}`));
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no ${pattern} within ${ms} ms:\n${output}`));
      }, ms);
      waiters.add(check);
      check();
    });
  const server = { url: `http://127.0.0.1:${port}`, port, child, output: () => output, exited, waitFor };
  try {
    await waitFor(/skillcert is listening on/);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return server;
}

/** Stops a server whatever state it is in (afterEach). */
export async function kill(server: RunningServer | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGKILL');
  await server.exited;
}

/**
 * The servers and temporary folders a test file starts: after each test the servers are
 * killed and the folders removed.
 */
export function serverScratch() {
  const dirs: string[] = [];
  const servers: RunningServer[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await kill(s);
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return {
    tempDir(prefix: string): string {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
    track<S extends RunningServer>(server: S): S {
      servers.push(server);
      return server;
    },
  };
}
