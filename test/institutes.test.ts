import { describe, expect, it } from 'vitest';
import { makeTestApp, sampleRequest } from './helpers.js';
import { call, checkOf, createInstitute, createKey, instituteBody, issueWith, verify, type Json } from './tenants.js';

const V2 = 'https://www.w3.org/ns/credentials/v2';

describe('only the ministry manages institutes', () => {
  const MINISTRY_ONLY: Array<[string, string, string, Json | undefined]> = [
    ['create an institute', 'POST', '/api/v1/institutes', instituteBody('gamma')],
    ['update an institute', 'PATCH', '/api/v1/institutes/alpha', { name: 'Renamed Institute' }],
    ['add an accreditation period', 'POST', '/api/v1/institutes/alpha/accreditations', { validFrom: '2027-01-01' }],
    ['suspend an institute', 'POST', '/api/v1/institutes/alpha/suspend', undefined],
  ];

  it.each(MINISTRY_ONLY)('an institute key with every scope cannot %s (403 forbidden), and nothing changes', async (_what, method, path, body) => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'alpha');
    const key = await createKey(ctx, 'alpha', ['issue', 'revoke', 'admin']);
    const before = await call(ctx, 'GET', '/api/v1/institutes/alpha');
    const res = await call(ctx, method, path, { token: key.key, body });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect((await call(ctx, 'GET', '/api/v1/institutes/alpha')).body).toEqual(before.body);
    expect((await call(ctx, 'GET', '/api/v1/institutes/gamma')).status).toBe(404);
  });

  it.each(MINISTRY_ONLY)('the ministry token can %s', async (_what, method, path, body) => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'alpha');
    const res = await call(ctx, method, path, { body });
    expect([200, 201]).toContain(res.status);
  });

  it('PATCH changes only the fields sent', async () => {
    const ctx = await makeTestApp();
    const created = await createInstitute(ctx, 'alpha');
    const res = await call(ctx, 'PATCH', '/api/v1/institutes/alpha', { body: { name: 'Alpha Polytechnic', contact: null } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Alpha Polytechnic', contact: null, nameKm: created.nameKm, url: created.url, did: created.did });
  });
});

describe('creating an institute', () => {
  it('answers 201 with its DID did:web:localhost%3A8787:issuers:<slug>, a key, and its accreditation period', async () => {
    const ctx = await makeTestApp();
    const res = await call(ctx, 'POST', '/api/v1/institutes', { body: instituteBody('ntti') });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      slug: 'ntti',
      status: 'active',
      did: 'did:web:localhost%3A8787:issuers:ntti',
      isDefault: false,
      accreditations: [{ validFrom: '2026-01-01T00:00:00Z', validUntil: null, programmes: ['Electrical Installation'] }],
    });
    expect(res.body.keys).toHaveLength(1);
    expect(res.body.keys[0].id).toMatch(/^did:web:localhost%3A8787:issuers:ntti#/);
    expect(res.body.didKey).toBe(`did:key:${res.body.keys[0].publicKeyMultibase}`);
  });

  it('serves its DID document at /issuers/<slug>/did.json with its Multikey', async () => {
    const ctx = await makeTestApp();
    const created = await createInstitute(ctx, 'ntti');
    const res = await ctx.app.request('/issuers/ntti/did.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/did\+ld\+json/);
    const doc = (await res.json()) as Json;
    const [key] = created.keys as Json[];
    expect(doc.id).toBe('did:web:localhost%3A8787:issuers:ntti');
    expect(doc.verificationMethod).toEqual([
      { id: key!.id, type: 'Multikey', controller: 'did:web:localhost%3A8787:issuers:ntti', publicKeyMultibase: key!.publicKeyMultibase },
    ]);
    expect(key!.publicKeyMultibase).toMatch(/^z6Mk/);
    expect(doc.assertionMethod).toEqual([key!.id]);
  });

  it('a credential it issues names its DID and is signed by its key', async () => {
    const ctx = await makeTestApp();
    const created = await createInstitute(ctx, 'ntti');
    const key = await createKey(ctx, 'ntti', ['issue']);
    const issued = await issueWith(ctx, key.key);
    expect((issued.credential.issuer as Json).id).toBe(created.did);
    expect(issued.credential.proof[0]!.verificationMethod).toBe(created.keys[0].id);
    const report = (await verify(ctx, { credential: issued.credential })).body;
    expect(report.verified).toBe(true);
    expect(checkOf(report, 'accreditation')?.status).toBe('passed');
  });

  it('a slug already taken is 409 conflict', async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'ntti');
    const res = await call(ctx, 'POST', '/api/v1/institutes', { body: instituteBody('ntti', { name: 'Another Institute' }) });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect((await call(ctx, 'POST', '/api/v1/institutes', { body: instituteBody('default') })).status).toBe(409);
  });

  it.each(['NTTI', '-ntti', 'ntti-', 'n_tti', 'a'.repeat(41), ''])('a slug like %j is 400 invalid_request', async (slug) => {
    const ctx = await makeTestApp();
    const res = await call(ctx, 'POST', '/api/v1/institutes', { body: instituteBody(slug) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
  });

  it('unknown DIDs are 404: another slug, and the default institute under /issuers', async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'ntti');
    expect((await ctx.app.request('/issuers/nope/did.json')).status).toBe(404);
    expect((await ctx.app.request('/issuers/default/did.json')).status).toBe(404);
  });
});

