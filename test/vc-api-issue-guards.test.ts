import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, authJson, makeTestApp, PUBLIC_URL, type TestContext } from './helpers.js';

/*
 * What POST /credentials/issue refuses to sign, or signs differently from what it was sent:
 * a credential that already carries a proof, a status entry the institute does not control,
 * and a credential id it has issued before.
 */

const V2 = 'https://www.w3.org/ns/credentials/v2';
type Json = Record<string, any>;

const credentialFor = (issuer: string, extra: Json = {}) => ({
  '@context': [V2],
  id: `urn:uuid:${crypto.randomUUID()}`,
  type: ['VerifiableCredential'],
  issuer,
  credentialSubject: { id: 'did:example:learner', name: 'Chan Sophea' },
  ...extra,
});

async function call(ctx: TestContext, path: string, body: unknown, token: string | null = ADMIN_TOKEN) {
  const init = token ? authJson(body, token) : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const res = await ctx.app.request(path, init);
  return { status: res.status, body: (await res.json()) as Json };
}

const REVOCATION = { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' };

describe('POST /credentials/issue signs only what it can verify', () => {
  it('refuses a credential that already carries a proof with 400, naming credential.proof', async () => {
    const ctx = await makeTestApp();
    const proof = { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', created: '2026-02-01T00:00:00Z',
      verificationMethod: `${ctx.institute.didKey}#${String(ctx.institute.didKey).slice(8)}`, proofPurpose: 'assertionMethod', proofValue: 'z3FXQ' };
    const { status, body } = await call(ctx, '/credentials/issue', { credential: credentialFor(ctx.institute.didKey as string, { proof }) });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/^credential\.proof: /) });
    expect(await ctx.store.getCredentialByVcId('urn:uuid:none')).toBeNull();
  });

  it('replaces a client-supplied credentialStatus (a loopback list) with the institute\'s own entry, which /credentials/status changes', async () => {
    const ctx = await makeTestApp();
    const evil = { id: 'http://127.0.0.1:9/status#7', type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '7', statusListCredential: 'http://127.0.0.1:9/status' };
    const credential = credentialFor(ctx.institute.didKey as string, { credentialStatus: evil });
    const { status, body } = await call(ctx, '/credentials/issue', { credential });
    expect(status).toBe(201);
    const vc = body.verifiableCredential;
    expect(JSON.stringify(vc)).not.toContain('127.0.0.1');
    expect(vc.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListCredential: expect.stringMatching(new RegExp(`^${PUBLIC_URL}/status/`)) });
    expect((await call(ctx, '/credentials/verify', { verifiableCredential: vc }, null)).status).toBe(200);
    expect((await call(ctx, '/credentials/status', { credentialId: credential.id, credentialStatus: [REVOCATION] })).body.status).toBe('revoked');
    const after = await call(ctx, '/credentials/verify', { verifiableCredential: vc }, null);
    expect(after.body.errors.map((e: Json) => e.id)).toEqual(['revocation']);
  });

  it('keeps the purposes a client\'s entries name, and adds none twice when options ask for the same', async () => {
    const ctx = await makeTestApp();
    const mine = (purpose: string) => ({ type: 'BitstringStatusListEntry', statusPurpose: purpose, statusListIndex: '1', statusListCredential: 'https://lists.example/1' });
    const credential = credentialFor(ctx.institute.didKey as string, { credentialStatus: [mine('suspension'), mine('revocation')] });
    const { body } = await call(ctx, '/credentials/issue', { credential, options: { credentialStatus: REVOCATION } });
    const entries = body.verifiableCredential.credentialStatus as Json[];
    expect(entries.map((e) => e.statusPurpose).sort()).toEqual(['revocation', 'suspension']);
    expect(entries.every((e) => e.statusListCredential.startsWith(`${PUBLIC_URL}/status/`))).toBe(true);
  });

  it('accepts a credentialStatus of another type (the VCDM suite\'s) and gives it a revocation entry of its own', async () => {
    const ctx = await makeTestApp();
    const credential = {
      '@context': [V2, { CredentialStatusList2017: 'https://example.org/examples#CredentialStatusList2017' }],
      type: ['VerifiableCredential'], issuer: ctx.institute.didKey, credentialSubject: { id: 'did:example:subject' },
      credentialStatus: { id: 'did:example:status', type: 'CredentialStatusList2017' },
    };
    const { status, body } = await call(ctx, '/credentials/issue', { credential });
    expect(status).toBe(201);
    expect(body.verifiableCredential.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' });
    expect(JSON.stringify(body.verifiableCredential)).not.toContain('did:example:status');
  });
});
