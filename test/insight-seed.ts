import { createBatchedCounter, reportingDay, type InsightCounter } from '../src/insight/counter.js';
import type { Store } from '../src/store/port.js';
import { ADMIN_TOKEN, sampleRequest, type TestContext } from './helpers.js';
import { runScenario, type Scenario, type ScenarioHost } from './insight-scenario.js';

/** A counter for a test app that does not exist yet (its store is set once the app is built), and its flush. */
export function lateCounter(clock: () => Date): { counter: InsightCounter; attach(store: Store): void } {
  let store: Store | undefined;
  const counter = createBatchedCounter({ write: (increments) => store!.addInsightCounts(increments), clock });
  return { counter, attach: (s) => void (store = s) };
}

/**
 * The insight scenario (test/insight-scenario.ts) on a test app, then a few months of issuing
 * and verifying before it, so the month charts have something to draw.
 */
export async function seedInsight(ctx: TestContext, counter: InsightCounter, publicUrl: string): Promise<Scenario> {
  const send = async (request: Request) => {
    const res = await ctx.app.request(request);
    await counter.flush();
    return res;
  };
  const host: ScenarioHost = { publicUrl, adminToken: ADMIN_TOKEN, today: reportingDay(ctx.clock.now), shareCards: true, send };
  const now = ctx.clock.now;
  const scenario = await runScenario(host);
  const months = ['2025-10-15', '2025-11-12', '2025-12-10', '2026-01-20', '2026-02-16'];
  const programmes = [
    { name: 'Electrical Installation', nameKm: 'ការដំឡើងអគ្គិសនី', code: 'ELC-L2', level: 'CQF Level 2' },
    { name: 'Welding', nameKm: 'ការផ្សារដែក', code: 'WLD-L1', level: 'CQF Level 1' },
    { name: 'Motorcycle Repair', nameKm: 'ការជួសជុលម៉ូតូ', code: 'MCR-L3', level: 'CQF Level 3' },
  ];
  for (const [m, day] of months.entries()) {
    ctx.clock.now = new Date(`${day}T03:00:00Z`);
    for (let i = 0; i <= m + 1; i++) {
      const institute = ['alpha', 'beta', 'alpha'][i % 3]!;
      const p = programmes[(i + m) % 3]!;
      const body = { ...sampleRequest(), validFrom: undefined, achievement: { ...sampleRequest().achievement, ...p } };
      const res = await send(new Request(`${publicUrl}/api/v1/credentials?institute=${institute}`, {
        method: 'POST', headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      }));
      if (res.status !== 201) throw new Error(`seed: ${res.status} ${await res.text()}`);
      const { id } = (await res.json()) as { id: string };
      for (let v = 0; v < (i + m) % 4; v++) await send(new Request(`${publicUrl}/v/${id}`));
    }
  }
  ctx.clock.now = now;
  return scenario;
}
