import { describe, expect, it } from 'vitest';
import { toBase58 } from '../src/crypto/encoding.js';
import { diHashData } from '../src/jsonld/data-integrity.js';
import { nodeCryptoProvider } from '../src/runtime/node/crypto.js';
import { makeTestApp, sampleRequest, type IssueResponse, type TestContext } from './helpers.js';
import { call, checkOf, createInstitute, createKey, issueWith, verify, type CreatedKey, type Json } from './tenants.js';

const at = (iso: string) => new Date(iso);
const decodeJwtHeader = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString()) as Json;

async function alphaWorld(): Promise<{ ctx: TestContext; created: Json; key: CreatedKey }> {
  const ctx = await makeTestApp();
  const created = await createInstitute(ctx, 'alpha');
  const key = await createKey(ctx, 'alpha', ['issue', 'revoke', 'admin']);
  return { ctx, created, key };
}

const rotate = async (ctx: TestContext, token: string) => {
  const res = await call(ctx, 'POST', '/api/v1/institutes/alpha/keys/rotate', { token });
  expect(res.status).toBe(201);
  return res.body as Json;
};

async function expectVerified(ctx: TestContext, issued: IssueResponse, verified: boolean) {
  for (const body of [{ credential: issued.credential }, { jwt: issued.jwt }]) {
    const report = (await verify(ctx, body)).body;
    expect(report.verified, `${Object.keys(body)[0]}: ${JSON.stringify(report.checks)}`).toBe(verified);
  }
}

