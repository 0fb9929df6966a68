import { expect } from 'vitest';
import { ADMIN_TOKEN, type TestContext } from './helpers.js';
import { call, type Json } from './tenants.js';

/** Helpers for templates and batches. */

export const electricalTemplate = (over: Json = {}): Json => ({
  code: 'ELC-L2',
  name: 'Electrical Installation',
  nameKm: 'ការដំឡើងអគ្គិសនី',
  description: 'Installs and tests low-voltage wiring in residential buildings.',
  criteria: 'Passed the practical and written assessment of all units.',
  type: 'Certificate',
  level: 'CQF Level 2',
  units: [
    { code: 'ELC-U01', name: 'Install wiring systems', nameKm: 'ដំឡើងប្រព័ន្ធខ្សែភ្លើង' },
    { code: 'ELC-U02', name: 'Test electrical circuits' },
  ],
  hours: 600,
  validityMonths: 60,
  ...over,
});

export async function createTemplate(ctx: TestContext, body: Json = electricalTemplate(), token?: string): Promise<Json> {
  const res = await call(ctx, 'POST', '/api/v1/templates', { body, token });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Json;
}

/** POSTs a batch file (CSV text, or a JSON array) to /api/v1/batches with `query`. */
export async function postBatch(
  ctx: TestContext,
  body: string | unknown[],
  query = '',
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Json; headers: Headers }> {
  const isCsv = typeof body === 'string';
  const res = await ctx.app.request(`/api/v1/batches${query}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${options.token ?? ADMIN_TOKEN}`,
      'Content-Type': isCsv ? 'text/csv; charset=utf-8' : 'application/json',
      ...options.headers,
    },
    body: isCsv ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json, headers: res.headers };
}
