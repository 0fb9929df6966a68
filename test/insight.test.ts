import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { createBatchedCounter, reportingDay } from '../src/insight/counter.js';
import { ADMIN_TOKEN, FIXED_NOW, issue, makeTestApp, PUBLIC_URL, sampleRequest, verifyBody, type TestContext } from './helpers.js';
import { expectInsightMatches, runScenario, type Scenario, type ScenarioHost } from './insight-scenario.js';

/** A test app whose counter is flushed after every request, as the Worker does. */
async function countingApp(): Promise<{ ctx: TestContext; host: ScenarioHost }> {
  let flush = async () => {};
  const ctx = await makeTestApp({
    deps: {
      insight: (() => {
        const counter = createBatchedCounter({ write: (increments) => ctx.store.addInsightCounts(increments), clock: () => ctx.clock.now });
        flush = () => counter.flush();
        return counter;
      })(),
    },
  });
  const host: ScenarioHost = {
    publicUrl: PUBLIC_URL,
    adminToken: ADMIN_TOKEN,
    today: reportingDay(FIXED_NOW),
    shareCards: true,
    async send(request) {
      const res = await ctx.app.request(request);
      await flush();
      return res;
    },
  };
  return { ctx, host };
}

describe('insight counts on SQLite match a scripted sequence exactly', () => {
  let scenario: Scenario;
  it('counts every verification route and verdict, views and share cards, grouped every way, for the ministry', async () => {
    const { host } = await countingApp();
    scenario = await runScenario(host);
    await expectInsightMatches(scenario, host.today);
  });
  it("an institute's key reads only its own institute's counts", async () => {
    await expectInsightMatches(scenario, reportingDay(FIXED_NOW), { token: scenario.alphaKey, institute: 'alpha' });
  });
});

