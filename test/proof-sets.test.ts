import { beforeAll, describe, expect, it } from 'vitest';
import { didKeyFromPublicKey } from '../src/crypto/multikey.js';
import { fromBase64url } from '../src/crypto/encoding.js';
import type { PrivateKeyJwk } from '../src/crypto/provider.js';
import { loadSigningKey, type SigningKey } from '../src/issuer/keys.js';
import { addDataIntegrityProof } from '../src/issuer/secure.js';
import type { Cryptosuite } from '../src/jsonld/data-integrity.js';
import { nodeCryptoProvider } from '../src/runtime/node/crypto.js';
import { MAX_PROOFS } from '../src/verifier/di-proof.js';
import type { JsonObject } from '../src/schemas/credential.js';
import { makeTestApp, OTHER_KEY, TEST_KEY, type TestContext } from './helpers.js';

/*
 * POST /credentials/verify with proof sets (several proofs, each over the bare credential)
 * and proof chains (a proof naming `previousProof` signs the credential carrying the proofs it
 * names), and with proofs that are malformed or made for another purpose.
 */

const V2 = 'https://www.w3.org/ns/credentials/v2';
const ID_A = 'urn:uuid:3f1c8a52-6a0e-4b8e-9d2f-0c5b7e1a9d41';
const ID_B = 'urn:uuid:9b2e4d71-1c3f-4a6b-8e5d-7f0a2c4b6e83';
const ID_C = 'urn:uuid:c5d7e9f1-2a4b-4c6d-8e0f-1a3b5c7d9e2f';
/** A third Ed25519 key (a test-only fixture, generated with node:crypto), for a co-signer that is neither the issuer nor OTHER_KEY. */
const THIRD_KEY: PrivateKeyJwk = {
  kty: 'OKP', crv: 'Ed25519',
  x: 'eIRRwZlgRc2kLHegWd1HwZlQe1Py5cDUKrK1bHWnPms',
  d: '0KDkAuuSKqjKSBnbGPOp14Wf0_ZnWc0OKETfDM82OOU',
};

type Json = Record<string, any>;

const didKeySigner = (jwk: PrivateKeyJwk): Promise<SigningKey> =>
  loadSigningKey(jwk, didKeyFromPublicKey(fromBase64url(jwk.x)), nodeCryptoProvider);

const credentialOf = (issuer: string): JsonObject => ({
  '@context': [V2],
  id: 'urn:uuid:5e0b8f3c-7d2a-4c1e-9f6b-2a8d4c6e0b13',
  type: ['VerifiableCredential'],
  issuer,
  validFrom: '2026-01-15T00:00:00Z',
  credentialSubject: { id: 'did:example:learner-12', name: 'Sok Dara' },
});

/** One proof over `document` (its own `proof`, if any, is signed with it), with the given id and settings. */
async function proofOver(document: JsonObject, key: SigningKey, id: string, extra: Record<string, string> = {}, cryptosuite?: Cryptosuite, created = '2026-02-01T08:00:00Z') {
  return (await addDataIntegrityProof(document, key, created, nodeCryptoProvider, { cryptosuite, extra: { id, ...extra } })).proof as Json;
}

