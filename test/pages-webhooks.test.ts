import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, makeTestApp } from './helpers.js';
import { csrfIn, signIn, type Browser } from './pages-helpers.js';
import { createInstitute, createKey } from './tenants.js';
import { startReceiver, type Receiver } from './webhook-receiver.js';

/* The console's webhook pages (issue 18), in both languages, with a real receiver on loopback. */

const receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close().catch(() => undefined)));
});

const postForm = (browser: Browser, path: string, pairs: Array<[string, string]>) =>
  browser.request(path, { method: 'POST', body: new URLSearchParams(pairs), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });

describe('the console\'s webhook pages', () => {
  it.each(['en', 'km'])('%s: add an endpoint, see its secret once, send a test the receiver verifies, pause and delete it', async (lang) => {
    const ctx = await makeTestApp({ clock: new Date(Math.floor(Date.now() / 1000) * 1000), deps: { webhookPolicy: { allowLoopbackHttp: true } } });
    const receiver = await startReceiver();
    receivers.push(receiver);
    const browser = await signIn(ctx, ADMIN_TOKEN, { 'Accept-Language': lang });
    const list = await browser.get('/console/webhooks');
    expect(list.status).toBe(200);
    const listHtml = await list.text();
    expect(listHtml).toContain(lang === 'km' ? 'បន្ថែមអាសយដ្ឋាន' : 'Add an endpoint');
    const csrf = csrfIn(listHtml);

    // A private address is refused on the page, naming the problem; nothing is made.
    const refused = await postForm(browser, '/console/webhooks', [['_csrf', csrf], ['url', 'https://10.0.0.5/hook'], ['events', 'credential.issued']]);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(/private or loopback/);
    expect(await ctx.store.listWebhookEndpoints(undefined)).toHaveLength(0);
    // Without the CSRF field, refused.
    expect((await postForm(browser, '/console/webhooks', [['url', receiver.url], ['events', 'credential.issued']])).status).toBe(403);

    const created = await postForm(browser, '/console/webhooks', [
      ['_csrf', csrf], ['url', receiver.url], ['description', 'ប្រព័ន្ធសិក្ខាកាម <b>SIS</b>'], ['events', 'credential.issued'], ['events', 'credential.revoked'],
    ]);
    expect(created.status).toBe(201);
    const secretHtml = await created.text();
    const secret = /<code id="secret"[^>]*>(whsec_[^<]+)<\/code>/.exec(secretHtml)?.[1];
    expect(secret).toBeTruthy();
    receiver.secrets = [secret!];
    const [endpoint] = await ctx.store.listWebhookEndpoints(undefined);
    expect(endpoint!.events).toEqual(['credential.issued', 'credential.revoked']);
    const detail = await (await browser.get(`/console/webhooks/${endpoint!.id}`)).text();
    expect(detail).not.toContain(secret!);
    expect(detail).toContain('ប្រព័ន្ធសិក្ខាកាម &lt;b&gt;SIS&lt;/b&gt;');
    expect(detail).toContain(lang === 'km' ? 'វិញ្ញាបនបត្រត្រូវបានចេញ' : 'A certificate is issued');

    const tested = await postForm(browser, `/console/webhooks/${endpoint!.id}/test`, [['_csrf', csrf]]);
    expect(tested.status).toBe(200);
    expect(await tested.text()).toContain(lang === 'km' ? 'សារសាកល្បងបានទៅដល់' : 'Test delivered');
    expect(receiver.received.map((r) => [r.type, r.verified])).toEqual([['webhook.test', true]]);

    const paused = await postForm(browser, `/console/webhooks/${endpoint!.id}/pause`, [['_csrf', csrf]]);
    expect(paused.status).toBe(303);
    expect((await ctx.store.getWebhookEndpoint(endpoint!.id))!.pausedAt).not.toBeNull();
    const log = await (await browser.get(`/console/webhooks/${endpoint!.id}`)).text();
    expect(log).toContain('webhook.test');
    expect(log).toContain(lang === 'km' ? 'បានទៅដល់' : 'Delivered');

    expect((await postForm(browser, `/console/webhooks/${endpoint!.id}/delete`, [['_csrf', csrf]])).status).toBe(303);
    expect(await ctx.store.getWebhookEndpoint(endpoint!.id)).toBeNull();
    expect((await browser.get(`/console/webhooks/${endpoint!.id}`)).status).toBe(404);
  });

  it("an institute's issue-only key cannot open them; its admin key sees only its own institute's endpoints", async () => {
    const ctx = await makeTestApp({ deps: { webhookPolicy: { allowLoopbackHttp: true } } });
    await createInstitute(ctx, 'ntti');
    await createInstitute(ctx, 'pti');
    const issueOnly = await signIn(ctx, (await createKey(ctx, 'ntti', ['issue'])).key);
    expect((await issueOnly.get('/console/webhooks')).status).toBe(403);
    expect(await (await issueOnly.get('/console/credentials')).text()).not.toContain('/console/webhooks');
    const pti = await signIn(ctx, (await createKey(ctx, 'pti', ['admin'])).key);
    const csrf = csrfIn(await (await pti.get('/console/webhooks')).text());
    expect((await postForm(pti, '/console/webhooks', [['_csrf', csrf], ['url', 'http://127.0.0.1:9/h'], ['events', 'batch.completed']])).status).toBe(201);
    const ntti = await signIn(ctx, (await createKey(ctx, 'ntti', ['admin'])).key);
    const [theirs] = await ctx.store.listWebhookEndpoints(undefined);
    expect((await ntti.get(`/console/webhooks/${theirs!.id}`)).status).toBe(404);
    expect(await (await ntti.get('/console/webhooks')).text()).not.toContain('127.0.0.1:9');
  });
});
