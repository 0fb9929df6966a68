import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { describe, expect, it } from 'vitest';
import { fromBase64url } from '../src/crypto/encoding.js';
import { decodeMultikey, didKeyFromPublicKey, didKeyVerificationMethod, encodeMultikey } from '../src/crypto/multikey.js';
import { didWebDocumentPath, didWebFromUrl } from '../src/issuer/did.js';
import { describePublicKey, loadSigningKey } from '../src/issuer/keys.js';
import { addDataIntegrityProof } from '../src/issuer/secure.js';
import { nodeCryptoProvider } from '../src/runtime/node/crypto.js';
import { OTHER_KEY, TEST_KEY, issue, makeTestApp, verifyBody } from './helpers.js';

type Json = Record<string, any>;
type Check = { id: string; status: string };
const statusOf = (body: { checks: Check[] }, id: string) => body.checks.find((c) => c.id === id)?.status;

describe('did:web is derived from PUBLIC_URL', () => {
  it.each([
    ['http://localhost:8787', 'did:web:localhost%3A8787', '/.well-known/did.json'],
    ['https://example.org', 'did:web:example.org', '/.well-known/did.json'],
    ['https://example.org/tvet/issuer', 'did:web:example.org:tvet:issuer', '/tvet/issuer/did.json'],
    ['https://example.org/tvet/', 'did:web:example.org:tvet', '/tvet/did.json'],
    ['https://issuer.example.edu.kh:8443/a', 'did:web:issuer.example.edu.kh%3A8443:a', '/a/did.json'],
  ])('%s is %s with its document at %s', (url, did, path) => {
    expect(didWebFromUrl(url)).toBe(did);
    expect(didWebDocumentPath(did)).toBe(path);
  });
});

