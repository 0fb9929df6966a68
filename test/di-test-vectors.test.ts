import canonicalizeJcs from 'canonicalize';
import { describe, expect, it } from 'vitest';
import type { PrivateKeyJwk } from '../src/crypto/provider.js';
import { fromBase58, toBase64url, utf8 } from '../src/crypto/encoding.js';
import { decodeMultikey } from '../src/crypto/multikey.js';
import { createKeyRing } from '../src/issuer/key-ring.js';
import { loadSigningKey, type SigningKey } from '../src/issuer/keys.js';
import { addDataIntegrityProof } from '../src/issuer/secure.js';
import { canonize, JsonLdError } from '../src/jsonld/canonize.js';
import { diHashData, type Cryptosuite, type DataIntegrityProof } from '../src/jsonld/data-integrity.js';
import { canonizeProofOptions, canonizeProofOptionsGeneral } from '../src/jsonld/proof-options.js';
import { nodeCryptoProvider } from '../src/runtime/node/crypto.js';
import type { JsonObject } from '../src/schemas/credential.js';
import { checkDataIntegrityProofs } from '../src/verifier/di-proof.js';
import { createKeyResolver } from '../src/verifier/resolve.js';
import { verifyCredential } from '../src/verifier/verify.js';
import { JCS, KEY_PAIR, PROOF_SETS_AND_CHAINS, RDFC, RDFC_EMPLOYMENT, UNSIGNED_CREDENTIAL } from './fixtures/eddsa-vectors.js';
import { FIXED_NOW, makeTestApp } from './helpers.js';

/*
 * The published test vectors of W3C vc-di-eddsa (Appendix "Test Vectors"), reproduced by
 * skillcert's own canonicalization, hashing, signing and verification.
 */

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const sha256Hex = async (text: string) => hex(await nodeCryptoProvider.sha256(utf8(text)));

/** Multicodec prefix of an Ed25519 private key (ed25519-priv, 0x1300, as a varint). */
const ED25519_PRIV_PREFIX = [0x80, 0x26];

/** A Multikey key pair (base58btc multibase) as the private JWK skillcert loads keys from. */
function privateJwkOf(pair: { publicKeyMultibase: string; privateKeyMultibase: string }): PrivateKeyJwk {
  const secret = fromBase58(pair.privateKeyMultibase.slice(1));
  if (secret.length !== 34 || secret[0] !== ED25519_PRIV_PREFIX[0] || secret[1] !== ED25519_PRIV_PREFIX[1]) {
    throw new TypeError('not an Ed25519 private Multikey');
  }
  const publicKey = decodeMultikey(pair.publicKeyMultibase);
  if (!publicKey) throw new TypeError('not an Ed25519 public Multikey');
  return { kty: 'OKP', crv: 'Ed25519', x: toBase64url(publicKey), d: toBase64url(secret.slice(2)) };
}

const vectorKey = (pair: { publicKeyMultibase: string; privateKeyMultibase: string }): Promise<SigningKey> =>
  loadSigningKey(privateJwkOf(pair), `did:key:${pair.publicKeyMultibase}`, nodeCryptoProvider);

/** The proof options without the `@context` the spec prints with them (it is the document's). */
const withoutContext = ({ '@context': _context, ...options }: Record<string, unknown>) =>
  options as Omit<DataIntegrityProof, 'proofValue'>;

const clone = <T>(value: T): T => structuredClone(value);

/** Verification without the app: resolves did:key only, checks the proofs alone. */
const proofDeps = { resolver: createKeyResolver(createKeyRing([]), nodeCryptoProvider), crypto: nodeCryptoProvider, clock: () => FIXED_NOW };
const verifierDeps = proofDeps;

async function signatureHexOf(key: SigningKey, suite: Cryptosuite, document: JsonObject, options: Omit<DataIntegrityProof, 'proofValue'>) {
  return hex(await key.signer.sign(await diHashData(suite, document, options, nodeCryptoProvider)));
}

describe('the vector key pair', () => {
  it('loads from its Multikey form as the did:key the vectors name in verificationMethod', async () => {
    const key = await vectorKey(KEY_PAIR);
    expect(key.id).toBe(RDFC.proofOptions.verificationMethod);
    expect(key.publicKeyMultibase).toBe(KEY_PAIR.publicKeyMultibase);
  });
});

