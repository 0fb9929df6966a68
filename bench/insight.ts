import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBatchedCounter, type InsightCounter } from '../src/insight/counter.js';
import { INSIGHT_FLUSH_MS } from '../src/runtime/node/start.js';
import { issue, makeTestApp, type TestContext } from '../test/helpers.js';
import { measureAll, pairedRatio, type Row } from './measure.js';

/*
 * `npm run bench:insight`: verification throughput through the whole app (POST /api/v1/verify
 * with a JWT, and the QR page /v/:id) with insight counting on, as the Node server runs it
 * (counters added up in memory, written to the SQLite file every INSIGHT_FLUSH_MS), and off
 * (a counter that counts nothing), measured back to back in interleaved rounds on one core.
 * Target: counting on is within 5% of counting off. Exit status 1 when it is not.
 */

if (process.platform === 'linux' && !process.env.BENCH_PINNED && spawnSync('taskset', ['-c', '0', 'true']).status === 0) {
  const cpu = process.env.BENCH_CPU ?? '0';
  const child = spawnSync('taskset', ['-c', cpu, process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit', env: { ...process.env, BENCH_PINNED: `pinned to cpu ${cpu}` },
  });
  process.exit(child.status ?? 1);
}

const durationMs = Number(process.env.BENCH_MS ?? 3000);
// Many short rounds: on a shared machine the median of back-to-back pairs is what stays put.
const settings = { warmupMs: Math.min(500, durationMs / 4), durationMs, rounds: Number(process.env.BENCH_ROUNDS ?? 30) };
const dir = mkdtempSync(join(tmpdir(), 'skillcert-bench-insight-'));
const OFF: InsightCounter = { record() {}, flush: async () => {}, pending: 0 };

async function app(name: string, counting: boolean): Promise<{ ctx: TestContext; flushes: () => number; stop: () => Promise<void> }> {
  let flushes = 0;
  let store: TestContext['store'] | undefined;
  const on = createBatchedCounter({
    write: async (increments) => {
      flushes++;
      await store!.addInsightCounts(increments);
    },
    clock: () => new Date(),
  });
  const ctx = await makeTestApp({
    databasePath: join(dir, `${name}.sqlite`),
    deps: { insight: counting ? on : OFF, rateLimits: { issuePerMinute: 1e6, verifyPerMinute: 1e6 } },
  });
  store = ctx.store;
  const timer = setInterval(() => void on.flush(), INSIGHT_FLUSH_MS);
  return {
    ctx,
    flushes: () => flushes,
    stop: async () => {
      clearInterval(timer);
      await on.flush();
    },
  };
}

const on = await app('on', true);
const off = await app('off', false);
// Five credentials each, verified in turn: counters for several credentials, as in real use.
const credentials = await Promise.all([on, off].map(async ({ ctx }) => Promise.all(Array.from({ length: 5 }, () => issue(ctx)))));
const request = (ctx: TestContext, issued: Awaited<ReturnType<typeof issue>>[], kind: 'api' | 'page') => {
  let i = 0;
  return async () => {
    const c = issued[i++ % issued.length]!;
    const res = kind === 'api'
      ? await ctx.app.request('/api/v1/verify', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ jwt: c.jwt }) })
      : await ctx.app.request(`/v/${c.id}`);
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    await res.arrayBuffer();
  };
};
const rows: Row[] = [
  { group: 'off', name: 'POST /api/v1/verify (JWT), counting off', op: request(off.ctx, credentials[1]!, 'api') },
  { group: 'on', name: 'POST /api/v1/verify (JWT), counting on', op: request(on.ctx, credentials[0]!, 'api') },
  { group: 'off', name: 'GET /v/:id (the QR page), counting off', op: request(off.ctx, credentials[1]!, 'page') },
  { group: 'on', name: 'GET /v/:id (the QR page), counting on', op: request(on.ctx, credentials[0]!, 'page') },
];

process.stderr.write(`measuring ${rows.length} rows, ${durationMs} ms each…\n`);
const measured = await measureAll(rows, settings);
await on.stop();
await off.stop();
const counted = (await Promise.all(credentials[0]!.map((c) => on.ctx.store.verificationCount(c.id)))).reduce((a, b) => a + b, 0);
const done = measured[1]!.iterations + measured[3]!.iterations;
// What counting adds to one request, measured alone: one record() (in memory), and a flush's
// write per counter (one upsert in a statement group), both far below a verification's cost.
const micro = createBatchedCounter({ write: (increments) => on.ctx.store.addInsightCounts(increments), clock: () => new Date() });
const RECORDS = 200_000;
let t0 = performance.now();
for (let i = 0; i < RECORDS; i++) micro.record({ event: 'verification', channel: 'api', verdict: 'valid', credential: { id: credentials[0]![i % 5]!.id } });
const recordUs = ((performance.now() - t0) * 1000) / RECORDS;
for (let i = 0; i < 500; i++) micro.record({ event: 'verification', channel: 'api', verdict: `v${i}`, credential: { id: credentials[0]![i % 5]!.id } });
const pendingBefore = micro.pending;
t0 = performance.now();
await micro.flush();
const flushUs = ((performance.now() - t0) * 1000) / pendingBefore;

console.log(`\nskillcert insight bench: Node ${process.version}, ${process.env.BENCH_PINNED ?? 'not pinned'}, ${durationMs} ms per row, SQLite file, flush every ${INSIGHT_FLUSH_MS} ms\n`);
console.log('| row | ops/s | mean |');
console.log('| --- | ---: | ---: |');
for (const m of measured) console.log(`| ${m.name} | ${m.opsPerSec.toFixed(0)} | ${(m.meanUs / 1000).toFixed(2)} ms |`);
const verdicts = [0, 2].map((i) => {
  const ratio = pairedRatio(measured[i + 1]!, measured[i]!);
  return { name: measured[i + 1]!.name, ratio, pass: ratio >= 0.95 };
});
console.log(`\nCounted with counting on: ${counted} verifications (${done} made in the measured rounds, plus the warm-up), in ${on.flushes()} writes.`);
console.log(`One record(): ${recordUs.toFixed(2)} µs; one counter written by a flush: ${flushUs.toFixed(1)} µs (${pendingBefore} counters, in groups of 200).`);
console.log('\nTargets (on / off, median over rounds measured back to back):');
for (const v of verdicts) console.log(`- ${v.pass ? 'PASS' : 'MISS'} ${v.name}: ${v.ratio.toFixed(3)}x of counting off (target ≥ 0.95x)`);
await on.ctx.store.close();
await off.ctx.store.close();
rmSync(dir, { recursive: true, force: true });
process.exitCode = verdicts.every((v) => v.pass) && counted >= done ? 0 : 1;
