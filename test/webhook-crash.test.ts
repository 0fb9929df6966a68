import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, makeTestApp, sampleRequest } from './helpers.js';
import { kill, seededEnv, serverScratch, startServer } from './serve-helpers.js';
import { startReceiver, type Receiver } from './webhook-receiver.js';

const scratch = serverScratch();
const receivers: Receiver[] = [];
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close().catch(() => undefined);
});

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}` }, body: JSON.stringify(body) });

describe('webhooks from the real server (compiled)', () => {
  it('kill -9 in the middle of a delivery: after the restart the event is delivered, with the same webhook-id (at least once)', { timeout: 180_000 }, async () => {
    const dir = scratch.tempDir('skillcert-webhook-crash-');
    const databasePath = join(dir, 'skillcert.db');
    const seeded = await makeTestApp({ databasePath });
    await seeded.store.close();
    const env = { ...seededEnv(databasePath, join(dir, 'keys')), WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true', WEBHOOK_TIMEOUT_MS: '60000' };
    const receiver = await startReceiver();
    receivers.push(receiver);
    receiver.mode = 'hang';

    const first = await startServer(env);
    scratch.track(first);
    const created = await post(`${first.url}/api/v1/webhooks`, { url: receiver.url, events: ['credential.issued'] });
    expect(created.status).toBe(201);
    receiver.secrets = [((await created.json()) as { secret: string }).secret];
    const issued = await post(`${first.url}/api/v1/credentials`, sampleRequest());
    expect(issued.status).toBe(201);
    const { id } = (await issued.json()) as { id: string };
    // The server is now waiting on the receiver: kill it there.
    await receiver.waitFor(1, 15_000);
    await kill(first);

    receiver.mode = 'ok';
    const second = await startServer(env);
    scratch.track(second);
    await receiver.waitFor(2, 15_000);
    const [before, after] = receiver.received;
    expect(after!.id).toBe(before!.id);
    expect(after!.data).toMatchObject({ credentialId: id });
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    // Delivered now: not sent a third time.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(receiver.received).toHaveLength(2);
    await kill(second);
    const db = new Database(databasePath, { readonly: true });
    try {
      expect(db.prepare('SELECT state, attempts FROM webhook_deliveries').all()).toEqual([{ state: 'delivered', attempts: 1 }]);
    } finally {
      db.close();
    }
  });
});
