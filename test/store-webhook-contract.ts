import { beforeEach, describe, expect, it } from 'vitest';
import type { AttemptOutcome, CredentialRecord, Institute, Store, WebhookEndpoint } from '../src/store/port.js';

/*
 * The webhook outbox in the store, run against every adapter (better-sqlite3 in
 * test/store-webhook-sqlite.test.ts, D1 in test/workers/store-webhook-d1.test.ts): an event is
 * written exactly when its change commits, fans out to the endpoints that want it, and is
 * taken for sending once, the oldest of each subject first.
 */

const T0 = '2026-03-01T10:00:00Z';
const T1 = '2026-03-01T10:05:00Z';
const T2 = '2026-03-01T10:10:00Z';

const institute = (id: string): Institute => ({
  id, slug: id, name: id, nameKm: null, url: null, did: `did:web:${id}.example`, didKey: null, isDefault: false,
  createdAt: T0, contact: null, programmes: [], status: 'active', cryptosuite: 'eddsa-rdfc-2022',
});
const credential = (id: string, instituteId = 'inst-a'): CredentialRecord => ({
  id, credentialUrl: `https://a.example/credentials/${id}`, vcId: `urn:uuid:${id}`, instituteId, issuerDid: 'did:web:a.example', diJson: '{}', jwt: null,
  learnerName: 'Sok Dara', achievementName: 'ELC', achievementKey: 'ELC', validFrom: T0, validUntil: null, issuedAt: T1, issuedBy: 'test',
  revocation: null, suspension: null, revokedAt: null, suspendedAt: null,
});
const endpoint = (id: string, instituteId: string | null, events: WebhookEndpoint['events']): WebhookEndpoint => ({
  id, instituteId, url: `https://hooks.example/${id}`, description: '', events, secretSealed: 'sealed', previousSealed: null, previousUntil: null,
  createdAt: T0, createdBy: 'test', updatedAt: T0, pausedAt: null, deletedAt: null,
});
const outcome = (delivered: boolean, retryAt: string | null = null): AttemptOutcome =>
  ({ at: T2, status: delivered ? 200 : 500, ms: 5, response: delivered ? 'ok' : 'no', error: delivered ? null : 'HTTP 500', delivered, retryAt });

