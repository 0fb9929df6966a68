import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { beforeAll, describe, expect, it } from 'vitest';
import { staticDocumentLoader } from '../src/jsonld/contexts.js';
import { FIXED_NOW, makeTestApp, type TestContext } from './helpers.js';
import { NTTI_DID, checkOf, compatInstitute, issueAs, ourVerify, publicGet, type Issued } from './compat-helpers.js';
import { call, type Json } from './tenants.js';

const ED2020_CONTEXT = 'https://w3id.org/security/suites/ed25519-2020/v1';

/** Digital Bazaar's loader for the published DID document: the bundled contexts, the document, its methods. */
function loaderFor(didDocument: Json) {
  return async (url: string) => {
    if (url === didDocument.id) return { contextUrl: null, documentUrl: url, document: didDocument };
    const method = (didDocument.verificationMethod as Json[]).find((m) => m.id === url);
    if (method) return { contextUrl: null, documentUrl: url, document: { '@context': didDocument['@context'], ...method } };
    return staticDocumentLoader(url);
  };
}

const dbVerify = (credential: unknown, didDocument: Json, suite: unknown) =>
  vc.verifyCredential({ credential, suite, documentLoader: loaderFor(didDocument), now: FIXED_NOW, checkStatus: async () => ({ verified: true }) });

const proofsOf = (credential: Json): Json[] => ([] as Json[]).concat(credential.proof);

describe('an institute with the Ed25519Signature2020 proof on (for MOSIP Inji)', () => {
  let ctx: TestContext;
  let issued: Issued;
  let didDocument: Json;
  beforeAll(async () => {
    ctx = await makeTestApp();
    await compatInstitute(ctx, { ed25519Signature2020: true });
    issued = await issueAs(ctx);
    didDocument = (await publicGet(ctx, '/issuers/ntti/did.json')).body as Json;
  });

  it('puts the ed25519-2020 context in the credential and a proof set of eddsa-rdfc-2022 and Ed25519Signature2020 by the same key', () => {
    expect(issued.credential['@context']).toContain(ED2020_CONTEXT);
    const [di, ed2020] = proofsOf(issued.credential);
    expect(proofsOf(issued.credential)).toHaveLength(2);
    expect(di).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' });
    const multikey = didDocument.verificationMethod.find((vm: Json) => vm.id === di!.verificationMethod).publicKeyMultibase as string;
    expect(ed2020).toEqual({
      type: 'Ed25519Signature2020', created: di!.created, verificationMethod: `${NTTI_DID}#${multikey}`, proofPurpose: 'assertionMethod',
      proofValue: expect.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]+$/),
    });
  });

  it('lists the key in the DID document also as an Ed25519VerificationKey2020 for assertions, as MOSIP\'s resolver needs', () => {
    const ed2020 = proofsOf(issued.credential)[1]!;
    expect(didDocument['@context']).toContain(ED2020_CONTEXT);
    expect(didDocument.verificationMethod).toContainEqual({
      id: ed2020.verificationMethod, type: 'Ed25519VerificationKey2020', controller: NTTI_DID, publicKeyMultibase: ed2020.verificationMethod.split('#')[1],
    });
    expect(didDocument.assertionMethod).toContain(ed2020.verificationMethod);
  });

  it('verifies with @digitalbazaar/vc and the Ed25519Signature2020 suite alone, and with both suites', async () => {
    const alone = await dbVerify(issued.credential, didDocument, new Ed25519Signature2020());
    expect(alone.error, JSON.stringify(alone.error)).toBeUndefined();
    expect(alone.verified).toBe(true);
    expect((await dbVerify(issued.credential, didDocument, [new DataIntegrityProof({ cryptosuite }), new Ed25519Signature2020()])).verified).toBe(true);
    expect((await dbVerify(issued.credential, didDocument, new DataIntegrityProof({ cryptosuite }))).verified).toBe(true);
  });

  it('serves the Inji form, ?form=inji: the same credential with only the 2020 proof, as one object, which verifies', async () => {
    const res = await publicGet(ctx, `/credentials/${issued.id}?form=inji`);
    expect(res.status).toBe(200);
    const inji = res.body as Json;
    expect(inji.proof).toEqual(proofsOf(issued.credential)[1]);
    const { proof: _a, ...unsecured } = inji;
    const { proof: _b, ...original } = issued.credential;
    expect(unsecured).toEqual(original);
    expect((await dbVerify(inji, didDocument, new Ed25519Signature2020())).verified).toBe(true);
    const report = await ourVerify(ctx, { credential: inji });
    expect(report.verified, JSON.stringify(report.checks)).toBe(true);
    expect(checkOf(report, 'proof')?.message).toContain('Ed25519Signature2020');
  });

  it('verifies on our verifier, both proofs checked', async () => {
    const report = await ourVerify(ctx, { credential: issued.credential });
    expect(report.verified, JSON.stringify(report.checks)).toBe(true);
    expect(checkOf(report, 'proof')?.message).toMatch(/2 signatures .*eddsa-rdfc-2022.*Ed25519Signature2020/);
    expect(checkOf(report, 'accreditation')?.status).toBe('passed');
  });

  it('an altered credential fails both verifiers, and a corrupted 2020 proof fails ours even beside a good eddsa proof', async () => {
    const altered = structuredClone(issued.credential);
    altered.credentialSubject.name = 'Sok Darb';
    expect((await dbVerify(altered, didDocument, new Ed25519Signature2020())).verified).toBe(false);
    expect((await ourVerify(ctx, { credential: altered })).verified).toBe(false);
    const corrupted = structuredClone(issued.credential);
    const sig = corrupted.proof[1].proofValue as string;
    corrupted.proof[1].proofValue = `${sig.slice(0, -4)}${sig.slice(-4) === '1111' ? '2222' : '1111'}`;
    const report = await ourVerify(ctx, { credential: corrupted });
    expect(report.verified).toBe(false);
    expect(checkOf(report, 'proof')?.status).toBe('failed');
  });

  it('an Ed25519Signature2020 proof on a document without the ed25519-2020 context fails (its proof options do not canonicalize)', async () => {
    const inji = (await publicGet(ctx, `/credentials/${issued.id}?form=inji`)).body as Json;
    const report = await ourVerify(ctx, { credential: { ...inji, '@context': (inji['@context'] as unknown[]).filter((c) => c !== ED2020_CONTEXT) } });
    expect(report.verified).toBe(false);
    expect(checkOf(report, 'proof')?.status).toBe('failed');
  });
});

