import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { authJson, issue, makeTestApp, verifyBody, type TestContext } from './helpers.js';

async function post(ctx: TestContext, path: string, body: unknown = {}) {
  const res = await ctx.app.request(path, authJson(body));
  return { status: res.status, body: (await res.json()) as any };
}

function entry(credential: any, purpose: string) {
  return [].concat(credential.credentialStatus).find((e: any) => e.statusPurpose === purpose) as any;
}

async function listBits(ctx: TestContext, url: string): Promise<Buffer> {
  const res = await ctx.app.request(new URL(url).pathname);
  expect(res.status).toBe(200);
  const list = (await res.json()) as any;
  const encoded: string = list.credentialSubject.encodedList;
  expect(encoded.startsWith('u')).toBe(true);
  return gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
}

const bitAt = (bits: Buffer, i: number) => ((bits[i >> 3]! >> (7 - (i & 7))) & 1) === 1;

describe('status entries', () => {
  it('every credential carries ONE revocation BitstringStatusListEntry saying its bit also means suspended, in both forms', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const e = issued.credential.credentialStatus as any;
    expect(Array.isArray(e)).toBe(false);
    expect(e).toEqual({
      id: `${e.statusListCredential}#${e.statusListIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: expect.stringMatching(/^\d+$/),
      statusListCredential: expect.stringMatching(/^http:\/\/localhost:8787\/status\//),
      statusMessage: [{ status: '0x0', message: 'valid' }, { status: '0x1', message: 'revoked or suspended' }],
    });
    const payload = JSON.parse(Buffer.from(issued.jwt.split('.')[1]!, 'base64url').toString());
    expect(payload.credentialStatus).toEqual(issued.credential.credentialStatus);
  });

  it('200 concurrent issuances get 200 distinct indexes', async () => {
    const ctx = await makeTestApp();
    const all = await Promise.all(Array.from({ length: 200 }, () => issue(ctx)));
    const slots = new Set(all.map((i) => entry(i.credential, 'revocation')).map((e: any) => `${e.statusListCredential}#${e.statusListIndex}`));
    expect(slots.size).toBe(200);
  });
});

describe('status list credential', () => {
  it('decodes with an independent gzip/base64url path to at least 16 KB, all clear before any change', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const bits = await listBits(ctx, entry(issued.credential, 'revocation').statusListCredential);
    expect(bits.length).toBeGreaterThanOrEqual(16 * 1024);
    expect(bits.every((b) => b === 0)).toBe(true);
  });

  it('is served with an ETag, a short max-age, and 304 for a matching If-None-Match', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const path = new URL(entry(issued.credential, 'revocation').statusListCredential).pathname;
    const first = await ctx.app.request(path);
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect(first.headers.get('cache-control')).toMatch(/max-age=300/);
    const again = await ctx.app.request(path, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it('is not re-signed on a read when nothing changed, and is re-signed after a change', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const path = new URL(entry(issued.credential, 'revocation').statusListCredential).pathname;
    const a = await (await ctx.app.request(path)).text();
    const b = await (await ctx.app.request(path)).text();
    expect(b).toBe(a);
    await post(ctx, `/api/v1/credentials/${issued.id}/revoke`, { reason: 'issued by mistake' });
    const c = await (await ctx.app.request(path)).text();
    expect(c).not.toBe(a);
  });

  it('verifies as a credential of the same issuer, in both forms', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const path = new URL(entry(issued.credential, 'revocation').statusListCredential).pathname;
    const di = await (await ctx.app.request(path)).json();
    const jwt = await (await ctx.app.request(path, { headers: { Accept: 'application/vc+jwt' } })).text();
    for (const body of [{ credential: di }, { jwt }]) {
      const { body: report } = await verifyBody(ctx, body);
      expect(report.verified).toBe(true);
      expect(report.credential.issuer.id).toBe(ctx.institute.did);
    }
    expect((di as any).credentialSubject.statusPurpose).toBe('revocation');
  });

  it('a list that must be signed again while its institute has no active signing key answers 503 unavailable, not 500', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const path = new URL(entry(issued.credential, 'revocation').statusListCredential).pathname;
    // A change makes the signed list stale; the key reported compromised leaves none to sign it with.
    expect((await post(ctx, `/api/v1/credentials/${issued.id}/revoke`, { reason: 'issued by mistake' })).status).toBe(200);
    const compromised = await post(ctx, '/api/v1/institutes/default/keys/compromised', { keyId: ctx.key.id, since: '2026-02-01T00:00:00Z' });
    expect(compromised.status).toBe(200);
    const res = await ctx.app.request(path);
    expect(res.status).toBe(503);
    const body = (await res.json()) as any;
    expect(body.error.code).toBe('unavailable');
    expect(body.error.message).toMatch(/no active signing key/);
  });

  it('an unknown list id is 404', async () => {
    const ctx = await makeTestApp();
    expect((await ctx.app.request('/status/NoSuchList1234567')).status).toBe(404);
  });
});

