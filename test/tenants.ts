import { expect } from 'vitest';
import { ADMIN_TOKEN, routeOf, sampleRequest, type IssueResponse, type TestContext } from './helpers.js';

/** Helpers for tests with several institutes: each created by the ministry through the API. */

export type Json = Record<string, any>;

export interface Reply {
  status: number;
  body: any;
  headers: Headers;
}

/** One request; `token: null` sends no Authorization header; a JSON body is sent when given. */
export async function call(
  ctx: TestContext,
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const token = options.token === undefined ? ADMIN_TOKEN : options.token;
  const headers: Record<string, string> = { ...options.headers };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await ctx.app.request(routeOf(ctx, path), {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (an HTML page, a JWT): keep the text
  }
  return { status: res.status, body, headers: res.headers };
}

/** The body the ministry sends to create an institute, accredited from 2026-01-01. */
export const instituteBody = (slug: string, extra: Json = {}): Json => ({
  slug,
  name: `${slug.toUpperCase()} Technical Institute`,
  nameKm: 'វិទ្យាស្ថានបច្ចេកទេស',
  url: `https://${slug}.example.edu.kh`,
  contact: `registrar@${slug}.example.edu.kh`,
  programmes: ['Electrical Installation'],
  accreditedFrom: '2026-01-01',
  ...extra,
});

/** Creates an institute with the ministry's token; returns the API's view of it. */
export async function createInstitute(ctx: TestContext, slug: string, extra: Json = {}): Promise<Json> {
  const res = await call(ctx, 'POST', '/api/v1/institutes', { body: instituteBody(slug, extra) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Json;
}

export interface CreatedKey {
  id: string;
  key: string;
  scopes: string[];
}

/** Creates an API key for an institute (by default with the ministry's token); returns its id and secret. */
export async function createKey(
  ctx: TestContext,
  slug: string,
  scopes: string[],
  options: { expiresAt?: string; token?: string; label?: string } = {},
): Promise<CreatedKey> {
  const body = { label: options.label ?? `${scopes.join('+')} key`, scopes, ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}) };
  const res = await call(ctx, 'POST', `/api/v1/institutes/${slug}/api-keys`, { token: options.token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id, key: res.body.key, scopes: res.body.scopes };
}

/** Issues the sample credential (or `body`) with `token`; fails the test unless 201. */
export async function issueWith(ctx: TestContext, token: string, body: Json = sampleRequest()): Promise<IssueResponse> {
  const res = await call(ctx, 'POST', '/api/v1/credentials', { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as IssueResponse;
}

/** POST /api/v1/verify with `{credential}` or `{jwt}`; returns the report. */
export async function verify(ctx: TestContext, body: Json, headers: Record<string, string> = {}): Promise<Reply> {
  return call(ctx, 'POST', '/api/v1/verify', { token: null, body, headers });
}

export const checkOf = (report: { checks: Array<{ id: string; status: string; message: string; code?: string }> }, id: string) =>
  report.checks.find((c) => c.id === id);
