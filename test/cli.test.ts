import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/runtime/node/cli.js';
import { startNode } from '../src/runtime/node/start.js';
import { loadConfig } from '../src/runtime/node/config.js';
import { loadWorkerConfig } from '../src/runtime/workers/config.js';
import { authJson, sampleRequest } from './helpers.js';

let dir: string;
let env: Record<string, string>;
const TOKEN = 'cli-test-admin-token-0123456789abcdef';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'skillcert-cli-'));
  env = { DATABASE_PATH: join(dir, 'db.sqlite'), KEYS_DIR: join(dir, 'keys'), ADMIN_TOKEN: TOKEN };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function issueLocally(): Promise<{ credential: unknown; jwt: string }> {
  const { app, store } = await startNode(loadConfig(env), () => {});
  const res = await app.request('/api/v1/credentials', authJson({ ...sampleRequest(), validFrom: undefined, validUntil: undefined }, TOKEN));
  const body = (await res.json()) as { credential: unknown; jwt: string };
  await store.close();
  return body;
}

async function run(args: string[]) {
  const lines: string[] = [];
  const code = await main(args, env, (l) => lines.push(l));
  return { code, out: lines.join('\n') };
}

describe('skillcert verify', () => {
  it('exits 0 for a valid credential file and prints the verdict and checks', async () => {
    const { credential } = await issueLocally();
    const file = join(dir, 'credential.json');
    writeFileSync(file, JSON.stringify(credential));
    const { code, out } = await run(['verify', file]);
    expect(code).toBe(0);
    expect(out).toContain('GENUINE');
    expect(out).toMatch(/✓ proof/);
  });

  it('exits 0 for a baked badge (PNG) holding a valid credential', async () => {
    const { app, store } = await startNode(loadConfig(env), () => {});
    const res = await app.request('/api/v1/credentials', authJson({ ...sampleRequest(), validFrom: undefined, validUntil: undefined }, TOKEN));
    const { id } = (await res.json()) as { id: string };
    const badge = new Uint8Array(await (await app.request(`/credentials/${id}/badge.png`)).arrayBuffer());
    await store.close();
    const file = join(dir, 'badge.png');
    writeFileSync(file, badge);
    const { code, out } = await run(['verify', file]);
    expect(code, out).toBe(0);
    expect(out).toContain('សុខ ដារ៉ា');
  });

  it('exits 0 for a valid JWT given on the command line', async () => {
    const { jwt } = await issueLocally();
    expect((await run(['verify', jwt])).code).toBe(0);
  });

  it('exits 1 for a tampered credential, naming the failed check', async () => {
    const { credential } = await issueLocally();
    const file = join(dir, 'tampered.json');
    writeFileSync(file, JSON.stringify(credential).replace('Sok Dara', 'Sok Darb'));
    const { code, out } = await run(['verify', file]);
    expect(code).toBe(1);
    expect(out).toMatch(/✗ proof/);
  });

  it('exits 2 with one line, not a stack trace, for unreadable input, an unknown command or an unknown option', async () => {
    const file = join(dir, 'garbage.txt');
    writeFileSync(file, 'not a credential');
    const errors: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      errors.push(String(chunk));
      return true;
    });
    try {
      for (const args of [['verify', file], ['no-such-command'], ['issue', '--csv', file, '--dryrun'], ['verify', '--server']]) {
        errors.length = 0;
        expect((await run(args)).code, args.join(' ')).toBe(2);
        expect(errors, args.join(' ')).toHaveLength(1);
        expect(errors[0], args.join(' ')).toMatch(/^skillcert: [^\n]+\n$/);
        expect(errors[0]).not.toMatch(/\bat .*\.ts:\d+/);
      }
      expect(errors[0]).toBe('skillcert: --server needs a value\n');
    } finally {
      spy.mockRestore();
    }
  });

  it('a switch does not swallow the argument after it (verify --json FILE)', async () => {
    const { credential } = await issueLocally();
    const file = join(dir, 'credential.json');
    writeFileSync(file, JSON.stringify(credential));
    const { code, out } = await run(['verify', '--json', file]);
    expect(code).toBe(0);
    expect(JSON.parse(out).verified).toBe(true);
  });
});

describe('skillcert institutes, keys and audit', () => {
  it('creates and lists institutes, lists and rotates keys, and checks the audit chain', async () => {
    expect((await run(['institutes', 'create', '--slug', 'ntti', '--name', 'National Technical Training Institute', '--accredited-from', '2026-01-01'])).code).toBe(0);
    const list = await run(['institutes', 'list']);
    expect(list.out).toContain('did:web:localhost%3A8787:issuers:ntti');
    const before = await run(['keys', 'list', '--institute', 'ntti']);
    expect(before.out.split('\n')).toHaveLength(1);
    expect((await run(['keys', 'rotate', '--institute', 'ntti'])).code).toBe(0);
    const after = await run(['keys', 'list', '--institute', 'ntti']);
    expect(after.out.split('\n')).toHaveLength(2);
    const audit = await run(['audit', 'verify']);
    expect(audit.code).toBe(0);
  });
});