describe('a suspended institute', () => {
  async function suspendedWithCredential() {
    const ctx = await makeTestApp();
    const created = await createInstitute(ctx, 'ntti');
    const key = await createKey(ctx, 'ntti', ['issue', 'revoke', 'admin']);
    const before = await issueWith(ctx, key.key);
    ctx.clock.now = new Date('2026-04-01T00:00:00Z');
    const suspended = await call(ctx, 'POST', '/api/v1/institutes/ntti/suspend');
    expect(suspended.status).toBe(200);
    expect(suspended.body.status).toBe('suspended');
    expect(suspended.body.accreditations).toEqual([{ validFrom: '2026-01-01T00:00:00Z', validUntil: '2026-04-01T00:00:00Z', programmes: ['Electrical Installation'] }]);
    return { ctx, created, key, before };
  }

  it('cannot issue: 403 forbidden, through the skillcert API and the VC API', async () => {
    const { ctx, created, key } = await suspendedWithCredential();
    const res = await call(ctx, 'POST', '/api/v1/credentials', { token: key.key, body: sampleRequest() });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    const byMinistry = await call(ctx, 'POST', '/api/v1/credentials?institute=ntti', { body: sampleRequest() });
    expect(byMinistry.status).toBe(403);
    const credential = { '@context': [V2], type: ['VerifiableCredential'], issuer: created.did, credentialSubject: { name: 'Chan Sophea' } };
    for (const token of [key.key, undefined]) {
      const vcApi = await call(ctx, 'POST', '/credentials/issue', { token, body: { credential } });
      expect(vcApi.status).toBe(403);
      expect(vcApi.body.error.code).toBe('forbidden');
    }
    const ledger = await ctx.store.auditEntries({ limit: 1000 });
    expect(ledger.filter((e) => e.action === 'credential.issue')).toHaveLength(1);
  });

  it('its credentials issued while accredited still verify as accredited', async () => {
    const { ctx, before } = await suspendedWithCredential();
    for (const body of [{ credential: before.credential }, { jwt: before.jwt }]) {
      const report = (await verify(ctx, body)).body;
      expect(report.verified).toBe(true);
      expect(checkOf(report, 'accreditation')).toMatchObject({ status: 'passed' });
    }
  });

  it('can still be read and can still revoke what it issued', async () => {
    const { ctx, key, before } = await suspendedWithCredential();
    expect((await call(ctx, 'GET', '/api/v1/institutes/ntti', { token: key.key })).body.status).toBe('suspended');
    const revoked = await call(ctx, 'POST', `/api/v1/credentials/${before.id}/revoke`, { token: key.key, body: { reason: 'fraud' } });
    expect(revoked.status).toBe(200);
  });

  it('issues again after the ministry adds a new accreditation period', async () => {
    const { ctx, key } = await suspendedWithCredential();
    const accredited = await call(ctx, 'POST', '/api/v1/institutes/ntti/accreditations', { body: { validFrom: '2026-04-01' } });
    expect(accredited.status).toBe(201);
    expect(accredited.body.status).toBe('active');
    const issued = await issueWith(ctx, key.key, { ...sampleRequest(), validFrom: '2026-04-01' });
    const report = (await verify(ctx, { credential: issued.credential })).body;
    expect(report.verified).toBe(true);
  });

  it('an accreditation period that ends before it starts is 400 invalid_request', async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'ntti');
    const res = await call(ctx, 'POST', '/api/v1/institutes/ntti/accreditations', { body: { validFrom: '2027-01-01', validUntil: '2026-01-01' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
  });
});

describe('institute API keys', () => {
  it('the secret is shown once: the list never carries it', async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'alpha');
    const key = await createKey(ctx, 'alpha', ['issue'], { expiresAt: '2027-12-31' });
    const listed = await call(ctx, 'GET', '/api/v1/institutes/alpha/api-keys');
    expect(listed.body.apiKeys).toEqual([
      { id: key.id, label: 'issue key', scopes: ['issue'], createdAt: '2026-03-01T10:00:00Z', expiresAt: '2027-12-31T00:00:00Z', lastUsedAt: null, revokedAt: null },
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(key.key);
  });

  it('records when a key was last used', async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'alpha');
    const key = await createKey(ctx, 'alpha', ['issue']);
    await call(ctx, 'GET', '/api/v1/institutes/alpha', { token: key.key });
    const listed = await call(ctx, 'GET', '/api/v1/institutes/alpha/api-keys');
    expect(listed.body.apiKeys[0].lastUsedAt).toBe('2026-03-01T10:00:00Z');
  });

  it('revoking a revoked key is 409 conflict', async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'alpha');
    const key = await createKey(ctx, 'alpha', ['issue']);
    expect((await call(ctx, 'DELETE', `/api/v1/institutes/alpha/api-keys/${key.id}`)).status).toBe(200);
    const again = await call(ctx, 'DELETE', `/api/v1/institutes/alpha/api-keys/${key.id}`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
  });

  it('a key of another institute is not found under this one, even for the ministry', async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'alpha');
    await createInstitute(ctx, 'beta');
    const betaKey = await createKey(ctx, 'beta', ['issue']);
    const res = await call(ctx, 'DELETE', `/api/v1/institutes/alpha/api-keys/${betaKey.id}`);
    expect(res.status).toBe(404);
    expect((await call(ctx, 'GET', '/api/v1/institutes/beta', { token: betaKey.key })).status).toBe(200);
  });

  it.each([
    ['an unknown scope', { label: 'k', scopes: ['superuser'] }],
    ['no scopes', { label: 'k', scopes: [] }],
    ['no label', { scopes: ['issue'] }],
    ['an unknown field', { label: 'k', scopes: ['issue'], role: 'admin' }],
  ])('a key request with %s is 400', async (_case, body) => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'alpha');
    const res = await call(ctx, 'POST', '/api/v1/institutes/alpha/api-keys', { body });
    expect(res.status).toBe(400);
    expect(['invalid_request', 'unknown_field']).toContain(res.body.error.code);
  });

  it('GET /api/v1/institutes lists only the institutes the token acts for', async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'alpha');
    await createInstitute(ctx, 'beta');
    const key = await createKey(ctx, 'alpha', ['issue']);
    const own = await call(ctx, 'GET', '/api/v1/institutes', { token: key.key });
    expect(own.body.institutes.map((i: Json) => i.slug)).toEqual(['alpha']);
    const all = await call(ctx, 'GET', '/api/v1/institutes');
    expect(all.body.institutes.map((i: Json) => i.slug).sort()).toEqual(['alpha', 'beta', 'default']);
  });
});