describe('the DID document is served where did:web resolution looks for it', () => {
  it('an app at the root of its host serves it at /.well-known/did.json', async () => {
    const ctx = await makeTestApp();
    const res = await ctx.app.request('/.well-known/did.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Json;
    expect(doc.id).toBe('did:web:localhost%3A8787');
    expect(doc.verificationMethod).toEqual([
      { id: ctx.key.id, type: 'Multikey', controller: 'did:web:localhost%3A8787', publicKeyMultibase: ctx.key.publicKeyMultibase },
    ]);
  });

  it('an app whose PUBLIC_URL has a path serves it at <path>/did.json', async () => {
    const ctx = await makeTestApp({ publicUrl: 'https://example.org/tvet/issuer' });
    const res = await ctx.app.request('/tvet/issuer/did.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Json;
    expect(doc.id).toBe('did:web:example.org:tvet:issuer');
    expect(doc.assertionMethod).toEqual([ctx.key.id]);
    expect(ctx.key.id.startsWith('did:web:example.org:tvet:issuer#')).toBe(true);
    expect((await ctx.app.request('/.well-known/did.json')).status).toBe(404);
    expect((await ctx.app.request('/tvet/issuer/.well-known/jwks.json')).status).toBe(200);
  });

  it('a credential issued under a PUBLIC_URL with a path names that did:web and verifies', async () => {
    const ctx = await makeTestApp({ publicUrl: 'https://example.org/tvet/issuer' });
    const issued = await issue(ctx);
    expect((issued.credential.issuer as Json).id).toBe('did:web:example.org:tvet:issuer');
    expect(issued.links.self).toBe(`https://example.org/tvet/issuer/credentials/${issued.id}`);
    expect((await verifyBody(ctx, { credential: issued.credential })).body.verified).toBe(true);
    expect((await verifyBody(ctx, { jwt: issued.jwt })).body.verified).toBe(true);
    expect((await verifyBody(ctx, { text: issued.links.verify })).body.verified).toBe(true);
  });
});

describe('Ed25519 public keys are encoded as Multikey', () => {
  const publicKey = fromBase64url(TEST_KEY.x);

  it('the encoding starts with z6Mk and decodes back to the same 32 bytes', () => {
    const multikey = encodeMultikey(publicKey);
    expect(multikey.startsWith('z6Mk')).toBe(true);
    expect(decodeMultikey(multikey)).toEqual(publicKey);
  });

  it('the encoding matches the one @digitalbazaar/ed25519-multikey computes', async () => {
    const keyPair = await Ed25519Multikey.fromJwk({ jwk: { kty: 'OKP', crv: 'Ed25519', x: TEST_KEY.x } });
    expect(encodeMultikey(publicKey)).toBe(keyPair.publicKeyMultibase);
  });

  it.each([
    ['a non-multibase string', 'hello'],
    ['another multicodec', 'zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme'],
    ['a truncated key', encodeMultikey(fromBase64url(OTHER_KEY.x)).slice(0, 30)],
  ])('decoding %s gives null', (_case, value) => {
    expect(decodeMultikey(value)).toBeNull();
  });

  it('a did:key is did:key: + the Multikey, and its one verification method is #<the Multikey>', () => {
    const mk = encodeMultikey(publicKey);
    expect(didKeyFromPublicKey(publicKey)).toBe(`did:key:${mk}`);
    expect(didKeyVerificationMethod(publicKey)).toBe(`did:key:${mk}#${mk}`);
  });
});

describe('a key controlled by a did:key', () => {
  it('is named did:key:<multikey>#<multikey> in the key, its JWK kid and its proofs', async () => {
    const publicKey = fromBase64url(OTHER_KEY.x);
    const key = await loadSigningKey(OTHER_KEY, didKeyFromPublicKey(publicKey), nodeCryptoProvider);
    expect(key.id).toBe(didKeyVerificationMethod(publicKey));
    expect(key.publicJwk.kid).toBe(key.id);
  });

  it('cannot be loaded under the did:key of another key (TypeError)', async () => {
    const othersDidKey = didKeyFromPublicKey(fromBase64url(TEST_KEY.x));
    await expect(describePublicKey(OTHER_KEY.x, othersDidKey)).rejects.toBeInstanceOf(TypeError);
  });
});

describe('credentials of other issuers', () => {
  async function unsecuredFrom(ctx: Awaited<ReturnType<typeof makeTestApp>>, issuerId: string): Promise<Json> {
    const { proof: _proof, credentialStatus: _status, ...unsecured } = structuredClone((await issue(ctx)).credential) as Json;
    unsecured.issuer.id = issuerId;
    return unsecured;
  }

  it('a credential signed by a did:key issuer passes issuer and proof checks, and is reported not accredited', async () => {
    const ctx = await makeTestApp();
    const didKey = didKeyFromPublicKey(fromBase64url(OTHER_KEY.x));
    const key = await loadSigningKey(OTHER_KEY, didKey, nodeCryptoProvider);
    const credential = await addDataIntegrityProof(await unsecuredFrom(ctx, didKey), key, '2026-03-01T10:00:00Z', nodeCryptoProvider);

    const { status, body } = await verifyBody(ctx, { credential });
    expect(status).toBe(200);
    expect(statusOf(body, 'issuer')).toBe('passed');
    expect(statusOf(body, 'proof')).toBe('passed');
    // A genuine signature from an issuer the ministry's registry does not list.
    expect(statusOf(body, 'accreditation')).toBe('failed');
    expect(body.verified).toBe(false);
  });

  it('a did:key credential changed after signing fails the proof check', async () => {
    const ctx = await makeTestApp();
    const didKey = didKeyFromPublicKey(fromBase64url(OTHER_KEY.x));
    const key = await loadSigningKey(OTHER_KEY, didKey, nodeCryptoProvider);
    const credential = await addDataIntegrityProof(await unsecuredFrom(ctx, didKey), key, '2026-03-01T10:00:00Z', nodeCryptoProvider);
    credential.credentialSubject = { ...(credential.credentialSubject as Json), name: 'Sok Darb' };
    const { body } = await verifyBody(ctx, { credential });
    expect(statusOf(body, 'proof')).toBe('failed');
    expect(body.verified).toBe(false);
  });

  it('a credential of another service’s did:web issuer is not verified: its issuer check is skipped', async () => {
    const ctx = await makeTestApp();
    const foreignDid = 'did:web:badges.example.org';
    const key = await loadSigningKey(OTHER_KEY, foreignDid, nodeCryptoProvider);
    const credential = await addDataIntegrityProof(await unsecuredFrom(ctx, foreignDid), key, '2026-03-01T10:00:00Z', nodeCryptoProvider);

    const { status, body } = await verifyBody(ctx, { credential });
    expect(status).toBe(200);
    expect(statusOf(body, 'issuer')).toBe('skipped');
    expect(statusOf(body, 'proof')).not.toBe('passed');
    expect(body.verified).toBe(false);
  });
});