describe('eddsa-rdfc-2022 test vector (Appendix "Representation: eddsa-rdfc-2022")', () => {
  it('canonicalizes the credential without proof to the spec\'s N-Quads, whose hash is the spec\'s', async () => {
    const nquads = await canonize(UNSIGNED_CREDENTIAL);
    expect(nquads).toBe(RDFC.canonicalDocument);
    expect(await sha256Hex(nquads)).toBe(RDFC.documentHash);
  });

  it('canonicalizes the proof options to the spec\'s N-Quads on both the fast and the general path', async () => {
    const options = withoutContext(RDFC.proofOptions);
    const context = RDFC.proofOptions['@context'];
    expect(await canonizeProofOptions(options, context)).toBe(RDFC.canonicalProofOptions);
    expect(await canonizeProofOptionsGeneral(options, context)).toBe(RDFC.canonicalProofOptions);
    expect(await canonize(RDFC.proofOptions)).toBe(RDFC.canonicalProofOptions);
    expect(await sha256Hex(RDFC.canonicalProofOptions)).toBe(RDFC.proofOptionsHash);
  });

  it('hash data is the proof options hash followed by the document hash, as the spec combines them', async () => {
    const hashData = await diHashData('eddsa-rdfc-2022', clone(UNSIGNED_CREDENTIAL), withoutContext(RDFC.proofOptions), nodeCryptoProvider);
    expect(hex(hashData)).toBe(RDFC.combinedHash);
    expect(RDFC.combinedHash).toBe(RDFC.proofOptionsHash + RDFC.documentHash);
  });

  it('signing with the spec\'s key and created reproduces the spec\'s signature and signed credential exactly', async () => {
    const key = await vectorKey(KEY_PAIR);
    expect(await signatureHexOf(key, 'eddsa-rdfc-2022', clone(UNSIGNED_CREDENTIAL), withoutContext(RDFC.proofOptions))).toBe(RDFC.signatureHex);
    const signed = await addDataIntegrityProof(clone(UNSIGNED_CREDENTIAL), key, RDFC.proofOptions.created, nodeCryptoProvider);
    expect(signed.proof.proofValue).toBe(RDFC.proofValue);
    expect(hex(fromBase58(RDFC.proofValue.slice(1)))).toBe(RDFC.signatureHex);
    expect(signed).toEqual(RDFC.signedCredential);
  });

  it('the spec\'s signed credential carries a proof that verifies against the did:key it names', async () => {
    const { key, proof } = await checkDataIntegrityProofs(proofDeps, clone(RDFC.signedCredential), {
      purpose: 'assertionMethod', controller: `did:key:${KEY_PAIR.publicKeyMultibase}`, keyCheck: 'issuer',
    });
    expect(key.status).toBe('passed');
    expect(proof.status).toBe('passed');
  });

  it('the spec\'s signed credential with one character of its content changed no longer verifies', async () => {
    const altered = clone(RDFC.signedCredential);
    altered.credentialSubject.alumniOf = 'The School of Example';
    const { proof } = await checkDataIntegrityProofs(proofDeps, altered, { purpose: 'assertionMethod', keyCheck: 'issuer' });
    expect(proof.status).toBe('failed');
  });
});

