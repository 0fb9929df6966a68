import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWranglerDev, type WranglerDev } from './fixtures/wrangler-dev.js';

/*
 * The Worker as it is deployed: the bundle wrangler builds, started by `wrangler dev --local`
 * in workerd on a local D1, reached over real HTTP. The Workers test pool (npm run
 * test:workers) loads the bundle differently and did not notice that its global scope drew
 * random values, which workerd refuses: the deployed Worker did not start at all. Nothing on
 * Workers counts as working unless this passes. One wrangler start for the whole file.
 */

const ADMIN_TOKEN = 'worker-dev-admin-token-0123456789abcdef';
let worker: WranglerDev;

beforeAll(async () => {
  worker = await startWranglerDev((url) => ({
    PUBLIC_URL: url,
    ADMIN_TOKEN,
    // Test fixture only: 32 bytes of 7, base64url.
    KEY_ENCRYPTION_KEY: 'BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc',
    INSTITUTE_NAME: 'Worker Dev Test Institute',
  }));
}, 180_000);

afterAll(async () => {
  await worker?.stop();
}, 30_000);

const call = async (path: string, init: RequestInit = {}) => {
  const res = await fetch(`${worker.url}${path}`, init);
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as any };
};
const post = (path: string, body: unknown, token?: string) =>
  call(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
const checkOf = (report: { checks: Array<{ id: string; status: string }> }, id: string) => report.checks.find((c) => c.id === id)?.status;

describe('the Worker started with wrangler dev, as deployed', () => {
  it('starts and answers /health', async () => {
    expect((await call('/health')).body).toEqual({ status: 'ok' });
  });

  it('issue → verify → revoke → verify over HTTP', async () => {
    const issued = await post('/api/v1/credentials', {
      learner: { name: 'Sok Dara', nameKm: 'សុខ ដារ៉ា', email: 'dara@example.com' },
      achievement: {
        name: 'Electrical Installation', code: 'ELC-L2',
        description: 'Installs and tests low-voltage wiring in residential buildings.',
        criteria: 'Passed the practical and written assessment of all units.',
      },
      validUntil: '2036-12-31',
    }, ADMIN_TOKEN);
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    const { id, credential, jwt } = issued.body as { id: string; credential: unknown; jwt: string };

    for (const body of [{ credential }, { jwt }, { text: `${worker.url}/v/${id}` }]) {
      const { status, body: report } = await post('/api/v1/verify', body);
      expect(status).toBe(200);
      expect(report.verified, JSON.stringify(report.checks)).toBe(true);
      expect(checkOf(report, 'revocation')).toBe('passed');
    }

    const revoked = await post(`/api/v1/credentials/${id}/revoke`, { reason: 'issued by mistake' }, ADMIN_TOKEN);
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');

    for (const body of [{ credential }, { jwt }]) {
      const { body: report } = await post('/api/v1/verify', body);
      expect(report.verified).toBe(false);
      expect(checkOf(report, 'revocation')).toBe('failed');
    }
  });
});
