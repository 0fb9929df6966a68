import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeOfflinePayload, encodeOfflinePayload } from '../../src/offline/payload.js';
import { emptyDatabase } from './empty-database.js';
import { WORKER_TEST_ADMIN_TOKEN, WORKER_TEST_PUBLIC_URL } from './secrets.js';

/*
 * The offline verifier from the Worker (issue 16, item 6): the same service worker, shell,
 * verifier script and kit as on Node, and the offline QR rendered as PNG and SVG by the same
 * portable code.
 */

const url = (path: string) => `${WORKER_TEST_PUBLIC_URL}${path}`;

beforeAll(async () => {
  await emptyDatabase(env.DB);
});

describe('the Worker serves the offline verifier', () => {
  it('the service worker, and every file it keeps, is served', async () => {
    const res = await SELF.fetch(url('/sw.js'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    const js = await res.text();
    const precache = JSON.parse(/var S=(\{.*?\});/.exec(js)![1]!).precache as string[];
    expect(precache.some((p) => p.includes('/assets/offline.'))).toBe(true);
    for (const path of precache) expect((await SELF.fetch(`${new URL(WORKER_TEST_PUBLIC_URL).origin}${path}`)).status, path).toBe(200);
  });

  it('the offline kit carries the ministry-signed registry and the status lists', async () => {
    const res = await SELF.fetch(url('/offline/kit.json'));
    expect(res.status).toBe(200);
    const kit = (await res.json()) as { format: string; registry: string; ministry: { publicKeyMultibase: string[] } };
    expect(kit.format).toBe('skillcert-offline-kit/1');
    expect(kit.registry.split('.')).toHaveLength(3);
    expect(kit.ministry.publicKeyMultibase.length).toBeGreaterThan(0);
  });

  it('issues a credential whose offline QR (PNG and SVG) carries its vc+jwt, and the verify API reads the payload', async () => {
    const issued = await SELF.fetch(url('/api/v1/credentials'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${WORKER_TEST_ADMIN_TOKEN}` },
      body: JSON.stringify({
        learner: { name: 'Sok Dara', nameKm: 'សុខ ដារ៉ា' },
        achievement: { name: 'Electrical Installation', description: 'Installs and tests low-voltage wiring.', criteria: 'Passed the assessment.', type: 'Certificate', code: 'ELC-L2' },
        validFrom: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      }),
    });
    expect(issued.status).toBe(201);
    const body = (await issued.json()) as { id: string; jwt: string; offlineQr: { fits: boolean } };
    expect(body.offlineQr.fits).toBe(true);
    const png = await SELF.fetch(url(`/credentials/${body.id}/qr-offline.png`));
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('x-offline-qr')).toMatch(/^fits; version=\d+$/);
    expect((await SELF.fetch(url(`/credentials/${body.id}/qr-offline.svg`))).status).toBe(200);
    const payload = encodeOfflinePayload(body.jwt);
    expect(decodeOfflinePayload(payload)).toBe(body.jwt);
    const res = await SELF.fetch(url('/api/v1/verify'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: `${url(`/v/${body.id}`)}#${payload}` }) });
    expect(((await res.json()) as { verified: boolean }).verified).toBe(true);
  });
});
