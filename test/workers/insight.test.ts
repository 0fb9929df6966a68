import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, it } from 'vitest';
// The bundle wrangler deploys (built by vitest.workers.config.ts), called as Cloudflare calls
// it, so that what a request counted is written through ctx.waitUntil before the next one.
import worker from '../../.wrangler/test-build/worker.js';
import { reportingDay } from '../../src/insight/counter.js';
import { expectInsightMatches, runScenario, type Scenario, type ScenarioHost } from '../insight-scenario.js';
import { emptyDatabase } from './empty-database.js';
import { WORKER_TEST_ADMIN_TOKEN, WORKER_TEST_PUBLIC_URL } from './secrets.js';

const host: ScenarioHost = {
  publicUrl: WORKER_TEST_PUBLIC_URL,
  adminToken: WORKER_TEST_ADMIN_TOKEN,
  today: reportingDay(new Date()),
  // workerd draws no share card (no resvg): /c/:id/card.png is not served there.
  shareCards: false,
  async send(request) {
    const ctx = createExecutionContext();
    const response = await worker.fetch(request, env, ctx);
    await waitOnExecutionContext(ctx);
    return response;
  },
};

beforeAll(async () => {
  await emptyDatabase(env.DB);
});

// The same script as test/insight.test.ts (SQLite), on D1 inside workerd.
describe('insight counts on D1 match a scripted sequence exactly', () => {
  let scenario: Scenario;
  it('counts every verification route and verdict, and learner-page views, grouped every way, for the ministry', async () => {
    scenario = await runScenario(host);
    await expectInsightMatches(scenario, host.today);
  });
  it("an institute's key reads only its own institute's counts", async () => {
    await expectInsightMatches(scenario, host.today, { token: scenario.alphaKey, institute: 'alpha' });
  });
});
