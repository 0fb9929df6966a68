import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, authJson, issue, makeTestApp, sampleRequest, type TestContext } from './helpers.js';

type Json = Record<string, any>;
type Envelope = { error: { code: string; message: string; requestId: string; details?: Array<{ path: string; message: string }> } };

/** A valid issue request with one change applied. */
function requestWith(change: (r: Json) => void): Json {
  const request: Json = sampleRequest();
  change(request);
  return request;
}

async function expectEnvelope(res: Response, status: number, code: string): Promise<Envelope> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await res.json()) as Envelope;
  expect(body.error).toMatchObject({ code, message: expect.any(String), requestId: expect.any(String) });
  return body;
}

const INVALID_ISSUE_REQUESTS: Array<[string, (r: Json) => void, string]> = [
  ['a learner name that is a number', (r) => { r.learner.name = 12345; }, 'learner.name'],
  ['hours given as a string', (r) => { r.achievement.hours = '600'; }, 'achievement.hours'],
  ['skills that are not a list', (r) => { r.achievement.skills = 'ELC-U01'; }, 'achievement.skills'],
  ['a missing achievement', (r) => { delete r.achievement; }, 'achievement'],
  ['an empty learner name', (r) => { r.learner.name = ''; }, 'learner.name'],
  ['a learner name of spaces only', (r) => { r.learner.name = '   '; }, 'learner.name'],
  ['a control character in the learner name', (r) => { r.learner.name = 'Sok\u0007Dara'; }, 'learner.name'],
  ['a newline in the achievement name', (r) => { r.achievement.name = 'Electrical\nInstallation'; }, 'achievement.name'],
  ['a bidi override in the Khmer name', (r) => { r.learner.nameKm = 'សុខ\u202eដារ៉ា'; }, 'learner.nameKm'],
  ['an invalid email', (r) => { r.learner.email = 'dara.sok@'; }, 'learner.email'],
  ['negative hours', (r) => { r.achievement.hours = -1; }, 'achievement.hours'],
  ['validUntil before validFrom', (r) => { r.validFrom = '2026-02-15'; r.validUntil = '2026-02-14'; }, 'validUntil'],
  ['the impossible date 2026-02-30', (r) => { r.validFrom = '2026-02-30'; }, 'validFrom'],
  ['the impossible date 2026-02-30 with a timezone offset', (r) => { r.validFrom = '2026-02-30T09:00:00+07:00'; }, 'validFrom'],
  ['the impossible date 2026-04-31 at UTC', (r) => { r.validUntil = '2026-04-31T00:00:00Z'; }, 'validUntil'],
  ['a date-time without a timezone', (r) => { r.validFrom = '2026-02-15T09:00:00'; }, 'validFrom'],
  ['an achievement type outside Open Badges', (r) => { r.achievement.type = 'Trophy'; }, 'achievement.type'],
  ['a skill URL that is not http(s)', (r) => { r.achievement.skills[1].url = 'javascript:alert(1)'; }, 'achievement.skills.1.url'],
];

