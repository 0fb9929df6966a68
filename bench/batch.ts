import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTemplate } from '../test/cohort-helpers.js';
import { ADMIN_TOKEN, makeTestApp } from '../test/helpers.js';

/*
 * `npx tsx bench/batch.ts [rows]`: a generated CSV of `rows` learners (default 10,000) to
 * stored credentials (DI + JWT, status entries, audit entries) through POST /api/v1/batches,
 * on a SQLite file in a temp dir. Prints wall time, per-credential cost and peak RSS.
 */
const rows = Number(process.argv[2] ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'skillcert-bench-'));
try {
  const ctx = await makeTestApp({ databasePath: join(dir, 'bench.db') });
  await createTemplate(ctx);
  const lines = ['student id,learner name,khmer name,email,template code,completion date'];
  for (let i = 1; i <= rows; i++) lines.push(`S${i},Learner ${i},សុខ ដារ៉ា,l${i}@example.com,ELC-L2,2026-02-15`);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const t0 = performance.now();
  const res = await ctx.app.request('/api/v1/batches', {
    method: 'POST', headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'text/csv' }, body: lines.join('\r\n'),
  });
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const body = (await res.json()) as { counts?: { issued: number } };
  if (res.status !== 201 || body.counts?.issued !== rows) throw new Error(`batch failed: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  const stored = (await ctx.store.listCredentials({ instituteId: null, limit: 1, offset: 0 })).total;
  console.log(`batch of ${rows} rows: ${stored} credentials stored in ${(ms / 1000).toFixed(2)} s `
    + `(${(ms / rows).toFixed(2)} ms per credential), peak RSS ${(peak / 1024 / 1024).toFixed(0)} MB`);
  await ctx.store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
