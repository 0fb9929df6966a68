import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { openApiDocument, openApiPath, OPERATIONS } from '../src/http/openapi/document.js';
import { createMetrics } from '../src/runtime/node/metrics.js';
import type { Store } from '../src/store/port.js';
import { ADMIN_TOKEN, makeTestApp, PUBLIC_URL } from './helpers.js';

/** The routes an integrator calls: the API, the VC API, status lists, the registry, DIDs and the public documents. */
const API_ROUTE = /^\/(api\/v1\/|credentials|presentations\/|status\/|registry|federation\/|\.well-known\/|issuers\/|ministry\/|achievements\/|health$|ready$|metrics$|openapi\.json$)/;

describe('the OpenAPI description', () => {
  it('is served at /openapi.json and is valid OpenAPI 3.1 (checked against the OpenAPI 3.1 schema)', async () => {
    const ctx = await makeTestApp();
    const res = await ctx.app.request('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const doc = (await res.json()) as { openapi: string; servers: Array<{ url: string }> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0]?.url).toBe(PUBLIC_URL);
    const validator = new Validator();
    const result = await validator.validate(doc as never);
    expect(validator.version).toBe('3.1');
    expect(result.errors ?? [], JSON.stringify(result.errors?.slice(0, 3))).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes every API route the app registers, and no route it does not have', async () => {
    // With metrics, as a Node server has them: /metrics is registered only then.
    const ctx = await makeTestApp({ deps: { metrics: createMetrics({ store: {} as Store, databasePath: ':memory:' }) } });
    const registered = new Set(ctx.app.routes.filter((r) => r.method !== 'ALL' && API_ROUTE.test(r.path)).map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`));
    const described = new Set(OPERATIONS.map((op) => `${op.method} ${openApiPath(op.path)}`));
    expect([...registered].filter((r) => !described.has(r)), 'routes missing from the description').toEqual([]);
    expect([...described].filter((d) => !registered.has(d)), 'described operations the app does not have').toEqual([]);
    expect(registered.size).toBeGreaterThan(50);
  });

  it('names the error envelope, the bearer scheme with its scopes, Retry-After on 429 and Idempotency-Key on batches', () => {
    const doc = openApiDocument(PUBLIC_URL) as any;
    expect(doc.components.schemas.Error.properties.error.required).toEqual(expect.arrayContaining(['code', 'message']));
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/v1/credentials'].post.security).toEqual([{ bearer: ['issue'] }]);
    expect(doc.paths['/api/v1/credentials/{id}/revoke'].post.security).toEqual([{ bearer: ['revoke'] }]);
    expect(doc.paths['/api/v1/verify'].post.security).toEqual([]);
    expect(doc.components.responses.TooManyRequests.headers['Retry-After']).toBeDefined();
    expect(doc.paths['/api/v1/credentials'].post.responses['429']).toEqual({ $ref: '#/components/responses/TooManyRequests' });
    expect(doc.paths['/api/v1/batches'].post.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]));
  });

  it('gives request examples in English and in Khmer, and each example passes the route\'s own validation', async () => {
    const doc = openApiDocument(PUBLIC_URL) as any;
    const examples = doc.paths['/api/v1/credentials'].post.requestBody.content['application/json'].examples;
    expect(Object.keys(examples)).toEqual(['english', 'khmer']);
    expect(JSON.stringify(examples.khmer.value)).toMatch(/[\u1780-\u17FF]/);
    const ctx = await makeTestApp();
    for (const example of Object.values(examples) as Array<{ value: unknown }>) {
      const res = await ctx.app.request('/api/v1/credentials', {
        method: 'POST', headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify(example.value),
      });
      expect(res.status, await res.clone().text()).toBe(201);
    }
  });

  it('takes its request schemas from the routes\' own zod schemas (a field the route refuses is not in the description)', () => {
    const doc = openApiDocument(PUBLIC_URL) as any;
    const issue = doc.paths['/api/v1/credentials'].post.requestBody.content['application/json'].schema;
    expect(issue.additionalProperties).toBe(false);
    expect(Object.keys(issue.properties)).toEqual(expect.arrayContaining(['learner', 'achievement', 'validFrom', 'validUntil']));
    expect(issue.properties.learner.properties.name.maxLength).toBe(200);
  });
});

describe('the response check every test app runs (test/openapi-check.ts)', () => {
  it('refuses a body that does not match the described schema, an undescribed status and an undescribed media type', async () => {
    const { checkResponse } = await import('./openapi-check.js');
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    await expect(checkResponse('POST', '/api/v1/credentials', json({ id: 'x' }, 201))).rejects.toThrow(/does not match/);
    await expect(checkResponse('GET', '/api/v1/institutes', json({ institutes: [] }, 418))).rejects.toThrow(/status 418 is not described/);
    await expect(checkResponse('GET', '/health', new Response('ok', { headers: { 'Content-Type': 'text/plain' } }))).rejects.toThrow(/media type/);
    await expect(checkResponse('GET', '/api/v1/institutes', json({ error: { code: 'unauthorized', message: 'no' } }, 401))).resolves.toBeUndefined();
    await expect(checkResponse('GET', '/api/v1/institutes', json({ error: { code: 'no_such_code', message: 'no' } }, 401))).rejects.toThrow(/does not match/);
  });

  it('covers /ready (200 ready, 503 naming the failing parts) and /metrics (Prometheus text, 403 elsewhere)', async () => {
    const { checkResponse } = await import('./openapi-check.js');
    const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    const checks = [{ name: 'database', ok: false, message: 'attempt to write a readonly database' }];
    await expect(checkResponse('GET', '/ready', json({ status: 'ready', checks: [{ name: 'keys', ok: true, message: 'ok' }] }))).resolves.toBeUndefined();
    await expect(checkResponse('GET', '/ready', json({ status: 'not_ready', failing: ['database: attempt to write a readonly database'], checks }, 503))).resolves.toBeUndefined();
    await expect(checkResponse('GET', '/ready', json({ status: 'not_ready', checks }, 503))).rejects.toThrow(/does not match/);
    await expect(checkResponse('GET', '/ready', json({ status: 'ok' }))).rejects.toThrow(/does not match/);
    const metrics = new Response('# HELP x y\nx 1\n', { headers: { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' } });
    await expect(checkResponse('GET', '/metrics', metrics)).resolves.toBeUndefined();
    await expect(checkResponse('GET', '/metrics', json({ error: { code: 'forbidden', message: 'no' } }, 403))).resolves.toBeUndefined();
    await expect(checkResponse('GET', '/metrics', json({ up: 1 }))).rejects.toThrow(/media type/);
  });
});
