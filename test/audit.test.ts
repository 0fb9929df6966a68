import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { auditPreimage, verifyAuditChain } from '../src/audit/chain.js';
import { auditVerifyMain } from '../src/runtime/node/audit-verify.js';
import type { AuditEntry } from '../src/store/port.js';
import { issue, makeTestApp, type TestContext } from './helpers.js';
import { call, createInstitute, createKey, issueWith, type Json } from './tenants.js';

const sha256hex = async (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const ledger = (ctx: TestContext) => ctx.store.auditEntries({ limit: 1_000_000 });
const chain = async (ctx: TestContext) => verifyAuditChain(await ledger(ctx), sha256hex);

const dirs: string[] = [];
const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const handle of open.splice(0)) await handle.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function fileApp(): Promise<{ ctx: TestContext; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'skillcert-audit-'));
  dirs.push(dir);
  const path = join(dir, 'skillcert.db');
  const ctx = await makeTestApp({ databasePath: path });
  open.push(ctx.store);
  return { ctx, path };
}

/** Two institutes, each with a key, a credential issued and one revoked: a ledger with every kind of entry. */
async function busyLedger(ctx: TestContext) {
  await createInstitute(ctx, 'alpha');
  await createInstitute(ctx, 'beta');
  const alpha = await createKey(ctx, 'alpha', ['issue', 'revoke', 'admin']);
  const beta = await createKey(ctx, 'beta', ['issue', 'revoke', 'admin']);
  const issued = await issueWith(ctx, alpha.key);
  await issueWith(ctx, beta.key);
  expect((await call(ctx, 'POST', `/api/v1/credentials/${issued.id}/revoke`, { token: alpha.key, body: { reason: 'fraud' } })).status).toBe(200);
  return { alpha, beta, issued };
}

/** Runs `act` and returns the entries it added to the ledger. */
async function added(ctx: TestContext, act: () => Promise<unknown>): Promise<AuditEntry[]> {
  const before = (await ledger(ctx)).length;
  await act();
  return (await ledger(ctx)).slice(before);
}

describe('the audit ledger records every change', () => {
  it('creating an institute adds institute.create (with its key and accreditation)', async () => {
    const ctx = await makeTestApp();
    let created: Json = {};
    const entries = await added(ctx, async () => (created = await createInstitute(ctx, 'alpha')));
    expect(entries.map((e) => e.action)).toEqual(['institute.create', 'key.create', 'institute.accredit']);
    expect(entries[0]).toMatchObject({ actor: 'token:tok-admin', target: created.did, at: '2026-03-01T10:00:00Z' });
    expect(JSON.parse(entries[0]!.details)).toEqual({ slug: 'alpha', name: 'ALPHA Technical Institute' });
  });

  it('creating an API key adds one api-key.create naming the key, never its secret', async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'alpha');
    let key = { id: '', key: '' };
    const entries = await added(ctx, async () => (key = await createKey(ctx, 'alpha', ['issue'])));
    expect(entries).toHaveLength(1);
    expect(entries[0]!.action).toBe('api-key.create');
    expect(JSON.parse(entries[0]!.details)).toEqual({ keyId: key.id, scopes: ['issue'] });
    expect(JSON.stringify(await ledger(ctx))).not.toContain(key.key);
  });

  it('issuing adds one credential.issue by the issuing key, naming the credential', async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'alpha');
    const key = await createKey(ctx, 'alpha', ['issue']);
    let id = '';
    const entries = await added(ctx, async () => (id = (await issueWith(ctx, key.key)).id));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'credential.issue', actor: `token:${key.id}`, target: `http://localhost:8787/credentials/${id}` });
  });

  it('revoking adds one credential.revoke with the reason', async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'alpha');
    const key = await createKey(ctx, 'alpha', ['issue', 'revoke']);
    const { id } = await issueWith(ctx, key.key);
    const entries = await added(ctx, () => call(ctx, 'POST', `/api/v1/credentials/${id}/revoke`, { token: key.key, body: { reason: 'fraud' } }));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'credential.revoke', actor: `token:${key.id}` });
    expect(JSON.parse(entries[0]!.details)).toEqual({ reason: 'fraud' });
  });

  it('a refused revocation (already revoked) adds nothing', async () => {
    const ctx = await makeTestApp();
    const { alpha, issued } = await busyLedger(ctx);
    const entries = await added(ctx, () => call(ctx, 'POST', `/api/v1/credentials/${issued.id}/revoke`, { token: alpha.key, body: { reason: 'again' } }));
    expect(entries).toEqual([]);
  });
});

