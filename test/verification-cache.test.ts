import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { CryptoProvider } from '../src/crypto/provider.js';
import { nodeCryptoProvider } from '../src/runtime/node/crypto.js';
import type { SqliteStore } from '../src/runtime/node/sqlite.js';
import { ADMIN_TOKEN, authJson, issue, makeTestApp, routeOf, sampleRequest, type TestContext } from './helpers.js';

/*
 * A stored credential's verification outcome is cached (its page, a scanned link) and
 * recomputed exactly when it can change. Signature checks are counted through the crypto
 * provider: a cached answer makes none.
 */

const dir = mkdtempSync(join(tmpdir(), 'skillcert-vcache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cachedApp() {
  const checks = { n: 0 };
  const crypto: CryptoProvider = {
    ...nodeCryptoProvider,
    async verifier(publicKey) {
      const inner = await nodeCryptoProvider.verifier(publicKey);
      return {
        ...inner,
        verify: (...args: Parameters<typeof inner.verify>) => {
          checks.n++;
          return inner.verify(...args);
        },
      };
    },
  };
  const ref: { store?: SqliteStore } = {};
  const databasePath = join(dir, `${Math.random().toString(36).slice(2)}.db`);
  const ctx = await makeTestApp({
    databasePath,
    deps: { crypto, cacheStoredVerification: true, externalChanges: () => ref.store!.externalChanges() },
  });
  ref.store = ctx.store as SqliteStore;
  return { ctx, checks, databasePath };
}

const verdictOfPage = async (ctx: TestContext, id: string) => {
  const res = await ctx.app.request(routeOf(ctx, `/v/${id.split('/').pop()}`));
  expect(res.status).toBe(200);
  const html = await res.text();
  return /data-verdict="([a-z-]+)"/.exec(html)?.[1] ?? html.match(/VALID|REVOKED|SUSPENDED|EXPIRED|NOT ACCREDITED|KEY COMPROMISED/)?.[0];
};
const scanned = async (ctx: TestContext, id: string) => {
  const res = await ctx.app.request(routeOf(ctx, '/api/v1/verify'), {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: `${ctx.deps.publicUrl}/v/${id.split('/').pop()}` }),
  });
  return (await res.json()) as { verified: boolean; checks: Array<{ id: string; status: string; code?: string }>; verifiedAt: string };
};