describe('an invalid issue request gets a 400 envelope naming the field, never a 5xx', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await makeTestApp();
  });

  it.each(INVALID_ISSUE_REQUESTS)('refuses %s with 400 invalid_request', async (_case, change, path) => {
    const res = await ctx.app.request('/api/v1/credentials', authJson(requestWith(change)));
    const body = await expectEnvelope(res, 400, 'invalid_request');
    expect(body.error.details?.map((d) => d.path)).toContain(path);
  });

  it('refuses malformed JSON with 400 invalid_json', async () => {
    const res = await ctx.app.request('/api/v1/credentials', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}` }, body: '{"learner": {"name": "Sok',
    });
    await expectEnvelope(res, 400, 'invalid_json');
  });

  it.each([['null', null], ['an array', [sampleRequest()]], ['a string', 'Sok Dara']])(
    'refuses a JSON body that is %s with 400 invalid_request',
    async (_case, body) => {
      await expectEnvelope(await ctx.app.request('/api/v1/credentials', authJson(body)), 400, 'invalid_request');
    },
  );

  it('refuses a body that is not JSON by content type with 415 unsupported_media_type', async () => {
    const res = await ctx.app.request('/api/v1/credentials', {
      method: 'POST', headers: { 'Content-Type': 'text/plain', Authorization: `Bearer ${ADMIN_TOKEN}` }, body: JSON.stringify(sampleRequest()),
    });
    await expectEnvelope(res, 415, 'unsupported_media_type');
  });

  it('refuses a body over 64 KB with 413 payload_too_large', async () => {
    const big = requestWith((r) => { r.achievement.description = 'x'.repeat(65 * 1024); });
    await expectEnvelope(await ctx.app.request('/api/v1/credentials', authJson(big)), 413, 'payload_too_large');
  });

  it('refuses a body declared over 64 KB by Content-Length with 413 payload_too_large', async () => {
    const body = JSON.stringify(requestWith((r) => { r.achievement.description = 'x'.repeat(65 * 1024); }));
    const res = await ctx.app.request('/api/v1/credentials', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), Authorization: `Bearer ${ADMIN_TOKEN}` },
      body,
    });
    await expectEnvelope(res, 413, 'payload_too_large');
  });

  it('accepts the largest ordinary request well under 64 KB (control)', async () => {
    const res = await ctx.app.request('/api/v1/credentials', authJson(requestWith((r) => { r.achievement.description = 'x'.repeat(4000); })));
    expect(res.status).toBe(201);
  });

  it('accepts 29 February in a leap year (control)', async () => {
    const res = await ctx.app.request('/api/v1/credentials', authJson(requestWith((r) => { r.validUntil = '2028-02-29'; })));
    expect(res.status).toBe(201);
  });
});

describe('an unusable verify request gets a 4xx envelope, never a 5xx', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await makeTestApp();
  });

  const verify = (body: string, contentType = 'application/json') =>
    ctx.app.request('/api/v1/verify', { method: 'POST', headers: { 'Content-Type': contentType }, body });

  it('refuses malformed JSON with 400 invalid_json', async () => {
    await expectEnvelope(await verify('{"jwt": '), 400, 'invalid_json');
  });

  it('refuses an empty object with 400 invalid_request', async () => {
    await expectEnvelope(await verify('{}'), 400, 'invalid_request');
  });

  it('refuses two inputs at once with 400 invalid_request', async () => {
    const issued = await issue(ctx);
    await expectEnvelope(await verify(JSON.stringify({ credential: issued.credential, jwt: issued.jwt })), 400, 'invalid_request');
  });

  it('refuses a credential that is not an object with 400 invalid_request', async () => {
    await expectEnvelope(await verify(JSON.stringify({ credential: 'eyJhbGciOi' })), 400, 'invalid_request');
  });

  it('refuses an unknown key with 400', async () => {
    const res = await verify(JSON.stringify({ vc: {} }));
    expect(res.status).toBe(400);
  });

  it('refuses text that is neither a link, a JWT nor JSON with 400 invalid_request', async () => {
    await expectEnvelope(await verify(JSON.stringify({ text: 'hello, is this certificate real?' })), 400, 'invalid_request');
  });

  it('refuses garbage sent as text/plain with 400 invalid_request', async () => {
    await expectEnvelope(await verify('%%% not a credential %%%', 'text/plain'), 400, 'invalid_request');
  });

  it('refuses text that starts like JSON but is not JSON with 400 invalid_request', async () => {
    await expectEnvelope(await verify(JSON.stringify({ text: '{"@context": [' })), 400, 'invalid_request');
  });

  it('refuses a link to another service with 422 unprocessable and does not fetch it', async () => {
    await expectEnvelope(await verify(JSON.stringify({ text: 'https://badges.example.org/v/abcdefghijk123' })), 422, 'unprocessable');
  });

  it('refuses a non-http link with 400 invalid_request', async () => {
    await expectEnvelope(await verify(JSON.stringify({ text: 'file:///etc/passwd' })), 400, 'invalid_request');
  });

  it('refuses an unsupported content type with 415 unsupported_media_type', async () => {
    await expectEnvelope(await verify('<credential/>', 'application/xml'), 415, 'unsupported_media_type');
  });

  it('refuses a body over 1 MB with 413 payload_too_large', async () => {
    await expectEnvelope(await verify(JSON.stringify({ text: 'x'.repeat(1024 * 1024 + 1) })), 413, 'payload_too_large');
  });

  it('answers a JSON credential that is not a VC with a failed format check, not an error', async () => {
    const res = await verify(JSON.stringify({ credential: { hello: 'world' } }));
    expect(res.status).toBe(200);
    const report = (await res.json()) as Json;
    expect(report.verified).toBe(false);
    expect(report.checks).toEqual([expect.objectContaining({ id: 'format', status: 'failed' })]);
  });
});

describe('unknown routes and ids answer 404 not_found in the envelope', () => {
  it('an unknown route answers 404 not_found', async () => {
    const ctx = await makeTestApp();
    await expectEnvelope(await ctx.app.request('/api/v1/nothing-here'), 404, 'not_found');
  });

  it('a credential id of the wrong shape answers 404 not_found', async () => {
    const ctx = await makeTestApp();
    await expectEnvelope(await ctx.app.request('/credentials/..%2F..%2Fetc'), 404, 'not_found');
  });
});

describe('templates and batches answer bad bodies in the envelope', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await makeTestApp();
  });
  const send = (path: string, body: string, type: string, method = 'POST') =>
    ctx.app.request(path, { method, headers: { 'Content-Type': type, Authorization: `Bearer ${ADMIN_TOKEN}` }, body });

  it('a template over 64 KB is 413, for a new template and a new version alike', async () => {
    const big = JSON.stringify({ code: 'BIG-1', name: 'Big', description: 'x'.repeat(65 * 1024), criteria: 'c' });
    await expectEnvelope(await send('/api/v1/templates', big, 'application/json'), 413, 'payload_too_large');
    await expectEnvelope(await send('/api/v1/templates/BIG-1', big, 'application/json', 'PUT'), 413, 'payload_too_large');
  });

  it('a batch that is bad JSON is 400, an XML one 415, one over 10 MB 413', async () => {
    await expectEnvelope(await send('/api/v1/batches', '[{', 'application/json'), 400, 'invalid_json');
    await expectEnvelope(await send('/api/v1/batches', '<rows/>', 'application/xml'), 415, 'unsupported_media_type');
    await expectEnvelope(await send('/api/v1/batches', 'x'.repeat(10 * 1024 * 1024 + 1), 'text/csv'), 413, 'payload_too_large');
  });
});
