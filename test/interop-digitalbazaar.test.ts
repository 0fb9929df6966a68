import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { createVerifyCryptosuite } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { describe, expect, it } from 'vitest';
import { issueOldShape } from './fixtures/old-shape.js';
import { ADMIN_TOKEN, authJson, issue, makeTestApp, type TestContext } from './helpers.js';
import { appDocumentLoader, served } from './interop-loader.js';

/*
 * What we issue, read by Digital Bazaar's libraries in process, offline: @digitalbazaar/vc
 * with the eddsa-rdfc-2022 and eddsa-jcs-2022 cryptosuites, and @digitalbazaar/vc-bitstring-
 * status-list for the status. Its checkStatus answers `verified: true` whenever it could read
 * the list, set bit or not: the bit is each result's `status`, which is what is read here.
 * These libraries check the status list's validity against the real clock, so the apps here
 * run on it too.
 */

type Json = Record<string, any>;

const realTimeApp = () => makeTestApp({ clock: new Date(Math.floor(Date.now() / 1000) * 1000) });
const roundTrip = (v: unknown): Json => JSON.parse(JSON.stringify(v)) as Json;

async function dbVerify(ctx: TestContext, credential: unknown, jcs = false) {
  const cryptosuite = jcs ? createVerifyCryptosuite() : eddsaRdfc;
  const suite = new DataIntegrityProof({ cryptosuite });
  // The status list is signed with the institute's default suite (eddsa-rdfc-2022).
  const listSuite = new DataIntegrityProof({ cryptosuite: eddsaRdfc });
  const documentLoader = appDocumentLoader(ctx);
  return vc.verifyCredential({
    credential, suite, documentLoader,
    checkStatus: (options: unknown) => checkStatus({ ...(options as Json), suite: listSuite, documentLoader }),
  });
}

/** Digital Bazaar's reading of each status entry: purpose → bit set. */
async function dbStatus(ctx: TestContext, credential: unknown): Promise<Record<string, boolean>> {
  const result = await dbVerify(ctx, credential);
  expect(result.statusResult?.verified, JSON.stringify(result.statusResult?.error ?? result.error)).toBe(true);
  return Object.fromEntries((result.statusResult?.results ?? []).map((r) => [r.credentialStatus.statusPurpose, r.status]));
}

const change = (ctx: TestContext, id: string, action: string) =>
  ctx.app.request(`/api/v1/credentials/${id}/${action}`, authJson(action === 'reinstate' ? {} : { reason: 'test' }));

