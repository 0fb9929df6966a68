import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeTestApp } from './helpers.js';
import { call, createInstitute } from './tenants.js';

/*
 * The README's shell examples, read as a new user runs them: every file they write into the
 * repository folder is git-ignored (one holds a live API key), every command exists on Linux,
 * and the key-compromise example can be followed as written.
 */

const root = new URL('..', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const shell = [...readme.matchAll(/```(?:sh|bash)\n([\s\S]*?)```/g)].map((m) => m[1] ?? '').join('\n');
const commands = shell.split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter((l) => l && !l.startsWith('#'));

/** The patterns of .gitignore that name files (not negations), as regular expressions. */
const ignored = readFileSync(new URL('.gitignore', root), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'))
  .map((p) => new RegExp(`^${p.replace(/^\//, '').replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`));
const isIgnored = (file: string) => ignored.some((re) => re.test(file));

/** Files the examples write: `tee F`, `-o F`, `> F`, `--out F`, and the CLI's results and QR files beside `--csv F`. */
function writtenFiles(): string[] {
  const files = new Set<string>();
  for (const line of commands) {
    for (const m of line.matchAll(/(?:\btee|\s-o|>|--out|--results|--qr)\s+([\w.-]+)/g)) files.add(m[1] as string);
    for (const m of line.matchAll(/--csv\s+([\w.-]+)\.csv/g)) files.add(`${m[1]}.results.csv`).add(`${m[1]}.qr.zip`);
  }
  files.delete('/dev/null');
  return [...files];
}

describe('the README\'s examples', () => {
  it('write only files that .gitignore keeps out of git, the live API key included', () => {
    const files = writtenFiles();
    expect(files).toEqual(expect.arrayContaining(['issued.json', 'ntti-key.json', 'ntti-issued.json', 'request.json', 'cohort.csv', 'batch.json', 'results.csv', 'qr.zip', 'qr.png', 'qr.svg', 'badge.png', 'badge.svg']));
    expect(files.filter((f) => !isIgnored(f))).toEqual([]);
  });

  it('use no `open` command (Linux has none): xdg-open, or a browser', () => {
    expect(commands.filter((l) => /^open\s/.test(l))).toEqual([]);
    expect(readme).toMatch(/xdg-open http:\/\/localhost:8787\/v\/\$ID/);
  });

  it('say that npm test needs chromium, and what happens without it', () => {
    expect(readme).toMatch(/browser tests in `npm test` drive Debian's Chromium \(`sudo apt-get install chromium`/);
  });

  it('name the leaked key with a command that works, not a `#…` placeholder', async () => {
    expect(shell).not.toMatch(/#…/);
    const line = commands.find((l) => l.includes('node -p') && l.includes('.keys['));
    const expression = /node -p "([^"]+)"/.exec(line ?? '')?.[1];
    expect(expression, 'the README\'s command that picks the key id').toBeDefined();
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'ntti');
    expect((await call(ctx, 'POST', '/api/v1/institutes/ntti/keys/rotate')).status).toBe(201);
    const listed = await call(ctx, 'GET', '/api/v1/institutes/ntti/keys');
    expect(listed.status).toBe(200);
    const picked = spawnSync(process.execPath, ['-p', expression as string], { input: JSON.stringify(listed.body), encoding: 'utf8' });
    expect(picked.status, picked.stderr).toBe(0);
    const keyId = picked.stdout.trim();
    expect(keyId).toBe(listed.body.keys[1].id);
    const marked = await call(ctx, 'POST', '/api/v1/institutes/ntti/keys/compromised', { body: { keyId, since: '2026-11-01T00:00:00Z' } });
    expect(marked.status).toBe(200);
  });
});
