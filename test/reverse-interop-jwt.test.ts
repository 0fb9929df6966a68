import { CompactSign, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { toBase58 } from '../src/crypto/encoding.js';
import { verdictOf } from '../src/verifier/verdict.js';
import { makeTestApp, verifyBody, type TestContext } from './helpers.js';

/*
 * Reverse interop for JWTs: credentials and presentations signed with jose (EdDSA, the fully
 * specified "Ed25519", ES256, ES384) by keys made in the test, under did:key and did:jwk, in
 * the VC-JOSE-COSE forms (vc+jwt, vp+jwt, enveloped) and the VC-JWT 1.1 forms (vc and vp
 * claims). Each verifies on skillcert's endpoints; an altered copy of each fails.
 */

type Json = Record<string, any>;
type Alg = 'EdDSA' | 'Ed25519' | 'ES256' | 'ES384';
const V2 = 'https://www.w3.org/ns/credentials/v2';
const V1 = 'https://www.w3.org/2018/credentials/v1';
const CHALLENGE = '123456789';
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

interface JoseSigner { did: string; kid: string; alg: Alg; key: CryptoKey }

// did:key multicodec headers: ed25519-pub, p256-pub, p384-pub (varints).
const HEADERS: Record<string, number[]> = { Ed25519: [0xed, 0x01], 'P-256': [0x80, 0x24], 'P-384': [0x81, 0x24] };

async function joseSigner(alg: Alg, method: 'did:key' | 'did:jwk'): Promise<JoseSigner> {
  const { privateKey, publicKey } = await generateKeyPair(alg === 'EdDSA' ? 'Ed25519' : alg, { extractable: true });
  const jwk = await exportJWK(publicKey);
  if (method === 'did:jwk') {
    const did = `did:jwk:${b64({ ...jwk, alg: alg === 'Ed25519' ? 'EdDSA' : alg })}`;
    return { did, kid: `${did}#0`, alg, key: privateKey };
  }
  const x = Buffer.from(jwk.x as string, 'base64url');
  const point = jwk.kty === 'OKP' ? x : Buffer.concat([Buffer.from([Buffer.from(jwk.y as string, 'base64url').at(-1)! & 1 ? 3 : 2]), x]);
  const mk = `z${toBase58(new Uint8Array([...(HEADERS[jwk.kty === 'OKP' ? 'Ed25519' : (jwk.crv as string)] as number[]), ...point]))}`;
  return { did: `did:key:${mk}`, kid: `did:key:${mk}#${mk}`, alg, key: privateKey };
}

const sign = (s: JoseSigner, payload: unknown, header: Json = {}) =>
  new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: s.alg, kid: s.kid, ...header }).sign(s.key);

const credential = (issuer: string): Json => ({
  '@context': [V2],
  id: `urn:uuid:${crypto.randomUUID()}`,
  type: ['VerifiableCredential'],
  issuer,
  validFrom: '2026-01-15T00:00:00Z',
  credentialSubject: { id: 'did:example:learner', name: 'Sok Dara' },
});

/** A VC-JWT 1.1 payload: the credential in a vc claim, its issuer, id, subject and dates as JWT claims. */
const vcClaims = (issuer: string): Json => ({
  iss: issuer,
  jti: 'urn:uuid:3f1e6a6c-9d0b-4a57-8c1e-2b5d9f7a4e21',
  sub: 'did:example:learner',
  nbf: Date.parse('2026-01-15T00:00:00Z') / 1000,
  exp: Date.parse('2031-01-15T00:00:00Z') / 1000,
  vc: { '@context': [V1, { name: 'https://schema.org/name' }], type: ['VerifiableCredential'], credentialSubject: { name: 'Sok Dara' } },
});

/** The JWT with one character of its payload changed (the learner's name). */
function alteredJwt(jwt: string): string {
  const [h, p, s] = jwt.split('.') as [string, string, string];
  const text = Buffer.from(p, 'base64url').toString().replace('Sok Dara', 'Sok Darb');
  return `${h}.${Buffer.from(text).toString('base64url')}.${s}`;
}

const post = async (ctx: TestContext, path: string, body: unknown) => {
  const res = await ctx.app.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Json };
};
const checkOf = (report: Json, id: string) => report.checks.find((c: Json) => c.id === id);
const notPassed = (report: Json) => report.checks.filter((c: Json) => c.status !== 'passed').map((c: Json) => c.id);
const envelope = (jwt: string, media = 'vc+jwt') => ({ '@context': V2, type: 'EnvelopedVerifiableCredential', id: `data:application/${media},${jwt}` });

