import { spawn, spawnSync } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { CompactSign, decodeJwt, decodeProtectedHeader, importJWK, jwtVerify, type CompactJWSHeaderParameters } from 'jose';
// @ts-expect-error -- autocannon ships no types; the options and result fields used here are its documented ones
import autocannon from 'autocannon';
import { issue, makeTestApp, TEST_KEY } from '../test/helpers.js';
import { freePort, ROOT, seededEnv } from '../test/serve-helpers.js';

/*
 * `npx tsx bench/load.ts [--json]` (the load section of `npm run bench`): the compiled server
 * (`dist/`, npm start's heap flag, LOG_LEVEL=info to a file) pinned to CPU 0 with taskset,
 * autocannon in this process pinned to CPU 1, 100 connections for BENCH_LOAD_SECONDS (20) per
 * route: /health, GET /v/:id, a scanned link (POST /api/v1/verify {text: the /v/ link}),
 * POST /api/v1/verify with the JWT (a stored credential's, and one signed by the same key but not
 * stored here) and with the Data Integrity credential. Each as req/s, p50
 * and p99, and as a ratio to /health in the same run; then /v/:id at half its saturated rate,
 * evenly paced (p99 there; see paced()); jose's jwtVerify in this process on the same JWT; the server's peak RSS.
 */

interface Run { name: string; path: string; rps: number; p50: number; p99: number; non2xx: number; errors: number }
export interface LoadFigures {
  seconds: number; connections: number; loadavg: number[]; runs: Run[];
  halfRate: { rate: number; rps: number; p50: number; p99: number; sentP99?: number; benchLagP99?: number; errors?: number };
  joseJwtVerifyPerSec: number; peakRssMb: number;
}


const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 20);
const connections = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 100);
const json = process.argv.includes('--json');
const say = (line: string) => process.stderr.write(`${line}\n`);

const cannon = (opts: Record<string, unknown>): Promise<any> =>
  new Promise((resolve, reject) => autocannon(opts, (error: unknown, result: unknown) => (error ? reject(error) : resolve(result))));

/**
 * GET `url` at `rate` requests per second, evenly spaced, for `seconds`, over up to
 * `connections` kept-alive connections: an open-loop load, each latency measured from the
 * moment its request was due (a late send counts against the server, not for it).
 *
 * Not autocannon's overallRate: it lets each connection send its per-second quota at the
 * start of every second (a burst of the whole second's requests at once, then silence), and
 * its coordinated-omission correction takes the per-connection rate (a few per second) as the
 * expected interval in milliseconds (ceil(1/rate) = 1 ms), so every slow answer adds hundreds
 * of phantom samples: its p99 "at half rate" measured its own bursts, not the server.
 */
