import { beforeAll, describe, expect, it } from 'vitest';
import { didKeyFromPublicKey } from '../src/crypto/multikey.js';
import { fromBase64url } from '../src/crypto/encoding.js';
import type { PrivateKeyJwk } from '../src/crypto/provider.js';
import { loadSigningKey, type SigningKey } from '../src/issuer/keys.js';
import { addDataIntegrityProof } from '../src/issuer/secure.js';
import { nodeCryptoProvider } from '../src/runtime/node/crypto.js';
import { MAX_PRESENTED } from '../src/verifier/presentation.js';
import type { JsonObject } from '../src/schemas/credential.js';
import { ADMIN_TOKEN, authJson, makeTestApp, OTHER_KEY, TEST_KEY, type TestContext } from './helpers.js';

/*
 * POST /presentations/verify: a holder presents credentials the institute issued through
 * POST /credentials/issue, in a presentation secured by an `authentication` proof bound to
 * the verifier's challenge and domain.
 */

const V2 = 'https://www.w3.org/ns/credentials/v2';
const CREATED = '2026-03-01T09:59:00Z';
const CHALLENGE = 'u1Gv3hYc0CxV1b-jTsgnl9A';
const DOMAIN = 'verifier.example.org';

type Json = Record<string, any>;
type Answer = { status: number; body: Json };

/** A did:key signer for the holder (its verification method is did:key:z…#z…). */
async function didKeySigner(jwk: PrivateKeyJwk): Promise<SigningKey> {
  return loadSigningKey(jwk, didKeyFromPublicKey(fromBase64url(jwk.x)), nodeCryptoProvider);
}

const post = async (ctx: TestContext, path: string, body: unknown): Promise<Answer> => {
  const res = await ctx.app.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Json };
};

