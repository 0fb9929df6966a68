import { env, SELF } from 'cloudflare:test';
import { Webhook } from 'standardwebhooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyDatabase } from './empty-database.js';
import { WORKER_TEST_HOOKS_HOST } from './outbound.js';
import { WORKER_TEST_ADMIN_TOKEN, WORKER_TEST_PUBLIC_URL } from './secrets.js';

/*
 * A webhook delivered by the Worker itself, end to end inside workerd: the event written with
 * the change on D1, sent after the request (waitUntil) to a receiver outside the Worker,
 * signed so that the standardwebhooks library verifies it, and logged as delivered.
 */

const url = (path: string) => `${WORKER_TEST_PUBLIC_URL}${path}`;
const hooks = `https://${WORKER_TEST_HOOKS_HOST}`;
const admin = { Authorization: `Bearer ${WORKER_TEST_ADMIN_TOKEN}`, 'Content-Type': 'application/json' };
const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

interface Received { headers: Record<string, string>; body: string }
const received = async (): Promise<Received[]> => (await fetch(`${hooks}/received`)).json();

beforeAll(async () => {
  await emptyDatabase(env.DB);
  await fetch(`${hooks}/received`, { method: 'DELETE' });
  expect((await SELF.fetch(url('/health'))).status).toBe(200);
});

describe('webhooks from the Worker', () => {
  it('credential.issued reaches the receiver after the request, signed, and is logged as delivered', async () => {
    const created = await SELF.fetch(url('/api/v1/webhooks'), { method: 'POST', headers: admin, body: JSON.stringify({ url: `${hooks}/receive`, events: ['credential.issued'] }) });
    expect(created.status).toBe(201);
    const endpoint = (await created.json()) as { id: string; secret: string };

    const issued = await SELF.fetch(url('/api/v1/credentials'), {
      method: 'POST', headers: admin,
      body: JSON.stringify({
        learner: { name: 'Sok Dara', nameKm: 'សុខ ដារ៉ា' },
        achievement: { name: 'Electrical Installation', description: 'Installs low-voltage wiring.', criteria: 'Passed all units.', type: 'Certificate', code: 'ELC-L2' },
        validFrom: now(),
      }),
    });
    expect(issued.status).toBe(201);
    const { id } = (await issued.json()) as { id: string };

    let got: Received[] = [];
    for (let i = 0; i < 100 && got.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      got = await received();
    }
    expect(got).toHaveLength(1);
    const [hook] = got as [Received];
    const event = new Webhook(endpoint.secret).verify(hook.body, hook.headers) as { type: string; data: { credentialId: string } };
    expect(event.type).toBe('credential.issued');
    expect(event.data.credentialId).toBe(id);
    expect(hook.headers['webhook-id']).toMatch(/.+/);

    const log = await SELF.fetch(url(`/api/v1/webhooks/${endpoint.id}/deliveries`), { headers: admin });
    const { deliveries } = (await log.json()) as { deliveries: Array<{ state: string; attempts: number; lastStatus: number }> };
    expect(deliveries).toEqual([expect.objectContaining({ state: 'delivered', attempts: 1, lastStatus: 200 })]);
  });
});