export async function paced(url: string, rate: number, seconds: number, connections: number): Promise<{ rps: number; p50: number; p99: number; sentP99: number; benchLagP99: number; errors: number }> {
  // This process's own event-loop delay: when it is large, the latencies are the bench's, not the server's.
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  // From the moment each was sent: the server's share alone, when this process itself ran late.
  const fromSent: number[] = [];
  let errors = 0;
  const inFlight = new Set<Promise<void>>();
  const one = (due: number) => {
    const sentAt = performance.now();
    const done = new Promise<void>((resolve) => {
      const req = httpRequest(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => {
          const now = performance.now();
          if (res.statusCode === 200) {
            latencies.push(now - due);
            fromSent.push(now - sentAt);
          } else errors++;
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end();
    });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };
  const start = performance.now();
  const total = Math.round(rate * seconds);
  let sent = 0;
  while (sent < total) {
    const now = performance.now();
    // Every request whose time has come, each with the time it was due.
    while (sent < total && start + (sent * 1000) / rate <= now) one(start + (sent++ * 1000) / rate);
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  const at = (values: number[], q: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN) * 10) / 10;
  };
  lag.disable();
  return { rps: latencies.length / elapsed, p50: at(latencies, 0.5), p99: at(latencies, 0.99), sentP99: at(fromSent, 0.99), benchLagP99: Math.round(lag.percentile(99) / 1e5) / 10, errors };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'skillcert-load-'));
  let server: ReturnType<typeof spawn> | undefined;
  try {
    const databasePath = join(dir, 'skillcert.db');
    const seeded = await makeTestApp({ databasePath });
    const issued = await issue(seeded);
    await seeded.store.close();
    // The same credential under another id, signed again with the institute's key, and so never
    // stored on the server: what the verify API does for a credential it cannot answer from its
    // stored verifications (every check, every time).
    const unstored = await (async () => {
      const header = decodeProtectedHeader(issued.jwt);
      const payload = decodeJwt(issued.jwt);
      const id = `${String(payload.id).replace(/[^/]+$/, '')}not-stored-${Date.now()}`;
      const signed = await new CompactSign(new TextEncoder().encode(JSON.stringify({ ...payload, id })))
        .setProtectedHeader(header as CompactJWSHeaderParameters)
        .sign(await importJWK(TEST_KEY, 'EdDSA'));
      return { jwt: signed };
    })();
    const localId = issued.id.split('/').pop() as string;

    const { ensureBuilt } = await import('../scripts/dist.mjs');
    await ensureBuilt(say);
    const port = await freePort();
    const log = openSync(join(dir, 'server.log'), 'w');
    const pinned = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
    const command = [process.execPath, '--max-old-space-size=256', '--enable-source-maps', join(ROOT, 'dist/runtime/node/server.js')];
    const { PORT, HOST, PUBLIC_URL, ...inherited } = process.env;
    void PORT; void HOST; void PUBLIC_URL;
    server = spawn(pinned ? 'taskset' : (command[0] as string), pinned ? ['-c', '0', ...command] : command.slice(1), {
      cwd: ROOT, stdio: ['ignore', log, log],
      env: { ...inherited, ...seededEnv(databasePath, join(dir, 'keys')), HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info',
        RATE_LIMIT_VERIFY_PER_MINUTE: '1000000', RATE_LIMIT_ISSUE_PER_MINUTE: '1000000' },
    });
    closeSync(log);
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/ready`)).status === 200) break;
      } catch {}
      if (i > 600 || server.exitCode !== null) throw new Error(`the server did not start:\n${readFileSync(join(dir, 'server.log'), 'utf8')}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    const post = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const targets: Array<{ name: string; path: string; init?: Record<string, unknown> }> = [
      { name: 'GET /health', path: '/health' },
      { name: 'GET /v/:id', path: `/v/${localId}` },
      { name: 'scanned link: POST /api/v1/verify {text: /v/ link}', path: '/api/v1/verify', init: post({ text: `http://localhost:8787/v/${localId}` }) },
      { name: 'POST /api/v1/verify JWT', path: '/api/v1/verify', init: post({ jwt: issued.jwt }) },
      { name: 'POST /api/v1/verify JWT not stored here (verified afresh)', path: '/api/v1/verify', init: post({ jwt: unstored.jwt }) },
      { name: 'POST /api/v1/verify DI', path: '/api/v1/verify', init: post({ credential: issued.credential }) },
    ];
    // Every target must answer correctly before its speed means anything.
    for (const t of targets) {
      const res = await fetch(`${base}${t.path}`, t.init as RequestInit);
      const text = await res.text();
      if (res.status !== 200 || (t.path === '/api/v1/verify' && !JSON.parse(text).verified)) throw new Error(`${t.name}: ${res.status} ${text.slice(0, 2000)}`);
    }
    const runs: Run[] = [];
    for (const t of targets) {
      say(`load: ${t.name} (${connections} connections, ${seconds} s)…`);
      await cannon({ url: `${base}${t.path}`, connections, duration: 5, ...t.init });
      const r = await cannon({ url: `${base}${t.path}`, connections, duration: seconds, ...t.init });
      runs.push({ name: t.name, path: t.path, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts });
    }
    const page = runs[1] as Run;
    const rate = Math.max(1, Math.floor(page.rps / 2));
    say(`load: GET /v/:id at ${rate} req/s (half its saturated rate)…`);
    const half = await paced(`${base}${page.path}`, rate, Math.max(5, Math.round(seconds / 2)), connections);
    const peakRssMb = (() => {
      const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
      // taskset execs node in place: the pid is the server's.
      const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
      return Math.round(kb / 1024);
    })();

    // jose's jwtVerify on the same JWT, in this process (CPU 1), for the JWT ratio.
    const key = await importJWK({ kty: TEST_KEY.kty, crv: TEST_KEY.crv, x: TEST_KEY.x }, 'EdDSA');
    await jwtVerify(issued.jwt, key);
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 3000) {
      await jwtVerify(issued.jwt, key);
      n++;
    }
    const joseJwtVerifyPerSec = n / ((performance.now() - t0) / 1000);

    const figures: LoadFigures = {
      seconds, connections, loadavg: loadavg().map((l) => Math.round(l * 100) / 100), runs,
      halfRate: { rate, rps: half.rps, p50: half.p50, p99: half.p99, sentP99: half.sentP99, benchLagP99: half.benchLagP99, errors: half.errors }, joseJwtVerifyPerSec, peakRssMb,
    };
    if (json) process.stdout.write(`${JSON.stringify(figures)}\n`);
    else process.stdout.write(renderLoad(figures));
  } finally {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server!.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

export function renderLoad(f: LoadFigures): string {
  const health = f.runs[0] as Run;
  const jwt = f.runs.find((r) => r.name.endsWith('JWT')) as Run;
  const afresh = f.runs.find((r) => r.name.includes('JWT not stored'));
  const lines = [
    `Load: the compiled server pinned to CPU 0, autocannon on CPU 1, ${f.connections} connections, ${f.seconds} s per row; load average at the end ${f.loadavg.join(' ')}`,
    '',
    '| route | req/s | p50 ms | p99 ms | × /health | non-2xx | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...f.runs.map((r) => `| ${r.name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${(r.rps / health.rps).toFixed(2)} | ${r.non2xx} | ${r.errors} |`),
    '',
    `GET /v/:id at half its saturated rate (${f.halfRate.rate} req/s, evenly paced, latency from when each was due): p50 ${f.halfRate.p50} ms, p99 ${f.halfRate.p99} ms (${f.halfRate.sentP99 ?? '?'} ms from when sent; ${Math.round(f.halfRate.rps)} req/s answered; the bench's own event-loop p99 ${f.halfRate.benchLagP99 ?? '?'} ms)${f.halfRate.errors ? `, ${f.halfRate.errors} errors` : ''}`,
    `jose jwtVerify in process: ${Math.round(f.joseJwtVerifyPerSec)}/s; POST /api/v1/verify JWT over HTTP is ${(jwt.rps / f.joseJwtVerifyPerSec).toFixed(2)}× that (a stored credential's JWT)` +
      (afresh ? `, ${(afresh.rps / f.joseJwtVerifyPerSec).toFixed(2)}× for a JWT not stored here` : ''),
    `server peak RSS (VmHWM): ${f.peakRssMb} MB`,
    '',
  ];
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // This process (autocannon, jose) on CPU 1; the server goes on CPU 0.
  if (process.platform === 'linux' && !process.env.BENCH_LOAD_PINNED && spawnSync('taskset', ['-c', '1', 'true']).status === 0) {
    const child = spawnSync('taskset', ['-c', '1', process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
      stdio: 'inherit', env: { ...process.env, BENCH_LOAD_PINNED: '1' },
    });
    process.exit(child.status ?? 1);
  }
  await main();
}
