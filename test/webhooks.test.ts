import { afterEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { createWebhookDispatcher, type RetryPolicy } from '../src/webhooks/dispatch.js';
import { WEBHOOK_EVENT_TYPES } from '../src/store/port.js';
import { issue, makeTestApp, type TestContext } from './helpers.js';
import { startReceiver, type Receiver } from './webhook-receiver.js';
import { call, createInstitute, createKey } from './tenants.js';

/*
 * Webhooks (issue 18): a real receiver on loopback verifies every request with the
 * standardwebhooks library's own verifier. The app's clock starts at the real time (receivers
 * refuse a webhook-timestamp more than 5 minutes off) and is moved on by hand for retries.
 */

const RETRY: RetryPolicy = { firstMs: 1_000, factor: 2, maxMs: 8_000, forMs: 60_000 };
const receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close().catch(() => undefined)));
});

async function setup(retry: RetryPolicy = RETRY, timeoutMs = 400) {
  const ctx = await makeTestApp({ clock: new Date(Math.floor(Date.now() / 1000) * 1000), deps: { webhookPolicy: { allowLoopbackHttp: true } } });
  const receiver = await startReceiver();
  receivers.push(receiver);
  const dispatcher = createWebhookDispatcher({
    store: ctx.store, vault: ctx.deps.vault, clock: ctx.deps.clock, publicUrl: ctx.deps.publicUrl, policy: { allowLoopbackHttp: true }, retry, timeoutMs,
  });
  return { ctx, receiver, dispatcher, later: (ms: number) => (ctx.clock.now = new Date(ctx.clock.now.getTime() + ms)) };
}

async function register(ctx: TestContext, receiver: Receiver, body: Record<string, unknown> = {}, token?: string) {
  const res = await call(ctx, 'POST', '/api/v1/webhooks', { body: { url: receiver.url, events: [...WEBHOOK_EVENT_TYPES], ...body }, token });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  receiver.secrets = [res.body.secret];
  return res.body as { id: string; secret: string };
}

