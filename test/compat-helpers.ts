import { expect } from 'vitest';
import { sampleRequest, type TestContext } from './helpers.js';
import { call, createInstitute, type Json } from './tenants.js';

/** Helpers for the compatibility forms (issue 14, item 3): an institute with some turned on, and its credentials. */

export const NTTI_DID = 'did:web:localhost%3A8787:issuers:ntti';

/** Creates institute `ntti` and sets its compatibility forms; returns the API's view of it. */
export async function compatInstitute(ctx: TestContext, compatibility: Json): Promise<Json> {
  await createInstitute(ctx, 'ntti');
  const res = await call(ctx, 'PATCH', '/api/v1/institutes/ntti', { body: { compatibility } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Json;
}

export interface Issued {
  id: string;
  credential: Json;
  jwt: string;
  jwtEs256?: string;
}

/** Issues the sample credential as `slug` with the ministry's token. */
export async function issueAs(ctx: TestContext, slug = 'ntti', body: Json = sampleRequest()): Promise<Issued> {
  const res = await call(ctx, 'POST', `/api/v1/credentials?institute=${slug}`, { body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Issued;
}

/** A public GET: its status, and the body as JSON when it is JSON (else text). */
export const publicGet = (ctx: TestContext, path: string, headers: Record<string, string> = {}) => call(ctx, 'GET', path, { token: null, headers });

/** POST /api/v1/verify; the report. */
export async function ourVerify(ctx: TestContext, body: Json): Promise<Json> {
  const res = await call(ctx, 'POST', '/api/v1/verify', { token: null, body });
  expect(res.status).toBe(200);
  return res.body as Json;
}

export const checkOf = (report: Json, id: string): Json | undefined => (report.checks as Json[]).find((c) => c.id === id);