describe('API keys cannot be created already expired', () => {
  it('refuses an expiresAt in the past with 400', async () => {
    const { makeTestApp: make, authJson: auth } = await import('./helpers.js');
    const ctx = await make();
    const res = await ctx.app.request('/api/v1/institutes/default/api-keys', auth({ label: 'old', scopes: ['issue'], expiresAt: '2025-01-01' }));
    expect(res.status).toBe(400);
  });
});

describe('an institute chooses its default cryptosuite', () => {
  it('signs with eddsa-jcs-2022 once the ministry sets it, on both the skillcert API and the VC API, and it verifies', async () => {
    const { makeTestApp: make, authJson: auth, sampleRequest: sample, ADMIN_TOKEN: admin } = await import('./helpers.js');
    const ctx = await make();
    const patch = await ctx.app.request('/api/v1/institutes/default', {
      method: 'PATCH', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin}` },
      body: JSON.stringify({ cryptosuite: 'eddsa-jcs-2022' }),
    });
    expect(patch.status).toBe(200);
    expect(((await patch.json()) as any).cryptosuite).toBe('eddsa-jcs-2022');
    const issued = (await (await ctx.app.request('/api/v1/credentials', auth(sample()))).json()) as any;
    expect(issued.credential.proof[0].cryptosuite).toBe('eddsa-jcs-2022');
    const report = (await (await ctx.app.request('/api/v1/verify', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ credential: issued.credential }) })).json()) as any;
    expect(report.verified).toBe(true);
    const vc = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: ctx.institute.did, credentialSubject: { id: 'did:example:x' } };
    const viaVcApi = (await (await ctx.app.request('/credentials/issue', auth({ credential: vc }))).json()) as any;
    expect(viaVcApi.verifiableCredential.proof.cryptosuite).toBe('eddsa-jcs-2022');
    const chosen = (await (await ctx.app.request('/credentials/issue', auth({ credential: vc, options: { cryptosuite: 'eddsa-rdfc-2022' } }))).json()) as any;
    expect(chosen.verifiableCredential.proof.cryptosuite).toBe('eddsa-rdfc-2022');
  });

  it('refuses an unknown cryptosuite with 400', async () => {
    const { makeTestApp: make, ADMIN_TOKEN: admin } = await import('./helpers.js');
    const ctx = await make();
    const res = await ctx.app.request('/api/v1/institutes/default', {
      method: 'PATCH', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin}` },
      body: JSON.stringify({ cryptosuite: 'ecdsa-rdfc-2019' }),
    });
    expect(res.status).toBe(400);
  });
});

describe('creating an institute where keys cannot be made', () => {
  it('is refused (503 unavailable: a state of the server) before anything is written, so a retry is not a 409', async () => {
    const ctx = await makeTestApp({ deps: { vault: undefined } });
    const before = (await ctx.store.listInstitutes()).length;
    const res = await call(ctx, 'POST', '/api/v1/institutes', { body: instituteBody('noversion') });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('unavailable');
    expect((await ctx.store.listInstitutes()).length).toBe(before);
    expect((await call(ctx, 'POST', '/api/v1/institutes', { body: instituteBody('noversion') })).status).toBe(503);
  });
});
