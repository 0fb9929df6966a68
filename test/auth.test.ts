import { describe, expect, it, vi } from 'vitest';
import { ADMIN_TOKEN, issue, makeTestApp, sampleRequest } from './helpers.js';

type Envelope = { error: { code: string; message: string; requestId: string } };

const post = (headers: Record<string, string>) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(sampleRequest()),
});

const REFUSED: Array<[string, Record<string, string>]> = [
  ['no Authorization header', {}],
  ['a Basic Authorization header', { Authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` }],
  ['Bearer with no token', { Authorization: 'Bearer' }],
  ['a token with a space in it', { Authorization: `Bearer ${ADMIN_TOKEN} extra` }],
  ['the token without the Bearer scheme', { Authorization: ADMIN_TOKEN }],
  ['a wrong token', { Authorization: 'Bearer test-admin-token-0123456789abcdeX' }],
  ['the token with a prefix of the right one', { Authorization: `Bearer ${ADMIN_TOKEN.slice(0, -1)}` }],
];

describe('issuing requires a valid bearer token', () => {
  it.each(REFUSED)('answers 401 unauthorized in the error envelope for %s, and stores nothing', async (_case, headers) => {
    const ctx = await makeTestApp();
    const save = vi.spyOn(ctx.store, 'saveIssuedCredential');
    const res = await ctx.app.request('/api/v1/credentials', post(headers));
    expect(res.status).toBe(401);
    const body = (await res.json()) as Envelope;
    expect(body).toEqual({ error: { code: 'unauthorized', message: expect.any(String), requestId: expect.any(String) } });
    expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
    expect(res.headers.get('location')).toBeNull();
    expect(save).not.toHaveBeenCalled();
  });

  it('refuses a revoked token with 401 unauthorized', async () => {
    const ctx = await makeTestApp();
    await ctx.store.revokeApiTokens({ role: 'admin', source: 'env' }, '2026-02-01T00:00:00Z');
    const res = await ctx.app.request('/api/v1/credentials', post({ Authorization: `Bearer ${ADMIN_TOKEN}` }));
    expect(res.status).toBe(401);
    expect(((await res.json()) as Envelope).error.code).toBe('unauthorized');
  });

  it('accepts the token with a lower-case bearer scheme', async () => {
    const ctx = await makeTestApp();
    const res = await ctx.app.request('/api/v1/credentials', post({ Authorization: `bearer ${ADMIN_TOKEN}` }));
    expect(res.status).toBe(201);
  });

  it('the error message never echoes the token that was sent', async () => {
    const ctx = await makeTestApp();
    const wrong = 'sk_wrongwrongwrongwrongwrongwrong';
    const res = await ctx.app.request('/api/v1/credentials', post({ Authorization: `Bearer ${wrong}` }));
    expect(await res.text()).not.toContain(wrong);
  });
});

describe('verifying and reading credentials needs no token', () => {
  it('verify, fetch and the verify page answer without Authorization', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const verify = await ctx.app.request('/api/v1/verify', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ jwt: issued.jwt }),
    });
    expect(verify.status).toBe(200);
    expect((await ctx.app.request(`/credentials/${issued.id}`)).status).toBe(200);
    expect((await ctx.app.request(`/v/${issued.id}`)).status).toBe(200);
  });
});