let ctx: TestContext;
beforeAll(async () => {
  ctx = await makeTestApp({ deps: { rateLimits: { issuePerMinute: 1000, verifyPerMinute: 10_000 } } });
});

const keys: Array<[Alg, 'did:key' | 'did:jwk']> = [
  ['EdDSA', 'did:key'], ['Ed25519', 'did:key'], ['ES256', 'did:key'], ['ES384', 'did:key'],
  ['EdDSA', 'did:jwk'], ['ES256', 'did:jwk'], ['ES384', 'did:jwk'],
];

describe.each(keys)('a vc+jwt signed by jose with %s (%s)', (alg, method) => {
  let jwt: string;
  beforeAll(async () => {
    const s = await joseSigner(alg, method);
    jwt = await sign(s, credential(s.did), { typ: 'vc+jwt' });
  });

  it('verifies on POST /api/v1/verify: every check but accreditation passes', async () => {
    const { body } = await verifyBody(ctx, { jwt });
    expect(notPassed(body)).toEqual(['accreditation']);
    expect(body.format).toBe('vc+jwt');
    expect(checkOf(body, 'proof').message).toContain(`${alg} signature`);
    expect(body.legacy).toBeUndefined();
  });

  it('verifies enveloped on POST /credentials/verify (200)', async () => {
    const { status, body } = await post(ctx, '/credentials/verify', { verifiableCredential: envelope(jwt) });
    expect(body.errors).toEqual([]);
    expect(status).toBe(200);
  });

  it('fails altered, on both endpoints', async () => {
    const { body } = await verifyBody(ctx, { jwt: alteredJwt(jwt) });
    expect(verdictOf(body)).toBe('tampered');
    expect((await post(ctx, '/credentials/verify', { verifiableCredential: envelope(alteredJwt(jwt)) })).status).toBe(400);
  });
});

describe.each<Alg>(['EdDSA', 'ES256', 'ES384'])('a VC-JWT 1.1 credential (vc claim) signed by jose with %s', (alg) => {
  let jwt: string;
  let issuer: JoseSigner;
  beforeAll(async () => {
    issuer = await joseSigner(alg, 'did:key');
    jwt = await sign(issuer, vcClaims(issuer.did), { typ: 'JWT' });
  });

  it('verifies, labelled legacy, with its iss, jti, sub, nbf and exp read as issuer, id, subject and dates', async () => {
    const { body } = await verifyBody(ctx, { jwt });
    expect(notPassed(body)).toEqual(['accreditation']);
    expect(body.legacy).toBe('vc-jwt-1.1');
    expect(checkOf(body, 'format').message).toContain('legacy');
    expect(body.credential).toMatchObject({ id: 'urn:uuid:3f1e6a6c-9d0b-4a57-8c1e-2b5d9f7a4e21', issuer: { id: issuer.did }, validFrom: '2026-01-15T00:00:00Z', validUntil: '2031-01-15T00:00:00Z' });
    expect(checkOf(body, 'validity').message).toContain('until 2031-01-15');
  });

  it('fails altered', async () => {
    expect(verdictOf((await verifyBody(ctx, { jwt: alteredJwt(jwt) })).body)).toBe('tampered');
  });

  it('is expired once its exp claim has passed', async () => {
    const late = await makeTestApp({ clock: new Date('2031-02-01T00:00:00Z') });
    const { body } = await verifyBody(late, { jwt });
    expect(checkOf(body, 'validity')).toMatchObject({ status: 'failed', code: 'expired' });
  });
});

describe('a VC-JWT 1.1 JWT whose claims and credential disagree is refused', () => {
  it.each<[string, (p: Json) => void]>([
    ['iss and issuer', (p) => { p.vc.issuer = 'did:example:someone-else'; }],
    ['jti and id', (p) => { p.vc.id = 'urn:uuid:00000000-0000-4000-8000-000000000000'; }],
    ['sub and the subject id', (p) => { p.vc.credentialSubject.id = 'did:example:another-learner'; }],
    ['nbf and issuanceDate', (p) => { p.vc.issuanceDate = '2020-01-01T00:00:00Z'; }],
  ])('%s (format check failed)', async (_what, change) => {
    const s = await joseSigner('ES256', 'did:key');
    const payload = vcClaims(s.did);
    change(payload);
    const { body } = await verifyBody(ctx, { jwt: await sign(s, payload, { typ: 'JWT' }) });
    expect(checkOf(body, 'format').status).toBe('failed');
    expect(body.verified).toBe(false);
  });
});