describe('GET /api/v1/audit', () => {
  it('pages through the whole ledger with limit, after and next', async () => {
    const ctx = await makeTestApp();
    await busyLedger(ctx);
    const all = await ledger(ctx);
    expect(all.length).toBeGreaterThan(6);
    const seen: Json[] = [];
    let next: string | null = '/api/v1/audit?limit=3';
    let pages = 0;
    while (next) {
      const page = await call(ctx, 'GET', next);
      expect(page.status).toBe(200);
      expect(page.body.entries.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.entries);
      next = page.body.next;
      if (next) expect(next).toBe(`/api/v1/audit?after=${page.body.entries.at(-1).seq}&limit=3`);
      pages++;
    }
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(all.length / 3));
    expect(seen.map((e) => e.seq)).toEqual(all.map((e) => e.seq));
    expect(seen.map((e) => e.details)).toEqual(all.map((e) => JSON.parse(e.details)));
  });

  it('starts after the given seq', async () => {
    const ctx = await makeTestApp();
    await busyLedger(ctx);
    const page = await call(ctx, 'GET', '/api/v1/audit?after=4&limit=2');
    expect(page.body.entries.map((e: Json) => e.seq)).toEqual([5, 6]);
  });

  it('an institute key sees only its own institute\'s entries; the ministry sees all', async () => {
    const ctx = await makeTestApp();
    const { alpha } = await busyLedger(ctx);
    const alphaId = (await ctx.store.getInstituteBySlug('alpha'))!.id;
    const own = (await call(ctx, 'GET', '/api/v1/audit?limit=500', { token: alpha.key })).body.entries as Json[];
    const all = await ledger(ctx);
    expect(own.length).toBe(all.filter((e) => e.instituteId === alphaId).length);
    expect(own.every((e) => e.instituteId === alphaId)).toBe(true);
    expect(own.map((e) => e.action)).toEqual(expect.arrayContaining(['institute.create', 'api-key.create', 'credential.issue', 'credential.revoke']));
    const ministry = (await call(ctx, 'GET', '/api/v1/audit?limit=500')).body.entries as Json[];
    expect(ministry).toHaveLength(all.length);
  });

  it.each(['limit=0', 'limit=501', 'after=-1', 'limit=abc', 'since=1'])('a bad query (%s) is 400', async (query) => {
    const ctx = await makeTestApp();
    const res = await call(ctx, 'GET', `/api/v1/audit?${query}`);
    expect(res.status).toBe(400);
    expect(['invalid_request', 'unknown_field']).toContain(res.body.error.code);
  });
});

describe('the hash chain (verifyAuditChain)', () => {
  it('accepts the ledger as written', async () => {
    const ctx = await makeTestApp();
    await busyLedger(ctx);
    const verdict = await chain(ctx);
    expect(verdict).toEqual({ ok: true, checked: (await ledger(ctx)).length });
  });

  it('accepts an empty ledger', async () => {
    expect(await verifyAuditChain([], sha256hex)).toEqual({ ok: true, checked: 0 });
  });

  /** A file-backed ledger and a second, raw connection to it: what someone with the database file could do. */
  async function ledgerOnDisk() {
    const { ctx, path } = await fileApp();
    await busyLedger(ctx);
    expect((await chain(ctx)).ok).toBe(true);
    const raw = new Database(path);
    open.push(raw);
    const revoke = (await ledger(ctx)).find((e) => e.action === 'credential.revoke')!;
    return { ctx, raw, seq: revoke.seq };
  }

  it.each(['details', 'actor'])('editing one row\'s %s breaks the chain at that row', async (column) => {
    const { ctx, raw, seq } = await ledgerOnDisk();
    const value = column === 'details' ? '{"reason":"issued by mistake"}' : 'token:tok-admin';
    expect(raw.prepare(`UPDATE audit_log SET ${column} = ? WHERE seq = ?`).run(value, seq).changes).toBe(1);
    expect(await chain(ctx)).toMatchObject({ ok: false, brokenAt: seq, checked: seq - 1, reason: 'the entry was changed after it was written' });
  });

  it('deleting one row breaks the chain, naming the missing seq', async () => {
    const { ctx, raw } = await ledgerOnDisk();
    const seq = (await ledger(ctx)).find((e) => e.action === 'credential.issue')!.seq;
    expect(raw.prepare('DELETE FROM audit_log WHERE seq = ?').run(seq).changes).toBe(1);
    expect(await chain(ctx)).toMatchObject({ ok: false, brokenAt: seq + 1, checked: seq - 1, reason: `entry ${seq} is missing` });
  });

  // The chain alone has no anchor outside the database: removing the newest entries leaves a
  // shorter, still consistent chain. The ledger check (auditVerifyMain) catches it against the
  // stored credentials and a kept head: 'catches entries removed from the end' below.

  it('editing a row and recomputing its own hash still breaks the chain at the next row', async () => {
    const { ctx, path } = await fileApp();
    await busyLedger(ctx);
    const entry = (await ledger(ctx))[3]!;
    const forged = { ...entry, details: '{"reason":"forged"}' };
    const raw = new Database(path);
    open.push(raw);
    raw.prepare('UPDATE audit_log SET details = ?, hash = ? WHERE seq = ?').run(forged.details, await sha256hex(auditPreimage(entry.prevHash, forged)), entry.seq);
    expect(await chain(ctx)).toMatchObject({ ok: false, brokenAt: entry.seq + 1, reason: 'prev_hash does not match the previous entry' });
  });
});