describe('the Ed25519Signature2020 proof beside an eddsa-jcs-2022 one', () => {
  it('an institute signing eddsa-jcs-2022 gets the set [eddsa-jcs-2022, Ed25519Signature2020]; both verify', async () => {
    const ctx = await makeTestApp();
    await compatInstitute(ctx, { ed25519Signature2020: true });
    expect((await call(ctx, 'PATCH', '/api/v1/institutes/ntti', { body: { cryptosuite: 'eddsa-jcs-2022' } })).status).toBe(200);
    const issued = await issueAs(ctx);
    expect(proofsOf(issued.credential).map((p) => p.cryptosuite ?? p.type)).toEqual(['eddsa-jcs-2022', 'Ed25519Signature2020']);
    const report = await ourVerify(ctx, { credential: JSON.parse(JSON.stringify(issued.credential)) });
    expect(report.verified, JSON.stringify(report.checks)).toBe(true);
    const didDocument = (await publicGet(ctx, '/issuers/ntti/did.json')).body as Json;
    expect((await dbVerify(issued.credential, didDocument, new Ed25519Signature2020())).verified).toBe(true);
  });
});

describe('the Ed25519Signature2020 proof is off by default', () => {
  it('an institute without it issues one Data Integrity proof, no 2020 context, and a DID document without the 2020 form', async () => {
    const ctx = await makeTestApp();
    await compatInstitute(ctx, {});
    const issued = await issueAs(ctx);
    expect(proofsOf(issued.credential).map((p) => p.type)).toEqual(['DataIntegrityProof']);
    expect(issued.credential['@context']).not.toContain(ED2020_CONTEXT);
    const doc = (await publicGet(ctx, '/issuers/ntti/did.json')).body as Json;
    expect(doc['@context']).not.toContain(ED2020_CONTEXT);
    expect(doc.verificationMethod.map((vm: Json) => vm.type)).toEqual(['Multikey']);
    const inji = await publicGet(ctx, `/credentials/${issued.id}?form=inji`);
    expect(inji.status).toBe(404);
    expect(inji.body.error.code).toBe('not_found');
  });

  it('turned off again, new credentials carry no 2020 proof and the DID document drops the 2020 form; what was issued keeps verifying here', async () => {
    const ctx = await makeTestApp();
    await compatInstitute(ctx, { ed25519Signature2020: true });
    const before = await issueAs(ctx);
    expect((await call(ctx, 'PATCH', '/api/v1/institutes/ntti', { body: { compatibility: { ed25519Signature2020: false } } })).status).toBe(200);
    const after = await issueAs(ctx);
    expect(proofsOf(after.credential)).toHaveLength(1);
    expect(((await publicGet(ctx, '/issuers/ntti/did.json')).body as Json).verificationMethod.map((vm: Json) => vm.type)).toEqual(['Multikey']);
    expect((await ourVerify(ctx, { credential: before.credential })).verified).toBe(true);
  });
});