describe('a JWT is checked with the key its alg allows', () => {
  it('refuses an ES256 header over a P-384 key, and an EdDSA header over a P-256 key', async () => {
    for (const [alg, curve] of [['ES256', 'ES384'], ['EdDSA', 'ES256']] as const) {
      const s = await joseSigner(curve, 'did:key');
      const jwt = await sign(s, credential(s.did), { typ: 'vc+jwt' });
      const [, p, sig] = jwt.split('.');
      const header = Buffer.from(JSON.stringify({ alg, kid: s.kid, typ: 'vc+jwt' })).toString('base64url');
      const { body } = await verifyBody(ctx, { jwt: `${header}.${p}.${sig}` });
      expect(checkOf(body, 'proof').status).toBe('failed');
    }
  });
});

describe('presentation JWTs', () => {
  let holder: JoseSigner;
  let issuer: JoseSigner;
  let vcJwt: string;
  beforeAll(async () => {
    holder = await joseSigner('EdDSA', 'did:key');
    issuer = await joseSigner('ES256', 'did:jwk');
    vcJwt = await sign(issuer, credential(issuer.did), { typ: 'vc+jwt' });
  });
  const vp = (credentials: unknown[]) => ({ '@context': [V2], type: ['VerifiablePresentation'], holder: holder.did, verifiableCredential: credentials });
  const verifyVp = (jwt: string, media = 'vp+jwt', options: Json = { challenge: CHALLENGE }) =>
    post(ctx, '/presentations/verify', { verifiablePresentation: { '@context': V2, type: 'EnvelopedVerifiablePresentation', id: `data:application/${media},${jwt}` }, options });

  it('a vp+jwt holding an enveloped vc+jwt, for the verifier\'s nonce, verifies (200)', async () => {
    const jwt = await sign(holder, { ...vp([envelope(vcJwt)]), nonce: CHALLENGE }, { typ: 'vp+jwt' });
    const { status, body } = await verifyVp(jwt);
    expect(body.errors).toEqual([]);
    expect(status).toBe(200);
    expect(body.report).toMatchObject({ format: 'vp+jwt', credentials: [{ verified: true, format: 'vc+jwt' }] });
  });

  it('a VC-JWT 1.1 presentation (vp claim) holding a VC-JWT 1.1 credential in a data:application/jwt envelope verifies, labelled legacy', async () => {
    // The shape of the W3C VC 2.0 test suite's enveloped presentation.
    const inner = await sign(issuer, { iss: issuer.did, sub: 'did:example:alice', vc: { '@context': [V2], type: ['VerifiableCredential'], issuer: issuer.did, credentialSubject: { id: 'did:example:alice', name: 'Alice' } } });
    const jwt = await sign(holder, { iss: holder.did, aud: 'example.com', nonce: CHALLENGE, vp: vp([envelope(inner, 'jwt')]) }, { typ: 'JWT' });
    const { status, body } = await verifyVp(jwt, 'jwt');
    expect(body.errors).toEqual([]);
    expect(status).toBe(200);
    expect(body.report.legacy).toBe('vc-jwt-1.1');
    expect(body.report.credentials[0].legacy).toBe('vc-jwt-1.1');
  });

  it('a VC-JWT 1.1 presentation may hold the credential JWT itself', async () => {
    const jwt = await sign(holder, { iss: holder.did, nonce: CHALLENGE, vp: { ...vp([vcJwt]), holder: undefined } }, { typ: 'JWT' });
    expect((await verifyVp(jwt, 'jwt')).status).toBe(200);
  });

  it('fails for another nonce, altered, with an altered credential inside, or signed by someone other than the holder (400)', async () => {
    const good = { ...vp([envelope(vcJwt)]), nonce: CHALLENGE };
    const otherNonce = await sign(holder, { ...good, nonce: 'another' }, { typ: 'vp+jwt' });
    const alteredVp = alteredJwt(await sign(holder, { ...good, name: 'Sok Dara' }, { typ: 'vp+jwt' }));
    const alteredInside = await sign(holder, { ...good, verifiableCredential: [envelope(alteredJwt(vcJwt))] }, { typ: 'vp+jwt' });
    const notHolder = await sign(issuer, good, { typ: 'vp+jwt' });
    for (const jwt of [otherNonce, alteredVp, alteredInside, notHolder]) expect((await verifyVp(jwt)).status).toBe(400);
  });

  it('counts the credentials of a presentation JWT against the limit of 20', async () => {
    const many = await sign(holder, { ...vp(Array.from({ length: 21 }, () => envelope(vcJwt))), nonce: CHALLENGE }, { typ: 'vp+jwt' });
    const { status, body } = await verifyVp(many);
    expect(status).toBe(400);
    expect(body.errors.map((e: Json) => e.id)).toEqual(['credentials']);
  });

  it('does not unwrap a presentation inside a presentation, or an envelope inside a credential JWT', async () => {
    const inner = await sign(holder, { ...vp([]), nonce: CHALLENGE }, { typ: 'vp+jwt' });
    const nested = await sign(holder, { ...vp([{ '@context': V2, type: 'EnvelopedVerifiablePresentation', id: `data:application/vp+jwt,${inner}` }]), nonce: CHALLENGE }, { typ: 'vp+jwt' });
    expect((await verifyVp(nested)).status).toBe(400);
    const envelopedInJwt = await sign(issuer, envelope(vcJwt), { typ: 'vc+jwt' });
    expect((await post(ctx, '/credentials/verify', { verifiableCredential: envelope(envelopedInJwt) })).status).toBe(400);
  });
});

