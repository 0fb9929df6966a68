import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, pinoRequestLog, prettyLine } from '../src/runtime/node/logger.js';
import { createMetrics } from '../src/runtime/node/metrics.js';
import type { ReadyCheck } from '../src/ops-ports.js';
import { ADMIN_TOKEN, authJson, issue, makeTestApp, routeOf, sampleRequest, type TestContext } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'skillcert-ops-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const METRICS_TOKEN = 'metrics-token-0123456789abcdefghij';

/** An app whose pino log is captured line by line, with prom-client metrics, on a database file. */
async function observedApp(options: { readiness?: () => Promise<ReadyCheck[]>; address?: string; metrics?: boolean } = {}) {
  const lines: string[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { lines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
  const logger = createLogger({ level: 'info', destination: sink });
  const databasePath = join(dir, `${Math.random().toString(36).slice(2)}.db`);
  // The metrics read totals from the app's store, which makeTestApp opens.
  const storeOf = { current: null as TestContext['store'] | null };
  const metrics = options.metrics
    ? createMetrics({ store: { operationalTotals: () => storeOf.current!.operationalTotals() } as TestContext['store'], databasePath, token: METRICS_TOKEN })
    : undefined;
  const ctx = await makeTestApp({
    databasePath,
    deps: { log: pinoRequestLog(logger), clientAddress: () => options.address ?? '127.0.0.1', readiness: options.readiness, metrics },
  });
  storeOf.current = ctx.store;
  return { ctx, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>), databasePath };
}

describe('request logs (pino, one JSON line per request)', () => {
  it('carry request id, method, route pattern (not the learner id), status, duration and institute', async () => {
    const { ctx, records } = await observedApp();
    const issued = await issue(ctx);
    const page = await ctx.app.request(routeOf(ctx, `/v/${issued.id}`));
    expect(page.status).toBe(200);
    const institute = await ctx.app.request(routeOf(ctx, '/api/v1/institutes/default'), { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(institute.status).toBe(200);
    await ctx.app.request(routeOf(ctx, '/no/such/route'));
    const logged = records().filter((r) => r.msg === 'request');
    const view = logged.find((r) => r.route === '/v/:id');
    expect(view).toMatchObject({ level: 30, method: 'GET', status: 200, service: 'skillcert' });
    expect(view?.requestId).toBe(page.headers.get('x-request-id'));
    expect(typeof view?.ms).toBe('number');
    expect(typeof view?.time).toBe('string');
    expect(logged.find((r) => r.route === '/api/v1/credentials')).toMatchObject({ method: 'POST', status: 201 });
    expect(logged.find((r) => r.route === '/api/v1/institutes/:slug')).toMatchObject({ institute: 'default', status: 200 });
    expect(logged.find((r) => r.status === 404)?.route).toBe('(unmatched)');
  });

  it('never hold a token, a key, a body, a learner id or personal data', async () => {
    const { ctx, lines } = await observedApp();
    const issued = await issue(ctx);
    await ctx.app.request(routeOf(ctx, `/v/${issued.id}?lang=km`));
    await ctx.app.request(routeOf(ctx, '/api/v1/verify'), authJson({ jwt: issued.jwt }));
    await ctx.app.request(routeOf(ctx, '/api/v1/credentials'), authJson({ ...sampleRequest(), learner: { name: 'Chan Sophea' } }, 'sk_wrong_token_value_123456789'));
    const text = lines.join('\n');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    const learnerId = issued.id.split('/').pop() as string;
    for (const secret of [ADMIN_TOKEN, 'sk_wrong_token_value_123456789', issued.jwt.slice(0, 40), learnerId, 'Sok Dara', 'Chan Sophea', '012345678', 'Dara.Sok@example.com', 'lang=km']) {
      expect(text).not.toContain(secret);
    }
  });

  it('log an unexpected error with its stack on the server side only', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (l: string) => void lines.push(l) } });
    pinoRequestLog(logger).error('request failed', new Error('disk on fire'), { requestId: 'r-1' });
    const record = JSON.parse(lines[0] as string);
    expect(record).toMatchObject({ level: 50, msg: 'request failed', requestId: 'r-1', err: { message: 'disk on fire' } });
    expect(record.err.stack).toContain('disk on fire');
  });

  it('LOG_LEVEL=warn drops request lines; a terminal gets short readable lines', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', destination: { write: (l: string) => void lines.push(l) } });
    pinoRequestLog(logger).request({ requestId: 'r', method: 'GET', route: '/v/:id', status: 200, ms: 1 });
    expect(lines).toEqual([]);
    const pretty = prettyLine(JSON.stringify({ level: 30, time: '2026-03-01T10:00:01.000Z', msg: 'request', method: 'GET', route: '/v/:id', status: 200, ms: 3.2, institute: 'ntti', requestId: 'abc' }));
    expect(pretty).toBe('10:00:01 INFO  GET /v/:id 200 3.2ms ntti [abc]\n');
  });
});

