import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/runtime/node/cli.js';
import { startNode } from '../src/runtime/node/start.js';
import { loadConfig } from '../src/runtime/node/config.js';
import { authJson } from './helpers.js';

/*
 * What the command line does with the files and flags it is given: help is not an error, a
 * missing file is named as missing, and a class list reaches the batch API as the bytes on
 * disk, so the CLI's dry run refuses exactly what the API (and the console) refuse.
 */

let dir: string;
let env: Record<string, string>;
const TOKEN = 'cli-files-admin-token-0123456789abcdef';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'skillcert-cli-files-'));
  env = { DATABASE_PATH: join(dir, 'db.sqlite'), KEYS_DIR: join(dir, 'keys'), ADMIN_TOKEN: TOKEN };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI in process: exit code, what it printed, and what it wrote to stderr. */
async function run(args: string[]) {
  const lines: string[] = [];
  const errors: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    errors.push(String(chunk));
    return true;
  });
  try {
    const code = await main(args, env, (l) => lines.push(l));
    return { code, out: lines.join('\n'), err: errors.join('') };
  } finally {
    spy.mockRestore();
  }
}

describe('skillcert --help', () => {
  it('prints the usage and exits 0, as `skillcert help` does', async () => {
    for (const args of [['--help'], ['help'], ['verify', '--help']]) {
      const { code, out } = await run(args);
      expect(code, args.join(' ')).toBe(0);
      expect(out).toContain('Usage:');
    }
  });

  it('exits 2 with the usage when no command is given', async () => {
    const { code, out } = await run([]);
    expect(code).toBe(2);
    expect(out).toContain('Usage:');
  });
});

describe('a missing file is "no such file"', () => {
  it('for verify, templates create and issue --csv, in one line with exit code 2', async () => {
    for (const [args, path] of [
      [['verify', join(dir, 'credential.json')], join(dir, 'credential.json')],
      [['verify', 'missing-credential.json'], 'missing-credential.json'],
      [['templates', 'create', join(dir, 'electrical-l2.json')], join(dir, 'electrical-l2.json')],
      [['issue', '--csv', join(dir, 'cohort.csv'), '--dry-run'], join(dir, 'cohort.csv')],
    ] as const) {
      const { code, err } = await run([...args]);
      expect(code, args.join(' ')).toBe(2);
      expect(err, args.join(' ')).toBe(`skillcert: no such file: ${path}\n`);
    }
  });

  it('still takes a link, a JWT or JSON given on the command line as the thing to verify', async () => {
    const { code, out } = await run(['verify', 'eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2ln']);
    expect(code).toBe(1);
    expect(out).not.toContain('no such file');
  });
});

describe('the CLI reads a class list as the API does: the bytes on disk, checked by the API', () => {
  const header = 'Student ID,Learner Name,Template Code,Completion Date\r\n';
  const latin1 = Buffer.from(`${header}S001,José Sok,ELC-L2,2026-02-15\r\n`, 'latin1');
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${header}S001,សុខ ដារ៉ា,ELC-L2,2026-02-15\r\n`, 'utf16le')]);

  /** What the batch API answers to the same bytes sent as they are. */
  async function apiAnswer(bytes: Buffer): Promise<{ status: number; message: string }> {
    const { app, store } = await startNode(loadConfig(env), () => {});
    try {
      const res = await app.request('/api/v1/batches?dryRun=true&template=ELC-L2', {
        method: 'POST', headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${TOKEN}` }, body: new Uint8Array(bytes),
      });
      return { status: res.status, message: ((await res.json()) as { error: { message: string } }).error.message };
    } finally {
      await store.close();
    }
  }

  it.each([
    ['a Windows-1252 (Latin-1) file', latin1],
    ['a UTF-16 file', utf16],
  ])('refuses %s with the API\'s own message, instead of a dry run of garbled names or "missing column"', async (_name, bytes) => {
    const { app, store } = await startNode(loadConfig(env), () => {});
    await app.request('/api/v1/templates', authJson({ code: 'ELC-L2', name: 'Electrical Installation', description: 'Wiring.', criteria: 'Passed.' }, TOKEN));
    await store.close();
    const api = await apiAnswer(bytes);
    expect(api.status).toBe(422);
    const file = join(dir, 'cohort.csv');
    writeFileSync(file, bytes);
    const { code, out, err } = await run(['issue', '--csv', file, '--dry-run']);
    expect(out).not.toContain('\uFFFD');
    expect(out).not.toMatch(/missing column/i);
    expect(code).toBe(2);
    expect(err).toBe(`skillcert: ${api.message} (unprocessable, HTTP 422)\n`);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('reads a template file that is not UTF-8 as an error, not with replacement characters', async () => {
    const file = join(dir, 'template.json');
    writeFileSync(file, Buffer.from('{"code": "ELC-L2", "name": "Électricité", "description": "x", "criteria": "y"}', 'latin1'));
    const { code, err } = await run(['templates', 'create', file]);
    expect(code).toBe(2);
    expect(err).toBe(`skillcert: ${file} is not UTF-8 text; save it as UTF-8 and try again\n`);
  });
});
