import { describe, expect, it } from 'vitest';
import { MINISTRY_KEY, makeTestApp, type TestContext } from './helpers.js';
import { call, checkOf, createInstitute, verify, type Json } from './tenants.js';

const MINISTRY_DID = 'did:web:localhost%3A8787:ministry';

async function withTwoInstitutes(): Promise<TestContext> {
  const ctx = await makeTestApp();
  await createInstitute(ctx, 'alpha');
  await createInstitute(ctx, 'beta', { accreditedFrom: '2026-02-01', accreditedUntil: '2028-02-01' });
  return ctx;
}

const get = (ctx: TestContext, path: string, headers: Record<string, string> = {}) => call(ctx, 'GET', path, { token: null, headers });

describe('GET /registry: the ministry-signed registry credential', () => {
  it('is issued by the ministry DID and lists every institute with its DIDs and accreditation periods', async () => {
    const ctx = await withTwoInstitutes();
    const res = await get(ctx, '/registry');
    expect(res.status).toBe(200);
    const registry = res.body as Json;
    expect(registry.type).toEqual(['VerifiableCredential', 'AccreditationRegistryCredential']);
    expect(registry.issuer.id).toBe(MINISTRY_DID);
    expect(registry.proof.verificationMethod).toMatch(new RegExp(`^${MINISTRY_DID}#`));
    const bySlug = Object.fromEntries((registry.credentialSubject.institutes as Json[]).map((i) => [i.slug, i]));
    expect(Object.keys(bySlug).sort()).toEqual(['alpha', 'beta', 'default']);
    expect(bySlug.alpha).toMatchObject({
      dids: [expect.stringMatching(/^did:web:localhost%3A8787:issuers:alpha$/), expect.stringMatching(/^did:key:z6Mk/)],
      status: 'active',
      accreditations: [{ validFrom: '2026-01-01T00:00:00Z', programmes: ['Electrical Installation'] }],
    });
    expect(bySlug.beta.accreditations).toEqual([{ validFrom: '2026-02-01T00:00:00Z', validUntil: '2028-02-01T00:00:00Z', programmes: ['Electrical Installation'] }]);
  });

  it('verifies through POST /api/v1/verify, accreditation included, in both forms', async () => {
    const ctx = await withTwoInstitutes();
    const di = (await get(ctx, '/registry')).body;
    const jwt = (await get(ctx, '/registry', { Accept: 'application/vc+jwt' })).body as string;
    expect(jwt.split('.')).toHaveLength(3);
    for (const body of [{ credential: di }, { jwt }]) {
      const report = (await verify(ctx, body)).body;
      expect(report.verified, JSON.stringify(report.checks)).toBe(true);
      expect(report.credential.issuer.id).toBe(MINISTRY_DID);
      expect(checkOf(report, 'proof')?.status).toBe('passed');
      expect(checkOf(report, 'accreditation')?.status).toBe('passed');
    }
  });

  it('verifies through the VC API (POST /credentials/verify)', async () => {
    const ctx = await withTwoInstitutes();
    const di = (await get(ctx, '/registry')).body;
    const res = await call(ctx, 'POST', '/credentials/verify', { token: null, body: { verifiableCredential: di } });
    expect(res.status).toBe(200);
    expect(res.body.verified).toBe(true);
  });

  it('an edited registry (an institute added by hand) fails the proof check', async () => {
    const ctx = await withTwoInstitutes();
    const forged = structuredClone((await get(ctx, '/registry')).body) as Json;
    forged.credentialSubject.institutes.push({ slug: 'fake', name: 'Diploma Mill', dids: ['did:web:mill.example'], status: 'active', programmes: [], accreditations: [{ validFrom: '2026-01-01T00:00:00Z', programmes: [] }] });
    const report = (await verify(ctx, { credential: forged })).body;
    expect(report.verified).toBe(false);
    expect(checkOf(report, 'proof')?.status).toBe('failed');
  });

  it('the ministry DID document publishes the key that signs it', async () => {
    const ctx = await makeTestApp();
    const doc = (await get(ctx, '/ministry/did.json')).body as Json;
    expect(doc.id).toBe(MINISTRY_DID);
    expect(doc.verificationMethod).toHaveLength(1);
    const registry = (await get(ctx, '/registry')).body as Json;
    expect(doc.assertionMethod).toEqual([registry.proof.verificationMethod]);
    expect(JSON.stringify(doc)).not.toContain(MINISTRY_KEY.d);
  });
});