describe('eddsa-jcs-2022 test vector (Appendix "Representation: eddsa-jcs-2022")', () => {
  it('the JCS forms of the credential and of the proof options are the spec\'s, and hash to the spec\'s hashes', async () => {
    expect(canonicalizeJcs(UNSIGNED_CREDENTIAL)).toBe(JCS.canonicalDocument);
    expect(canonicalizeJcs(JCS.proofOptions)).toBe(JCS.canonicalProofOptions);
    expect(await sha256Hex(JCS.canonicalDocument)).toBe(JCS.documentHash);
    expect(await sha256Hex(JCS.canonicalProofOptions)).toBe(JCS.proofOptionsHash);
  });

  it('hash data puts the document\'s @context into the proof options, as the spec does', async () => {
    const hashData = await diHashData('eddsa-jcs-2022', clone(UNSIGNED_CREDENTIAL), withoutContext(JCS.proofOptions), nodeCryptoProvider);
    expect(hex(hashData)).toBe(JCS.combinedHash);
    expect(JCS.combinedHash).toBe(JCS.proofOptionsHash + JCS.documentHash);
  });

  it('signing with the spec\'s key and created reproduces the spec\'s proofValue exactly', async () => {
    const key = await vectorKey(KEY_PAIR);
    expect(await signatureHexOf(key, 'eddsa-jcs-2022', clone(UNSIGNED_CREDENTIAL), withoutContext(JCS.proofOptions))).toBe(JCS.signatureHex);
    const signed = await addDataIntegrityProof(clone(UNSIGNED_CREDENTIAL), key, JCS.proofOptions.created, nodeCryptoProvider, { cryptosuite: 'eddsa-jcs-2022' });
    expect(signed.proof.proofValue).toBe(JCS.proofValue);
    expect(hex(fromBase58(JCS.proofValue.slice(1)))).toBe(JCS.signatureHex);
    // The proof carries the document's @context, as the spec's Create Proof step 2 says.
    expect(signed).toEqual(JCS.signedCredential);
  });

  it('a JCS proof whose @context is not the start of the document\'s does not verify', async () => {
    const altered = clone(JCS.signedCredential) as any;
    altered.proof['@context'] = ['https://www.w3.org/ns/credentials/examples/v2'];
    const { proof } = await checkDataIntegrityProofs(proofDeps, altered, {
      purpose: 'assertionMethod', controller: `did:key:${KEY_PAIR.publicKeyMultibase}`, keyCheck: 'issuer',
    });
    expect(proof.status).toBe('failed');
  });

  it('the spec\'s signed credential, whose proof carries @context, verifies against the did:key it names', async () => {
    const { key, proof } = await checkDataIntegrityProofs(proofDeps, clone(JCS.signedCredential), {
      purpose: 'assertionMethod', controller: `did:key:${KEY_PAIR.publicKeyMultibase}`, keyCheck: 'issuer',
    });
    expect(key.status).toBe('passed');
    expect(proof.status).toBe('passed');
  });

  it('the spec\'s signed credential with a claim changed no longer verifies', async () => {
    const altered = clone(JCS.signedCredential);
    altered.validFrom = '2023-01-01T00:00:01Z';
    const { proof } = await checkDataIntegrityProofs(proofDeps, altered, { purpose: 'assertionMethod', keyCheck: 'issuer' });
    expect(proof.status).toBe('failed');
  });
});

describe('the vectors\' issuer does not control the signing key, so a full verification refuses them', () => {
  it.each([
    ['eddsa-rdfc-2022', RDFC.signedCredential],
    ['eddsa-jcs-2022', JCS.signedCredential],
  ])('%s: the issuer check fails (issuer https://vc.example/issuers/5678, key a did:key), not the format check', async (_suite, signed) => {
    const report = await verifyCredential(verifierDeps, { kind: 'credential', credential: clone(signed) });
    expect(report.verified).toBe(false);
    expect(report.checks.find((c) => c.id === 'format')?.status).toBe('passed');
    expect(report.checks.find((c) => c.id === 'issuer')?.status).toBe('failed');
  });

  it.each(['eddsa-rdfc-2022', 'eddsa-jcs-2022'] as const)(
    '%s: the vector credential issued by the vector key\'s own did:key verifies through POST /credentials/verify',
    async (cryptosuite) => {
      const key = await vectorKey(KEY_PAIR);
      const vc = await addDataIntegrityProof({ ...clone(UNSIGNED_CREDENTIAL), issuer: key.controller }, key, RDFC.proofOptions.created, nodeCryptoProvider, { cryptosuite });
      const ctx = await makeTestApp();
      const res = await ctx.app.request('/credentials/verify', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ verifiableCredential: vc }),
      });
      const body = (await res.json()) as { verified: boolean; errors: unknown[] };
      expect(res.status).toBe(200);
      expect(body).toMatchObject({ verified: true, errors: [] });
    },
  );
});

