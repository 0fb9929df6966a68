import { describe, expect, it } from 'vitest';
import { createBatchedCounter, reportingDay } from '../src/insight/counter.js';
import { ADMIN_TOKEN, FIXED_NOW, makeTestApp, PUBLIC_URL, type TestContext } from './helpers.js';
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