describe('GET /registry.json: the same registry as plain JSON', () => {
  it('names the ministry and lists the same institutes, without a proof', async () => {
    const ctx = await withTwoInstitutes();
    const plain = await get(ctx, '/registry.json');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toMatch(/^application\/json/);
    expect(plain.body.ministry).toEqual({ name: 'Ministry of Labour and Vocational Training', did: MINISTRY_DID });
    expect(plain.body.proof).toBeUndefined();
    const signed = (await get(ctx, '/registry')).body as Json;
    expect(plain.body.institutes).toEqual(signed.credentialSubject.institutes);
  });
});

describe('registry caching', () => {
  it.each([
    ['/registry', {}],
    ['/registry', { Accept: 'application/vc+jwt' }],
    ['/registry.json', {}],
  ] as Array<[string, Record<string, string>]>)('%s %j has an ETag and answers 304 to If-None-Match', async (path, headers) => {
    const ctx = await withTwoInstitutes();
    const first = await get(ctx, path, headers);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const again = await get(ctx, path, { ...headers, 'If-None-Match': etag! });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    expect((await get(ctx, path, { ...headers, 'If-None-Match': '"stale"' })).status).toBe(200);
  });

  it('each form has its own ETag', async () => {
    const ctx = await withTwoInstitutes();
    const tags = await Promise.all([
      get(ctx, '/registry'),
      get(ctx, '/registry', { Accept: 'application/vc+jwt' }),
      get(ctx, '/registry.json'),
    ]);
    expect(new Set(tags.map((t) => t.headers.get('etag'))).size).toBe(3);
  });

  it('is not re-signed while nothing changed', async () => {
    const ctx = await withTwoInstitutes();
    const a = await get(ctx, '/registry');
    ctx.clock.now = new Date(ctx.clock.now.getTime() + 3600_000);
    const b = await get(ctx, '/registry');
    expect(b.headers.get('etag')).toBe(a.headers.get('etag'));
    expect(b.body).toEqual(a.body);
  });

  it('changes (a new ETag, the new period listed) after the ministry adds an accreditation', async () => {
    const ctx = await withTwoInstitutes();
    const before = await get(ctx, '/registry');
    const beforeJson = await get(ctx, '/registry.json');
    const added = await call(ctx, 'POST', '/api/v1/institutes/beta/accreditations', { body: { validFrom: '2028-02-01', validUntil: '2030-02-01' } });
    expect(added.status).toBe(201);
    const after = await get(ctx, '/registry', { 'If-None-Match': before.headers.get('etag')! });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    const afterJson = await get(ctx, '/registry.json', { 'If-None-Match': beforeJson.headers.get('etag')! });
    expect(afterJson.status).toBe(200);
    const beta = (after.body.credentialSubject.institutes as Json[]).find((i) => i.slug === 'beta')!;
    expect(beta.accreditations).toHaveLength(2);
    expect(beta.accreditations[1]).toMatchObject({ validFrom: '2028-02-01T00:00:00Z', validUntil: '2030-02-01T00:00:00Z' });
    expect((await verify(ctx, { credential: after.body })).body.verified).toBe(true);
  });

  it('changes after an institute is suspended: its status and the end of its period', async () => {
    const ctx = await withTwoInstitutes();
    const before = await get(ctx, '/registry.json');
    expect((await call(ctx, 'POST', '/api/v1/institutes/alpha/suspend')).status).toBe(200);
    const after = await get(ctx, '/registry.json');
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    const alpha = (after.body.institutes as Json[]).find((i) => i.slug === 'alpha')!;
    expect(alpha).toMatchObject({ status: 'suspended', accreditations: [{ validFrom: '2026-01-01T00:00:00Z', validUntil: '2026-03-01T10:00:00Z' }] });
  });
});
