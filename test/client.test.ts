import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSkillcertClient } from '../src/client/index.js';
import { apiTypesSource } from '../src/runtime/node/client-types.js';
import { ADMIN_TOKEN, makeTestApp, PUBLIC_URL, type TestContext } from './helpers.js';

/*
 * The typed client (src/client/): its types are generated from the OpenAPI description
 * (openapi-typescript) and the README's round trip runs through it (openapi-fetch), against
 * an app whose every response is also checked against the description (helpers.ts).
 */

const clientOf = (ctx: TestContext, token?: string) =>
  createSkillcertClient({ baseUrl: PUBLIC_URL, token, fetch: async (request) => ctx.app.request(request) });

describe('the typed client', () => {
  it('is generated from the current description (npm run client:types writes the same file)', async () => {
    const committed = readFileSync(new URL('../src/client/api-types.ts', import.meta.url), 'utf8');
    expect(committed === (await apiTypesSource()), 'src/client/api-types.ts is stale: run npm run client:types').toBe(true);
  });

  it('runs the README\'s round trip: issue, fetch, QR, verify three ways, suspend, reinstate, revoke, status', async () => {
    const ctx = await makeTestApp();
    const api = clientOf(ctx, ADMIN_TOKEN);
    const issued = await api.POST('/api/v1/credentials', {
      body: {
        learner: { name: 'Sok Dara', nameKm: 'សុខ ដារ៉ា', email: 'dara@example.com' },
        achievement: {
          name: 'Electrical Installation', nameKm: 'ការដំឡើងអគ្គិសនី', description: 'Installs and tests low-voltage wiring in residential buildings.',
          criteria: 'Passed the practical and written assessment of all units.', type: 'Certificate', code: 'ELC-L2', level: 'CQF Level 2', hours: 600,
          skills: [{ code: 'ELC-U01', name: 'Install wiring systems' }],
        },
        validUntil: '2031-12-31',
      },
    });
    expect(issued.response.status).toBe(201);
    const { id, credential, jwt } = issued.data!;
    const asJson = await api.GET('/credentials/{id}', { params: { path: { id } } });
    expect(asJson.data).toEqual(credential);
    const asJwt = await api.GET('/credentials/{id}', { params: { path: { id } }, headers: { Accept: 'application/vc+jwt' }, parseAs: 'text' });
    expect(asJwt.data).toBe(jwt);
    const qr = await api.GET('/credentials/{id}/qr.svg', { params: { path: { id } }, parseAs: 'text' });
    expect(qr.data).toMatch(/^<\?xml|^<svg/);

    const public_ = clientOf(ctx);
    for (const body of [{ text: `${PUBLIC_URL}/v/${id}` }, { credential }, { jwt }]) {
      const verified = await public_.POST('/api/v1/verify', { body });
      expect(verified.data?.verified, JSON.stringify(body).slice(0, 40)).toBe(true);
    }
    const suspended = await api.POST('/api/v1/credentials/{id}/suspend', { params: { path: { id } }, body: { reason: 'complaint under review' } });
    expect(suspended.data?.status).toBe('suspended');
    const reinstated = await api.POST('/api/v1/credentials/{id}/reinstate', { params: { path: { id } }, body: { reason: 'complaint dismissed' } });
    expect(reinstated.data?.status).toBe('active');
    const revoked = await api.POST('/api/v1/credentials/{id}/revoke', { params: { path: { id } }, body: { reason: 'issued by mistake' } });
    expect(revoked.data?.status).toBe('revoked');
    const again = await api.POST('/api/v1/credentials/{id}/revoke', { params: { path: { id } }, body: { reason: 'twice' } });
    expect(again.response.status).toBe(409);
    expect(again.error?.error.code).toBe('conflict');
    const status = await api.GET('/api/v1/credentials/{id}', { params: { path: { id } } });
    expect(status.data?.history.map((h) => h.action)).toEqual(['suspend', 'reinstate', 'revoke']);
  });

  it('runs the ministry\'s round trip: an institute, its key, issuing with it, the registry', async () => {
    const ctx = await makeTestApp();
    const ministry = clientOf(ctx, ADMIN_TOKEN);
    const created = await ministry.POST('/api/v1/institutes', {
      body: { slug: 'ntti', name: 'National Technical Training Institute', nameKm: 'វិទ្យាស្ថានជាតិបណ្តុះបណ្តាលបច្ចេកទេស', accreditedFrom: '2026-01-01' },
    });
    expect(created.data?.did).toBe('did:web:localhost%3A8787:issuers:ntti');
    const key = await ministry.POST('/api/v1/institutes/{slug}/api-keys', { params: { path: { slug: 'ntti' } }, body: { label: 'registrar laptop', scopes: ['issue', 'revoke'] } });
    expect(key.response.status).toBe(201);
    const ntti = clientOf(ctx, key.data!.key);
    const issued = await ntti.POST('/api/v1/credentials', {
      body: { learner: { name: 'Chan Sophea', nameKm: 'ចាន់ សុភា', phone: '012 345 678' }, achievement: {
        name: 'Electrical Installation', code: 'ELC-L2', description: 'Installs and tests low-voltage wiring in residential buildings.',
        criteria: 'Passed the practical and written assessment of all units.',
      } },
    });
    expect(issued.response.status).toBe(201);
    const verified = await clientOf(ctx).POST('/api/v1/verify', { body: { jwt: issued.data!.jwt } });
    expect(verified.data?.checks.find((c) => c.id === 'accreditation')?.status).toBe('passed');
    const registry = await clientOf(ctx).GET('/registry.json');
    expect(registry.data?.institutes.map((i) => i.slug)).toContain('ntti');
    const denied = await ntti.GET('/api/v1/audit');
    expect(denied.response.status).toBe(403);
  });
});
