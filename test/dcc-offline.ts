import { verifyCredential as dccVerify } from '@digitalcredentials/verifier-core';
import { expect, vi } from 'vitest';
import type { TestContext } from './helpers.js';
import type { Json } from './tenants.js';

/*
 * DCC's verifier-core (the verifier behind its Learner Credential Wallet and VerifierPlus),
 * run in process and offline: it has no injection points, and every request it makes goes
 * through globalThis.fetch, which this stubs to answer from the app under test and refuse
 * everything else. Undo with vi.unstubAllGlobals() and vi.restoreAllMocks().
 */
export function dccOffline(ctx: TestContext, publicUrl: string, requested: string[] = []): void {
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requested.push(request.url);
    if (!request.url.startsWith(`${publicUrl}/`)) return new Response('offline', { status: 404 });
    return ctx.app.request(request);
  });
  // The registry client and the schema check log to the console; keep the output readable.
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
}

/** verifier-core's result for a credential: its log steps by id (fails the test on a top-level error). */
export async function dccLog(credential: Json, knownDIDRegistries: Json[] = []): Promise<Record<string, Json>> {
  const result = (await dccVerify({ credential: credential as Parameters<typeof dccVerify>[0]['credential'], knownDIDRegistries })) as unknown as Json;
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return Object.fromEntries((result.log as Json[]).map((step) => [step.id, step]));
}