describe('enhanced eddsa-rdfc-2022 vector (Appendix "Enhanced Example"): its context is not shipped', () => {
  it('its proof options, which only use VC v2 terms, canonicalize to the spec\'s N-Quads and hash', async () => {
    const options = withoutContext(RDFC_EMPLOYMENT.proofOptions);
    const nquads = await canonizeProofOptions(options, RDFC_EMPLOYMENT.proofOptions['@context']);
    expect(nquads).toBe(RDFC_EMPLOYMENT.canonicalProofOptions);
    expect(await sha256Hex(nquads)).toBe(RDFC_EMPLOYMENT.proofOptionsHash);
  });

  it('the spec\'s canonical document hashes to the spec\'s document hash (the vector is consistent)', async () => {
    expect(await sha256Hex(RDFC_EMPLOYMENT.canonicalDocument)).toBe(RDFC_EMPLOYMENT.documentHash);
    expect(RDFC_EMPLOYMENT.combinedHash).toBe(RDFC_EMPLOYMENT.proofOptionsHash + RDFC_EMPLOYMENT.documentHash);
  });

  it('the credential is refused with ERR_UNKNOWN_CONTEXT: https://w3id.org/citizenship/v4rc1 is never fetched', async () => {
    const error = await canonize(clone(RDFC_EMPLOYMENT.unsignedCredential)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JsonLdError);
    expect((error as JsonLdError).code).toBe('ERR_UNKNOWN_CONTEXT');
  });

  it('the signed credential is answered 400 by POST /credentials/verify, not 500', async () => {
    const { '@context': _context, ...options } = RDFC_EMPLOYMENT.proofOptions;
    const signed = { ...clone(RDFC_EMPLOYMENT.unsignedCredential), proof: { ...options, proofValue: RDFC_EMPLOYMENT.proofValue } };
    const ctx = await makeTestApp();
    const res = await ctx.app.request('/credentials/verify', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ verifiableCredential: signed }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { verified: boolean }).verified).toBe(false);
  });
});

describe('proof set and proof chain vectors (Appendix "Proof Sets and Chains")', () => {
  const { keyPairs, signedProofSet, signedProofChain } = PROOF_SETS_AND_CHAINS;
  const { proof: _proof, ...unsigned } = clone(signedProofSet);
  const [p1, p2, p3, p4] = signedProofChain.proof;
  const noProofValue = ({ proofValue: _v, ...options }: Record<string, unknown>) => options as Omit<DataIntegrityProof, 'proofValue'>;
  const anyIssuer = { purpose: 'assertionMethod', keyCheck: 'issuer' } as const;

  it('the two proofs of the set each sign the bare credential: signing reproduces both proofValues', async () => {
    const [k1, k2] = await Promise.all([vectorKey(keyPairs.keyPair1), vectorKey(keyPairs.keyPair2)]);
    for (const [key, proof] of [[k1, p1], [k2, p2]] as const) {
      const signature = await key.signer.sign(await diHashData('eddsa-rdfc-2022', clone(unsigned), noProofValue(proof!), nodeCryptoProvider));
      expect(hex(signature)).toBe(hex(fromBase58(proof!.proofValue.slice(1))));
    }
  });

  it('a chained proof signs the credential whose proof is the list of the proofs it names: signing reproduces the chain', async () => {
    const [k3, k4] = await Promise.all([vectorKey(keyPairs.keyPair3), vectorKey(keyPairs.keyPair4)]);
    const third = await k3.signer.sign(await diHashData('eddsa-rdfc-2022', { ...clone(unsigned), proof: [p1, p2] }, noProofValue(p3!), nodeCryptoProvider));
    expect(hex(third)).toBe(hex(fromBase58(p3!.proofValue.slice(1))));
    const fourth = await k4.signer.sign(await diHashData('eddsa-rdfc-2022', { ...clone(unsigned), proof: [p3] }, noProofValue(p4!), nodeCryptoProvider));
    expect(hex(fourth)).toBe(hex(fromBase58(p4!.proofValue.slice(1))));
  });

  it('the spec\'s proof set verifies: both proofs hold', async () => {
    const { proof } = await checkDataIntegrityProofs(proofDeps, clone(signedProofSet), anyIssuer);
    expect(proof.status).toBe('passed');
  });

  it('the spec\'s extended proof chain verifies: all four proofs hold, in any order', async () => {
    expect((await checkDataIntegrityProofs(proofDeps, clone(signedProofChain), anyIssuer)).proof.status).toBe('passed');
    const reversed = { ...clone(signedProofChain), proof: [...clone(signedProofChain).proof].reverse() };
    expect((await checkDataIntegrityProofs(proofDeps, reversed, anyIssuer)).proof.status).toBe('passed');
  });

  it('the chain without a proof that a later proof names fails', async () => {
    const broken = { ...clone(signedProofChain), proof: [p2, p3, p4] };
    expect((await checkDataIntegrityProofs(proofDeps, broken, anyIssuer)).proof.status).toBe('failed');
  });

  it('the chain fails when a proof it depends on is replaced by another valid-looking one', async () => {
    const swapped = { ...clone(signedProofChain), proof: [p1, { ...p2!, proofValue: p1!.proofValue }, p3, p4] };
    expect((await checkDataIntegrityProofs(proofDeps, swapped, anyIssuer)).proof.status).toBe('failed');
  });
});
