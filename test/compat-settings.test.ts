import { describe, expect, it } from 'vitest';
import { makeTestApp } from './helpers.js';
import { call, createInstitute, createKey, type Json } from './tenants.js';

const patch = (ctx: Awaited<ReturnType<typeof makeTestApp>>, body: unknown, token?: string) =>
  call(ctx, 'PATCH', '/api/v1/institutes/ntti', { body, ...(token ? { token } : {}) });

describe('PATCH /api/v1/institutes/:slug {compatibility}: the compatibility forms, per institute', () => {
  it('are off until the ministry turns one on; a setting left out stays as it was', async () => {
    const ctx = await makeTestApp();
    expect((await createInstitute(ctx, 'ntti')).compatibility).toEqual({ ed25519Signature2020: false, es256Jwt: false });
    expect((await patch(ctx, { compatibility: { ed25519Signature2020: true } })).body.compatibility).toEqual({ ed25519Signature2020: true, es256Jwt: false });
    expect((await patch(ctx, { compatibility: { es256Jwt: true } })).body.compatibility).toEqual({ ed25519Signature2020: true, es256Jwt: true });
    expect((await patch(ctx, { name: 'NTTI' })).body.compatibility).toEqual({ ed25519Signature2020: true, es256Jwt: true });
    expect((await call(ctx, 'GET', '/api/v1/institutes/ntti')).body.compatibility).toEqual({ ed25519Signature2020: true, es256Jwt: true });
  });

  it('refuses what is not a known setting or not a boolean with 400, changing nothing', async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'ntti');
    for (const [compatibility, code] of [[{ ed25519Signature2020: 'yes' }, 'invalid_request'], [{ rs256Jwt: true }, 'unknown_field'], ['on', 'invalid_request']] as const) {
      const res = await patch(ctx, { compatibility });
      expect(res.status, JSON.stringify(compatibility)).toBe(400);
      expect(res.body.error.code).toBe(code);
    }
    expect((await call(ctx, 'GET', '/api/v1/institutes/ntti')).body.compatibility).toEqual({ ed25519Signature2020: false, es256Jwt: false });
    expect((await call(ctx, 'GET', '/api/v1/institutes/ntti/keys')).body.keys).toHaveLength(1);
  });

  it('is the ministry\'s to set: an institute\'s own admin key is refused with 403', async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'ntti');
    const own = await createKey(ctx, 'ntti', ['admin']);
    expect((await patch(ctx, { compatibility: { es256Jwt: true } }, own.key)).status).toBe(403);
  });

  it('turning ES256 on makes the institute a P-256 key; both are in the audit ledger', async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'ntti');
    expect((await patch(ctx, { compatibility: { es256Jwt: true } })).status).toBe(200);
    const keys = (await call(ctx, 'GET', '/api/v1/institutes/ntti/keys')).body as Json;
    expect(keys.keys.map((k: Json) => k.type)).toEqual(['Ed25519', 'P-256']);
    expect(keys.activeP256Key).toBe(keys.keys[1].id);
    const ledger = await ctx.store.auditEntries({ limit: 100 });
    const key = ledger.find((e) => e.action === 'key.create' && JSON.parse(e.details).keyType === 'P-256');
    expect(key).toBeDefined();
    const update = ledger.find((e) => e.action === 'institute.update');
    expect(JSON.parse(update!.details)).toEqual({ compatibility: { es256Jwt: true } });
    // Turned off and on again, the same P-256 key serves.
    await patch(ctx, { compatibility: { es256Jwt: false } });
    await patch(ctx, { compatibility: { es256Jwt: true } });
    expect((await call(ctx, 'GET', '/api/v1/institutes/ntti/keys')).body.keys).toHaveLength(2);
  });

  it('a deployment that cannot create keys refuses to turn ES256 on with 503 unavailable (a state of the server), writing nothing', async () => {
    const ctx = await makeTestApp();
    await createInstitute(ctx, 'ntti');
    const noVault = await makeTestApp({ deps: { store: ctx.store, keys: ctx.deps.keys, vault: undefined } });
    const res = await call(noVault, 'PATCH', '/api/v1/institutes/ntti', { body: { compatibility: { es256Jwt: true } } });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('unavailable');
    expect((await call(ctx, 'GET', '/api/v1/institutes/ntti')).body.compatibility.es256Jwt).toBe(false);
  });
});
