import type { Context } from 'hono';
import { describe, expect, it } from 'vitest';
import { FIXED_NOW, makeTestApp, sampleRequest, type TestContext } from './helpers.js';
import { call, createInstitute, createKey, issueWith, verify, type CreatedKey, type Reply } from './tenants.js';

const LIMITS = { issuePerMinute: 2, verifyPerMinute: 3 };
/** The client's address, as a runtime adapter would report it; here from a test header. */
const clientAddress = (c: Context) => c.req.header('x-test-address') ?? 'unknown';

async function limitedWorld(): Promise<{ ctx: TestContext; k1: CreatedKey; k2: CreatedKey }> {
  const ctx = await makeTestApp({ deps: { rateLimits: LIMITS, clientAddress } });
  await createInstitute(ctx, 'alpha');
  return { ctx, k1: await createKey(ctx, 'alpha', ['issue']), k2: await createKey(ctx, 'alpha', ['issue']) };
}

const issueAs = (ctx: TestContext, token: string) => call(ctx, 'POST', '/api/v1/credentials', { token, body: sampleRequest() });
const later = (ctx: TestContext, seconds: number) => {
  ctx.clock.now = new Date(FIXED_NOW.getTime() + seconds * 1000);
};

function expectLimited(reply: Reply, retryAfter: number) {
  expect(reply.status).toBe(429);
  expect(reply.headers.get('retry-after')).toBe(String(retryAfter));
  expect(reply.body).toEqual({ error: { code: 'rate_limited', message: expect.any(String), requestId: expect.any(String) } });
}

describe('issuing is limited per API key', () => {
  it('the third issue in a minute with the same key is 429 rate_limited with Retry-After, and stores nothing', async () => {
    const { ctx, k1 } = await limitedWorld();
    expect((await issueAs(ctx, k1.key)).status).toBe(201);
    expect((await issueAs(ctx, k1.key)).status).toBe(201);
    const before = (await ctx.store.auditEntries({ limit: 1000 })).length;
    expectLimited(await issueAs(ctx, k1.key), 60);
    expect((await ctx.store.auditEntries({ limit: 1000 })).length).toBe(before);
  });

  it('Retry-After counts down to the end of the window', async () => {
    const { ctx, k1 } = await limitedWorld();
    await issueAs(ctx, k1.key);
    await issueAs(ctx, k1.key);
    later(ctx, 20);
    expectLimited(await issueAs(ctx, k1.key), 40);
  });

  it('another key of the same institute is not affected', async () => {
    const { ctx, k1, k2 } = await limitedWorld();
    await issueAs(ctx, k1.key);
    await issueAs(ctx, k1.key);
    expect((await issueAs(ctx, k1.key)).status).toBe(429);
    expect((await issueAs(ctx, k2.key)).status).toBe(201);
    expect((await issueAs(ctx, k2.key)).status).toBe(201);
    expect((await issueAs(ctx, k2.key)).status).toBe(429);
  });

  it('works again once the clock has moved a minute', async () => {
    const { ctx, k1 } = await limitedWorld();
    await issueAs(ctx, k1.key);
    await issueAs(ctx, k1.key);
    later(ctx, 59);
    expect((await issueAs(ctx, k1.key)).status).toBe(429);
    later(ctx, 60);
    expect((await issueAs(ctx, k1.key)).status).toBe(201);
  });

  it('issuing through the VC API counts against the same key\'s limit', async () => {
    const { ctx, k1, k2 } = await limitedWorld();
    const alphaDid = 'did:web:localhost%3A8787:issuers:alpha';
    const credential = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: alphaDid, credentialSubject: { name: 'Chan Sophea' } };
    await issueAs(ctx, k1.key);
    await issueAs(ctx, k1.key);
    expectLimited(await call(ctx, 'POST', '/credentials/issue', { token: k1.key, body: { credential } }), 60);
    expect((await call(ctx, 'POST', '/credentials/issue', { token: k2.key, body: { credential } })).status).toBe(201);
    expect((await call(ctx, 'POST', '/credentials/issue', { token: k2.key, body: { credential } })).status).toBe(201);
    expect((await issueAs(ctx, k2.key)).status).toBe(429);
  });

  it('a request without a valid key is refused 401 before it is counted', async () => {
    const { ctx, k1 } = await limitedWorld();
    for (let i = 0; i < 5; i++) expect((await call(ctx, 'POST', '/api/v1/credentials', { token: null, body: sampleRequest() })).status).toBe(401);
    expect((await issueAs(ctx, k1.key)).status).toBe(201);
  });
});

describe('public verification is limited per client address', () => {
  async function verifyFrom(ctx: TestContext, address: string, credential: unknown) {
    return verify(ctx, { credential }, { 'x-test-address': address });
  }

  it('the fourth verification in a minute from one address is 429 rate_limited; another address is not affected', async () => {
    const { ctx, k1 } = await limitedWorld();
    const { credential } = await issueWith(ctx, k1.key);
    for (let i = 0; i < 3; i++) expect((await verifyFrom(ctx, '203.0.113.7', credential)).status).toBe(200);
    expectLimited(await verifyFrom(ctx, '203.0.113.7', credential), 60);
    const other = await verifyFrom(ctx, '198.51.100.2', credential);
    expect(other.status).toBe(200);
    expect(other.body.verified).toBe(true);
  });

  it('is not limited by API key: the limit follows the address, with or without a token', async () => {
    const { ctx, k1 } = await limitedWorld();
    const { credential } = await issueWith(ctx, k1.key);
    for (let i = 0; i < 3; i++) expect((await verifyFrom(ctx, '203.0.113.7', credential)).status).toBe(200);
    const withToken = await call(ctx, 'POST', '/api/v1/verify', { token: k1.key, body: { credential }, headers: { 'x-test-address': '203.0.113.7' } });
    expect(withToken.status).toBe(429);
  });

  it('works again once the clock has moved a minute', async () => {
    const { ctx, k1 } = await limitedWorld();
    const { credential } = await issueWith(ctx, k1.key);
    for (let i = 0; i < 3; i++) await verifyFrom(ctx, '203.0.113.7', credential);
    expect((await verifyFrom(ctx, '203.0.113.7', credential)).status).toBe(429);
    later(ctx, 60);
    expect((await verifyFrom(ctx, '203.0.113.7', credential)).status).toBe(200);
  });

  it('issuing and verifying have separate budgets', async () => {
    const { ctx, k1 } = await limitedWorld();
    const { credential } = await issueWith(ctx, k1.key);
    for (let i = 0; i < 3; i++) await verifyFrom(ctx, '203.0.113.7', credential);
    expect((await issueAs(ctx, k1.key)).status).toBe(201);
  });
});

describe('the VC API verify endpoints share the per-address limit', () => {
  it('answers 429 with Retry-After once an address has used its verifications', async () => {
    const ctx = await makeTestApp({ deps: { rateLimits: LIMITS, clientAddress } });
    const post = () => ctx.app.request('/credentials/verify', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-test-address': '10.9.8.7' },
      body: JSON.stringify({ verifiableCredential: { type: ['NonconformingDocument'] } }),
    });
    const statuses = [];
    for (let i = 0; i < LIMITS.verifyPerMinute + 1; i++) statuses.push((await post()).status);
    expect(statuses.slice(0, LIMITS.verifyPerMinute).every((s) => s === 400)).toBe(true);
    const last = await post();
    expect(last.status).toBe(429);
    expect(last.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