async function issueVc(ctx: TestContext, options: Json = {}): Promise<Json> {
  const credential = {
    '@context': [V2],
    id: `urn:uuid:${crypto.randomUUID()}`,
    type: ['VerifiableCredential'],
    issuer: ctx.institute.didKey,
    credentialSubject: { id: 'did:example:learner-7', name: 'Chan Sophea' },
  };
  const res = await ctx.app.request('/credentials/issue', authJson({ credential, options }, ADMIN_TOKEN));
  if (res.status !== 201) throw new Error(`issue failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as Json).verifiableCredential as Json;
}

const unsignedVp = (holder: string | undefined, credentials: unknown[]): JsonObject => ({
  '@context': [V2],
  id: `urn:uuid:${crypto.randomUUID()}`,
  type: ['VerifiablePresentation'],
  ...(holder === undefined ? {} : { holder }),
  ...(credentials.length ? { verifiableCredential: credentials } : {}),
});

const signVp = (vp: JsonObject, key: SigningKey, extra: Record<string, string> = { challenge: CHALLENGE, domain: DOMAIN }) =>
  addDataIntegrityProof(vp, key, CREATED, nodeCryptoProvider, { proofPurpose: 'authentication', extra });

const verifyVp = (ctx: TestContext, vp: unknown, options: Json = { challenge: CHALLENGE, domain: DOMAIN }) =>
  post(ctx, '/presentations/verify', { verifiablePresentation: vp, options });

const failedIds = (body: Json): string[] => (body.errors as Array<{ id: string }>).map((e) => e.id);

let ctx: TestContext;
let holder: SigningKey;
let vc: Json;

beforeAll(async () => {
  ctx = await makeTestApp();
  holder = await didKeySigner(OTHER_KEY);
  vc = await issueVc(ctx);
});

describe('a presentation whose proof is by its holder, for the verifier\'s challenge and domain, verifies', () => {
  it('answers 200 verified:true with every check passed', async () => {
    const vp = await signVp(unsignedVp(holder.controller, [vc]), holder);
    const { status, body } = await verifyVp(ctx, vp);
    expect(status).toBe(200);
    expect(body).toMatchObject({ verified: true, errors: [] });
    expect(body.checks).toEqual(expect.arrayContaining(['format', 'holder', 'proof', 'credentials']));
  });

  it('accepts a holder given as an object with an id', async () => {
    const vp = await signVp({ ...unsignedVp(undefined, [vc]), holder: { id: holder.controller } }, holder);
    expect((await verifyVp(ctx, vp)).status).toBe(200);
  });

  it('accepts a presentation that holds no credentials but carries a valid proof', async () => {
    const vp = await signVp(unsignedVp(holder.controller, []), holder);
    const { status, body } = await verifyVp(ctx, vp);
    expect(status).toBe(200);
    expect(body.verified).toBe(true);
  });

  it('accepts a presentation holding two credentials of the institute', async () => {
    const vp = await signVp(unsignedVp(holder.controller, [vc, await issueVc(ctx)]), holder);
    expect((await verifyVp(ctx, vp)).status).toBe(200);
  });
});

describe('a presentation is not a work queue', () => {
  it(`holding more than ${MAX_PRESENTED} credentials fails its credentials check without verifying them`, async () => {
    const vp = await signVp(unsignedVp(holder.controller, Array.from({ length: MAX_PRESENTED + 1 }, () => vc)), holder);
    const { status, body } = await verifyVp(ctx, vp);
    expect(status).toBe(400);
    expect(failedIds(body)).toEqual(['credentials']);
    const exactly = await signVp(unsignedVp(holder.controller, Array.from({ length: MAX_PRESENTED }, () => vc)), holder);
    expect((await verifyVp(ctx, exactly)).status).toBe(200);
  });
});

describe('a presentation proof is bound to the verifier\'s challenge and domain', () => {
  it('refuses a proof made for another challenge (400, proof check failed)', async () => {
    const vp = await signVp(unsignedVp(holder.controller, [vc]), holder, { challenge: 'another-challenge', domain: DOMAIN });
    const { status, body } = await verifyVp(ctx, vp);
    expect(status).toBe(400);
    expect(body.verified).toBe(false);
    expect(failedIds(body)).toContain('proof');
  });

  it('refuses a proof made for another domain (400, proof check failed)', async () => {
    const vp = await signVp(unsignedVp(holder.controller, [vc]), holder, { challenge: CHALLENGE, domain: 'attacker.example.com' });
    const { status, body } = await verifyVp(ctx, vp);
    expect(status).toBe(400);
    expect(failedIds(body)).toContain('proof');
  });

  it('refuses a proof whose challenge was rewritten after signing (400)', async () => {
    const vp = await signVp(unsignedVp(holder.controller, [vc]), holder, { challenge: 'another-challenge', domain: DOMAIN });
    const rewritten = { ...vp, proof: { ...vp.proof, challenge: CHALLENGE } };
    const { status, body } = await verifyVp(ctx, rewritten);
    expect(status).toBe(400);
    expect(failedIds(body)).toContain('proof');
  });

  it('refuses a proof with the assertionMethod purpose of a credential (400)', async () => {
    const vp = await addDataIntegrityProof(unsignedVp(holder.controller, [vc]), holder, CREATED, nodeCryptoProvider, {
      extra: { challenge: CHALLENGE, domain: DOMAIN },
    });
    expect((await verifyVp(ctx, vp)).status).toBe(400);
  });
});

describe('a presentation must be secured by its holder', () => {
  it('refuses a presentation without a proof (400, proof check failed)', async () => {
    const { status, body } = await verifyVp(ctx, unsignedVp(holder.controller, [vc]));
    expect(status).toBe(400);
    expect(body.verified).toBe(false);
    expect(failedIds(body)).toContain('proof');
  });

  it('refuses a presentation whose holder is not the signer (400, holder check failed)', async () => {
    const someoneElse = await didKeySigner(TEST_KEY);
    const vp = await signVp(unsignedVp(holder.controller, [vc]), someoneElse);
    const { status, body } = await verifyVp(ctx, vp);
    expect(status).toBe(400);
    expect(failedIds(body)).toContain('holder');
  });

  it('refuses a presentation whose proofValue was replaced (400)', async () => {
    const vp = await signVp(unsignedVp(holder.controller, [vc]), holder);
    const replaced = { ...vp, proof: { ...vp.proof, proofValue: 'z5nmMBw2u9TGKd9NxxHJtyZKgjN2Eh' } };
    expect((await verifyVp(ctx, replaced)).status).toBe(400);
  });
});

describe('every credential in a presentation must verify', () => {
  it('refuses a presentation holding a credential altered after issuance, the holder\'s proof intact (400, credentials check failed)', async () => {
    const tampered = { ...vc, credentialSubject: { ...vc.credentialSubject, name: 'Chan Sophear' } };
    const vp = await signVp(unsignedVp(holder.controller, [tampered]), holder);
    const { status, body } = await verifyVp(ctx, vp);
    expect(status).toBe(400);
    expect(body.verified).toBe(false);
    expect(failedIds(body)).toEqual(['credentials']);
    expect(body.report.credentials[0].verified).toBe(false);
  });

  it('verifies an enveloped vc+jwt credential (issued with options.format vc+jwt) inside the presentation', async () => {
    const enveloped = await issueVc(ctx, { format: 'vc+jwt' });
    expect(enveloped.type).toBe('EnvelopedVerifiableCredential');
    const vp = await signVp(unsignedVp(holder.controller, [enveloped, vc]), holder);
    const { status, body } = await verifyVp(ctx, vp);
    expect(status).toBe(200);
    expect(body.report.credentials.map((r: Json) => r.format)).toEqual(['vc+jwt', 'data-integrity']);
  });

  it('refuses an enveloped credential whose JWS was altered (400, credentials check failed)', async () => {
    const enveloped = await issueVc(ctx, { format: 'vc+jwt' });
    const [head, payload, signature] = (enveloped.id as string).split('.') as [string, string, string];
    const altered = { ...enveloped, id: `${head}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}` };
    const vp = await signVp(unsignedVp(holder.controller, [altered]), holder);
    const { status, body } = await verifyVp(ctx, vp);
    expect(status).toBe(400);
    expect(failedIds(body)).toEqual(['credentials']);
  });

  it('refuses verifiableCredential given as a string (400, format check failed)', async () => {
    // Safe mode refuses to sign a string where a credential belongs, so it is swapped in after signing.
    const vp = await signVp(unsignedVp(holder.controller, [vc]), holder);
    const { status, body } = await verifyVp(ctx, { ...vp, verifiableCredential: JSON.stringify(vc) });
    expect(status).toBe(400);
    expect(failedIds(body)).toContain('format');
  });
});

describe('a presentation must be a VC Data Model 2.0 presentation', () => {
  let signed: Json;
  beforeAll(async () => {
    signed = await signVp(unsignedVp(holder.controller, [vc]), holder);
  });
  const without = (vp: Json, key: string) => Object.fromEntries(Object.entries(vp).filter(([k]) => k !== key));

  it.each<[string, (vp: Json) => Json]>([
    ['no @context', (vp) => without(vp, '@context')],
    ['no type', (vp) => without(vp, 'type')],
    ['a type without VerifiablePresentation', (vp) => ({ ...vp, type: ['ExamplePresentation'] })],
    ['a context URL this service does not ship', (vp) => ({ ...vp, '@context': [V2, 'https://example.com/contexts/v1'] })],
    ['a number as a context', (vp) => ({ ...vp, '@context': [V2, 2] })],
    ['a context that is not a URL', (vp) => ({ ...vp, '@context': [V2, 'https ://not-a-url/contexts/v1'] })],
    ['a first context other than VC v2', (vp) => ({ ...vp, '@context': ['https://www.w3.org/ns/credentials/examples/v2', V2] })],
  ])('refuses a signed presentation changed to have %s (400, verified:false)', async (_name, change) => {
    const { status, body } = await verifyVp(ctx, change(structuredClone(signed)));
    expect(status).toBe(400);
    expect(body.verified).toBe(false);
  });

  it('the same signed presentation unchanged verifies (control)', async () => {
    expect((await verifyVp(ctx, signed)).status).toBe(200);
  });

  it.each([
    ['a presentation given as a string', { verifiablePresentation: 'not a presentation', options: { challenge: CHALLENGE } }],
    ['no presentation', { options: { challenge: CHALLENGE } }],
    ['a non-conforming document', { verifiablePresentation: { type: ['NonconformingDocument'] }, options: {} }],
  ])('refuses %s with 400, not 500', async (_name, body) => {
    expect((await post(ctx, '/presentations/verify', body)).status).toBe(400);
  });
});
