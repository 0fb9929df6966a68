import { CompactSign, importJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64url } from '../src/crypto/encoding.js';
import { didKeyVerificationMethod } from '../src/crypto/multikey.js';
import { OTHER_KEY, TEST_KEY, issue, makeTestApp, verifyBody, type TestContext } from './helpers.js';

type Check = { id: string; status: string };
type Report = { verified: boolean; checks: Check[] };

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const attackerPublic = { kty: OTHER_KEY.kty, crv: OTHER_KEY.crv, x: OTHER_KEY.x };
const statusOf = (report: Report, id: string) => report.checks.find((c) => c.id === id)?.status;

/** verified:false with the proof check (or, where the key is refused, the issuer check) failed. */
function expectRefused(report: Report): void {
  expect(report.verified).toBe(false);
  expect([statusOf(report, 'proof'), statusOf(report, 'issuer')]).toContain('failed');
  expect(statusOf(report, 'proof')).not.toBe('passed');
}

describe('vc+jwt attacks are refused', () => {
  let ctx: TestContext;
  let payload: Uint8Array;
  let attackerKey: CryptoKey;
  /** The issuer's own key (ctx.key's private half), as jose takes it. */
  let issuerKey: CryptoKey;

  beforeAll(async () => {
    ctx = await makeTestApp();
    const issued = await issue(ctx);
    payload = Buffer.from(issued.jwt.split('.')[1] as string, 'base64url');
    attackerKey = (await importJWK({ ...OTHER_KEY }, 'EdDSA')) as CryptoKey;
    issuerKey = (await importJWK({ ...TEST_KEY }, 'EdDSA')) as CryptoKey;
  });

  const sign = (header: Record<string, unknown>, key: CryptoKey | Uint8Array) =>
    new CompactSign(payload).setProtectedHeader(header as { alg: string }).sign(key);

  it('the genuine token verifies (control)', async () => {
    const jwt = await sign({ alg: 'EdDSA', typ: 'vc+jwt', kid: ctx.key.id }, issuerKey);
    const { body } = await verifyBody(ctx, { jwt });
    expect(body.verified).toBe(true);
  });

  it('rejects a JWT whose alg is none (unsigned)', async () => {
    const jwt = `${b64url({ alg: 'none', typ: 'vc+jwt', kid: ctx.key.id })}.${Buffer.from(payload).toString('base64url')}.`;
    const { status, body } = await verifyBody(ctx, { jwt });
    expect(status).toBe(200);
    expectRefused(body);
    expect(statusOf(body, 'proof')).toBe('failed');
  });

  it('rejects a JWT signed with HS256 using the issuer public key bytes as the secret', async () => {
    const jwt = await sign({ alg: 'HS256', typ: 'vc+jwt', kid: ctx.key.id }, ctx.key.publicKey);
    const { status, body } = await verifyBody(ctx, { jwt });
    expect(status).toBe(200);
    expectRefused(body);
    expect(statusOf(body, 'proof')).toBe('failed');
  });

  it('rejects a JWT signed by an attacker key that it carries in an embedded jwk header', async () => {
    const jwt = await sign({ alg: 'EdDSA', typ: 'vc+jwt', kid: ctx.key.id, jwk: attackerPublic }, attackerKey);
    const { status, body } = await verifyBody(ctx, { jwt });
    expect(status).toBe(200);
    expectRefused(body);
    expect(statusOf(body, 'proof')).toBe('failed');
  });

  it('rejects a JWT whose embedded jwk header carries an attacker key and no kid', async () => {
    const jwt = await sign({ alg: 'EdDSA', typ: 'vc+jwt', jwk: attackerPublic }, attackerKey);
    const { body } = await verifyBody(ctx, { jwt });
    expectRefused(body);
  });

  it('rejects a JWT whose kid names an unknown key of the issuer DID', async () => {
    const jwt = await sign({ alg: 'EdDSA', typ: 'vc+jwt', kid: `${ctx.institute.did}#unknown-key` }, attackerKey);
    const { status, body } = await verifyBody(ctx, { jwt });
    expect(status).toBe(200);
    expectRefused(body);
    expect(statusOf(body, 'issuer')).toBe('failed');
  });

  it('rejects a JWT signed by another key under the issuer kid', async () => {
    const jwt = await sign({ alg: 'EdDSA', typ: 'vc+jwt', kid: ctx.key.id }, attackerKey);
    const { status, body } = await verifyBody(ctx, { jwt });
    expect(status).toBe(200);
    expectRefused(body);
    expect(statusOf(body, 'proof')).toBe('failed');
  });

  it('rejects a JWT whose kid names a different DID than the issuer (a did:key the attacker controls)', async () => {
    const kid = didKeyVerificationMethod(fromBase64url(OTHER_KEY.x));
    const jwt = await sign({ alg: 'EdDSA', typ: 'vc+jwt', kid }, attackerKey);
    const { status, body } = await verifyBody(ctx, { jwt });
    expect(status).toBe(200);
    expectRefused(body);
    expect(statusOf(body, 'issuer')).toBe('failed');
  });

  it('rejects a JWT whose header links a key with jku', async () => {
    const jwt = await sign({ alg: 'EdDSA', typ: 'vc+jwt', kid: ctx.key.id, jku: 'https://attacker.example/jwks.json' }, attackerKey);
    const { body } = await verifyBody(ctx, { jwt });
    expectRefused(body);
  });

  it('rejects a JWT whose typ is not vc+jwt', async () => {
    const jwt = await sign({ alg: 'EdDSA', typ: 'JWT', kid: ctx.key.id }, issuerKey);
    const { body } = await verifyBody(ctx, { jwt });
    expectRefused(body);
  });

  it('answers a JWT that is not three dot-separated parts with a failed format check, not a 5xx', async () => {
    const { status, body } = await verifyBody(ctx, { jwt: 'a.b' });
    expect(status).toBe(200);
    expect(body.verified).toBe(false);
    expect(statusOf(body, 'format')).toBe('failed');
  });
});
