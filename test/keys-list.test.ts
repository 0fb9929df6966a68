import { describe, expect, it } from 'vitest';
import { makeTestApp } from './helpers.js';
import { call, createInstitute, createKey, issueWith, verify, type Json } from './tenants.js';

/*
 * GET /api/v1/institutes/:slug/keys: the institute's signing keys, newest first, so that the
 * README's key-compromise example can name the key that leaked. Public halves only.
 */

async function world() {
  const ctx = await makeTestApp();
  const created = await createInstitute(ctx, 'ntti');
  const admin = await createKey(ctx, 'ntti', ['issue', 'revoke', 'admin']);
  return { ctx, created, admin };
}

describe('listing an institute\'s signing keys', () => {
  it('lists every key newest first, with its status and dates, and no private material', async () => {
    const { ctx, created, admin } = await world();
    const rotated = await call(ctx, 'POST', '/api/v1/institutes/ntti/keys/rotate', { token: admin.key });
    expect(rotated.status).toBe(201);
    const res = await call(ctx, 'GET', '/api/v1/institutes/ntti/keys', { token: admin.key });
    expect(res.status).toBe(200);
    const keys = res.body.keys as Json[];
    expect(keys.map((k) => k.id)).toEqual([rotated.body.activeKey, created.keys[0].id]);
    expect(keys.map((k) => k.status)).toEqual(['active', 'retired']);
    expect(keys[0]).toEqual({
      id: rotated.body.activeKey, controller: created.did, type: 'Ed25519', status: 'active', publicKeyMultibase: expect.stringMatching(/^z6Mk/),
      createdAt: expect.any(String), retiredAt: null, compromisedAt: null,
    });
    expect(keys[1]?.retiredAt).toEqual(expect.any(String));
    expect(res.body.activeKey).toBe(rotated.body.activeKey);
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/sealed|private|"d"/i);
  });

  it('the id it lists is what keys/compromised takes: the README\'s example runs as written', async () => {
    const { ctx, admin } = await world();
    await call(ctx, 'POST', '/api/v1/institutes/ntti/keys/rotate', { token: admin.key });
    const before = await issueWith(ctx, admin.key);
    const leaked = ((await call(ctx, 'GET', '/api/v1/institutes/ntti/keys', { token: admin.key })).body.keys as Json[])[0]!.id as string;
    const marked = await call(ctx, 'POST', '/api/v1/institutes/ntti/keys/compromised', { token: admin.key, body: { keyId: leaked, since: '2026-02-01T00:00:00Z' } });
    expect(marked.status).toBe(200);
    const listed = (await call(ctx, 'GET', '/api/v1/institutes/ntti/keys', { token: admin.key })).body.keys as Json[];
    expect(listed[0]?.compromisedAt).toBe('2026-02-01T00:00:00Z');
    expect((await verify(ctx, { credential: before.credential })).body.verified).toBe(false);
  });

  it('needs the admin scope, and another institute\'s keys are "not found"', async () => {
    const { ctx } = await world();
    await createInstitute(ctx, 'other');
    const issuer = await createKey(ctx, 'ntti', ['issue']);
    const otherAdmin = await createKey(ctx, 'other', ['admin']);
    expect((await call(ctx, 'GET', '/api/v1/institutes/ntti/keys', { token: null })).status).toBe(401);
    expect((await call(ctx, 'GET', '/api/v1/institutes/ntti/keys', { token: issuer.key })).status).toBe(403);
    expect((await call(ctx, 'GET', '/api/v1/institutes/ntti/keys', { token: otherAdmin.key })).status).toBe(404);
    expect((await call(ctx, 'GET', '/api/v1/institutes/ntti/keys')).status).toBe(200);
  });
});