describe('revocation', () => {
  it('revoke → verify fails the revocation check for both forms, and the bit is set at the named index', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const other = await issue(ctx);
    const res = await post(ctx, `/api/v1/credentials/${issued.id}/revoke`, { reason: 'obtained by fraud' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('revoked');
    for (const body of [{ credential: issued.credential }, { jwt: issued.jwt }]) {
      const { body: report } = await verifyBody(ctx, body);
      expect(report.verified).toBe(false);
      expect(report.checks.find((c: any) => c.id === 'revocation')).toMatchObject({ status: 'failed' });
    }
    const e = entry(issued.credential, 'revocation');
    const bits = await listBits(ctx, e.statusListCredential);
    expect(bitAt(bits, Number(e.statusListIndex))).toBe(true);
    expect(bitAt(bits, Number(entry(other.credential, 'revocation').statusListIndex))).toBe(false);
    expect((await verifyBody(ctx, { credential: other.credential })).body.verified).toBe(true);
  });

  it('revoking a revoked credential is 409, and revocation is permanent', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    expect((await post(ctx, `/api/v1/credentials/${issued.id}/revoke`, { reason: 'x' })).status).toBe(200);
    const again = await post(ctx, `/api/v1/credentials/${issued.id}/revoke`, { reason: 'x' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
    expect((await post(ctx, `/api/v1/credentials/${issued.id}/reinstate`)).status).toBe(409);
    expect((await post(ctx, `/api/v1/credentials/${issued.id}/suspend`, { reason: 'x' })).status).toBe(409);
  });

  it('the record shows who, when and why, in order', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    await post(ctx, `/api/v1/credentials/${issued.id}/suspend`, { reason: 'complaint under review' });
    await post(ctx, `/api/v1/credentials/${issued.id}/reinstate`, { reason: 'complaint dismissed' });
    await post(ctx, `/api/v1/credentials/${issued.id}/revoke`, { reason: 'fraud confirmed' });
    const res = await ctx.app.request(`/api/v1/credentials/${issued.id}`, { headers: { Authorization: 'Bearer test-admin-token-0123456789abcdef' } });
    const view = (await res.json()) as any;
    expect(view.status).toBe('revoked');
    expect(view.history.map((h: any) => [h.action, h.reason])).toEqual([
      ['suspend', 'complaint under review'],
      ['reinstate', 'complaint dismissed'],
      ['revoke', 'fraud confirmed'],
    ]);
    expect(view.history[0].actor).toBe('token:tok-admin');
    expect(view.history[0].at).toBe('2026-03-01T10:00:00Z');
  });

  it('a reason is required to revoke or suspend', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const res = await post(ctx, `/api/v1/credentials/${issued.id}/revoke`, {});
    expect(res.status).toBe(400);
    const view = await ctx.app.request(`/api/v1/credentials/${issued.id}`, { headers: { Authorization: 'Bearer test-admin-token-0123456789abcdef' } });
    expect(((await view.json()) as any).status).toBe('active');
  });

  it('status changes need a token, and unknown ids are 404', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const noAuth = await ctx.app.request(`/api/v1/credentials/${issued.id}/revoke`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"reason":"x"}' });
    expect(noAuth.status).toBe(401);
    expect((await post(ctx, '/api/v1/credentials/NoSuchCredential123/revoke', { reason: 'x' })).status).toBe(404);
  });
});

describe('suspension', () => {
  it('suspend → fails; reinstate → passes again', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    expect((await post(ctx, `/api/v1/credentials/${issued.id}/suspend`, { reason: 'complaint' })).status).toBe(200);
    let report = (await verifyBody(ctx, { jwt: issued.jwt })).body;
    expect(report.verified).toBe(false);
    expect(report.checks.find((c: any) => c.id === 'suspension')).toMatchObject({ status: 'failed' });
    expect((await post(ctx, `/api/v1/credentials/${issued.id}/suspend`, { reason: 'again' })).status).toBe(409);
    expect((await post(ctx, `/api/v1/credentials/${issued.id}/reinstate`, {})).status).toBe(200);
    report = (await verifyBody(ctx, { credential: issued.credential })).body;
    expect(report.verified).toBe(true);
    expect((await post(ctx, `/api/v1/credentials/${issued.id}/reinstate`, {})).status).toBe(409);
  });

  it("sets the credential's one bit while suspended and clears it on reinstatement; this verifier says SUSPENDED, not revoked", async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const e = entry(issued.credential, 'revocation');
    const bit = async () => bitAt(await listBits(ctx, e.statusListCredential), Number(e.statusListIndex));
    expect(await bit()).toBe(false);
    await post(ctx, `/api/v1/credentials/${issued.id}/suspend`, { reason: 'complaint' });
    expect(await bit()).toBe(true);
    const report = (await verifyBody(ctx, { credential: issued.credential })).body;
    expect(report.checks.filter((c: any) => c.id === 'revocation' || c.id === 'suspension')).toEqual([
      expect.objectContaining({ id: 'revocation', status: 'passed' }),
      expect.objectContaining({ id: 'suspension', status: 'failed', code: 'suspended' }),
    ]);
    expect(await (await ctx.app.request(`/v/${issued.id}`)).text()).toContain('SUSPENDED');
    await post(ctx, `/api/v1/credentials/${issued.id}/reinstate`, {});
    expect(await bit()).toBe(false);
    await post(ctx, `/api/v1/credentials/${issued.id}/revoke`, { reason: 'fraud' });
    expect(await bit()).toBe(true);
    const revoked = (await verifyBody(ctx, { jwt: issued.jwt })).body;
    expect(revoked.checks.find((c: any) => c.id === 'revocation')).toMatchObject({ status: 'failed', code: 'revoked' });
  });

  it('the verify page shows Revoked prominently with the date', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    await post(ctx, `/api/v1/credentials/${issued.id}/revoke`, { reason: 'x' });
    const html = await (await ctx.app.request(`/v/${issued.id}`)).text();
    expect(html).toContain('REVOKED');
    expect(html).toContain('2026-03-01');
  });
});