describe('/metrics (Prometheus text, prom-client)', () => {
  const withMetrics = (address = '127.0.0.1') => observedApp({ address, metrics: true });
  const scrape = (ctx: TestContext, headers: Record<string, string> = {}) => ctx.app.request(routeOf(ctx, '/metrics'), { headers });

  it('counts requests by route and status, latency, verifications by verdict, credentials issued/revoked/suspended, batch rows, database size, event-loop lag', async () => {
    const { ctx } = await withMetrics();
    const one = await issue(ctx);
    const two = await issue(ctx, { ...sampleRequest(), learner: { name: 'Chan Sophea' } });
    expect((await ctx.app.request(routeOf(ctx, `/api/v1/credentials/${one.id}/revoke`), authJson({ reason: 'issued by mistake' }))).status).toBe(200);
    expect((await ctx.app.request(routeOf(ctx, `/api/v1/credentials/${two.id}/suspend`), authJson({ reason: 'under review' }))).status).toBe(200);
    await ctx.app.request(routeOf(ctx, '/api/v1/verify'), authJson({ jwt: one.jwt }));
    await ctx.app.request(routeOf(ctx, `/v/${two.id}`));
    await ctx.app.request(routeOf(ctx, '/api/v1/verify'), authJson({ jwt: `${one.jwt.slice(0, -4)}AAAA` }));
    const res = await scrape(ctx);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('skillcert_http_requests_total{method="POST",route="/api/v1/credentials",status="201"} 2');
    expect(text).toMatch(/skillcert_http_request_duration_seconds_bucket\{le="[^"]+",method="GET",route="\/v\/:id"\} 1/);
    expect(text).toContain('skillcert_verifications_total{verdict="revoked"} 1');
    expect(text).toContain('skillcert_verifications_total{verdict="suspended"} 1');
    expect(text).toContain('skillcert_verifications_total{verdict="tampered"} 1');
    expect(text).toContain('skillcert_credentials{state="issued"} 2');
    expect(text).toContain('skillcert_credentials{state="revoked"} 1');
    expect(text).toContain('skillcert_credentials{state="suspended"} 1');
    expect(text).toContain('skillcert_batch_rows{status="pending"} 0');
    expect(text).toContain('skillcert_wallet_offers{state="created"} 0');
    expect(text).toContain('skillcert_wallet_offers{state="claimed"} 0');
    expect(text).toMatch(/skillcert_database_bytes\{file="db"\} [1-9]\d*/);
    expect(text).toMatch(/skillcert_database_bytes\{file="wal"\} \d+/);
    expect(text).toMatch(/nodejs_eventloop_lag_seconds \d/);
    expect(text).toMatch(/process_resident_memory_bytes \d/);
    // No learner id, name, token or JWT in any label.
    for (const secret of [ADMIN_TOKEN, METRICS_TOKEN, one.id.split('/').pop() as string, 'Sok Dara', one.jwt.slice(0, 40)]) expect(text).not.toContain(secret);
  });

  it('answers only this machine, or METRICS_TOKEN', async () => {
    const remote = await withMetrics('203.0.113.9');
    expect((await scrape(remote.ctx)).status).toBe(403);
    expect((await scrape(remote.ctx, { Authorization: 'Bearer wrong-token-0123456789abcdefghij' })).status).toBe(403);
    expect((await scrape(remote.ctx, { Authorization: `Bearer ${METRICS_TOKEN}` })).status).toBe(200);
    const local = await withMetrics('127.0.0.1');
    expect((await scrape(local.ctx)).status).toBe(200);
    // Through a proxy on this machine, the socket is loopback but the client is not.
    expect((await scrape(local.ctx, { 'X-Forwarded-For': '203.0.113.9' })).status).toBe(403);
    expect((await scrape(local.ctx, { Forwarded: 'for=203.0.113.9' })).status).toBe(403);
  });
});

describe('/health and /ready', () => {
  it('/ready is 200 with every part named when all pass, 503 naming the failing part', async () => {
    let database: ReadyCheck = { name: 'database', ok: true, message: 'ok' };
    const { ctx } = await observedApp({ readiness: async () => [database, { name: 'keys', ok: true, message: 'ok' }] });
    const ok = await ctx.app.request(routeOf(ctx, '/ready'));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'ready', checks: [{ name: 'database', ok: true }, { name: 'keys', ok: true }] });
    database = { name: 'database', ok: false, message: 'attempt to write a readonly database' };
    const bad = await ctx.app.request(routeOf(ctx, '/ready'));
    expect(bad.status).toBe(503);
    expect(await bad.json()).toMatchObject({ status: 'not_ready', failing: ['database: attempt to write a readonly database'] });
    expect((await ctx.app.request(routeOf(ctx, '/health'))).status).toBe(200);
  });
});