describe('a presentation given to the verify API or page (a wallet\'s share)', () => {
  let holder: JoseSigner;
  let vcJwt: string;
  beforeAll(async () => {
    holder = await joseSigner('ES256', 'did:jwk');
    const issuer = await joseSigner('ES384', 'did:key');
    vcJwt = await sign(issuer, credential(issuer.did), { typ: 'vc+jwt' });
  });
  const vpJwt = (credentials: unknown[]) =>
    sign(holder, { '@context': [V2], type: ['VerifiablePresentation'], holder: holder.did, verifiableCredential: credentials }, { typ: 'vp+jwt' });

  it('holding one credential is answered with that credential\'s report and a passed holder check', async () => {
    const { status, body } = await verifyBody(ctx, { jwt: await vpJwt([envelope(vcJwt)]) });
    expect(status).toBe(200);
    expect(notPassed(body)).toEqual(['accreditation']);
    expect(checkOf(body, 'holder').status).toBe('passed');
    expect(body.credential.learner.name).toBe('Sok Dara');
  });

  it('fails its holder check when the presentation was altered', async () => {
    const [h, p, sig] = (await vpJwt([envelope(vcJwt)])).split('.') as [string, string, string];
    const payload = { ...JSON.parse(Buffer.from(p, 'base64url').toString()), holder: 'did:example:someone-else' };
    const { body } = await verifyBody(ctx, { jwt: `${h}.${b64(payload)}.${sig}` });
    // The credential inside is intact; the presentation around it is not.
    expect(checkOf(body, 'holder').status).toBe('failed');
    expect(body.verified).toBe(false);
  });

  it('holding two credentials is refused with 422, naming POST /presentations/verify', async () => {
    const { status, body } = await verifyBody(ctx, { jwt: await vpJwt([envelope(vcJwt), envelope(vcJwt)]) });
    expect(status).toBe(422);
    expect(body.error.message).toContain('/presentations/verify');
  });

  it('is read by the /verify page', async () => {
    const res = await ctx.app.request('/verify', { method: 'POST', body: new URLSearchParams({ text: await vpJwt([envelope(vcJwt)]) }) });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('NOT ACCREDITED');
  });
});

describe('the /verify page reads what others issue', () => {
  it('shows an ES256 vc+jwt pasted into it as not accredited, not as altered', async () => {
    const s = await joseSigner('ES256', 'did:key');
    const jwt = await sign(s, credential(s.did), { typ: 'vc+jwt' });
    const res = await ctx.app.request('/verify', { method: 'POST', body: new URLSearchParams({ text: jwt }) });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('NOT ACCREDITED');
    expect(html).toContain('Sok Dara');
  });
});
