import { describe, expect, it } from 'vitest';
import { issuingInstitute, tokenInstitute } from '../src/domain/tenancy.js';
import type { RefusalCode } from '../src/domain/refusal.js';
import { apiCodeOf } from '../src/http/domain-errors.js';
import { statusOf } from '../src/http/errors.js';
import type { IssueErrorCode } from '../src/issuer/issue.js';
import type { ApiToken } from '../src/store/port.js';
import { authJson, makeTestApp, sampleRequest } from './helpers.js';
import { call, createInstitute } from './tenants.js';

/*
 * One mapping from what the domain refuses to the API's codes (src/http/domain-errors.ts):
 * a server-side state is a 5xx-class code, client input never is, and the same refusal
 * answers the same status on every route.
 */

const STATUS: Record<RefusalCode | IssueErrorCode, number> = {
  not_found: 404,
  not_permitted: 403,
  conflict: 409,
  invalid_input: 400,
  malformed: 400,
  unprocessable: 422,
  unavailable: 503,
  ERR_INVALID_DATES: 400,
  ERR_UNDEFINED_TERM: 422,
  ERR_INVALID_JSONLD: 422,
  ERR_NO_SIGNING_KEY: 503,
};

describe('every domain refusal answers one API code', () => {
  it.each(Object.entries(STATUS))('%s answers %i', (code, status) => {
    expect(statusOf(apiCodeOf(code as RefusalCode | IssueErrorCode))).toBe(status);
  });

  it('server-side states (no signing key, no key vault) are the 5xx-class "unavailable", never a 4xx', () => {
    expect(apiCodeOf('ERR_NO_SIGNING_KEY')).toBe('unavailable');
    expect(apiCodeOf('unavailable')).toBe('unavailable');
  });

  it('dates in the wrong order answer 400 invalid_request on the skillcert API and on the VC API alike', async () => {
    const ctx = await makeTestApp();
    const ours = await ctx.app.request('/api/v1/credentials', authJson({ ...sampleRequest(), validFrom: '2026-02-15', validUntil: '2026-02-14' }));
    expect(ours.status).toBe(400);
    expect(((await ours.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: ctx.institute.didKey,
      credentialSubject: { id: 'did:example:learner' }, validFrom: '2026-02-15T00:00:00Z', validUntil: '2026-02-14T00:00:00Z',
    };
    const vcApi = await call(ctx, 'POST', '/credentials/issue', { body: { credential } });
    expect(vcApi.status).toBe(400);
    expect(vcApi.body.error.code).toBe('invalid_request');
  });
});

describe('tenancy rules answer values, not HTTP errors', () => {
  const ministry: ApiToken = {
    id: 'tok-m', tokenHash: 'h', role: 'admin', instituteId: null, label: 'ministry', source: 'created', createdAt: '2026-01-01T00:00:00Z',
    revokedAt: null, scopes: ['issue', 'revoke', 'admin'], expiresAt: null, lastUsedAt: null,
  };

  it('an institute key acts for its own institute only: another slug is "not found"', async () => {
    const ctx = await makeTestApp();
    const alpha = await createInstitute(ctx, 'alpha');
    const alphaId = (await ctx.store.getInstituteBySlug('alpha'))!.id;
    const key: ApiToken = { ...ministry, id: 'tok-a', role: 'institute', instituteId: alphaId };
    expect(await tokenInstitute(ctx.store, key)).toMatchObject({ ok: true, value: { slug: alpha.slug } });
    expect(await tokenInstitute(ctx.store, key, 'default')).toEqual({ ok: false, refusal: { refused: 'not_found', message: 'no such institute' } });
    expect(await tokenInstitute(ctx.store, ministry)).toMatchObject({ ok: true, value: { slug: 'default' } });
  });

  it('a suspended institute may not issue: not_permitted, with why', async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'alpha');
    expect((await call(ctx, 'POST', '/api/v1/institutes/alpha/suspend', { body: {} })).status).toBe(200);
    const refused = await issuingInstitute(ctx.store, ministry, ctx.clock.now, 'alpha');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.refusal.refused).toBe('not_permitted');
      expect(refused.refusal.message).toMatch(/suspended/);
    }
  });
});
