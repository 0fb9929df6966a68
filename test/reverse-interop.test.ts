import { beforeAll, describe, expect, it } from 'vitest';
import { canonize } from '../src/jsonld/canonize.js';
import { canonizeWithJsonld } from './support/jsonld-reference.js';
import { verdictOf } from '../src/verifier/verdict.js';
import {
  altered, credentialV11, credentialV2, didJwkSigner, didKeySigner, ED25519_2020_CONTEXT, signWithDigitalBazaar,
  type ForeignSigner, type Json, type SuiteName,
} from './foreign-issuers.js';
import { makeTestApp, verifyBody, type TestContext } from './helpers.js';

/*
 * Reverse interop: credentials signed by Digital Bazaar's libraries, with every suite other
 * issuers use, verify on skillcert's endpoints (the W3C VC API and skillcert's own API), and a
 * copy with one claim changed after signing fails. Keys are made in the test; nothing is fetched.
 */

const post = async (ctx: TestContext, path: string, body: unknown) => {
  const res = await ctx.app.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Json };
};
const checkOf = (report: Json, id: string) => report.checks.find((c: Json) => c.id === id);
const notPassed = (report: Json) => report.checks.filter((c: Json) => c.status !== 'passed').map((c: Json) => c.id);

// A credential id whose blank nodes RDFC-1.0 labels in another order under SHA-384 than under SHA-256.
const BLANK_NODE_ORDER_ID = 'urn:uuid:5f1b4a0c-4a8e-4f0b-9d51-3c6a2f9e7b10';

interface Case {
  suite: SuiteName;
  key: string;
  signer: () => Promise<ForeignSigner>;
  model: '2.0' | '1.1';
}
const cases: Case[] = [
  { suite: 'eddsa-rdfc-2022', key: 'Ed25519 did:key', signer: () => didKeySigner('Ed25519'), model: '2.0' },
  { suite: 'eddsa-jcs-2022', key: 'Ed25519 did:key', signer: () => didKeySigner('Ed25519'), model: '2.0' },
  { suite: 'ecdsa-rdfc-2019', key: 'P-256 did:key', signer: () => didKeySigner('P-256'), model: '2.0' },
  { suite: 'ecdsa-rdfc-2019', key: 'P-384 did:key', signer: () => didKeySigner('P-384'), model: '2.0' },
  { suite: 'ecdsa-jcs-2019', key: 'P-256 did:key', signer: () => didKeySigner('P-256'), model: '2.0' },
  { suite: 'ecdsa-jcs-2019', key: 'P-384 did:key', signer: () => didKeySigner('P-384'), model: '2.0' },
  { suite: 'ecdsa-rdfc-2019', key: 'P-256 did:jwk', signer: () => didJwkSigner('P-256'), model: '2.0' },
  { suite: 'ecdsa-rdfc-2019', key: 'P-384 did:jwk', signer: () => didJwkSigner('P-384'), model: '2.0' },
  { suite: 'Ed25519Signature2020', key: 'Ed25519 did:key', signer: () => didKeySigner('Ed25519'), model: '2.0' },
  { suite: 'Ed25519Signature2020', key: 'Ed25519 did:key', signer: () => didKeySigner('Ed25519'), model: '1.1' },
  { suite: 'eddsa-rdfc-2022', key: 'Ed25519 did:key', signer: () => didKeySigner('Ed25519'), model: '1.1' },
  { suite: 'ecdsa-rdfc-2019', key: 'P-256 did:key', signer: () => didKeySigner('P-256'), model: '1.1' },
  { suite: 'ecdsa-jcs-2019', key: 'P-384 did:key', signer: () => didKeySigner('P-384'), model: '1.1' },
];

let ctx: TestContext;
beforeAll(async () => {
  ctx = await makeTestApp({ deps: { rateLimits: { issuePerMinute: 1000, verifyPerMinute: 10_000 } } });
});

describe.each(cases)('a VC $model credential signed by Digital Bazaar with $suite ($key)', ({ suite, signer, model }) => {
  let credential: Json;
  beforeAll(async () => {
    const s = await signer();
    // Ed25519Signature2020 is matched by its context in the document, which must be there before signing.
    const extra = suite === 'Ed25519Signature2020' ? [ED25519_2020_CONTEXT] : [];
    const unsigned = model === '1.1' ? credentialV11(s.did, extra) : { ...credentialV2(s.did, extra), id: BLANK_NODE_ORDER_ID };
    credential = await signWithDigitalBazaar(unsigned, suite, s);
  });

  it('verifies on POST /credentials/verify (200, verified)', async () => {
    const { status, body } = await post(ctx, '/credentials/verify', { verifiableCredential: credential });
    expect(body.errors).toEqual([]);
    expect(status).toBe(200);
    expect(body.verified).toBe(true);
    expect(checkOf(body.report, 'proof').message).toContain(suite);
  });

  it('verifies on POST /api/v1/verify: every check but accreditation (it is in no registry) passes', async () => {
    const { status, body } = await verifyBody(ctx, { credential });
    expect(status).toBe(200);
    expect(notPassed(body)).toEqual(['accreditation']);
    expect(verdictOf(body)).toBe('not-accredited');
    expect(body.format).toBe('data-integrity');
    if (model === '1.1') {
      expect(body.legacy).toBe('vc-data-model-1.1');
      expect(checkOf(body, 'format').message).toContain('1.1');
    } else expect(body.legacy).toBeUndefined();
  });

  it('fails once a claim is changed after signing (400 on the VC API; TAMPERED on the API)', async () => {
    const changed = altered(credential);
    const api = await post(ctx, '/credentials/verify', { verifiableCredential: changed });
    expect(api.status).toBe(400);
    expect(api.body.errors.map((e: Json) => e.id)).toContain('proof');
    const { body } = await verifyBody(ctx, { credential: changed });
    expect(checkOf(body, 'proof').status).toBe('failed');
    expect(verdictOf(body)).toBe('tampered');
  });
});