export function describeWebhookStore(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract, webhook outbox: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
      await store.createInstitute(institute('inst-a'));
      await store.createInstitute(institute('inst-b'));
    });

    it('no endpoint, no outbox row: issuing where nobody listens writes no event', async () => {
      const before = store.outboxWrites();
      await store.getCredential('c0');
      await store.fanOutWebhookEvents();
      expect(store.outboxWrites(), 'reads and the fan-out add nothing to the outbox').toBe(before);
      await store.saveIssuedCredential(credential('c0'), null);
      expect(store.outboxWrites(), 'a write that may add an event is counted').toBe(before + 1);
      expect(await store.fanOutWebhookEvents()).toBe(0);
      expect(await store.takeDueWebhookDeliveries(T2, T2, 10)).toEqual([]);
    });

    it('each change fans out to the endpoints that want it: its institute\'s and the ministry\'s, by type', async () => {
      await store.createWebhookEndpoint(endpoint('we_a', 'inst-a', ['credential.issued', 'credential.revoked']));
      await store.createWebhookEndpoint(endpoint('we_b', 'inst-b', ['credential.issued']));
      await store.createWebhookEndpoint(endpoint('we_m', null, ['credential.revoked']));
      await store.saveIssuedCredential(credential('c1'), null);
      expect(await store.changeStatus({ credentialId: 'c1', action: 'revoke', reason: 'wrong name', actor: 'test', at: T1 })).toBe(true);
      // Not allowed (revoked already): changes nothing, announces nothing.
      expect(await store.changeStatus({ credentialId: 'c1', action: 'revoke', reason: 'again', actor: 'test', at: T1 })).toBe(false);
      expect(await store.fanOutWebhookEvents()).toBe(3);
      expect(await store.fanOutWebhookEvents()).toBe(0);
      const taken = await store.takeDueWebhookDeliveries(T2, '2026-03-01T10:11:00Z', 10);
      // we_a has two events of c1: only the oldest is taken until it is delivered.
      expect(taken.map((d) => [d.endpointId, d.event.type]).sort()).toEqual([['we_a', 'credential.issued'], ['we_m', 'credential.revoked']]);
      const revoked = taken.find((d) => d.endpointId === 'we_m')!;
      expect(JSON.parse(revoked.event.data)).toEqual({ credentialId: 'c1', vcId: 'urn:uuid:c1', institute: 'inst-a', reason: 'wrong name', at: T1 });
      expect(revoked.event.id).toMatch(/^msg_[0-9a-f]{32}$/);
      // Leased: a second taker gets nothing.
      expect(await store.takeDueWebhookDeliveries(T2, T2, 10)).toEqual([]);
      const first = taken.find((d) => d.endpointId === 'we_a')!;
      await store.recordWebhookAttempt('we_a', first.event.seq, outcome(true));
      const next = await store.takeDueWebhookDeliveries(T2, T2, 10);
      expect(next.map((d) => [d.endpointId, d.event.type])).toEqual([['we_a', 'credential.revoked']]);
      expect((await store.webhookAttempts('we_a', 10)).map((a) => [a.eventType, a.status])).toEqual([['credential.issued', 200]]);
    });

    it('a group that fails whole leaves no event; a batch finished twice announces once', async () => {
      await store.createWebhookEndpoint(endpoint('we_a', 'inst-a', ['credential.issued', 'batch.completed']));
      await expect(store.saveIssuedCredentials([
        { credential: credential('c2'), achievement: null }, { credential: { ...credential('c3'), vcId: 'urn:uuid:c2' }, achievement: null },
      ])).rejects.toThrow();
      expect(await store.fanOutWebhookEvents()).toBe(0);
      await store.createBatch({
        id: 'b1', instituteId: 'inst-a', idempotencyKey: 'k', requestSha256: null, state: 'issuing', actor: 'test', createdAt: T0, updatedAt: T0, summary: '{}',
      }, []);
      await store.finishBatch('b1', T1);
      await store.finishBatch('b1', T2);
      expect(await store.fanOutWebhookEvents()).toBe(1);
      const [d] = await store.takeDueWebhookDeliveries(T2, T2, 10);
      expect(JSON.parse(d!.event.data)).toMatchObject({ batchId: 'b1', rows: 0, issued: 0, completedAt: T1 });
    });

    it('a failed attempt waits for its retry; a given-up one ends as failed and can be sent again; a deleted endpoint is never sent to', async () => {
      await store.createWebhookEndpoint(endpoint('we_a', 'inst-a', ['credential.issued']));
      await store.saveIssuedCredential(credential('c4'), null);
      await store.fanOutWebhookEvents();
      const [d] = await store.takeDueWebhookDeliveries(T1, T2, 10);
      await store.recordWebhookAttempt('we_a', d!.event.seq, outcome(false, '2026-03-01T10:20:00Z'));
      expect(await store.takeDueWebhookDeliveries(T2, T2, 10)).toEqual([]);
      const [again] = await store.takeDueWebhookDeliveries('2026-03-01T10:20:00Z', '2026-03-01T10:21:00Z', 10);
      await store.recordWebhookAttempt('we_a', again!.event.seq, outcome(false, null));
      expect((await store.webhookDeliveries('we_a', 10))[0]).toMatchObject({ state: 'failed', attempts: 2 });
      expect(await store.retryWebhookDelivery('we_a', again!.event.id, T2)).toBe(true);
      expect(await store.retryWebhookDelivery('we_a', again!.event.id, T2)).toBe(false);
      expect(await store.deleteWebhookEndpoint('we_a', T2)).toBe(true);
      expect(await store.takeDueWebhookDeliveries('2026-03-02T00:00:00Z', '2026-03-02T00:01:00Z', 10)).toEqual([]);
      expect(await store.getWebhookEndpoint('we_a')).toBeNull();
    });

    it('the log is swept: attempts before the cut, then deliveries that ended before it with no attempt left, then their events', async () => {
      await store.createWebhookEndpoint(endpoint('we_a', 'inst-a', ['credential.issued']));
      await store.saveIssuedCredential(credential('c5'), null);
      await store.fanOutWebhookEvents();
      const [d] = await store.takeDueWebhookDeliveries(T1, T2, 10);
      await store.recordWebhookAttempt('we_a', d!.event.seq, outcome(true));
      expect(await store.sweepWebhookLog(T1)).toBe(0);
      expect(await store.webhookDeliveries('we_a', 10)).toHaveLength(1);
      // A month later: the attempt, the delivery and the event are gone.
      expect(await store.sweepWebhookLog('2026-04-01T00:00:00Z')).toBe(3);
      expect(await store.webhookDeliveries('we_a', 10)).toEqual([]);
      expect(await store.webhookAttempts('we_a', 10)).toEqual([]);
    });
  });
}
