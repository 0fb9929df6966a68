import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, importJWK, jwtVerify, type JSONWebKeySet } from 'jose';
import jsonld from 'jsonld';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDidDocument, type DidDocument } from '../src/issuer/did.js';
import { MULTIKEY_V1_CONTEXT, staticDocumentLoader } from '../src/jsonld/contexts.js';
import { FIXED_NOW, issue, makeTestApp, type IssueResponse, type TestContext } from './helpers.js';

type Json = Record<string, any>;

/**
 * A document loader for Digital Bazaar's stack: the bundled contexts, plus the issuer's
 * did:web document and its verification methods, all without the network.
 */
function documentLoaderFor(didDocument: DidDocument) {
  return async (url: string) => {
    if (url === didDocument.id) return { contextUrl: null, documentUrl: url, document: didDocument };
    const method = didDocument.verificationMethod.find((m) => m.id === url);
    if (method) return { contextUrl: null, documentUrl: url, document: { '@context': MULTIKEY_V1_CONTEXT, ...method } };
    return staticDocumentLoader(url);
  };
}

const dbVerify = (credential: unknown, didDocument: DidDocument) =>
  vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader: documentLoaderFor(didDocument),
    now: FIXED_NOW,
    // Status lists are checked by skillcert's own tests; here only the proof and purpose are.
    checkStatus: async () => ({ verified: true }),
  });

describe("the Data Integrity credential verifies with Digital Bazaar's implementation", () => {
  let ctx: TestContext;
  let issued: IssueResponse;
  let didDocument: DidDocument;
  beforeAll(async () => {
    ctx = await makeTestApp();
    issued = await issue(ctx);
    didDocument = buildDidDocument(ctx.institute.did, [ctx.key]);
  });

  it('@digitalbazaar/vc with eddsa-rdfc-2022 verifies the issued credential', async () => {
    const result = await dbVerify(issued.credential, didDocument);
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
  });

  it('@digitalbazaar/vc verifies the credential as served by GET /credentials/:id', async () => {
    const served = JSON.parse(await (await ctx.app.request(`/credentials/${issued.id}`)).text());
    expect((await dbVerify(served, didDocument)).verified).toBe(true);
  });

  it('@digitalbazaar/vc verifies against the DID document the service publishes', async () => {
    const published = (await (await ctx.app.request('/.well-known/did.json')).json()) as DidDocument;
    expect(published).toEqual(didDocument);
    expect((await dbVerify(issued.credential, published)).verified).toBe(true);
  });

  it('@digitalbazaar/vc rejects the credential with one changed character (control)', async () => {
    const tampered = structuredClone(issued.credential) as Json;
    tampered.credentialSubject.name = 'Sok Darb';
    expect((await dbVerify(tampered, didDocument)).verified).toBe(false);
  });

  it('@digitalbazaar/vc rejects the credential when the DID document does not list the key for assertions (control)', async () => {
    const withoutAssertion = { ...didDocument, assertionMethod: [] };
    expect((await dbVerify(issued.credential, withoutAssertion)).verified).toBe(false);
  });
});

describe('the vc+jwt verifies with plain jose and the published JWK Set', () => {
  let ctx: TestContext;
  let issued: IssueResponse;
  let jwks: JSONWebKeySet;
  beforeAll(async () => {
    ctx = await makeTestApp();
    issued = await issue(ctx);
    jwks = (await (await ctx.app.request('/.well-known/jwks.json')).json()) as JSONWebKeySet;
  });

  it('jwtVerify with the JWK Set, EdDSA pinned and typ vc+jwt, returns the credential as payload', async () => {
    const { payload, protectedHeader } = await jwtVerify(issued.jwt, createLocalJWKSet(jwks), { algorithms: ['EdDSA'], typ: 'vc+jwt' });
    const { proof: _proof, ...unsecured } = issued.credential;
    expect(payload).toEqual(unsecured);
    expect(protectedHeader.kid).toBe(ctx.key.id);
  });

  it('compactVerify with the JWK of the header kid verifies the signature', async () => {
    const { kid } = decodeProtectedHeader(issued.jwt);
    const jwk = jwks.keys.find((k) => k.kid === kid);
    expect(jwk).toBeDefined();
    const key = await importJWK(jwk as Json, 'EdDSA');
    const { payload } = await compactVerify(issued.jwt, key, { algorithms: ['EdDSA'] });
    expect(JSON.parse(new TextDecoder().decode(payload)).id).toBe(issued.credential.id);
  });

  it('jose rejects the vc+jwt with a changed payload (control)', async () => {
    const [h, p, s] = issued.jwt.split('.') as [string, string, string];
    const altered = Buffer.from(Buffer.from(p, 'base64url').toString('utf8').replace('Sok Dara', 'Sok Darb')).toString('base64url');
    await expect(jwtVerify(`${h}.${altered}.${s}`, createLocalJWKSet(jwks), { algorithms: ['EdDSA'] })).rejects.toMatchObject({
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    });
  });
});

describe('the key has one id everywhere it is published', () => {
  it('the JWK Set kid, the JWT header kid, the DID document verification method id and the proof verificationMethod agree', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const jwks = (await (await ctx.app.request('/.well-known/jwks.json')).json()) as JSONWebKeySet;
    const didDocument = (await (await ctx.app.request('/.well-known/did.json')).json()) as DidDocument;

    expect(jwks.keys).toHaveLength(1);
    const kid = jwks.keys[0]?.kid;
    expect(kid).toBe(ctx.key.id);
    expect(decodeProtectedHeader(issued.jwt).kid).toBe(kid);
    expect(didDocument.verificationMethod.map((m) => m.id)).toEqual([kid]);
    expect(didDocument.assertionMethod).toEqual([kid]);
    expect(issued.credential.proof[0]!.verificationMethod).toBe(kid);
    expect(kid?.startsWith(`${ctx.institute.did}#`)).toBe(true);
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', x: ctx.key.publicJwk.x });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('the DID document expands cleanly with jsonld in safe mode from the bundled contexts', async () => {
    const ctx = await makeTestApp();
    const res = await ctx.app.request('/.well-known/did.json');
    expect(res.headers.get('content-type')).toBe('application/did+ld+json');
    const didDocument = await res.json();
    const expanded = (await jsonld.expand(didDocument, { safe: true, documentLoader: staticDocumentLoader })) as Json[];
    expect(expanded).toHaveLength(1);
    expect(expanded[0]?.['@id']).toBe(ctx.institute.did);
    expect(JSON.stringify(expanded)).toContain('https://w3id.org/security#publicKeyMultibase');
  });
});