describe('npm run audit:verify (auditVerifyMain)', () => {
  it('exits 0 on an intact ledger and 1 once a row is edited, printing the broken seq', async () => {
    const { ctx, path } = await fileApp();
    await busyLedger(ctx);
    const out: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    try {
      expect(await auditVerifyMain({ DATABASE_PATH: path })).toBe(0);
      expect(out.join('')).toContain(`audit ledger intact: ${(await ledger(ctx)).length} entries`);

      const raw = new Database(path);
      open.push(raw);
      raw.prepare('UPDATE audit_log SET details = ? WHERE seq = ?').run('{}', 6);
      out.length = 0;
      expect(await auditVerifyMain({ DATABASE_PATH: path })).toBe(1);
      expect(out.join('')).toContain('audit ledger BROKEN at entry 6');
    } finally {
      write.mockRestore();
    }
  });

  it('exits 1 when a row was deleted', async () => {
    const { ctx, path } = await fileApp();
    await busyLedger(ctx);
    const raw = new Database(path);
    open.push(raw);
    raw.prepare('DELETE FROM audit_log WHERE seq = ?').run(2);
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await auditVerifyMain({ DATABASE_PATH: path })).toBe(1);
      expect(write.mock.calls.map((c) => String(c[0])).join('')).toContain('entry 2 is missing');
    } finally {
      write.mockRestore();
    }
    expect((await ledger(ctx)).length).toBeGreaterThan(0);
  });
});

describe('npm run audit:verify catches entries removed from the end of the ledger', () => {
  const quiet = () => vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const printed = (spy: ReturnType<typeof quiet>) => spy.mock.calls.map((c) => String(c[0])).join('');

  it('when credentials whose issuance was recorded there remain', async () => {
    const { ctx, path } = await fileApp();
    await busyLedger(ctx);
    const raw = new Database(path);
    open.push(raw);
    const last = raw.prepare(`SELECT MAX(seq) AS seq FROM audit_log WHERE action = 'credential.issue'`).get() as { seq: number };
    raw.prepare('DELETE FROM audit_log WHERE seq >= ?').run(last.seq);
    const spy = quiet();
    try {
      expect(await auditVerifyMain({ DATABASE_PATH: path })).toBe(1);
      expect(printed(spy)).toMatch(/audit ledger INCOMPLETE: 1 stored credential\(s\) have no issue entry/);
    } finally {
      spy.mockRestore();
    }
  });

  it('when a head kept from an earlier run is gone or changed, and not while it is there', async () => {
    const { ctx, path } = await fileApp();
    await busyLedger(ctx);
    let spy = quiet();
    let head: string;
    try {
      expect(await auditVerifyMain({ DATABASE_PATH: path })).toBe(0);
      head = /head (\d+:[0-9a-f]{64})/.exec(printed(spy))![1]!;
    } finally {
      spy.mockRestore();
    }
    await issue(ctx); // the ledger grows past the kept head: still fine
    spy = quiet();
    try {
      expect(await auditVerifyMain({ DATABASE_PATH: path }, { head })).toBe(0);
      const raw = new Database(path);
      open.push(raw);
      // Remove the newest entries, the kept head among them, and the credential they recorded too.
      const seq = Number(head.split(':')[0]);
      const gone = raw.prepare(`SELECT target FROM audit_log WHERE seq >= ? AND action = 'credential.issue'`).all(seq) as Array<{ target: string }>;
      for (const { target } of gone) raw.prepare('DELETE FROM credentials WHERE credential_url = ?').run(target);
      raw.prepare('DELETE FROM audit_log WHERE seq >= ?').run(seq);
      spy.mockClear();
      expect(await auditVerifyMain({ DATABASE_PATH: path })).toBe(0); // without the kept head, nothing shows it
      expect(await auditVerifyMain({ DATABASE_PATH: path }, { head })).toBe(1);
      expect(printed(spy)).toContain(`the kept head #${seq} is no longer in the ledger`);
    } finally {
      spy.mockRestore();
    }
    await expect(auditVerifyMain({ DATABASE_PATH: path }, { head: 'latest' })).rejects.toThrow('--head must be SEQ:HASH');
  });
});
