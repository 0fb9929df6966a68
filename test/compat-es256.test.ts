import { CompactSign, compactVerify, createLocalJWKSet, decodeProtectedHeader, generateKeyPair, type JSONWebKeySet } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase58, fromBase64url } from '../src/crypto/encoding.js';
import { FIXED_NOW, makeTestApp, sampleRequest, type TestContext } from './helpers.js';
import { NTTI_DID, checkOf, compatInstitute, issueAs, ourVerify, publicGet, type Issued } from './compat-helpers.js';
import { call, type Json } from './tenants.js';

const jwksOf = async (ctx: TestContext) => (await publicGet(ctx, '/issuers/ntti/jwks.json')).body as JSONWebKeySet;
const payloadOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Json;

/** jose, with the institute's published JWK Set and ES256 pinned: what an ES256-only verifier does. */
async function joseVerify(ctx: TestContext, jwt: string) {
  const { payload, protectedHeader } = await compactVerify(jwt, createLocalJWKSet(await jwksOf(ctx)), { algorithms: ['ES256'] });
  return { payload: JSON.parse(new TextDecoder().decode(payload)) as Json, protectedHeader };
}

describe('an institute with the ES256 vc+jwt on (for verifiers that accept only ES256/RS256)', () => {
  let ctx: TestContext;
  let issued: Issued;
  beforeAll(async () => {
    ctx = await makeTestApp();
    await compatInstitute(ctx, { es256Jwt: true });
    issued = await issueAs(ctx);
  });

  it('issues a vc+jwt signed ES256 beside the EdDSA one, its payload the same credential', async () => {
    expect(issued.jwtEs256).toBeDefined();
    const header = decodeProtectedHeader(issued.jwtEs256!);
    expect(header).toEqual({ alg: 'ES256', typ: 'vc+jwt', kid: expect.stringMatching(new RegExp(`^${NTTI_DID}#`)) });
    const { proof: _proof, ...unsecured } = issued.credential;
    expect(payloadOf(issued.jwtEs256!)).toEqual(unsecured);
    expect(payloadOf(issued.jwt)).toEqual(unsecured);
    const served = await publicGet(ctx, `/credentials/${issued.id}?form=es256`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/vc+jwt');
    expect(served.body).toBe(issued.jwtEs256);
  });

  it('verifies with jose against the institute\'s JWK Set, the key found by kid, ES256 pinned', async () => {
    const { payload, protectedHeader } = await joseVerify(ctx, issued.jwtEs256!);
    expect(payload.id).toBe(issued.credential.id);
    const jwk = (await jwksOf(ctx)).keys.find((k) => k.kid === protectedHeader.kid);
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwk).not.toHaveProperty('d');
    // The Ed25519 key is there too, for the EdDSA vc+jwt.
    expect((await jwksOf(ctx)).keys.map((k) => k.kty).sort()).toEqual(['EC', 'OKP']);
  });

  it('publishes the P-256 key in the DID document as a Multikey (zDn…) for assertions, the same point as the JWK', async () => {
    const doc = (await publicGet(ctx, '/issuers/ntti/did.json')).body as Json;
    const kid = decodeProtectedHeader(issued.jwtEs256!).kid as string;
    const vm = doc.verificationMethod.find((m: Json) => m.id === kid) as Json;
    expect(vm).toMatchObject({ type: 'Multikey', controller: NTTI_DID, publicKeyMultibase: expect.stringMatching(/^zDn/) });
    expect(doc.assertionMethod).toContain(kid);
    expect(doc.authentication).not.toContain(kid);
    const bytes = fromBase58(vm.publicKeyMultibase.slice(1));
    const jwk = (await jwksOf(ctx)).keys.find((k) => k.kid === kid)!;
    expect([...bytes.slice(0, 2)]).toEqual([0x80, 0x24]);
    expect(bytes[2]).toBe(0x02 | (fromBase64url(jwk.y!)[31]! & 1));
    expect(bytes.slice(3)).toEqual(fromBase64url(jwk.x!));
  });

  it('verifies on our verifier (POST /api/v1/verify), accreditation included', async () => {
    const report = await ourVerify(ctx, { jwt: issued.jwtEs256 });
    expect(report.verified, JSON.stringify(report.checks)).toBe(true);
    expect(checkOf(report, 'proof')?.message).toMatch(/^ES256 signature by did:web:localhost%3A8787:issuers:ntti#/);
    expect(checkOf(report, 'accreditation')?.status).toBe('passed');
  });

  it('an altered payload fails jose and our verifier', async () => {
    const [h, p, sig] = issued.jwtEs256!.split('.') as [string, string, string];
    const payload = payloadOf(issued.jwtEs256!);
    payload.credentialSubject.name = 'Sok Darb';
    const altered = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${sig}`;
    await expect(joseVerify(ctx, altered)).rejects.toThrow();
    expect(payloadOf(altered).id).toBe(payloadOf(`${h}.${p}.${sig}`).id);
    const report = await ourVerify(ctx, { jwt: altered });
    expect(report.verified).toBe(false);
    expect(checkOf(report, 'proof')?.status).toBe('failed');
  });

  it('refuses an ES256 JWT signed by another P-256 key under our kid, and one whose kid names the Ed25519 key', async () => {
    const other = await generateKeyPair('ES256');
    const kid = decodeProtectedHeader(issued.jwtEs256!).kid as string;
    const payload = Buffer.from(JSON.stringify(payloadOf(issued.jwtEs256!)));
    const forged = await new CompactSign(payload).setProtectedHeader({ alg: 'ES256', typ: 'vc+jwt', kid }).sign(other.privateKey);
    expect((await ourVerify(ctx, { jwt: forged })).verified).toBe(false);
    const edKid = decodeProtectedHeader(issued.jwt).kid as string;
    const confused = await new CompactSign(payload).setProtectedHeader({ alg: 'ES256', typ: 'vc+jwt', kid: edKid }).sign(other.privateKey);
    const report = await ourVerify(ctx, { jwt: confused });
    expect(report.verified).toBe(false);
    // The key is the issuer's, but an ES256 header cannot name an Ed25519 key: the proof fails.
    expect(checkOf(report, 'proof')?.status).toBe('failed');
    expect(checkOf(report, 'proof')?.message).toMatch(/ES256 cannot be used with a Ed25519 key/);
  });

  it('refuses an ES256 JWT claiming an issuer this service does not host (it resolves P-256 keys of its own issuers only)', async () => {
    const other = await generateKeyPair('ES256');
    const payload = { ...payloadOf(issued.jwtEs256!), issuer: { id: 'did:web:elsewhere.example', name: 'Elsewhere' } };
    const jwt = await new CompactSign(Buffer.from(JSON.stringify(payload))).setProtectedHeader({ alg: 'ES256', typ: 'vc+jwt', kid: 'did:web:elsewhere.example#k' }).sign(other.privateKey);
    const report = await ourVerify(ctx, { jwt });
    expect(report.verified).toBe(false);
    expect(checkOf(report, 'issuer')?.status).toBe('skipped');
  });
});

describe('the ES256 key rotates with the other keys', () => {
  it('a rotation makes a new P-256 key beside the new Ed25519 one; the old stays published and what it signed keeps verifying', async () => {
    const ctx = await makeTestApp();
    await compatInstitute(ctx, { es256Jwt: true });
    const before = await issueAs(ctx);
    const rotated = await call(ctx, 'POST', '/api/v1/institutes/ntti/keys/rotate');
    expect(rotated.status).toBe(201);
    expect(rotated.body.activeP256Key).toMatch(new RegExp(`^${NTTI_DID}#`));
    const after = await issueAs(ctx);
    const [oldKid, newKid] = [before, after].map((i) => decodeProtectedHeader(i.jwtEs256!).kid as string);
    expect(newKid).toBe(rotated.body.activeP256Key);
    expect(newKid).not.toBe(oldKid);
    const listing = (await call(ctx, 'GET', '/api/v1/institutes/ntti/keys')).body as Json;
    expect(listing.keys.map((k: Json) => [k.type, k.status])).toEqual([['Ed25519', 'active'], ['Ed25519', 'retired'], ['P-256', 'active'], ['P-256', 'retired']]);
    expect(listing.activeP256Key).toBe(newKid);
    expect((await jwksOf(ctx)).keys.filter((k) => k.kty === 'EC').map((k) => k.kid)).toEqual([newKid, oldKid]);
    for (const jwt of [before.jwtEs256!, after.jwtEs256!]) {
      await joseVerify(ctx, jwt);
      expect((await ourVerify(ctx, { jwt })).verified).toBe(true);
    }
  });

  it('a P-256 key reported compromised fails what it signed after that time, and issuing waits for a rotation', async () => {
    const ctx = await makeTestApp();
    await compatInstitute(ctx, { es256Jwt: true });
    const issued = await issueAs(ctx);
    const kid = decodeProtectedHeader(issued.jwtEs256!).kid as string;
    const marked = await call(ctx, 'POST', '/api/v1/institutes/ntti/keys/compromised', { body: { keyId: kid, since: '2026-02-01' } });
    expect(marked.status).toBe(200);
    const report = await ourVerify(ctx, { jwt: issued.jwtEs256 });
    expect(report.verified).toBe(false);
    expect(checkOf(report, 'proof')?.code).toBe('key_compromised');
    // The EdDSA forms are signed by another key, untouched.
    expect((await ourVerify(ctx, { jwt: issued.jwt })).verified).toBe(true);
    const refused = await call(ctx, 'POST', '/api/v1/credentials?institute=ntti', { body: sampleRequest() });
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('unavailable');
    expect(refused.body.error.message).toMatch(/no active P-256 key/);
    expect((await call(ctx, 'POST', '/api/v1/institutes/ntti/keys/rotate')).status).toBe(201);
    expect((await issueAs(ctx)).jwtEs256).toBeDefined();
  });
});

describe('the ES256 vc+jwt is off by default', () => {
  it('an institute without it has no P-256 key, and its credentials no ES256 form', async () => {
    const ctx = await makeTestApp({ clock: FIXED_NOW });
    const view = await compatInstitute(ctx, {});
    expect(view.compatibility).toEqual({ ed25519Signature2020: false, es256Jwt: false });
    const issued = await issueAs(ctx);
    expect(issued).not.toHaveProperty('jwtEs256');
    expect((await jwksOf(ctx)).keys.map((k) => k.kty)).toEqual(['OKP']);
    const res = await publicGet(ctx, `/credentials/${issued.id}?form=es256`);
    expect(res.status).toBe(404);
    const unknown = await publicGet(ctx, `/credentials/${issued.id}?form=rs256`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('invalid_request');
    expect((await call(ctx, 'GET', '/api/v1/institutes/ntti/keys')).body).not.toHaveProperty('activeP256Key');
  });
});