describe('the verification outcome of a stored credential is cached until it can change', () => {
  it('a second view of /v/:id and a scanned link check no signature again, and say when they were checked', async () => {
    const { ctx, checks } = await cachedApp();
    const issued = await issue(ctx);
    const first = await scanned(ctx, issued.id);
    expect(first.verified).toBe(true);
    const after = checks.n;
    ctx.clock.now = new Date(ctx.clock.now.getTime() + 60_000);
    const second = await scanned(ctx, issued.id);
    await verdictOfPage(ctx, issued.id);
    expect(checks.n).toBe(after);
    expect(second).toMatchObject({ verified: true });
    expect(second.verifiedAt).not.toBe(first.verifiedAt);
  });

  it('a verdict the cache holds is answered without reading the record; an unknown id is still looked up and not found', async () => {
    const { ctx } = await cachedApp();
    const issued = await issue(ctx);
    const reads = { n: 0 };
    const getCredential = ctx.store.getCredential.bind(ctx.store);
    ctx.store.getCredential = (id) => (reads.n++, getCredential(id));
    expect((await scanned(ctx, issued.id)).verified).toBe(true);
    const afterFirst = reads.n;
    expect(afterFirst).toBe(1);
    expect(await verdictOfPage(ctx, issued.id)).toBe('valid');
    expect((await scanned(ctx, issued.id)).verified).toBe(true);
    expect(reads.n).toBe(afterFirst);
    // A status change: the next view reads the record again, and sees it.
    expect((await ctx.app.request(routeOf(ctx, `/api/v1/credentials/${issued.id.split('/').pop()}/revoke`), authJson({ reason: 'fraud' }))).status).toBe(200);
    const afterRevoke = reads.n;
    expect(await verdictOfPage(ctx, issued.id)).toBe('revoked');
    expect(reads.n).toBe(afterRevoke + 1);
    const unknown = await scanned(ctx, `${issued.id.slice(0, -4)}zzzz`);
    expect(unknown.checks.find((c) => c.id === 'found')).toMatchObject({ status: 'failed' });
    expect(reads.n).toBe(afterRevoke + 2);
  });

  it('a stored credential sent to the verify API byte for byte (its JWT, its JSON) is answered from the cache, and a revoke is seen at once', async () => {
    const { ctx, checks } = await cachedApp();
    const issued = await issue(ctx);
    const verify = async (body: unknown) => {
      const res = await ctx.app.request(routeOf(ctx, '/api/v1/verify'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(200);
      return (await res.json()) as { verified: boolean; format: string; checks: Array<{ id: string; status: string }>; verifiedAt: string };
    };
    const jwt = await verify({ jwt: issued.jwt });
    const di = await verify({ credential: issued.credential });
    expect([jwt.verified, jwt.format, di.verified, di.format]).toEqual([true, 'vc+jwt', true, 'data-integrity']);
    const after = checks.n;
    ctx.clock.now = new Date(ctx.clock.now.getTime() + 60_000);
    const [jwt2, di2] = [await verify({ jwt: issued.jwt }), await verify({ credential: issued.credential })];
    expect(checks.n).toBe(after);
    expect({ ...jwt2, verifiedAt: jwt.verifiedAt }).toEqual(jwt);
    expect({ ...di2, verifiedAt: di.verifiedAt }).toEqual(di);
    expect(jwt2.verifiedAt).not.toBe(jwt.verifiedAt);
    // The same credential with one byte changed is not the stored one: verified afresh, and refused.
    const altered = await verify({ credential: { ...issued.credential, name: 'Something else' } });
    expect(altered.verified).toBe(false);
    expect(checks.n).toBeGreaterThan(after);
    expect((await ctx.app.request(routeOf(ctx, `/api/v1/credentials/${issued.id}/revoke`), authJson({ reason: 'fraud' }))).status).toBe(200);
    for (const body of [{ jwt: issued.jwt }, { credential: issued.credential }]) {
      expect((await verify(body)).checks.find((c) => c.id === 'revocation')).toMatchObject({ status: 'failed' });
    }
  });

  it('a status change (suspend, reinstate, revoke) is seen at once', async () => {
    const { ctx } = await cachedApp();
    const issued = await issue(ctx);
    expect((await scanned(ctx, issued.id)).verified).toBe(true);
    const id = issued.id.split('/').pop();
    expect((await ctx.app.request(routeOf(ctx, `/api/v1/credentials/${id}/suspend`), authJson({ reason: 'review' }))).status).toBe(200);
    expect((await scanned(ctx, issued.id)).checks.find((c) => c.id === 'suspension')).toMatchObject({ status: 'failed' });
    expect((await ctx.app.request(routeOf(ctx, `/api/v1/credentials/${id}/reinstate`), authJson({ reason: 'cleared' }))).status).toBe(200);
    expect((await scanned(ctx, issued.id)).verified).toBe(true);
    expect((await ctx.app.request(routeOf(ctx, `/api/v1/credentials/${id}/revoke`), authJson({ reason: 'fraud' }))).status).toBe(200);
    expect((await scanned(ctx, issued.id)).checks.find((c) => c.id === 'revocation')).toMatchObject({ status: 'failed' });
  });

  it('a key reported compromised before the credential was signed is seen at once', async () => {
    const { ctx } = await cachedApp();
    const issued = await issue(ctx);
    expect((await scanned(ctx, issued.id)).verified).toBe(true);
    const res = await ctx.app.request(routeOf(ctx, '/api/v1/institutes/default/keys/compromised'), authJson({ keyId: ctx.key.id, since: '2026-01-01T00:00:00Z' }));
    expect(res.status).toBe(200);
    expect((await scanned(ctx, issued.id)).checks.find((c) => c.id === 'proof')).toMatchObject({ status: 'failed', code: 'key_compromised' });
  });

  it('an accreditation change is seen at once', async () => {
    const { ctx } = await cachedApp();
    const issued = await issue(ctx, { ...sampleRequest(), validFrom: '2025-06-01' });
    // Completed before the institute's accreditation (from 2026-01-01): not accredited.
    expect((await scanned(ctx, issued.id)).checks.find((c) => c.id === 'accreditation')).toMatchObject({ status: 'failed' });
    const res = await ctx.app.request(routeOf(ctx, '/api/v1/institutes/default/accreditations'), authJson({ validFrom: '2025-01-01T00:00:00Z' }, ADMIN_TOKEN));
    expect(res.status).toBe(201);
    expect((await scanned(ctx, issued.id)).verified).toBe(true);
  });

  it('the end of the validity period is seen when the clock passes it, with no write at all', async () => {
    const { ctx } = await cachedApp();
    const issued = await issue(ctx, { ...sampleRequest(), validUntil: '2026-03-02' });
    expect((await scanned(ctx, issued.id)).verified).toBe(true);
    ctx.clock.now = new Date('2026-03-02T00:00:01Z');
    expect((await scanned(ctx, issued.id)).checks.find((c) => c.id === 'validity')).toMatchObject({ status: 'failed' });
  });

  it('a change written by another process (the CLI on the same database file) is seen at once', async () => {
    const { ctx, databasePath } = await cachedApp();
    const issued = await issue(ctx);
    expect((await scanned(ctx, issued.id)).verified).toBe(true);
    const other = new Database(databasePath);
    other.prepare('UPDATE credentials SET revoked_at = ?').run('2026-03-01T10:00:00Z');
    other.close();
    expect((await scanned(ctx, issued.id)).checks.find((c) => c.id === 'revocation')).toMatchObject({ status: 'failed' });
  });
});