describe('webhook endpoints refuse what they must not call, with a 4xx naming the field', () => {
  it.each([
    ['http://example.org/hook', /url must be https/],
    ['https://10.0.0.7/hook', /private or loopback/],
    ['https://192.168.1.20/hook', /private or loopback/],
    ['https://[::1]/hook', /private or loopback/],
    ['https://localhost/hook', /private or loopback/],
    ['https://intranet.corp/hook', /private or loopback/],
    ['https://user:pw@example.org/hook', /credentials/],
    ['not a url', /url is not a URL/],
    ['ftp://example.org/hook', /url must be https/],
  ])('%s', async (url, message) => {
    const ctx = await makeTestApp();
    const res = await call(ctx, 'POST', '/api/v1/webhooks', { body: { url, events: ['credential.issued'] } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
    expect(res.body.error.message).toMatch(message);
    expect(res.body.error.details[0].path).toBe('url');
    expect(await ctx.store.listWebhookEndpoints(undefined)).toEqual([]);
  });

  it('plain http to loopback only where the operator allowed it; unknown events, extra fields and empty lists are refused', async () => {
    const strict = await makeTestApp();
    expect((await call(strict, 'POST', '/api/v1/webhooks', { body: { url: 'http://127.0.0.1:9/h', events: ['credential.issued'] } })).status).toBe(400);
    const ctx = await makeTestApp({ deps: { webhookPolicy: { allowLoopbackHttp: true } } });
    expect((await call(ctx, 'POST', '/api/v1/webhooks', { body: { url: 'http://10.1.1.1/h', events: ['credential.issued'] } })).status).toBe(400);
    for (const body of [
      { url: 'http://127.0.0.1:9/h', events: ['credential.exploded'] },
      { url: 'http://127.0.0.1:9/h', events: [] },
      { url: 'http://127.0.0.1:9/h', events: ['credential.issued'], secret: 'mine' },
      { url: 'x'.repeat(3000), events: ['credential.issued'] },
    ]) {
      const res = await call(ctx, 'POST', '/api/v1/webhooks', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const patch = await call(ctx, 'PATCH', '/api/v1/webhooks/we_nope', { body: { paused: true } });
    expect(patch.status).toBe(404);
  });
});

describe('who manages webhook endpoints', () => {
  it("an institute's admin key manages its own; an issue-only key may not; another institute's endpoint is not found; the secret is shown once", async () => {
    const { ctx, receiver } = await setup();
    await createInstitute(ctx, 'ntti');
    await createInstitute(ctx, 'pti');
    const nttiAdmin = (await createKey(ctx, 'ntti', ['admin'])).key;
    const nttiIssue = (await createKey(ctx, 'ntti', ['issue'])).key;
    const ptiAdmin = (await createKey(ctx, 'pti', ['admin'])).key;
    expect((await call(ctx, 'POST', '/api/v1/webhooks', { token: nttiIssue, body: { url: receiver.url, events: ['credential.issued'] } })).status).toBe(403);
    const own = await register(ctx, receiver, { events: ['credential.issued'] }, nttiAdmin);
    const seen = await call(ctx, 'GET', `/api/v1/webhooks/${own.id}`, { token: nttiAdmin });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ id: own.id, institute: 'ntti', events: ['credential.issued'], paused: false });
    expect(JSON.stringify(seen.body)).not.toContain(own.secret);
    expect(JSON.stringify((await call(ctx, 'GET', '/api/v1/webhooks', { token: nttiAdmin })).body)).not.toContain(own.secret);
    expect((await call(ctx, 'GET', `/api/v1/webhooks/${own.id}`, { token: ptiAdmin })).status).toBe(404);
    expect((await call(ctx, 'DELETE', `/api/v1/webhooks/${own.id}`, { token: ptiAdmin })).status).toBe(404);
    expect((await call(ctx, 'GET', '/api/v1/webhooks', { token: ptiAdmin })).body.endpoints).toEqual([]);
    // An institute key cannot make a ministry-wide endpoint, nor one for another institute.
    expect((await call(ctx, 'POST', '/api/v1/webhooks', { token: nttiAdmin, body: { url: receiver.url, events: ['credential.issued'], institute: 'pti' } })).status).toBe(404);
    // The ministry sees and manages every endpoint.
    expect((await call(ctx, 'GET', '/api/v1/webhooks')).body.endpoints.map((e: { id: string }) => e.id)).toEqual([own.id]);
    // The secret is sealed at rest: the row does not hold it.
    const stored = await ctx.store.getWebhookEndpoint(own.id);
    expect(JSON.stringify(stored)).not.toContain(own.secret.slice(6));
    const audit = await ctx.store.auditEntries({ limit: 500 });
    expect(audit.map((a) => a.action)).toContain('webhook.create');
    expect(JSON.stringify(audit)).not.toContain(own.secret.slice(6));
  });
});

describe('webhook delivery', () => {
  it("signed events arrive once per change, in order per credential, each verified by the library's verifier", async () => {
    const { ctx, receiver, dispatcher } = await setup();
    await register(ctx, receiver);
    const one = await issue(ctx);
    const two = await issue(ctx);
    for (const action of ['suspend', 'reinstate', 'revoke']) {
      expect((await call(ctx, 'POST', `/api/v1/credentials/${one.id}/${action}`, { body: { reason: `${action} for the test` } })).status).toBe(200);
    }
    // A change that is not allowed (revoked twice) announces nothing.
    expect((await call(ctx, 'POST', `/api/v1/credentials/${one.id}/revoke`, { body: { reason: 'again' } })).status).toBe(409);
    await dispatcher.drain();
    await dispatcher.drain();
    const forOne = receiver.received.filter((r) => r.data.credentialId === one.id).map((r) => r.type);
    expect(forOne).toEqual(['credential.issued', 'credential.suspended', 'credential.reinstated', 'credential.revoked']);
    expect(receiver.received.filter((r) => r.data.credentialId === two.id).map((r) => r.type)).toEqual(['credential.issued']);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(5);
    const revoked = receiver.received.find((r) => r.type === 'credential.revoked')!;
    expect(revoked.data).toMatchObject({ credentialId: one.id, reason: 'revoke for the test', links: { verify: `${ctx.deps.publicUrl}/v/${one.id}` } });
    expect(revoked.headers['content-type']).toBe('application/json');
    // Nothing is sent twice once delivered.
    await dispatcher.drain();
    expect(receiver.received).toHaveLength(5);
    const log = await call(ctx, 'GET', `/api/v1/webhooks/${(await ctx.store.listWebhookEndpoints(undefined))[0]!.id}/deliveries`);
    expect(log.body.deliveries.map((d: { state: string }) => d.state)).toEqual(Array(5).fill('delivered'));
  });

  it('a change that rolled back announces nothing: a group of credentials that fails as a whole leaves no event', async () => {
    const { ctx, receiver, dispatcher } = await setup();
    await register(ctx, receiver);
    const issued = await issue(ctx);
    const stored = (await ctx.store.getCredential(issued.id))!;
    // The second credential repeats the first one's id: the one transaction is refused whole.
    const fresh = { ...stored, id: 'fresh-one', vcId: 'urn:uuid:fresh-one', revocation: null, suspension: null };
    const repeat = { ...stored, id: 'repeat-one', revocation: null, suspension: null };
    await expect(ctx.store.saveIssuedCredentials([{ credential: fresh, achievement: null }, { credential: repeat, achievement: null }])).rejects.toThrow();
    expect(await ctx.store.getCredential('fresh-one')).toBeNull();
    await dispatcher.drain();
    expect(receiver.received.map((r) => r.data.credentialId)).toEqual([issued.id]);
  });

  it('only the endpoints that want an event get it: by type, by institute, and the ministry\'s for every institute', async () => {
    const { ctx, dispatcher, later } = await setup();
    await createInstitute(ctx, 'ntti');
    const nttiAdmin = (await createKey(ctx, 'ntti', ['admin', 'issue', 'revoke'])).key;
    later(1_000); // an endpoint hears what happens from the time it is made
    const [ministry, ntti, revocations] = await Promise.all([startReceiver(), startReceiver(), startReceiver()]);
    receivers.push(ministry, ntti, revocations);
    await register(ctx, ministry);
    await register(ctx, ntti, {}, nttiAdmin);
    await register(ctx, revocations, { events: ['credential.revoked'] });
    const own = await issue(ctx);
    const theirs = await call(ctx, 'POST', '/api/v1/credentials', { token: nttiAdmin, body: (await import('./helpers.js')).sampleRequest() });
    expect(theirs.status).toBe(201);
    await call(ctx, 'POST', `/api/v1/credentials/${own.id}/revoke`, { body: { reason: 'x' } });
    await dispatcher.drain();
    expect(ministry.received.map((r) => [r.type, r.data.credentialId])).toEqual(expect.arrayContaining([
      ['credential.issued', own.id], ['credential.issued', theirs.body.id], ['credential.revoked', own.id],
    ]));
    expect(ntti.received.map((r) => [r.type, r.data.credentialId])).toEqual([['credential.issued', theirs.body.id]]);
    expect(revocations.received.map((r) => r.type)).toEqual(['credential.revoked']);
    // Accreditation changes reach the ministry's endpoint.
    await call(ctx, 'POST', '/api/v1/institutes/ntti/suspend', { body: {} });
    await dispatcher.drain();
    const changed = ministry.received.filter((r) => r.type === 'institute.accreditation_changed');
    expect(changed.map((r) => r.data)).toEqual([expect.objectContaining({ slug: 'ntti', change: 'suspended', status: 'suspended' })]);
    expect(ntti.received.some((r) => r.type === 'institute.accreditation_changed')).toBe(true);
  });

  it('a receiver answering 500 is retried with growing waits, with the same webhook-id, and the log keeps its answers', async () => {
    const { ctx, receiver, dispatcher, later } = await setup();
    const { id } = await register(ctx, receiver);
    receiver.mode = 'fail';
    await issue(ctx);
    await dispatcher.drain();
    expect(receiver.received).toHaveLength(1);
    await dispatcher.drain(); // not due yet
    expect(receiver.received).toHaveLength(1);
    later(1_000);
    await dispatcher.drain();
    expect(receiver.received).toHaveLength(2);
    later(1_000); // the next wait is 2 s
    await dispatcher.drain();
    expect(receiver.received).toHaveLength(2);
    receiver.mode = 'ok';
    later(1_000);
    await dispatcher.drain();
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(1);
    const attempts = (await call(ctx, 'GET', `/api/v1/webhooks/${id}/attempts`)).body.attempts;
    expect(attempts.map((a: { status: number }) => a.status)).toEqual([200, 500, 500]);
    expect(attempts[2]).toMatchObject({ response: 'receiver is broken today', error: 'HTTP 500' });
    const [delivery] = (await call(ctx, 'GET', `/api/v1/webhooks/${id}/deliveries`)).body.deliveries;
    expect(delivery).toMatchObject({ state: 'delivered', attempts: 3, lastStatus: 200 });
  });

  it('a receiver that hangs never blocks issuing; it is given up on at the timeout and tried again', async () => {
    const { ctx, receiver, dispatcher, later } = await setup(RETRY, 300);
    const { id } = await register(ctx, receiver);
    receiver.mode = 'hang';
    await issue(ctx);
    const round = dispatcher.drain();
    // Issuing goes on while the receiver holds the request.
    const started = Date.now();
    await issue(ctx);
    expect(Date.now() - started).toBeLessThan(2_000);
    await round;
    const [attempt] = (await call(ctx, 'GET', `/api/v1/webhooks/${id}/attempts`)).body.attempts;
    expect(attempt).toMatchObject({ status: null, error: 'no answer within 300 ms' });
    receiver.mode = 'ok';
    later(1_000);
    await dispatcher.drain();
    await dispatcher.drain();
    expect((await call(ctx, 'GET', `/api/v1/webhooks/${id}/deliveries`)).body.deliveries.map((d: { state: string }) => d.state)).toEqual(['delivered', 'delivered']);
  });

  it('a redirect is not followed: it counts as a failed attempt', async () => {
    const { ctx, receiver, dispatcher } = await setup();
    const { id } = await register(ctx, receiver);
    receiver.mode = 'redirect';
    await issue(ctx);
    await dispatcher.drain();
    const [attempt] = (await call(ctx, 'GET', `/api/v1/webhooks/${id}/attempts`)).body.attempts;
    expect(attempt).toMatchObject({ status: 302, error: 'redirects are not followed (HTTP 302)' });
    expect(receiver.received).toHaveLength(1);
  });

  it('a receiver down for a while gets the backlog, in order, when it returns', async () => {
    const { ctx, receiver, dispatcher, later } = await setup();
    await register(ctx, receiver);
    await receiver.close();
    const one = await issue(ctx);
    await call(ctx, 'POST', `/api/v1/credentials/${one.id}/suspend`, { body: { reason: 'check' } });
    await call(ctx, 'POST', `/api/v1/credentials/${one.id}/reinstate`, { body: {} });
    const two = await issue(ctx);
    for (let i = 0; i < 3; i++) {
      await dispatcher.drain();
      later(2_000);
    }
    expect(receiver.received).toHaveLength(0);
    await receiver.reopen();
    for (let i = 0; i < 6; i++) {
      later(8_000);
      await dispatcher.drain();
    }
    expect(receiver.received.filter((r) => r.data.credentialId === one.id).map((r) => r.type))
      .toEqual(['credential.issued', 'credential.suspended', 'credential.reinstated']);
    expect(receiver.received.filter((r) => r.data.credentialId === two.id).map((r) => r.type)).toEqual(['credential.issued']);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
  });

  it('after a day of failures the delivery ends as failed; it can be sent again by hand', async () => {
    const { ctx, receiver, dispatcher, later } = await setup({ firstMs: 1_000, factor: 2, maxMs: 2_000, forMs: 2_500 });
    const { id } = await register(ctx, receiver);
    receiver.mode = 'fail';
    await issue(ctx);
    for (let i = 0; i < 4; i++) {
      await dispatcher.drain();
      later(2_000);
    }
    const [failed] = (await call(ctx, 'GET', `/api/v1/webhooks/${id}/deliveries`)).body.deliveries;
    expect(failed).toMatchObject({ state: 'failed', lastStatus: 500, nextAttemptAt: null });
    const tries = receiver.received.length;
    await dispatcher.drain();
    expect(receiver.received).toHaveLength(tries);
    receiver.mode = 'ok';
    const retried = await call(ctx, 'POST', `/api/v1/webhooks/${id}/deliveries/${failed.eventId}/retry`);
    expect(retried.status).toBe(202);
    expect((await call(ctx, 'POST', `/api/v1/webhooks/${id}/deliveries/${failed.eventId}/retry`)).status).toBe(409);
    await dispatcher.drain();
    expect(receiver.received.at(-1)!.id).toBe(failed.eventId);
    expect((await call(ctx, 'GET', `/api/v1/webhooks/${id}/deliveries`)).body.deliveries[0].state).toBe('delivered');
  });

  it('a paused endpoint is sent nothing; resumed, it gets what waited', async () => {
    const { ctx, receiver, dispatcher } = await setup();
    const { id } = await register(ctx, receiver);
    expect((await call(ctx, 'PATCH', `/api/v1/webhooks/${id}`, { body: { paused: true } })).body.paused).toBe(true);
    await issue(ctx);
    await dispatcher.drain();
    expect(receiver.received).toHaveLength(0);
    await call(ctx, 'PATCH', `/api/v1/webhooks/${id}`, { body: { paused: false } });
    await dispatcher.drain();
    expect(receiver.received.map((r) => r.type)).toEqual(['credential.issued']);
  });

  it('a deleted endpoint is sent nothing more', async () => {
    const { ctx, receiver, dispatcher } = await setup();
    const { id } = await register(ctx, receiver);
    receiver.mode = 'fail';
    await issue(ctx);
    await dispatcher.drain();
    expect((await call(ctx, 'DELETE', `/api/v1/webhooks/${id}`)).status).toBe(204);
    expect((await call(ctx, 'GET', `/api/v1/webhooks/${id}`)).status).toBe(404);
    await issue(ctx);
    await dispatcher.drain();
    expect(receiver.received).toHaveLength(1);
  });
});

describe('webhook secrets and the test ping', () => {
  it('rotating the secret signs with the new and the previous one for a day, so the receiver switches without a gap', async () => {
    const { ctx, receiver, dispatcher, later } = await setup();
    const { id, secret: first } = await register(ctx, receiver);
    const rotated = await call(ctx, 'POST', `/api/v1/webhooks/${id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    const second = rotated.body.secret as string;
    expect(second).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(second).not.toBe(first);
    expect(rotated.body.previousSecretValidUntil).toBeTruthy();
    receiver.secrets = [first, second]; // each verifies on its own
    await issue(ctx);
    await dispatcher.drain();
    expect(receiver.received[0]!.verified).toBe(true);
    expect(String(receiver.received[0]!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    // A day later only the new secret signs: the old one no longer verifies.
    later(24 * 3600_000 + 1_000);
    const body = { type: 'x' };
    const headers = Object.fromEntries(Object.entries(receiver.received[0]!.headers).map(([k, v]) => [k, String(v)]));
    expect(() => new Webhook(first).verify(JSON.stringify(body), headers)).toThrow();
    receiver.secrets = [second];
    receiver.received.length = 0;
    ctx.clock.now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const endpoint = (await ctx.store.getWebhookEndpoint(id))!;
    await ctx.store.updateWebhookEndpoint({ ...endpoint, previousUntil: new Date(Date.now() - 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') });
    await issue(ctx);
    await dispatcher.drain();
    expect(receiver.received[0]!.verified).toBe(true);
    expect(String(receiver.received[0]!.headers['webhook-signature']).split(' ')).toHaveLength(1);
  });

  it('the test ping sends a signed webhook.test now and says what the receiver answered', async () => {
    const { ctx, receiver } = await setup();
    const { id } = await register(ctx, receiver, { events: ['batch.completed'] });
    const ok = await call(ctx, 'POST', `/api/v1/webhooks/${id}/test`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ attempted: true, delivered: true, status: 200, error: null });
    expect(receiver.received.map((r) => [r.type, r.verified])).toEqual([['webhook.test', true]]);
    receiver.mode = 'fail';
    const failed = await call(ctx, 'POST', `/api/v1/webhooks/${id}/test`);
    expect(failed.body).toMatchObject({ attempted: true, delivered: false, status: 500, error: 'HTTP 500' });
  });
});