describe('skillcert templates and issue --csv', () => {
  it('creates a template, reports problems by row in a dry run, issues a cohort with a results file, and issues nothing new on a re-run', async () => {
    const { electricalTemplate } = await import('./cohort-helpers.js');
    const templateFile = join(dir, 'template.json');
    writeFileSync(templateFile, JSON.stringify(electricalTemplate()));
    expect((await run(['templates', 'create', templateFile])).code).toBe(0);
    expect((await run(['templates', 'list'])).out).toContain('ELC-L2');

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'Student ID,Learner Name,Template Code,Completion Date\nS1,Sok Dara,ELC-L2,2026-02-15\nS2,,ELC-L2,2026-02-30\n');
    const dry = await run(['issue', '--csv', bad, '--dry-run']);
    expect(dry.code).toBe(1);
    expect(dry.out).toMatch(/row 3/);

    const good = join(dir, 'cohort.csv');
    writeFileSync(good, 'Student ID,Learner Name,Khmer Name,Template Code,Completion Date\nS1,Sok Dara,សុខ ដារ៉ា,ELC-L2,2026-02-15\nS2,Chan Sophea,,ELC-L2,2026-02-16\n');
    const first = await run(['issue', '--csv', good]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/issued 2/);
    const resultBytes = readFileSync(join(dir, 'cohort.results.csv'));
    expect([...resultBytes.subarray(0, 3)], 'the BOM Excel needs to read Khmer is kept').toEqual([0xef, 0xbb, 0xbf]);
    const results = resultBytes.toString('utf8');
    expect(results).toContain('Sok Dara,');
    expect(first.out).toContain(`QR codes: ${join(dir, 'cohort.qr.zip')}`);
    const zip = unzipSync(new Uint8Array(readFileSync(join(dir, 'cohort.qr.zip'))));
    expect(Object.keys(zip).sort()).toEqual(['png/S1.png', 'png/S2.png', 'svg/S1.svg', 'svg/S2.svg']);
    expect(results.split('\n').filter((l) => l.trim()).length).toBe(3);
    const again = await run(['issue', '--csv', good]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('already issued: 2  to issue: 0');
    expect(again.out).toContain('this file was sent before');
    expect(again.out).toContain('nothing new was issued');
  });
});

describe('skillcert keys generate', () => {
  it('prints fresh secrets a Worker accepts as its configuration, different each time', async () => {
    const first = await run(['keys', 'generate']);
    expect(first.code).toBe(0);
    const vars = Object.fromEntries(first.out.split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    expect(Object.keys(vars)).toEqual(['ADMIN_TOKEN', 'KEY_ENCRYPTION_KEY', 'INSTITUTE_PRIVATE_JWK']);
    const config = loadWorkerConfig({ PUBLIC_URL: 'https://certs.example.gov.kh', ...vars });
    expect(config.adminToken).toBe(vars.ADMIN_TOKEN);
    expect(config.keyEncryptionKey).toHaveLength(32);
    expect(config.instituteKey).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    expect((await run(['keys', 'generate'])).out).not.toContain(vars.ADMIN_TOKEN);
  });

  it('writes them to --out readable by the owner only, and never over an existing file', async () => {
    const file = join(dir, '.dev.vars');
    const { code, out } = await run(['keys', 'generate', '--out', file]);
    expect(code).toBe(0);
    expect(out).not.toMatch(/ADMIN_TOKEN=|"d":/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const before = readFileSync(file, 'utf8');
    expect((await run(['keys', 'generate', '--out', file])).code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(existsSync(file)).toBe(true);
  });
});

describe('skillcert issue --csv with many problems', () => {
  it('prints the first 30 and says how many more there are, instead of flooding the terminal', async () => {
    const file = join(dir, 'wrong-template.csv');
    const rows = Array.from({ length: 120 }, (_, i) => `S${i},Learner ${i},NOPE-1,2026-02-15`);
    writeFileSync(file, `Student ID,Learner Name,Template Code,Completion Date\n${rows.join('\n')}\n`);
    const { code, out } = await run(['issue', '--csv', file, '--dry-run']);
    expect(code).toBe(1);
    expect(out.split('\n').filter((l) => l.startsWith('  row '))).toHaveLength(30);
    expect(out).toContain('…and 90 more with the same problem ("no template with code "NOPE-1""); --json prints them all');
    const json = await run(['issue', '--csv', file, '--dry-run', '--json']);
    expect(JSON.parse(json.out).problems).toHaveLength(120);
  });
});

describe('the skillcert command (bin/skillcert.mjs)', () => {
  it('runs as a process: verify prints the verdict and exits 0, an unknown option exits 2 with one line', async () => {
    const { credential } = await issueLocally();
    const file = join(dir, 'credential.json');
    writeFileSync(file, JSON.stringify(credential));
    const bin = new URL('../bin/skillcert.mjs', import.meta.url).pathname;
    const ok = spawnSync(process.execPath, [bin, 'verify', file], { env: { ...process.env, ...env }, encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('GENUINE');
    const bad = spawnSync(process.execPath, [bin, 'verify', file, '--jsno'], { env: { ...process.env, ...env }, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('skillcert: unknown option --jsno; run skillcert help\n');
  }, 30_000);
});
