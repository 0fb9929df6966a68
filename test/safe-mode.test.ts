import { describe, expect, it } from 'vitest';
import { JsonLdError } from '../src/jsonld/canonize.js';
import { addDataIntegrityProof } from '../src/issuer/secure.js';
import { nodeCryptoProvider } from '../src/runtime/node/crypto.js';
import { authJson, issue, makeTestApp, sampleRequest, type TestContext } from './helpers.js';

type Json = Record<string, any>;

async function unsecuredCredential(ctx: TestContext): Promise<Json> {
  const { proof: _proof, ...unsecured } = structuredClone((await issue(ctx)).credential) as Json;
  return unsecured;
}

async function signingError(ctx: TestContext, document: Json): Promise<JsonLdError> {
  const error = await addDataIntegrityProof(document, ctx.key, '2026-03-01T10:00:00Z', nodeCryptoProvider).then(
    () => { throw new Error('addDataIntegrityProof signed a document it should have refused'); },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JsonLdError);
  return error as JsonLdError;
}

describe('issuance canonicalizes in JSON-LD safe mode', () => {
  it('refuses to sign a credential with a property no context defines, naming the term', async () => {
    const ctx = await makeTestApp();
    const credential = await unsecuredCredential(ctx);
    credential.credentialSubject.nmae = 'Sok Dara';
    const error = await signingError(ctx, credential);
    expect(error.code).toBe('ERR_UNDEFINED_TERM');
    expect(error.term).toBe('nmae');
  });

  it('refuses to sign a credential with a top-level property no context defines', async () => {
    const ctx = await makeTestApp();
    const credential = { ...(await unsecuredCredential(ctx)), grade: 'A' };
    const error = await signingError(ctx, credential);
    expect(error.code).toBe('ERR_UNDEFINED_TERM');
    expect(error.term).toBe('grade');
  });

  it('refuses to sign a credential with a type no context defines, naming the type', async () => {
    const ctx = await makeTestApp();
    const credential = await unsecuredCredential(ctx);
    credential.type = ['VerifiableCredential', 'OpenBadgeCredential', 'DiplomaCredential'];
    const error = await signingError(ctx, credential);
    expect(error.code).toBe('ERR_UNDEFINED_TERM');
    expect(error.term).toBe('DiplomaCredential');
  });

  it('refuses to sign a credential naming a context URL it does not ship, without fetching it', async () => {
    const ctx = await makeTestApp();
    const credential = await unsecuredCredential(ctx);
    credential['@context'] = [...credential['@context'], 'https://attacker.example/context.json'];
    const error = await signingError(ctx, credential);
    expect(error.code).toBe('ERR_UNKNOWN_CONTEXT');
  });

  it('signs the same credential once the undefined term is gone (control)', async () => {
    const ctx = await makeTestApp();
    const secured = await addDataIntegrityProof(await unsecuredCredential(ctx), ctx.key, '2026-03-01T10:00:00Z', nodeCryptoProvider);
    expect(secured.proof.proofValue).toMatch(/^z/);
  });
});

describe('an issue request with an unknown field is refused', () => {
  it('answers 400 unknown_field naming the path of a misspelt learner field', async () => {
    const ctx = await makeTestApp();
    const request: Json = sampleRequest();
    request.learner.nmae = request.learner.name;
    const res = await ctx.app.request('/api/v1/credentials', authJson(request));
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as Json;
    expect(error.code).toBe('unknown_field');
    expect(error.details).toContainEqual({ path: 'learner.nmae', message: expect.any(String) });
  });

  it('answers 400 unknown_field naming a top-level unknown field', async () => {
    const ctx = await makeTestApp();
    const res = await ctx.app.request('/api/v1/credentials', authJson({ ...sampleRequest(), grade: 'A' }));
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as Json;
    expect(error.code).toBe('unknown_field');
    expect(error.details).toContainEqual({ path: 'grade', message: expect.any(String) });
  });

  it('answers 400 unknown_field naming an unknown field inside a skill', async () => {
    const ctx = await makeTestApp();
    const request: Json = sampleRequest();
    request.achievement.skills[1].level = 'L2';
    const res = await ctx.app.request('/api/v1/credentials', authJson(request));
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as Json;
    expect(error.code).toBe('unknown_field');
    expect(error.details).toContainEqual({ path: 'achievement.skills.1.level', message: expect.any(String) });
  });
});
