import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
// The bundle wrangler deploys, imported as a module so its console output can be read here.
import worker from '../../.wrangler/test-build/worker.js';
import { WORKER_TEST_ADMIN_TOKEN, WORKER_TEST_PUBLIC_URL } from './secrets.js';

afterEach(() => vi.restoreAllMocks());

describe('the Worker logs each request as the Node service does', () => {
  it('one JSON line with request id, method, route pattern, status, duration and institute; no token, id or body', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
    const call = async (path: string, init?: RequestInit) => {
      const ctx = createExecutionContext();
      const res = await worker.fetch(new Request(`${WORKER_TEST_PUBLIC_URL}${path}`, init), env, ctx);
      await waitOnExecutionContext(ctx);
      return res;
    };
    const page = await call('/v/urn:uuid:5f0c1c4e-0000-4000-8000-00000000abcd');
    await call('/api/v1/institutes/default', { headers: { Authorization: `Bearer ${WORKER_TEST_ADMIN_TOKEN}` } });
    const ready = await call('/ready');
    expect(ready.status).toBe(200);
    const records = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>).filter((r) => r.msg === 'request');
    const view = records.find((r) => r.route === '/v/:id');
    expect(view).toMatchObject({ level: 'info', method: 'GET', status: page.status, requestId: page.headers.get('x-request-id') });
    expect(typeof view?.ms).toBe('number');
    expect(records.find((r) => r.route === '/api/v1/institutes/:slug')).toMatchObject({ institute: 'default', status: 200 });
    const text = lines.join('\n');
    expect(text).not.toContain('5f0c1c4e');
    expect(text).not.toContain(WORKER_TEST_ADMIN_TOKEN);
  });
});
