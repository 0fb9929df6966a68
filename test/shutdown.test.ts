import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createTemplate } from './cohort-helpers.js';
import { ADMIN_TOKEN, makeTestApp } from './helpers.js';
import { seededEnv, serverScratch, startServer } from './serve-helpers.js';

const ROWS = 3000;
const scratch = serverScratch();

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

const rowsByStatus = (path: string): Record<string, number> => {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT status, COUNT(*) AS n FROM batch_rows GROUP BY status').all() as Array<{ status: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  } finally {
    db.close();
  }
};

/** A request whose body is still arriving: headers and half the body now, the rest when told. */
function slowRequest(url: string, body: string) {
  const half = Math.floor(body.length / 2);
  let finish!: () => void;
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(`${url}/api/v1/verify`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.write(body.slice(0, half));
    req.flushHeaders();
    finish = () => req.end(body.slice(half));
  });
  return { response, finish: () => finish() };
}

describe('graceful shutdown (the real server, compiled)', () => {
  it('on SIGTERM: an in-flight request completes, the batch stops at a row boundary and resumes after restart, exit 0', { timeout: 240_000 }, async () => {
    const dir = scratch.tempDir('skillcert-shutdown-');
    const databasePath = join(dir, 'skillcert.db');
    const seeded = await makeTestApp({ databasePath });
    await createTemplate(seeded);
    await seeded.store.close();
    const env = { ...seededEnv(databasePath, join(dir, 'keys')), SHUTDOWN_GRACE_MS: '20000' };

    const first = await startServer(env);
    scratch.track(first);
    const csv = ['student id,name,template code,completion date', ...Array.from({ length: ROWS }, (_, i) => `S${i + 1},Learner ${i + 1},ELC-L2,2026-02-15`)].join('\r\n');
    const submitted = await fetch(`${first.url}/api/v1/batches?async=true`, { method: 'POST', headers: { ...auth, 'Content-Type': 'text/csv' }, body: csv });
    expect(submitted.status).toBe(202);
    const batchId = ((await submitted.json()) as { id: string }).id;
    // Some rows are issued: the batch is running.
    for (let i = 0; i < 3000; i++) {
      if ((rowsByStatus(databasePath).issued ?? 0) > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(rowsByStatus(databasePath).issued).toBeGreaterThan(0);

    const slow = slowRequest(first.url, JSON.stringify({ jwt: `e30.${'A'.repeat(2000)}.c2ln` }));
    await new Promise((r) => setTimeout(r, 200)); // the request has reached the server
    first.child.kill('SIGTERM');
    await first.waitFor(/shutting down/);
    // Not ready any more while draining; new connections are refused.
    slow.finish();
    const answered = await slow.response;
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.body)).toMatchObject({ verified: false });
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/"msg":"stopped"/);
    await expect(fetch(`${first.url}/health`)).rejects.toThrow();

    // Stopped between row groups: every row issued or pending, none failed; the WAL folded in.
    const stoppedAt = rowsByStatus(databasePath);
    expect(stoppedAt.pending ?? 0).toBeGreaterThan(0);
    expect(stoppedAt.failed ?? 0).toBe(0);
    expect((stoppedAt.issued ?? 0) + (stoppedAt.pending ?? 0)).toBe(ROWS);

    // The next start resumes the batch to exactly ROWS credentials.
    const second = await startServer(env, { timeoutMs: 180_000 });
    scratch.track(second);
    expect(second.output()).toContain(`resuming batch ${batchId}`);
    const view = await fetch(`${second.url}/api/v1/batches/${batchId}?rows=false`, { headers: auth });
    expect(await view.json()).toMatchObject({ state: 'done' });
    const db = new Database(databasePath, { readonly: true });
    const count = db.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT revocation_index) AS slots FROM credentials').get() as { n: number; slots: number };
    db.close();
    expect(count).toEqual({ n: ROWS, slots: ROWS });
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });
});
