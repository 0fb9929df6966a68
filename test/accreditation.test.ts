import { describe, expect, it } from 'vitest';
import { fromBase64url } from '../src/crypto/encoding.js';
import { didKeyFromPublicKey } from '../src/crypto/multikey.js';
import { loadSigningKey } from '../src/issuer/keys.js';
import { addDataIntegrityProof } from '../src/issuer/secure.js';
import { nodeCryptoProvider } from '../src/runtime/node/crypto.js';
import { OTHER_KEY, authJson, makeTestApp, sampleRequest, type TestContext } from './helpers.js';
import { call, checkOf, createInstitute, createKey, issueWith, verify, type Json } from './tenants.js';

/** alpha is accredited from 2026-01-01 (open-ended); beta from 2026-02-01 until 2026-02-20. */
async function world() {
  const ctx = await makeTestApp();
  await createInstitute(ctx, 'alpha');
  await createInstitute(ctx, 'beta', { accreditedFrom: '2026-02-01', accreditedUntil: '2026-02-20' });
  const alpha = await createKey(ctx, 'alpha', ['issue', 'revoke']);
  const beta = await createKey(ctx, 'beta', ['issue']);
  return { ctx, alpha, beta };
}

async function reportsFor(ctx: TestContext, issued: { credential: Json; jwt: string }) {
  return [(await verify(ctx, { credential: issued.credential })).body, (await verify(ctx, { jwt: issued.jwt })).body];
}

describe('the accreditation check of POST /api/v1/verify', () => {
  it('passes for an institute accredited on the credential\'s validFrom, naming the ministry', async () => {
    const { ctx, alpha } = await world();
    const issued = await issueWith(ctx, alpha.key);
    for (const report of await reportsFor(ctx, issued)) {
      expect(report.verified).toBe(true);
      const check = checkOf(report, 'accreditation')!;
      expect(check.status).toBe('passed');
      expect(check.message).toContain('Ministry of Labour and Vocational Training');
    }
  });

  it('fails for a credential whose validFrom is before the accreditation started, though its proof holds', async () => {
    const { ctx, alpha } = await world();
    const issued = await issueWith(ctx, alpha.key, { ...sampleRequest(), validFrom: '2025-06-01' });
    for (const report of await reportsFor(ctx, issued)) {
      expect(report.verified).toBe(false);
      expect(checkOf(report, 'proof')?.status).toBe('passed');
      expect(checkOf(report, 'validity')?.status).toBe('passed');
      expect(checkOf(report, 'accreditation')).toMatchObject({ status: 'failed', message: expect.stringMatching(/^not accredited/) });
    }
  });

  it('fails for a credential whose validFrom is after the accreditation ended', async () => {
    const { ctx, beta } = await world();
    // Issued on 2026-02-10, while beta was accredited, but dated to start after it ended.
    const today = ctx.clock.now;
    ctx.clock.now = new Date('2026-02-10T09:00:00Z');
    const issued = await issueWith(ctx, beta.key, { ...sampleRequest(), validFrom: '2026-02-25' });
    ctx.clock.now = today;
    const [report] = await reportsFor(ctx, issued);
    expect(report.verified).toBe(false);
    expect(checkOf(report, 'accreditation')?.status).toBe('failed');
    ctx.clock.now = new Date('2026-02-10T09:00:00Z');
    const within = await issueWith(ctx, beta.key, { ...sampleRequest(), validFrom: '2026-02-10' });
    ctx.clock.now = today;
    expect(checkOf((await verify(ctx, { credential: within.credential })).body, 'accreditation')?.status).toBe('passed');
  });

  it('an institute whose accreditation has lapsed cannot issue (403)', async () => {
    const { ctx, beta } = await world();
    const res = await ctx.app.request('/api/v1/credentials', authJson(sampleRequest(), beta.key));
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).error.code).toBe('forbidden');
  });

  it('fails for an issuer not in the registry (a did:key credential signed by another key)', async () => {
    const { ctx, alpha } = await world();
    const { proof: _p, credentialStatus: _s, ...unsecured } = structuredClone((await issueWith(ctx, alpha.key)).credential) as Json;
    const didKey = didKeyFromPublicKey(fromBase64url(OTHER_KEY.x));
    unsecured.issuer.id = didKey;
    const key = await loadSigningKey(OTHER_KEY, didKey, nodeCryptoProvider);
    const credential = await addDataIntegrityProof(unsecured, key, '2026-03-01T10:00:00Z', nodeCryptoProvider);
    const report = (await verify(ctx, { credential })).body;
    expect(report.verified).toBe(false);
    expect(checkOf(report, 'issuer')?.status).toBe('passed');
    expect(checkOf(report, 'proof')?.status).toBe('passed');
    expect(checkOf(report, 'accreditation')).toMatchObject({ status: 'failed', message: expect.stringContaining(didKey) });
  });

  it('a credential issued during the accreditation stays accredited after the institute is suspended', async () => {
    const { ctx, alpha } = await world();
    const issued = await issueWith(ctx, alpha.key);
    ctx.clock.now = new Date('2026-05-01T00:00:00Z');
    expect((await call(ctx, 'POST', '/api/v1/institutes/alpha/suspend')).status).toBe(200);
    for (const report of await reportsFor(ctx, issued)) {
      expect(report.verified).toBe(true);
      expect(checkOf(report, 'accreditation')?.status).toBe('passed');
    }
  });

  it('is not part of the VC API\'s verification (the standard endpoint reports no accreditation)', async () => {
    const { ctx, alpha } = await world();
    const issued = await issueWith(ctx, alpha.key, { ...sampleRequest(), validFrom: '2025-06-01' });
    const res = await call(ctx, 'POST', '/credentials/verify', { token: null, body: { verifiableCredential: issued.credential } });
    expect(res.status).toBe(200);
    expect(res.body.checks).not.toContain('accreditation');
  });
});

describe('the verify page of a credential whose issuer was not accredited', () => {
  it('reads ISSUER NOT ACCREDITED', async () => {
    const { ctx, alpha } = await world();
    const issued = await issueWith(ctx, alpha.key, { ...sampleRequest(), validFrom: '2025-06-01' });
    const res = await ctx.app.request(`/v/${issued.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('ISSUER NOT ACCREDITED');
  });

  it('an accredited one does not', async () => {
    const { ctx, alpha } = await world();
    const issued = await issueWith(ctx, alpha.key);
    const res = await ctx.app.request(`/v/${issued.id}`);
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain('NOT ACCREDITED');
  });
});
