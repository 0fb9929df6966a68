import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, authJson, makeTestApp, type TestContext } from './helpers.js';

const V2 = 'https://www.w3.org/ns/credentials/v2';

const credentialFor = (issuer: string, extra: Record<string, unknown> = {}) => ({
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
  return { status: res.status, body: (await res.json()) as any };
}

const didKeyOf = (ctx: TestContext) => ctx.institute.didKey as string;
const REVOCATION = { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' };

describe('POST /credentials/issue', () => {
  it('signs a caller\'s VC 2.0 credential as given, under the institute\'s did:key: 201 {verifiableCredential}', async () => {
    const ctx = await makeTestApp();
    const credential = credentialFor(didKeyOf(ctx));
    const { status, body } = await call(ctx, '/credentials/issue', { credential });
    expect(status).toBe(201);
    const vc = body.verifiableCredential;
    expect(vc.credentialSubject).toEqual(credential.credentialSubject);
    expect(vc.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' });
    expect(vc.proof.verificationMethod).toBe(`${didKeyOf(ctx)}#${didKeyOf(ctx).slice(8)}`);
    expect((await call(ctx, '/credentials/verify', { verifiableCredential: vc }, null)).status).toBe(200);
  });

  it('adds a BitstringStatusListEntry when options.credentialStatus asks, and the list is signed by the same issuer', async () => {
    const ctx = await makeTestApp();
    const { body } = await call(ctx, '/credentials/issue', { credential: credentialFor(didKeyOf(ctx)), options: { credentialStatus: REVOCATION } });
    const entry = body.verifiableCredential.credentialStatus;
    expect(entry).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' });
    expect(String(Number.parseInt(entry.statusListIndex, 10))).toBe(entry.statusListIndex);
    const list = (await (await ctx.app.request(new URL(entry.statusListCredential).pathname)).json()) as any;
    expect(list.issuer).toBe(didKeyOf(ctx));
  });

  it('signs eddsa-jcs-2022 when asked, and the verifier accepts it', async () => {
    const ctx = await makeTestApp();
    const { status, body } = await call(ctx, '/credentials/issue', { credential: credentialFor(ctx.institute.did), options: { cryptosuite: 'eddsa-jcs-2022' } });
    expect(status).toBe(201);
    expect(body.verifiableCredential.proof.cryptosuite).toBe('eddsa-jcs-2022');
    const verified = await call(ctx, '/credentials/verify', { verifiableCredential: body.verifiableCredential }, null);
    expect(verified.status).toBe(200);
    const tampered = { ...body.verifiableCredential, credentialSubject: { id: 'did:example:learner', name: 'Chan Sophe' } };
    expect((await call(ctx, '/credentials/verify', { verifiableCredential: tampered }, null)).status).toBe(400);
  });

  it('returns an enveloped vc+jwt for options.format vc+jwt, which the verifier accepts', async () => {
    const ctx = await makeTestApp();
    const { body } = await call(ctx, '/credentials/issue', { credential: credentialFor(didKeyOf(ctx)), options: { format: 'vc+jwt' } });
    const vc = body.verifiableCredential;
    expect(vc).toMatchObject({ '@context': V2, type: 'EnvelopedVerifiableCredential' });
    expect(vc.id).toMatch(/^data:application\/vc\+jwt,ey/);
    expect((await call(ctx, '/credentials/verify', { verifiableCredential: vc }, null)).status).toBe(200);
    expect((await call(ctx, '/credentials/verify', { verifiableCredential: { ...vc, id: vc.id.slice('data:application/vc+jwt,'.length) } }, null)).status).toBe(400);
  });

  it('adds the Data Integrity context to a VC 1.1 credential', async () => {
    const ctx = await makeTestApp();
    const credential = { '@context': ['https://www.w3.org/2018/credentials/v1'], id: 'urn:uuid:6a1c2f4e-1b5d-4f0e-9a1c-2b3d4e5f6a7b',
      type: ['VerifiableCredential'], issuer: didKeyOf(ctx), issuanceDate: '2026-01-01T00:00:00Z', credentialSubject: { id: 'did:example:x' } };
    const { status, body } = await call(ctx, '/credentials/issue', { credential });
    expect(status).toBe(201);
    expect(body.verifiableCredential['@context']).toEqual(['https://www.w3.org/2018/credentials/v1', 'https://w3id.org/security/data-integrity/v2']);
    expect((await call(ctx, '/credentials/verify', { verifiableCredential: body.verifiableCredential }, null)).status).toBe(200);
  });

  it.each([
    ['a credential sent as a string', { credential: 'not an object' }],
    ['no credential', { options: {} }],
    ['an unknown option', { credential: 'x', options: { colour: 'blue' } }],
  ])('refuses %s with 400', async (_name, body) => {
    const ctx = await makeTestApp();
    expect((await call(ctx, '/credentials/issue', body)).status).toBe(400);
  });

  it.each([
    ['no VerifiableCredential type', { type: ['ExampleCredential'] }],
    ['an id that is not a URL', { id: 'https ://not-a-url/1' }],
    ['an empty credentialSubject', { credentialSubject: {} }],
    ['validFrom after validUntil', { validFrom: '2026-02-01T00:00:00Z', validUntil: '2026-01-01T00:00:00Z' }],
    ['a date that is not xsd', { validFrom: 'Sat 25 Feb 2023 07:16:31 PM CST' }],
    ['a credentialStatus without type', { credentialStatus: { id: 'https://example.org/status/1' } }],
    ['a credentialSchema without id', { credentialSchema: { type: 'JsonSchema' } }],
    ['a name value object with an extra key', { name: { '@value': 'x', url: 'https://example.org' } }],
    ['a relatedResource without a digest', { relatedResource: [{ id: 'https://example.org/x' }] }],
    ['a relatedResource whose digest does not match the published context', { relatedResource: [{ id: V2, digestMultibase: 'uM4RgWQc3RUDtjJCSgTJtTfvpZ7SPEg_LNO0ESlovQC0' }] }],
  ])('refuses a credential with %s (400 invalid_request)', async (_name, extra) => {
    const ctx = await makeTestApp();
    const { status, body } = await call(ctx, '/credentials/issue', { credential: credentialFor(didKeyOf(ctx), extra) });
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_request');
  });

  it('accepts a relatedResource with the digests W3C publishes for the v2 context', async () => {
    const ctx = await makeTestApp();
    const relatedResource = [{ id: V2, digestSRI: 'sha384-NSOcNpmdIVUxIJGvGUoe22FjTWrXiaXlsZ8q6912LdnR3KraQO2n75Ica4wK4Qeg', digestMultibase: 'uJKGMkOmFbVJhEfKTduMC2XCyvRAYLjOVmZWwIH1wQ7k' }];
    expect((await call(ctx, '/credentials/issue', { credential: credentialFor(didKeyOf(ctx), { relatedResource }) })).status).toBe(201);
  });

  it('refuses an undefined term (JSON-LD safe mode) with 422 undefined_term', async () => {
    const ctx = await makeTestApp();
    const { status, body } = await call(ctx, '/credentials/issue', { credential: credentialFor(didKeyOf(ctx), { statusEntry: { type: 'BitstringStatusListEntry' } }) });
    expect(status).toBe(422);
    expect(body.error.code).toBe('undefined_term');
  });

  it('refuses an issuer this service does not host with 422', async () => {
    const ctx = await makeTestApp();
    expect((await call(ctx, '/credentials/issue', { credential: credentialFor('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK') })).status).toBe(422);
  });

  it('needs a bearer token unless the app is built open for a conformance run', async () => {
    const ctx = await makeTestApp();
    expect((await call(ctx, '/credentials/issue', { credential: credentialFor(didKeyOf(ctx)) }, null)).status).toBe(401);
  });
});

describe('POST /credentials/verify', () => {
  it('answers 400 with verified:false and the failed checks as errors for a tampered credential', async () => {
    const ctx = await makeTestApp();
    const { body } = await call(ctx, '/credentials/issue', { credential: credentialFor(didKeyOf(ctx)) });
    const tampered = { ...body.verifiableCredential, issuanceDate: undefined, credentialSubject: { id: 'did:example:someone-else', name: 'Chan Sophea' } };
    const res = await call(ctx, '/credentials/verify', { verifiableCredential: tampered }, null);
    expect(res.status).toBe(400);
    expect(res.body.verified).toBe(false);
    expect(res.body.errors.map((e: any) => e.id)).toContain('proof');
  });

  it('answers 200 with an empty errors list for a valid credential', async () => {
    const ctx = await makeTestApp();
    const { body } = await call(ctx, '/credentials/issue', { credential: credentialFor(didKeyOf(ctx)) });
    const res = await call(ctx, '/credentials/verify', { verifiableCredential: body.verifiableCredential, options: { checks: ['proof'] } }, null);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ verified: true, errors: [] });
    expect(res.body.checks).toContain('proof');
  });

  it.each([
    ['a non-conforming document', { verifiableCredential: { type: ['NonconformingDocument'] } }],
    ['a credential as a JSON string', { verifiableCredential: '{"a":1}' }],
    ['no credential', { options: {} }],
  ])('refuses %s with 400', async (_name, body) => {
    const ctx = await makeTestApp();
    expect((await call(ctx, '/credentials/verify', body, null)).status).toBe(400);
  });
});

describe('POST /credentials/status', () => {
  it('revokes by the credential\'s own id, and verification then fails the revocation check', async () => {
    const ctx = await makeTestApp();
    const credential = credentialFor(didKeyOf(ctx));
    const { body } = await call(ctx, '/credentials/issue', { credential, options: { credentialStatus: REVOCATION } });
    const res = await call(ctx, '/credentials/status', { credentialId: credential.id, credentialStatus: [REVOCATION] });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('revoked');
    const verified = await call(ctx, '/credentials/verify', { verifiableCredential: body.verifiableCredential }, null);
    expect(verified.status).toBe(400);
    expect(verified.body.errors.map((e: any) => e.id)).toEqual(['revocation']);
    expect((await call(ctx, '/credentials/status', { credentialId: credential.id, credentialStatus: [REVOCATION] })).status).toBe(409);
  });

  it('suspends and lifts a suspension with status true/false', async () => {
    const ctx = await makeTestApp();
    const credential = credentialFor(didKeyOf(ctx));
    const suspension = { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' };
    await call(ctx, '/credentials/issue', { credential, options: { credentialStatus: [suspension] } });
    expect((await call(ctx, '/credentials/status', { credentialId: credential.id, credentialStatus: { ...suspension, status: true } })).body.status).toBe('suspended');
    expect((await call(ctx, '/credentials/status', { credentialId: credential.id, credentialStatus: { ...suspension, status: false } })).body.status).toBe('active');
  });

  it('refuses a purpose the credential has no entry for (409), unknown ids (404) and no token (401)', async () => {
    const ctx = await makeTestApp();
    const credential = credentialFor(didKeyOf(ctx));
    await call(ctx, '/credentials/issue', { credential });
    expect((await call(ctx, '/credentials/status', { credentialId: credential.id, credentialStatus: [REVOCATION] })).status).toBe(409);
    expect((await call(ctx, '/credentials/status', { credentialId: 'urn:uuid:nope', credentialStatus: [REVOCATION] })).status).toBe(404);
    expect((await call(ctx, '/credentials/status', { credentialId: credential.id, credentialStatus: [REVOCATION] }, null)).status).toBe(401);
  });
});

describe('dates in credentials', () => {
  it('refuses a validFrom on a day the calendar does not have, instead of rolling it over', async () => {
    const ctx = await makeTestApp();
    const { status } = await call(ctx, '/credentials/issue', { credential: credentialFor(didKeyOf(ctx), { validFrom: '2026-02-30T00:00:00Z' }) });
    expect(status).toBe(400);
  });
});
