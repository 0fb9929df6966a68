import { describe, expect, it } from 'vitest';
import { ifNoneMatch } from '../src/http/etag.js';
import { authJson, issue, makeTestApp, type TestContext } from './helpers.js';
import { call } from './tenants.js';

/*
 * ETags on responses that are a pure function of stored state (src/http/etag.ts): a matching
 * If-None-Match answers 304 with no body; anything the response is made from changing (a
 * verdict, a key) changes the ETag. The verify and learner pages are revalidated on every view.
 */

const localId = (id: string) => id.split('/').pop() as string;
const get = (ctx: TestContext, path: string, headers: Record<string, string> = {}) => ctx.app.request(path, { headers });

/** Both ways a stored credential's page is verified: afresh each time, and from the cache (Node). */
const apps = [
  ['verified afresh', () => makeTestApp()],
  ['from the verification cache', () => makeTestApp({ deps: { cacheStoredVerification: true } })],
] as const;

describe.each(apps)('the verify page /v/:id (%s)', (_, makeApp) => {
  it('carries an ETag, is revalidated on every view, and answers 304 to a matching If-None-Match', async () => {
    const ctx = await makeApp();
    const id = localId((await issue(ctx)).id);
    const first = await get(ctx, `/v/${id}`);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    expect(first.headers.get('vary')).toBe('Cookie, Accept-Language');
    const again = await get(ctx, `/v/${id}`, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('no-cache');
    expect(again.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    // The same page in the other language is another representation.
    const km = await get(ctx, `/v/${id}`, { 'Accept-Language': 'km', 'If-None-Match': etag });
    expect(km.status).toBe(200);
    expect(km.headers.get('etag')).not.toBe(etag);
  });

  it('changes its ETag when the verdict changes: a revoke answers 200 REVOKED to the old ETag', async () => {
    const ctx = await makeApp();
    const issued = await issue(ctx);
    const id = localId(issued.id);
    const valid = await get(ctx, `/v/${id}`);
    const etag = valid.headers.get('etag')!;
    expect(await valid.text()).toContain('data-verdict="valid"');
    expect((await ctx.app.request(`/api/v1/credentials/${issued.id}/revoke`, authJson({ reason: 'issued by mistake' }))).status).toBe(200);
    const revoked = await get(ctx, `/v/${id}`, { 'If-None-Match': etag });
    expect(revoked.status).toBe(200);
    expect(await revoked.text()).toContain('data-verdict="revoked"');
    const newEtag = revoked.headers.get('etag')!;
    expect(newEtag).not.toBe(etag);
    expect((await get(ctx, `/v/${id}`, { 'If-None-Match': newEtag })).status).toBe(304);
  });

  it('changes its ETag when time alone changes the verdict (validUntil passes) and on the next day (it shows the day it was checked)', async () => {
    const ctx = await makeApp();
    const issued = await issue(ctx, {
      learner: { name: 'Sok Dara' },
      achievement: { name: 'Electrical Installation', description: 'Installs wiring.', criteria: 'Passed.' },
      validUntil: '2026-03-05T00:00:00Z',
    });
    const id = localId(issued.id);
    const etag = (await get(ctx, `/v/${id}`)).headers.get('etag')!;
    ctx.clock.now = new Date(ctx.clock.now.getTime() + 3600_000);
    expect((await get(ctx, `/v/${id}`, { 'If-None-Match': etag })).status).toBe(304);
    ctx.clock.now = new Date(ctx.clock.now.getTime() + 24 * 3600_000);
    const nextDay = await get(ctx, `/v/${id}`, { 'If-None-Match': etag });
    expect(nextDay.status).toBe(200);
    const dayEtag = nextDay.headers.get('etag')!;
    ctx.clock.now = new Date('2026-03-06T00:00:00Z');
    const expired = await get(ctx, `/v/${id}`, { 'If-None-Match': dayEtag });
    expect(expired.status).toBe(200);
    expect(await expired.text()).toContain('data-verdict="expired"');
  });
});

describe.each(apps)('the learner page /c/:id (%s)', (_, makeApp) => {
  it('answers 304 while nothing it shows changed, and a new ETag after a revoke', async () => {
    const ctx = await makeApp();
    const issued = await issue(ctx);
    const id = localId(issued.id);
    const first = await get(ctx, `/c/${id}`);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\//);
    expect((await get(ctx, `/c/${id}`, { 'If-None-Match': etag })).status).toBe(304);
    expect((await ctx.app.request(`/api/v1/credentials/${issued.id}/revoke`, authJson({ reason: 'issued by mistake' }))).status).toBe(200);
    const after = await get(ctx, `/c/${id}`, { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
  });

  it('changes its ETag when the number of verifications it shows changes', async () => {
    const ctx = await makeApp();
    const issued = await issue(ctx);
    const id = localId(issued.id);
    const etag = (await get(ctx, `/c/${id}`)).headers.get('etag')!;
    expect((await get(ctx, `/c/${id}`, { 'If-None-Match': etag })).status).toBe(304);
    // An employer's verification, as the insight counter writes it when it flushes.
    await ctx.store.addInsightCounts([{ day: '2026-03-01', credential: { id }, event: 'verification', channel: 'qr-page', verdict: 'valid', n: 1 }]);
    expect(await ctx.store.verificationCount(id)).toBe(1);
    const after = await get(ctx, `/c/${id}`, { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
  });
});

describe('documents and pictures carry a content ETag', () => {
  it('the credential, its QR codes, its badge, its achievement and the DID documents answer 304 to their own ETag', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const id = localId(issued.id);
    const paths = [
      `/credentials/${id}`, `/credentials/${id}/qr.svg`, `/credentials/${id}/qr.png`, `/credentials/${id}/qr-offline.svg`,
      `/credentials/${id}/badge.svg`, '/.well-known/did.json', '/ministry/did.json', '/.well-known/jwks.json',
    ];
    for (const path of paths) {
      const first = await get(ctx, path);
      expect(first.status, path).toBe(200);
      const etag = first.headers.get('etag');
      expect(etag, path).toMatch(/^"[\w-]+"$/);
      const again = await get(ctx, path, { 'If-None-Match': etag! });
      expect(again.status, path).toBe(304);
      expect(await again.text(), path).toBe('');
    }
    // The JWT form of the credential is another representation.
    const jwt = await get(ctx, `/credentials/${id}`, { Accept: 'application/vc+jwt' });
    expect(jwt.headers.get('etag')).not.toBe((await get(ctx, `/credentials/${id}`)).headers.get('etag'));
  });

  it('a DID document gets a new ETag when its keys change (a rotation)', async () => {
    const ctx = await makeTestApp();
    const before = await get(ctx, '/.well-known/did.json');
    const etag = before.headers.get('etag')!;
    const rotated = await call(ctx, 'POST', '/api/v1/institutes/default/keys/rotate');
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(201);
    const after = await get(ctx, '/.well-known/did.json', { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
  });
});

describe('If-None-Match is compared weakly, as RFC 9110 asks for GET', () => {
  it('matches a tag in a list, with or without W/, and *; not a different tag', () => {
    expect(ifNoneMatch('"a", W/"b"', 'W/"b"')).toBe(true);
    expect(ifNoneMatch('W/"b"', '"b"')).toBe(true);
    expect(ifNoneMatch('*', '"x"')).toBe(true);
    expect(ifNoneMatch('"a"', '"b"')).toBe(false);
    expect(ifNoneMatch(undefined, '"b"')).toBe(false);
    expect(ifNoneMatch('', '"b"')).toBe(false);
  });
});