describe('rotating an institute\'s signing key', () => {
  it('new credentials are signed by the new key; the old ones still verify', async () => {
    const { ctx, created, key } = await alphaWorld();
    const oldKeyId = created.keys[0].id as string;
    const before = await issueWith(ctx, key.key);
    const rotated = await rotate(ctx, key.key);
    expect(rotated.activeKey).not.toBe(oldKeyId);
    expect(rotated.activeKey).toMatch(/^did:web:localhost%3A8787:issuers:alpha#/);
    const after = await issueWith(ctx, key.key);

    expect(before.credential.proof[0]!.verificationMethod).toBe(oldKeyId);
    expect(after.credential.proof[0]!.verificationMethod).toBe(rotated.activeKey);
    expect(after.credential.proof[0]!.verificationMethod).not.toBe(before.credential.proof[0]!.verificationMethod);
    expect(decodeJwtHeader(after.jwt).kid).toBe(rotated.activeKey);
    expect(decodeJwtHeader(before.jwt).kid).toBe(oldKeyId);
    await expectVerified(ctx, before, true);
    await expectVerified(ctx, after, true);
  });

  it('the DID document lists both keys, the new one first, each as a Multikey assertion method', async () => {
    const { ctx, created, key } = await alphaWorld();
    const rotated = await rotate(ctx, key.key);
    const doc = (await call(ctx, 'GET', '/issuers/alpha/did.json', { token: null })).body as Json;
    const ids = (doc.verificationMethod as Json[]).map((m) => m.id);
    expect(ids).toEqual([rotated.activeKey, created.keys[0].id]);
    expect((doc.verificationMethod as Json[]).every((m) => m.type === 'Multikey' && m.controller === created.did && /^z6Mk/.test(m.publicKeyMultibase))).toBe(true);
    expect(doc.assertionMethod).toEqual(ids);
  });

  it('rotating again keeps every earlier key published and every earlier credential verifying', async () => {
    const { ctx, key } = await alphaWorld();
    const issued: IssueResponse[] = [await issueWith(ctx, key.key)];
    for (let i = 0; i < 2; i++) {
      await rotate(ctx, key.key);
      issued.push(await issueWith(ctx, key.key));
    }
    expect(new Set(issued.map((c) => c.credential.proof[0]!.verificationMethod)).size).toBe(3);
    const doc = (await call(ctx, 'GET', '/issuers/alpha/did.json', { token: null })).body as Json;
    expect(doc.verificationMethod).toHaveLength(3);
    for (const credential of issued) await expectVerified(ctx, credential, true);
  });

  it('status lists are served signed by the active key after a rotation changes them', async () => {
    const { ctx, key } = await alphaWorld();
    const issued = await issueWith(ctx, key.key);
    const rotated = await rotate(ctx, key.key);
    await call(ctx, 'POST', `/api/v1/credentials/${issued.id}/revoke`, { token: key.key, body: { reason: 'fraud' } });
    const entry = ([] as Json[]).concat(issued.credential.credentialStatus as Json).find((e) => e.statusPurpose === 'revocation')!;
    const list = (await call(ctx, 'GET', new URL(entry.statusListCredential).pathname, { token: null })).body as Json;
    expect(list.proof.verificationMethod).toBe(rotated.activeKey);
    expect((await verify(ctx, { credential: list })).body.verified).toBe(true);
  });
});

describe('marking a key compromised as of a time T', () => {
  const T = '2026-03-02T00:00:00Z';

  /** One credential signed before T, one after T, both by the first key; then rotation and the report. */
  async function compromisedWorld() {
    const { ctx, created, key } = await alphaWorld();
    const oldKeyId = created.keys[0].id as string;
    ctx.clock.now = at('2026-03-01T10:00:00Z');
    const beforeT = await issueWith(ctx, key.key);
    ctx.clock.now = at('2026-03-03T10:00:00Z');
    const afterT = await issueWith(ctx, key.key, { ...sampleRequest(), validFrom: '2026-03-03' });
    ctx.clock.now = at('2026-03-05T10:00:00Z');
    const rotated = await rotate(ctx, key.key);
    const res = await call(ctx, 'POST', '/api/v1/institutes/alpha/keys/compromised', { token: key.key, body: { keyId: oldKeyId, since: T } });
    expect(res.status).toBe(200);
    expect((res.body.keys as Json[]).find((k) => k.id === oldKeyId)?.compromisedAt).toBe(T);
    return { ctx, key, oldKeyId, rotated, beforeT, afterT };
  }

  it('a credential whose proof was created after T fails the proof check, naming the compromise', async () => {
    const { ctx, oldKeyId, afterT } = await compromisedWorld();
    expect(afterT.credential.proof[0]!.created).toBe('2026-03-03T10:00:00Z');
    const report = (await verify(ctx, { credential: afterT.credential })).body;
    expect(report.verified).toBe(false);
    expect(checkOf(report, 'issuer')?.status).toBe('passed');
    expect(checkOf(report, 'proof')).toMatchObject({ status: 'failed', message: expect.stringContaining(`${oldKeyId} was reported compromised as of ${T}`) });
  });

  it('its vc+jwt, whose validFrom is after T, fails the same way', async () => {
    const { ctx, afterT } = await compromisedWorld();
    const report = (await verify(ctx, { jwt: afterT.jwt })).body;
    expect(report.verified).toBe(false);
    expect(checkOf(report, 'proof')).toMatchObject({ status: 'failed', message: expect.stringContaining(`compromised as of ${T}`) });
  });

  it('a proof made after T carries the code key_compromised, and its verdict is key-compromised, not tampered (both forms)', async () => {
    const { verdictOf } = await import('../src/verifier/verdict.js');
    const { ctx, afterT } = await compromisedWorld();
    for (const body of [{ credential: afterT.credential }, { jwt: afterT.jwt }]) {
      const report = (await verify(ctx, body)).body;
      expect(checkOf(report, 'proof')).toMatchObject({ status: 'failed', code: 'key_compromised' });
      expect(verdictOf(report)).toBe('key-compromised');
    }
    // An altered credential under the same key stays "tampered": the signature itself fails, no code.
    const altered = structuredClone(afterT.credential) as Json;
    altered.credentialSubject.name = 'Keo Malis';
    const report = (await verify(ctx, { credential: altered })).body;
    expect(checkOf(report, 'proof')?.code).toBeUndefined();
    expect(verdictOf(report)).toBe('tampered');
  });

  it('a credential created before T still verifies, in both forms', async () => {
    const { ctx, beforeT } = await compromisedWorld();
    await expectVerified(ctx, beforeT, true);
  });

  it('credentials signed by the new key verify', async () => {
    const { ctx, key, rotated } = await compromisedWorld();
    const fresh = await issueWith(ctx, key.key, { ...sampleRequest(), validFrom: '2026-03-05' });
    expect(fresh.credential.proof[0]!.verificationMethod).toBe(rotated.activeKey);
    await expectVerified(ctx, fresh, true);
  });

  it('a status list the old key signed after T is served re-signed by the new key, and verifies', async () => {
    const { ctx, key } = await alphaWorld();
    const listPath = async (issued: IssueResponse) =>
      new URL(([] as Json[]).concat(issued.credential.credentialStatus as Json).find((e) => e.statusPurpose === 'revocation')!.statusListCredential).pathname;
    const issued = await issueWith(ctx, key.key);
    ctx.clock.now = at('2026-03-03T10:00:00Z');
    const signedAfterT = (await call(ctx, 'GET', await listPath(issued), { token: null })).body as Json;
    const oldKeyId = signedAfterT.proof.verificationMethod as string;
    // Within the day after signing, so the stored list is not yet due for re-signing by age.
    ctx.clock.now = at('2026-03-03T11:00:00Z');
    const rotated = await rotate(ctx, key.key);
    expect((await call(ctx, 'POST', '/api/v1/institutes/alpha/keys/compromised', { token: key.key, body: { keyId: oldKeyId, since: T } })).status).toBe(200);
    expect((await verify(ctx, { credential: signedAfterT })).body.verified).toBe(false);

    const served = (await call(ctx, 'GET', await listPath(issued), { token: null })).body as Json;
    expect(served.proof.verificationMethod).toBe(rotated.activeKey);
    expect((await verify(ctx, { credential: served })).body.verified).toBe(true);
  });

  it('the VC API\'s verification refuses it too', async () => {
    const { ctx, afterT } = await compromisedWorld();
    const res = await call(ctx, 'POST', '/credentials/verify', { token: null, body: { verifiableCredential: afterT.credential } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ id: 'proof', message: expect.stringContaining('compromised') })]);
  });

  it('a proof that does not say when it was created fails', async () => {
    const ctx = await makeTestApp();
    const { proof, ...unsecured } = (await issueWith(ctx, (await createKey(ctx, 'default', ['issue'])).key)).credential as Json;
    const { proofValue: _v, created: _c, ...options } = proof[0] as Json;
    const hash = await diHashData('eddsa-rdfc-2022', unsecured, options as never, nodeCryptoProvider);
    const undated = { ...unsecured, proof: { ...options, proofValue: `z${toBase58(await ctx.key.signer.sign(hash))}` } };
    expect((await verify(ctx, { credential: undated })).body.verified).toBe(true);

    const res = await call(ctx, 'POST', '/api/v1/institutes/default/keys/compromised', { body: { keyId: ctx.key.id, since: '2026-01-01' } });
    expect(res.status).toBe(200);
    const report = (await verify(ctx, { credential: undated })).body;
    expect(report.verified).toBe(false);
    // This service's own key: the issue record (2026-03-01, after the compromise) decides, not the proof.
    expect(checkOf(report, 'proof')).toMatchObject({ status: 'failed', message: expect.stringContaining('after that') });
  });

  it('a credential forged with a stolen key and backdated before the compromise fails: this service never issued it', async () => {
    const ctx = await makeTestApp();
    const { proof, ...unsecured } = (await issueWith(ctx, (await createKey(ctx, 'default', ['issue'])).key)).credential as Json;
    const forgedDoc = { ...unsecured, id: 'http://localhost:8787/credentials/ForgedByTheThief01', validFrom: '2026-01-15T00:00:00Z' };
    const { proofValue: _v, ...options } = { ...(proof[0] as Json), created: '2026-01-15T00:00:00Z' } as Json;
    const hash = await diHashData('eddsa-rdfc-2022', forgedDoc, options as never, nodeCryptoProvider);
    const forged = { ...forgedDoc, proof: { ...options, proofValue: `z${toBase58(await ctx.key.signer.sign(hash))}` } };
    const res = await call(ctx, 'POST', '/api/v1/institutes/default/keys/compromised', { body: { keyId: ctx.key.id, since: '2026-02-01' } });
    expect(res.status).toBe(200);
    const report = (await verify(ctx, { credential: forged })).body;
    expect(checkOf(report, 'proof')).toMatchObject({ status: 'failed', message: expect.stringContaining('no record of issuing') });
  });

  it('a credential this service issued before the compromise still verifies, whatever its proof claims', async () => {
    const ctx = await makeTestApp();
    ctx.clock.now = new Date('2026-01-20T09:00:00Z');
    const early = (await issueWith(ctx, (await createKey(ctx, 'default', ['issue'])).key, { ...sampleRequest(), validFrom: '2026-01-20', validUntil: '2031-01-20' })).credential;
    ctx.clock.now = new Date('2026-03-01T10:00:00Z');
    const res = await call(ctx, 'POST', '/api/v1/institutes/default/keys/compromised', { body: { keyId: ctx.key.id, since: '2026-02-01' } });
    expect(res.status).toBe(200);
    expect(checkOf((await verify(ctx, { credential: early })).body, 'proof')?.status).toBe('passed');
  });

  it('marking the active key compromised stops issuing (422) until the key is rotated', async () => {
    const { ctx, created, key } = await alphaWorld();
    const res = await call(ctx, 'POST', '/api/v1/institutes/alpha/keys/compromised', { token: key.key, body: { keyId: created.keys[0].id, since: '2026-03-01' } });
    expect(res.status).toBe(200);
    const refused = await call(ctx, 'POST', '/api/v1/credentials', { token: key.key, body: sampleRequest() });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('unprocessable');
    await rotate(ctx, key.key);
    await issueWith(ctx, key.key);
  });

  it('a key id the institute does not have is 404, another institute\'s included', async () => {
    const { ctx, key } = await alphaWorld();
    const beta = await createInstitute(ctx, 'beta');
    for (const keyId of ['did:web:localhost%3A8787:issuers:alpha#nope', beta.keys[0].id]) {
      const res = await call(ctx, 'POST', '/api/v1/institutes/alpha/keys/compromised', { token: key.key, body: { keyId, since: T } });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect(((await call(ctx, 'GET', '/api/v1/institutes/beta')).body.keys as Json[])[0]!.compromisedAt).toBeNull();
  });

  it('a since that is not a date is 400 invalid_request', async () => {
    const { ctx, created, key } = await alphaWorld();
    const res = await call(ctx, 'POST', '/api/v1/institutes/alpha/keys/compromised', { token: key.key, body: { keyId: created.keys[0].id, since: 'yesterday' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_request');
  });
});
