import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
// The bundle wrangler deploys (built by vitest.workers.config.ts), imported as a module so its
// scheduled handler can be called as the cron trigger calls it.
import worker from '../../.wrangler/test-build/worker.js';
import { WORKER_TEST_ADMIN_TOKEN, WORKER_TEST_PUBLIC_URL } from './secrets.js';

const url = (path: string) => `${WORKER_TEST_PUBLIC_URL}${path}`;
const authed = { Authorization: `Bearer ${WORKER_TEST_ADMIN_TOKEN}` };

describe('the scheduled (cron) handler', () => {
  it('resumes a batch a request left part-issued, a chunk a run, each row once', async () => {
    const template = { code: 'CRN-L1', name: 'Carpentry', description: 'Builds timber frames.', criteria: 'Passed all units.' };
    const created = await SELF.fetch(url('/api/v1/templates'), { method: 'POST', headers: { ...authed, 'Content-Type': 'application/json' }, body: JSON.stringify(template) });
    expect(created.status).toBe(201);
    const today = new Date().toISOString().slice(0, 10);
    const rows = Array.from({ length: 5 }, (_, i) => `K${i + 1},Learner ${i + 1},CRN-L1,${today}`).join('\n');
    // ?async=true: the request stores the job and issues (at most) one chunk after answering.
    const started = await SELF.fetch(url('/api/v1/batches?async=true'), {
      method: 'POST', headers: { ...authed, 'Content-Type': 'text/csv' }, body: `Student ID,Name,Template Code,Completion Date\n${rows}\n`,
    });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    const state = async () => ((await (await SELF.fetch(url(`/api/v1/batches/${id}`), { headers: authed })).json()) as { state: string; counts: Record<string, number>; rows: Array<{ credentialId: string | null }> });
    let runs = 0;
    while ((await state()).state === 'issuing' && runs < 10) {
      const ctx = createExecutionContext();
      await worker.scheduled({ scheduledTime: Date.now(), cron: '*/5 * * * *', noRetry() {} }, env, ctx);
      await waitOnExecutionContext(ctx);
      runs++;
    }
    const done = await state();
    expect(done.state).toBe('done');
    expect(runs).toBeGreaterThan(0);
    expect(done.counts).toMatchObject({ total: 5, issued: 5, pending: 0, failed: 0 });
    expect(new Set(done.rows.map((r) => r.credentialId)).size).toBe(5);
  });
});