describe("Digital Bazaar's @digitalbazaar/vc verifies what we issue", () => {
  it('eddsa-rdfc-2022: the credential as served (proof a set of one) verifies; one changed character does not (control)', async () => {
    const ctx = await realTimeApp();
    const issued = await issue(ctx);
    const asServed = roundTrip(JSON.parse((await served(ctx, issued.credential.id as string)).body));
    const result = await dbVerify(ctx, asServed);
    expect(result.verified, JSON.stringify(result.error)).toBe(true);
    asServed.credentialSubject.achievement.related[0].name['@value'] = 'ការដំឡើងអគ្គិសនីX';
    expect((await dbVerify(ctx, asServed)).verified).toBe(false);
  });

  it('eddsa-jcs-2022: the credential verifies after a JSON round trip (no inline context to compare by identity)', async () => {
    const ctx = await realTimeApp();
    await ctx.app.request('/api/v1/institutes/default', {
      method: 'PATCH', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}` }, body: JSON.stringify({ cryptosuite: 'eddsa-jcs-2022' }),
    });
    const issued = await issue(ctx);
    expect(issued.credential.proof[0]!.cryptosuite).toBe('eddsa-jcs-2022');
    const asServed = roundTrip(JSON.parse((await served(ctx, issued.credential.id as string)).body));
    const result = await dbVerify(ctx, asServed, true);
    expect(result.verified, JSON.stringify(result.error)).toBe(true);
    const altered = roundTrip(asServed);
    altered.credentialSubject.identifier.at(-1).identityHash = 'ចាន់ សុភា';
    expect((await dbVerify(ctx, altered, true)).verified).toBe(false);
  });

  it('eddsa-jcs-2022 with an inline context, as issued before, fails after a JSON round trip (why the inline context went)', async () => {
    const ctx = await realTimeApp();
    const old = await issueOldShape(ctx, undefined, 'eddsa-jcs-2022');
    const result = await dbVerify(ctx, roundTrip(old.credential), true);
    expect(result.verified).toBe(false);
    expect(JSON.stringify(result.error ?? result.results)).toContain('does not start with');
    // skillcert's own verifier still verifies it: credentials out there keep verifying.
    const ours = await ctx.app.request('/api/v1/verify', authJson({ credential: roundTrip(old.credential) }));
    expect(((await ours.json()) as Json).verified).toBe(true);
  });
});

describe("Digital Bazaar's vc-bitstring-status-list reads the one status entry", () => {
  it('reads the bit clear while active, set while suspended, clear once reinstated, set once revoked', async () => {
    const ctx = await realTimeApp();
    const issued = await issue(ctx);
    expect(await dbStatus(ctx, issued.credential)).toEqual({ revocation: false });
    await change(ctx, issued.id, 'suspend');
    expect(await dbStatus(ctx, issued.credential)).toEqual({ revocation: true });
    await change(ctx, issued.id, 'reinstate');
    expect(await dbStatus(ctx, issued.credential)).toEqual({ revocation: false });
    await change(ctx, issued.id, 'revoke');
    expect(await dbStatus(ctx, issued.credential)).toEqual({ revocation: true });
  });

  it('a credential of the old shape keeps its two lists: a revoke sets its revocation bit, a suspension its suspension bit', async () => {
    const ctx = await realTimeApp();
    const old = await issueOldShape(ctx);
    const other = await issueOldShape(ctx);
    expect(await dbStatus(ctx, old.credential)).toEqual({ revocation: false, suspension: false });
    await change(ctx, other.id, 'suspend');
    expect(await dbStatus(ctx, other.credential)).toEqual({ revocation: false, suspension: true });
    await change(ctx, old.id, 'revoke');
    expect(await dbStatus(ctx, old.credential)).toEqual({ revocation: true, suspension: false });
    expect(await dbStatus(ctx, other.credential)).toEqual({ revocation: false, suspension: true });
    // skillcert's own verifier says the same, as before.
    const report = (await (await ctx.app.request('/api/v1/verify', authJson({ credential: old.credential }))).json()) as Json;
    expect(report.checks.find((c: Json) => c.id === 'revocation')).toMatchObject({ status: 'failed', code: 'revoked' });
  });
});

describe('jose verifies every JWT form we issue', () => {
  it('the credential, its status list and its baked badge (JWT form) verify with the JWK Set, EdDSA pinned', async () => {
    const ctx = await realTimeApp();
    const issued = await issue(ctx);
    const keys = createLocalJWKSet(JSON.parse((await served(ctx, `${ctx.deps.publicUrl}/.well-known/jwks.json`)).body) as JSONWebKeySet);
    const listUrl = (issued.credential.credentialStatus as unknown as Json).statusListCredential as string;
    const listJwt = (await served(ctx, listUrl, 'application/vc+jwt')).body;
    const badge = (await served(ctx, `${ctx.deps.publicUrl}/credentials/${issued.id}/badge.svg?format=jwt`)).body;
    const bakedJwt = /verify="([^"]+)"/.exec(badge)?.[1] as string;
    expect(bakedJwt).toBe(issued.jwt);
    for (const jwt of [issued.jwt, listJwt, bakedJwt]) {
      const { protectedHeader } = await jwtVerify(jwt, keys, { algorithms: ['EdDSA'], typ: 'vc+jwt' });
      expect(protectedHeader.kid).toBe(ctx.key.id);
    }
  });
});