describe('each verdict of our credentials is counted as the report gave it', () => {
  it('expired, not yet valid, not accredited, key compromised: one count each, under that verdict', async () => {
    const { ctx, host } = await countingApp();
    const call = async (method: string, path: string, body?: unknown, token: string | null = ADMIN_TOKEN) => {
      const headers: Record<string, string> = body === undefined ? {} : { 'Content-Type': 'application/json' };
      if (token) headers.Authorization = `Bearer ${token}`;
      const res = await host.send(new Request(`${PUBLIC_URL}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
      return { status: res.status, body: (await res.json()) as any };
    };
    const issueNow = async (extra: Record<string, unknown>, path = '/api/v1/credentials') => {
      const res = await call('POST', path, { ...sampleRequest(), ...extra });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body as { id: string; jwt: string };
    };
    const gamma = await call('POST', '/api/v1/institutes', { slug: 'gamma', name: 'Gamma Institute', province: 'ប៉ៃលិន', accreditedFrom: '2026-02-01' });
    expect(gamma.body.province).toEqual({ code: 'KH-24', name: 'Pailin', nameKm: 'ប៉ៃលិន' });

    // gamma's own key signs these; the default institute's key is the one reported leaked.
    const expiring = await issueNow({ validFrom: '2026-02-15', validUntil: '2026-03-10' }, '/api/v1/credentials?institute=gamma');
    const future = await issueNow({ validFrom: '2026-06-01', validUntil: '2031-06-01' }, '/api/v1/credentials?institute=gamma');
    const early = await issueNow({ validFrom: '2026-01-15', validUntil: '2031-01-15' }, '/api/v1/credentials?institute=gamma');
    const leaked = await issueNow({});
    const keyId = (await call('GET', '/api/v1/institutes/default/keys')).body.activeKey as string;
    expect((await call('POST', '/api/v1/institutes/default/keys/compromised', { keyId, since: '2026-02-28T00:00:00Z' })).status).toBe(200);

    const verdicts: Record<string, string> = {};
    for (const [name, issued] of [['not-yet-valid', future], ['not-accredited', early], ['key-compromised', leaked]] as const) {
      const res = await call('POST', '/api/v1/verify', { jwt: issued.jwt }, null);
      verdicts[name] = res.body.verified ? 'valid' : name;
    }
    ctx.clock.now = new Date('2026-04-01T10:00:00Z');
    const expired = await call('POST', '/api/v1/verify', { text: `${PUBLIC_URL}/v/${expiring.id}` }, null);
    expect(expired.body.verified).toBe(false);

    const rows = (await call('GET', '/api/v1/insight/verification?groupBy=month,verdict')).body.rows;
    expect(rows).toEqual([
      { month: '2026-03', verdict: 'key-compromised', verifications: 1 },
      { month: '2026-03', verdict: 'not-accredited', verifications: 1 },
      { month: '2026-03', verdict: 'not-yet-valid', verifications: 1 },
      { month: '2026-04', verdict: 'expired', verifications: 1 },
    ]);
    expect(verdicts).toEqual({ 'not-yet-valid': 'not-yet-valid', 'not-accredited': 'not-accredited', 'key-compromised': 'key-compromised' });
  });
});

describe('counting never changes or delays a verdict', () => {
  it('a counter whose writes fail leaves every report as it was, and says so to the error log', async () => {
    const errors: string[] = [];
    const plain = await makeTestApp();
    const failing = await makeTestApp({
      deps: {
        insight: createBatchedCounter({
          write: async () => {
            throw new Error('disk full');
          },
          clock: () => FIXED_NOW,
          flushAt: 1,
          onError: (message) => errors.push(message),
        }),
      },
    });
    for (const ctx of [plain, failing]) {
      const issued = await issue(ctx);
      const report = (await verifyBody(ctx, { jwt: issued.jwt })).body;
      expect(report.verified).toBe(true);
      const page = await ctx.app.request(`/v/${issued.id}`);
      expect(page.status).toBe(200);
    }
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/could not be written/);
  });

  it('a thousand verifications are written as one statement group of the counters they touch', async () => {
    const writes: number[][] = [];
    const counter = createBatchedCounter({ write: async (increments) => void writes.push(increments.map((i) => i.n)), clock: () => FIXED_NOW });
    for (let i = 0; i < 1000; i++) counter.record({ event: 'verification', channel: 'api', verdict: i % 10 ? 'valid' : 'revoked', credential: { id: `c${i % 4}` } });
    expect(writes).toEqual([]);
    expect(counter.pending).toBe(6); // four credentials, each valid; two of them also revoked (i a multiple of 10)
    await counter.flush();
    expect(writes).toHaveLength(1);
    expect(writes[0]!.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(counter.pending).toBe(0);
  });

  it('days are counted in Cambodia (UTC+7): 17:00 UTC is already the next day', () => {
    expect(reportingDay(new Date('2026-03-01T16:59:59Z'))).toBe('2026-03-01');
    expect(reportingDay(new Date('2026-03-01T17:00:00Z'))).toBe('2026-03-02');
  });
});

describe('nothing that identifies who verified is stored', () => {
  it('no address, user agent or cookie of a verifier reaches the database; the counters have no column for one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'insight-'));
    const path = join(dir, 'db.sqlite');
    const counter = { flush: async () => {} };
    const ctx = await makeTestApp({ databasePath: path });
    const insight = createBatchedCounter({ write: (increments) => ctx.store.addInsightCounts(increments), clock: () => FIXED_NOW });
    const app = createApp({ ...ctx.deps, insight, clientAddress: (c) => c.req.header('x-forwarded-for') ?? 'unknown' });
    counter.flush = () => insight.flush();
    const issued = await issue(ctx);
    const tracking = { 'User-Agent': 'Mozilla/5.0 UA-SECRET-4411', 'X-Forwarded-For': '203.0.113.77', Cookie: 'sc_lang=en; tracker=COOKIE-SECRET-9' };
    await app.request('/api/v1/verify', { method: 'POST', headers: { ...tracking, 'Content-Type': 'application/json' }, body: JSON.stringify({ jwt: issued.jwt }) });
    await app.request(`/v/${issued.id}`, { headers: tracking });
    await app.request(`/c/${issued.id}`, { headers: tracking });
    await counter.flush();
    expect(await ctx.store.verificationCount(issued.id)).toBe(2);
    await ctx.store.close();
    const raw = new Database(path, { readonly: true });
    const columns = (raw.prepare('PRAGMA table_info(insight_counts)').all() as Array<{ name: string }>).map((c) => c.name);
    expect(columns).toEqual(['day', 'credential_id', 'institute_id', 'event', 'channel', 'verdict', 'n']);
    const dump = (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>)
      .flatMap(({ name }) => raw.prepare(`SELECT * FROM "${name}"`).all())
      .map((row) => JSON.stringify(row))
      .join('\n');
    raw.close();
    for (const secret of ['UA-SECRET-4411', '203.0.113.77', 'COOKIE-SECRET-9']) expect(dump).not.toContain(secret);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("the learner's page says how many times the certificate was verified, and nothing more", () => {
  it('a number, in Khmer digits on the Khmer page', async () => {
    const { ctx, host } = await countingApp();
    const issued = await issue(ctx);
    const page = async (lang: string) => (await (await host.send(new Request(`${PUBLIC_URL}/c/${issued.id}`, { headers: { Cookie: `sc_lang=${lang}` } }))).text());
    expect(await page('en')).toContain('has not been verified yet');
    for (let i = 0; i < 12; i++) await host.send(new Request(`${PUBLIC_URL}/v/${issued.id}`));
    const en = await page('en');
    expect(en).toContain('data-count="12"');
    expect(en).toContain('This certificate has been verified 12 times.');
    expect(await page('km')).toContain('វិញ្ញាបនបត្រនេះត្រូវបានផ្ទៀងផ្ទាត់ ១២ ដង។');
  });
});