describe('ecdsa-rdfc-2019 with P-384 canonicalizes with SHA-384', () => {
  it('the test credential has blank nodes that RDFC-1.0 labels differently under SHA-384, so the P-384 case above tests it', async () => {
    const doc = { ...credentialV2('did:key:z82Lkytz3HqpWiBmt2853ZgNgNG8qVoUJnyoMvGw6ZEBktGcwUVdKpUNJHct1wvp9pXjr7Y', []), id: BLANK_NODE_ORDER_ID };
    expect(await canonize(doc, 'SHA-384')).not.toBe(await canonize(doc, 'SHA-256'));
  });

  it("skillcert's canonicalizer (shape cache included) gives jsonld.canonize's output under SHA-384", async () => {
    const doc = { ...credentialV2('did:key:z82Lkytz3HqpWiBmt2853ZgNgNG8qVoUJnyoMvGw6ZEBktGcwUVdKpUNJHct1wvp9pXjr7Y', []), id: BLANK_NODE_ORDER_ID };
    const expected = await canonizeWithJsonld(doc, 'SHA-384');
    // Twice: the second call takes the cached shape.
    expect(await canonize(doc, 'SHA-384')).toBe(expected);
    expect(await canonize({ ...doc, name: 'Another diploma' }, 'SHA-384')).toBe(await canonizeWithJsonld({ ...doc, name: 'Another diploma' }, 'SHA-384'));
  });
});

describe('a proof is checked with the key type its suite allows', () => {
  it('refuses an ecdsa-rdfc-2019 proof whose verification method is an Ed25519 key', async () => {
    const ed = await didKeySigner('Ed25519');
    const p256 = await didKeySigner('P-256');
    const credential = await signWithDigitalBazaar(credentialV2(ed.did), 'ecdsa-rdfc-2019', { ...p256, signer: { ...p256.signer, id: ed.vm } });
    const { status, body } = await post(ctx, '/credentials/verify', { verifiableCredential: credential });
    expect(status).toBe(400);
    expect(body.errors.find((e: Json) => e.id === 'proof').message).toContain('Ed25519 key cannot make a ecdsa-rdfc-2019 proof');
  });

  it('refuses a did:key that is not an Ed25519, P-256 or P-384 key', async () => {
    const s = await didKeySigner('P-256');
    const credential = await signWithDigitalBazaar(credentialV2('did:key:invalidVm'), 'ecdsa-rdfc-2019', { ...s, signer: { ...s.signer, id: 'did:key:invalidVm#invalidVm' } });
    const { status } = await post(ctx, '/credentials/verify', { verifiableCredential: credential });
    expect(status).toBe(400);
  });
});

describe('an issuer that is not a DID cannot be tied to the key that signed', () => {
  let credential: Json;
  beforeAll(async () => {
    // The shape of the ECDSA specification's test vectors: an https issuer, a did:key proof.
    const s = await didKeySigner('P-256');
    credential = await signWithDigitalBazaar(credentialV2('https://vc.example/issuers/5678'), 'ecdsa-rdfc-2019', s);
  });

  it('the W3C VC API checks the proof and says in its warnings that the key is not tied to the issuer (200)', async () => {
    const { status, body } = await post(ctx, '/credentials/verify', { verifiableCredential: credential });
    expect(status).toBe(200);
    expect(body.warnings).toEqual([expect.objectContaining({ id: 'issuer', message: expect.stringContaining('not a DID') })]);
    expect(checkOf(body.report, 'issuer').message).toContain('no key can be tied to it');
  });

  it('the same credential altered still fails there (400)', async () => {
    expect((await post(ctx, '/credentials/verify', { verifiableCredential: altered(credential) })).status).toBe(400);
  });

  it("skillcert's own API fails its issuer check: a person is never shown it as genuine", async () => {
    const { body } = await verifyBody(ctx, { credential });
    expect(checkOf(body, 'issuer').status).toBe('failed');
    expect(verdictOf(body)).toBe('unknown-issuer');
  });
});