async function verify(ctx: TestContext, verifiableCredential: unknown) {
  const res = await ctx.app.request('/credentials/verify', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ verifiableCredential, options: { checks: ['proof'] } }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

const failedIds = (body: Json): string[] => (body.errors as Array<{ id: string }>).map((e) => e.id);

let ctx: TestContext;
let issuerKey: SigningKey;
let otherKey: SigningKey;
let thirdKey: SigningKey;
let unsigned: JsonObject;

beforeAll(async () => {
  ctx = await makeTestApp();
  issuerKey = await loadSigningKey(TEST_KEY, ctx.institute.didKey as string, nodeCryptoProvider);
  [otherKey, thirdKey] = await Promise.all([didKeySigner(OTHER_KEY), didKeySigner(THIRD_KEY)]);
  unsigned = credentialOf(issuerKey.controller);
});

describe('a proof set: every proof signs the credential without proofs, and every one must hold', () => {
  it('accepts two proofs by the issuer\'s key, each over the bare credential (200)', async () => {
    const a = await proofOver(unsigned, issuerKey, ID_A);
    const b = await proofOver(unsigned, issuerKey, ID_B, {}, 'eddsa-rdfc-2022', '2026-02-02T08:00:00Z');
    const { status, body } = await verify(ctx, { ...unsigned, proof: [a, b] });
    expect(status).toBe(200);
    expect(body.verified).toBe(true);
  });

  it('accepts a set mixing eddsa-rdfc-2022 and eddsa-jcs-2022 proofs by the issuer (200)', async () => {
    const a = await proofOver(unsigned, issuerKey, ID_A, {}, 'eddsa-rdfc-2022');
    const b = await proofOver(unsigned, issuerKey, ID_B, {}, 'eddsa-jcs-2022');
    expect((await verify(ctx, { ...unsigned, proof: [a, b] })).status).toBe(200);
  });

  it('accepts a set whose first proof is by another did:key and whose second is by the issuer (200)', async () => {
    const a = await proofOver(unsigned, otherKey, ID_A);
    const b = await proofOver(unsigned, issuerKey, ID_B);
    expect((await verify(ctx, { ...unsigned, proof: [a, b] })).status).toBe(200);
  });

  it('refuses a set in which one proof was altered, though the other holds (400, proof check failed)', async () => {
    const a = await proofOver(unsigned, issuerKey, ID_A);
    const b = await proofOver(unsigned, otherKey, ID_B);
    const value = b.proofValue as string;
    const altered = { ...b, proofValue: `${value.slice(0, 20)}${value[20] === '2' ? '3' : '2'}${value.slice(21)}` };
    const { status, body } = await verify(ctx, { ...unsigned, proof: [a, altered] });
    expect(status).toBe(400);
    expect(body.verified).toBe(false);
    expect(failedIds(body)).toContain('proof');
  });

  it('refuses a set in which one proof signs other content (400)', async () => {
    const a = await proofOver(unsigned, issuerKey, ID_A);
    const b = await proofOver({ ...unsigned, validFrom: '2026-01-16T00:00:00Z' }, otherKey, ID_B);
    expect((await verify(ctx, { ...unsigned, proof: [a, b] })).status).toBe(400);
  });

  it('refuses a set in which no proof is by the issuer (400, issuer check failed)', async () => {
    const a = await proofOver(unsigned, otherKey, ID_A);
    const b = await proofOver(unsigned, thirdKey, ID_B);
    const { status, body } = await verify(ctx, { ...unsigned, proof: [a, b] });
    expect(status).toBe(400);
    expect(failedIds(body)).toContain('issuer');
  });
});

describe('a proof chain: a proof naming previousProof signs the credential carrying the proofs it names', () => {
  it('accepts proof B with previousProof = A\'s id, signed over the credential with proof [A] (200)', async () => {
    const a = await proofOver(unsigned, issuerKey, ID_A);
    const b = await proofOver({ ...unsigned, proof: [a] }, otherKey, ID_B, { previousProof: ID_A });
    const { status, body } = await verify(ctx, { ...unsigned, proof: [a, b] });
    expect(status).toBe(200);
    expect(body.verified).toBe(true);
  });

  it('accepts the chain with its proofs listed in the other order (200)', async () => {
    const a = await proofOver(unsigned, issuerKey, ID_A);
    const b = await proofOver({ ...unsigned, proof: [a] }, otherKey, ID_B, { previousProof: ID_A });
    expect((await verify(ctx, { ...unsigned, proof: [b, a] })).status).toBe(200);
  });

  it('refuses a chained proof signed over the bare credential instead of over its previous proof (400)', async () => {
    const a = await proofOver(unsigned, issuerKey, ID_A);
    const b = await proofOver(unsigned, otherKey, ID_B, { previousProof: ID_A });
    expect((await verify(ctx, { ...unsigned, proof: [a, b] })).status).toBe(400);
  });

  it('refuses a chain whose previous proof was altered after the chained proof signed it (400)', async () => {
    const a = await proofOver(unsigned, issuerKey, ID_A);
    const b = await proofOver({ ...unsigned, proof: [a] }, otherKey, ID_B, { previousProof: ID_A });
    const aResigned = await proofOver(unsigned, issuerKey, ID_A, {}, 'eddsa-rdfc-2022', '2026-02-03T08:00:00Z');
    expect((await verify(ctx, { ...unsigned, proof: [aResigned, b] })).status).toBe(400);
  });

  it('refuses previousProof naming an id that is not among the proofs (400, proof check failed)', async () => {
    const a = await proofOver(unsigned, issuerKey, ID_A);
    const b = await proofOver({ ...unsigned, proof: [a] }, otherKey, ID_B, { previousProof: ID_C });
    const { status, body } = await verify(ctx, { ...unsigned, proof: [a, b] });
    expect(status).toBe(400);
    expect(failedIds(body)).toContain('proof');
  });

  it('refuses a previousProof that is a number (400, proof check failed)', async () => {
    const a = await proofOver(unsigned, issuerKey, ID_A);
    const b = await proofOver({ ...unsigned, proof: [a] }, otherKey, ID_B, { previousProof: ID_A });
    const { status, body } = await verify(ctx, { ...unsigned, proof: [a, { ...b, previousProof: 456321 }] });
    expect(status).toBe(400);
    expect(failedIds(body)).toContain('proof');
  });
});

describe('a proof the verifier cannot accept gives 400 verified:false, never 5xx', () => {
  let signed: Json;
  beforeAll(async () => {
    signed = await addDataIntegrityProof(unsigned, issuerKey, '2026-02-01T08:00:00Z', nodeCryptoProvider);
  });

  it('the untouched credential verifies (control)', async () => {
    expect((await verify(ctx, signed)).status).toBe(200);
  });

  it('refuses a validly signed proof whose cryptosuite is unknown', async () => {
    const unknown = await addDataIntegrityProof(unsigned, issuerKey, '2026-02-01T08:00:00Z', nodeCryptoProvider, {
      cryptosuite: 'eddsa-2022' as Cryptosuite,
    });
    expect(unknown.proof.cryptosuite).toBe('eddsa-2022');
    const { status, body } = await verify(ctx, unknown);
    expect(status).toBe(400);
    expect(body.verified).toBe(false);
  });

  it('refuses a validly signed proof whose proofPurpose is not assertionMethod', async () => {
    const authn = await addDataIntegrityProof(unsigned, issuerKey, '2026-02-01T08:00:00Z', nodeCryptoProvider, { proofPurpose: 'authentication' });
    const { status, body } = await verify(ctx, authn);
    expect(status).toBe(400);
    expect(body.verified).toBe(false);
  });

  it.each<[string, (proof: Json) => unknown]>([
    ['a proofValue that lost its first character', (p) => ({ ...p, proofValue: (p.proofValue as string).slice(1) })],
    ['a proofValue that lost its second character', (p) => ({ ...p, proofValue: `z${(p.proofValue as string).slice(2)}` })],
    ['a null proofValue', (p) => ({ ...p, proofValue: null })],
    ['no proofValue', ({ proofValue: _v, ...p }) => p],
    ['no proof type', ({ type: _t, ...p }) => p],
    ['no verificationMethod', ({ verificationMethod: _m, ...p }) => p],
    ['no proofPurpose', ({ proofPurpose: _p, ...p }) => p],
    ['a null proof', () => null],
    ['a proof that is a string', (p) => JSON.stringify(p)],
  ])('refuses %s', async (_name, change) => {
    const { status, body } = await verify(ctx, { ...signed, proof: change(structuredClone(signed.proof)) });
    expect(status).toBe(400);
    expect(body.verified).toBe(false);
  });

  it('refuses a credential with no proof at all', async () => {
    const { status, body } = await verify(ctx, unsigned);
    expect(status).toBe(400);
    expect(failedIds(body)).toContain('proof');
  });

  it.each(['eddsa-rdfc-2022', 'eddsa-jcs-2022'] as const)('%s: refuses a credential given an undefined term after signing, with 400 not 500', async (cryptosuite) => {
    const vc = await addDataIntegrityProof(unsigned, issuerKey, '2026-02-01T08:00:00Z', nodeCryptoProvider, { cryptosuite });
    for (const changed of [
      { ...vc, credentialSubject: { ...(vc.credentialSubject as Json), undefinedTerm: 'added later' } },
      { ...vc, undefinedTerm: 'added later' },
      { ...vc, type: ['VerifiableCredential', 'UndefinedType'] },
    ]) {
      const { status, body } = await verify(ctx, changed);
      expect(status).toBe(400);
      expect(body.verified).toBe(false);
      expect(failedIds(body)).toContain('proof');
    }
  });
});

describe('a proof set is not a work queue', () => {
  it(`more than ${MAX_PROOFS} proofs fail the proof check without any being checked; ${MAX_PROOFS} good ones pass`, async () => {
    const proofs = await Promise.all(Array.from({ length: MAX_PROOFS + 1 }, (_, i) => proofOver(unsigned, issuerKey, `urn:uuid:00000000-0000-4000-8000-00000000000${i}`)));
    const many = await verify(ctx, { ...unsigned, proof: proofs });
    expect(many.status).toBe(400);
    expect(failedIds(many.body)).toContain('proof');
    expect(JSON.stringify(many.body)).toContain(`at most ${MAX_PROOFS} proofs`);
    const enough = await verify(ctx, { ...unsigned, proof: proofs.slice(0, MAX_PROOFS) });
    expect(enough.status).toBe(200);
  });
});
