import { verifyCredential as dccVerify } from '@digitalcredentials/verifier-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { issueOldShape } from './fixtures/old-shape.js';
import { ADMIN_TOKEN, authJson, issue, makeTestApp, type TestContext } from './helpers.js';
import { served } from './interop-loader.js';
import { loadObSchema, OB_SCHEMA_URL } from './ob-schema.js';

/*
 * DCC's verifier-core (1.0.0-beta.11, what the Learner Credential Wallet and VerifierPlus
 * run) on what we issue, offline. It has no injection points: every request it makes (the
 * did:web document, status lists, the OB schema, any context it does not bundle) goes
 * through globalThis.fetch, stubbed here to answer from the app in process; anything else is
 * a 404, and recorded. It resolves did:web documents once per process, so every credential
 * here is signed by the one key of one app. Its status step reads the entry's one bit and
 * logs it as `<statusPurpose>_status`.
 */

type Json = Record<string, any>;

const schema = loadObSchema();
const asked: string[] = [];
let ctx: TestContext;

beforeAll(async () => {
  ctx = await makeTestApp({ clock: new Date(Math.floor(Date.now() / 1000) * 1000) });
  vi.stubGlobal('fetch', async (input: string | URL | Request) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    asked.push(url.href);
    if (url.host === new URL(ctx.deps.publicUrl).host) {
      const res = await ctx.app.request(`${url.pathname}${url.search}`);
      return new Response(await res.text(), { status: res.status, headers: { 'content-type': res.headers.get('content-type') ?? 'application/json' } });
    }
    if (url.href === OB_SCHEMA_URL && schema) return new Response(JSON.stringify(schema), { headers: { 'content-type': 'application/json' } });
    return new Response('not found', { status: 404 });
  });
});
afterAll(() => vi.unstubAllGlobals());

/** The log of DCC's verification: check id → valid. */
async function dccLog(credential: unknown): Promise<Record<string, boolean | undefined>> {
  const result = await dccVerify({ credential: JSON.parse(JSON.stringify(credential)), knownDIDRegistries: [] });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return Object.fromEntries((result.log ?? []).filter((l) => l.id !== 'registered_issuer').map((l) => [l.id, l.valid]));
}

const change = (id: string, action: string) => ctx.app.request(`/api/v1/credentials/${id}/${action}`, authJson(action === 'reinstate' ? {} : { reason: 'test' }));

describe("DCC's verifier-core", () => {
  it('verifies the signature, and its schema check passes', async () => {
    const issued = await issue(ctx);
    const result = await dccVerify({ credential: JSON.parse(JSON.stringify(issued.credential)), knownDIDRegistries: [] });
    expect(result.errors).toBeUndefined();
    expect(result.log?.find((l) => l.id === 'valid_signature')?.valid).toBe(true);
    if (schema) {
      const check = result.additionalInformation?.find((a) => a.id === 'schema_check')?.results?.[0]?.result;
      expect(check, JSON.stringify(check)).toMatchObject({ valid: true });
    }
    // Nothing was fetched from anywhere but the app (and the schema's URL).
    expect(asked.filter((u) => !u.startsWith('http://localhost:8787/') && !u.startsWith('https://localhost:8787/') && u !== OB_SCHEMA_URL)).toEqual([]);
  });

  it('sees revocation_status valid while active, not valid while suspended, valid once reinstated, not valid once revoked', async () => {
    const issued = await issue(ctx);
    expect(await dccLog(issued.credential)).toMatchObject({ valid_signature: true, revocation_status: true });
    await change(issued.id, 'suspend');
    expect(await dccLog(issued.credential)).toMatchObject({ valid_signature: true, revocation_status: false });
    await change(issued.id, 'reinstate');
    expect(await dccLog(issued.credential)).toMatchObject({ revocation_status: true });
    await change(issued.id, 'revoke');
    expect(await dccLog(issued.credential)).toMatchObject({ revocation_status: false });
  });

  it('refuses a credential with one changed character (control)', async () => {
    const issued = await issue(ctx);
    const altered = JSON.parse(JSON.stringify(issued.credential)) as Json;
    altered.credentialSubject.name = 'Sok Darb';
    const result = await dccVerify({ credential: altered, knownDIDRegistries: [] });
    const signature = result.log?.find((l) => l.id === 'valid_signature')?.valid;
    expect(result.errors?.length || signature === false).toBeTruthy();
  });

  it('reads an old-shape credential (two entries) as before: a revoked one fails revocation_status only', async () => {
    const old = await issueOldShape(ctx);
    expect(await dccLog(old.credential)).toMatchObject({ valid_signature: true, revocation_status: true, suspension_status: true });
    await change(old.id, 'revoke');
    expect(await dccLog(old.credential)).toMatchObject({ revocation_status: false, suspension_status: true });
  });

  it('does not support eddsa-jcs-2022 (documented: institutes whose credentials DCC must read sign with eddsa-rdfc-2022)', async () => {
    const other = await makeTestApp({ publicUrl: 'http://localhost:8787' });
    await other.app.request('/api/v1/institutes/default', {
      method: 'PATCH', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}` }, body: JSON.stringify({ cryptosuite: 'eddsa-jcs-2022' }),
    });
    const issued = await issue(other);
    const result = await dccVerify({ credential: JSON.parse(JSON.stringify(issued.credential)), knownDIDRegistries: [] });
    const signature = result.log?.find((l) => l.id === 'valid_signature')?.valid;
    expect(result.errors?.length || signature === false).toBeTruthy();
  });
});
