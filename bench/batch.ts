import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signVcJwt } from '../src/issuer/secure.js';
import { canonize } from '../src/jsonld/canonize.js';
import { createTemplate } from '../test/cohort-helpers.js';
import { ADMIN_TOKEN, makeTestApp } from '../test/helpers.js';
import { createFixtures } from './fixtures.js';

/*
 * `npx tsx bench/batch.ts [rows] [--json]`: a generated CSV of `rows` learners (default
 * 10,000) to stored credentials (DI + JWT, status entries, audit entries) through POST
 * /api/v1/batches, on a SQLite file in a temp dir. Prints wall time, per-credential cost and
 * peak RSS, and beside them what one credential's signatures (Ed25519 of the DI hash data,
 * and of the vc+jwt) and its canonicalization cost in the same process. `npm run bench` runs
 * it in a child process (`--json`), so the peak RSS is the batch's own.
 */
export interface BatchFigures {
  rows: number;
  wallMs: number;
  msPerCredential: number;
  peakRssMb: number;
  /** Ed25519 sign of the 64-byte DI hash data plus the vc+jwt signature, µs per credential. */
  signUs: number;
  /** canonize() of a credential of the batch's shape (a cached shape), µs. */
  canonizeUs: number;
}

async function perCallUs(op: (i: number) => unknown, iterations: number): Promise<number> {
  for (let i = 0; i < Math.min(200, iterations); i++) await op(i);
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) await op(i);
  return ((performance.now() - t0) * 1000) / iterations;
}

async function main(): Promise<void> {
  const rows = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 10_000);
  const json = process.argv.includes('--json');
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
    // The kernel's own high-water mark: the sampler cannot fire while the batch never yields to timers.
    peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
    const body = (await res.json()) as { counts?: { issued: number } };
    if (res.status !== 201 || body.counts?.issued !== rows) throw new Error(`batch failed: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    const stored = (await ctx.store.listCredentials({ instituteId: null, limit: 1, offset: 0 })).total;
    if (stored !== rows) throw new Error(`batch stored ${stored} credentials, not ${rows}`);
    await ctx.store.close();

    // The raw costs, measured after the batch in the same process.
    const f = await createFixtures();
    const variants = Array.from({ length: 256 }, (_, i) => {
      const d = structuredClone(f.unsecured) as { credentialSubject: { name: string } };
      d.credentialSubject.name = `Learner ${i}`;
      return d;
    });
    const figures: BatchFigures = {
      rows,
      wallMs: ms,
      msPerCredential: ms / rows,
      peakRssMb: peak / 1024 / 1024,
      signUs: (await perCallUs(() => f.key.signer.sign(f.message), 2000)) + (await perCallUs(() => signVcJwt(f.unsecured, f.key), 2000)),
      canonizeUs: await perCallUs((i) => canonize(variants[i % variants.length]), 2000),
    };
    if (json) {
      console.log(JSON.stringify(figures));
    } else {
      console.log(`batch of ${rows} rows: ${stored} credentials stored in ${(ms / 1000).toFixed(2)} s `
        + `(${figures.msPerCredential.toFixed(2)} ms per credential), peak RSS ${figures.peakRssMb.toFixed(0)} MB; `
        + `per credential: signing ${figures.signUs.toFixed(0)} µs, canonicalization ${figures.canonizeUs.toFixed(0)} µs`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
