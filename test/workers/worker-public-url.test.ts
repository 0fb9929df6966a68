import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
// The bundle wrangler deploys (built by vitest.workers.config.ts): fresh instances of its
// handler, each booting as a new isolate would, with the environment a test gives it.
import { createWorker } from '../../.wrangler/test-build/worker.js';
import { emptyDatabase } from './empty-database.js';
import { WORKER_TEST_ADMIN_TOKEN, WORKER_TEST_PUBLIC_URL } from './secrets.js';

/*
 * The Node server's rule for a changed PUBLIC_URL, on Workers: a deployment whose PUBLIC_URL
 * changes the issuer's DID does not start (each request answers 503 unavailable, D1 unchanged) unless
 * PUBLIC_URL_CHANGE=confirm; confirmed, it moves, and what was issued before keeps verifying.
 */

const NEW_URL = 'https://certs.example.gov.kh';
type Env = Record<string, unknown>;
const request = (worker: ReturnType<typeof createWorker>, workerEnv: Env, path: string, init: RequestInit = {}) =>
  worker.fetch(new Request(`${WORKER_TEST_PUBLIC_URL}${path}`, init), workerEnv as never);
const json = (body: unknown, token?: string): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});
const dids = async () => (await env.DB.prepare('SELECT did FROM institutes').all<{ did: string }>()).results.map((r: { did: string }) => r.did);

beforeAll(async () => {
  await emptyDatabase(env.DB);
});

describe('a Worker whose PUBLIC_URL changes the issuer', () => {
  it('does not start unless PUBLIC_URL_CHANGE=confirm; confirmed, it moves and the old credentials keep verifying', async () => {
    const first = createWorker();
    const issued = await request(first, env, '/api/v1/credentials', json({
      learner: { name: 'Sok Dara', email: 'dara@example.com' },
      achievement: { name: 'Electrical Installation', code: 'ELC-L2', description: 'Wiring.', criteria: 'Passed all units.' },
      validUntil: '2036-12-31',
    }, WORKER_TEST_ADMIN_TOKEN));
    expect(issued.status).toBe(201);
    const { jwt } = (await issued.json()) as { jwt: string };
    expect(await dids()).toEqual(['did:web:localhost%3A8787']);

    const moved = { ...env, PUBLIC_URL: NEW_URL };
    const refused = await request(createWorker(), moved, '/health');
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unavailable');
    expect(await dids()).toEqual(['did:web:localhost%3A8787']);

    const confirmed = createWorker();
    const confirmedEnv = { ...moved, PUBLIC_URL_CHANGE: 'confirm' };
    expect((await request(confirmed, confirmedEnv, '/health')).status).toBe(200);
    expect(await dids()).toEqual(['did:web:certs.example.gov.kh']);
    const report = (await (await request(confirmed, confirmedEnv, '/api/v1/verify', json({ jwt }))).json()) as {
      verified: boolean; checks: Array<{ id: string; status: string }>;
    };
    expect(Object.fromEntries(report.checks.map((c) => [c.id, c.status]))).toMatchObject({ proof: 'passed', accreditation: 'passed', revocation: 'passed' });
    expect(report.verified).toBe(true);
  });
});

describe('a Worker deployed without its secrets', () => {
  it('answers every request 503 unavailable, saying it is not set up, and never echoes a setting', async () => {
    const { ADMIN_TOKEN: _a, KEY_ENCRYPTION_KEY: _k, ...unset } = env as Env;
    const res = await request(createWorker(), unset, '/health');
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe('unavailable');
    expect(body.error.message).toMatch(/not set up/);
    expect(body.error.requestId).toMatch(/^[1-9A-HJ-NP-Za-km-z]{10,40}$/);
    expect(JSON.stringify(body)).not.toContain(WORKER_TEST_ADMIN_TOKEN);
  });
});
