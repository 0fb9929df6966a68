import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import { CompactSign, compactVerify, importJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyEdDsaCompactJws } from '../src/crypto/jws.js';
import { fromBase64url } from '../src/crypto/encoding.js';
import type { SignatureVerifier } from '../src/crypto/provider.js';
import { webCryptoProvider } from '../src/crypto/provider.js';
import { nodeCryptoProvider } from '../src/runtime/node/crypto.js';
import { OTHER_KEY, TEST_KEY } from './helpers.js';

/*
 * verifyEdDsaCompactJws replaces jose's compactVerify in the vc+jwt verifier (it checks with
 * the runtime's own Ed25519 verifier, which on Node skips Web Crypto's thread-pool hop). It
 * must accept exactly the tokens jose accepts for an EdDSA key, minus the extensions (crit,
 * b64) no vc+jwt uses.
 */

const payload = new TextEncoder().encode(JSON.stringify({ '@context': ['https://www.w3.org/ns/credentials/v2'], name: 'សុខ ដារ៉ា' }));
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

let signingKey: CryptoKey;
let otherKey: CryptoKey;
let joseVerifyKey: CryptoKey;
const verifiers: Array<[string, SignatureVerifier]> = [];

beforeAll(async () => {
  signingKey = (await importJWK({ ...TEST_KEY }, 'EdDSA')) as CryptoKey;
  otherKey = (await importJWK({ ...OTHER_KEY }, 'EdDSA')) as CryptoKey;
  joseVerifyKey = (await importJWK({ kty: 'OKP', crv: 'Ed25519', x: TEST_KEY.x }, 'EdDSA')) as CryptoKey;
  const raw = fromBase64url(TEST_KEY.x);
  verifiers.push(['node:crypto', await nodeCryptoProvider.verifier(raw)], ['Web Crypto', await webCryptoProvider.verifier(raw)]);
});

const sign = (header: Record<string, unknown>, key: CryptoKey = signingKey, body: Uint8Array = payload) =>
  new CompactSign(body).setProtectedHeader(header as { alg: string }).sign(key);
const joseAccepts = (jws: string) => compactVerify(jws, joseVerifyKey, { algorithms: ['EdDSA'] }).then(() => true, () => false);

describe('verifyEdDsaCompactJws', () => {
  it('accepts a genuine EdDSA token, as jose does, with either crypto provider', async () => {
    const jws = await sign({ alg: 'EdDSA', typ: 'vc+jwt', kid: 'did:web:example.org#k1' });
    expect(await joseAccepts(jws)).toBe(true);
    for (const [, verifier] of verifiers) expect(await verifyEdDsaCompactJws(jws, verifier)).toBe(true);
  });

  it('refuses a token whose payload, header or signature was altered', async () => {
    const jws = await sign({ alg: 'EdDSA', typ: 'vc+jwt', kid: 'k' });
    const [h, p, s] = jws.split('.') as [string, string, string];
    const otherPayload = Buffer.from(JSON.stringify({ name: 'someone else' })).toString('base64url');
    const flipped = `${s.slice(0, 10)}${s[10] === 'A' ? 'B' : 'A'}${s.slice(11)}`;
    for (const forged of [`${h}.${otherPayload}.${s}`, `${b64url({ alg: 'EdDSA', typ: 'vc+jwt', kid: 'k2' })}.${p}.${s}`, `${h}.${p}.${flipped}`]) {
      expect(await joseAccepts(forged)).toBe(false);
      for (const [, verifier] of verifiers) expect(await verifyEdDsaCompactJws(forged, verifier)).toBe(false);
    }
  });

  it('refuses a token signed by another key', async () => {
    const jws = await sign({ alg: 'EdDSA' }, otherKey);
    for (const [, verifier] of verifiers) expect(await verifyEdDsaCompactJws(jws, verifier)).toBe(false);
  });

  it('refuses alg none, HMAC and any alg other than EdDSA, even over a valid EdDSA signature', async () => {
    const [, p, s] = (await sign({ alg: 'EdDSA' })).split('.') as [string, string, string];
    for (const alg of ['none', 'HS256', 'ES256', 'Ed25519', 'eddsa', undefined]) {
      const jws = `${b64url(alg === undefined ? {} : { alg })}.${p}.${s}`;
      for (const [, verifier] of verifiers) expect(await verifyEdDsaCompactJws(jws, verifier)).toBe(false);
    }
    for (const [, verifier] of verifiers) expect(await verifyEdDsaCompactJws(`${b64url({ alg: 'none' })}.${p}.`, verifier)).toBe(false);
  });

  it('refuses critical extensions and b64, which it does not implement', async () => {
    // Signed by hand: jose will not sign a critical extension it does not know either.
    const privateKey = createPrivateKey({ key: { ...TEST_KEY }, format: 'jwk' });
    const signRaw = (header: Record<string, unknown>, encodedPayload: string) => {
      const input = `${b64url(header)}.${encodedPayload}`;
      return `${input}.${nodeSign(null, Buffer.from(input, 'ascii'), privateKey).toString('base64url')}`;
    };
    const encoded = Buffer.from(payload).toString('base64url');
    const genuine = signRaw({ alg: 'EdDSA' }, encoded);
    const crit = signRaw({ alg: 'EdDSA', crit: ['urn:example:must-understand'], 'urn:example:must-understand': true }, encoded);
    const b64False = signRaw({ alg: 'EdDSA', b64: false, crit: ['b64'] }, 'abc');
    const b64True = signRaw({ alg: 'EdDSA', b64: true }, encoded);
    for (const [, verifier] of verifiers) expect(await verifyEdDsaCompactJws(genuine, verifier)).toBe(true);
    expect(await joseAccepts(crit)).toBe(false);
    for (const jws of [crit, b64False, b64True]) {
      for (const [, verifier] of verifiers) expect(await verifyEdDsaCompactJws(jws, verifier)).toBe(false);
    }
  });

  it('refuses malformed tokens without throwing', async () => {
    const jws = await sign({ alg: 'EdDSA' });
    const [h, p, s] = jws.split('.') as [string, string, string];
    const malformed = [
      '', 'a.b', `${jws}.x`, `${h}.${p}`, `${h}.${p}.`, `.${p}.${s}`, `${h}.${p}.${s}=`, `${h}=.${p}.${s}`,
      `${h}.${p}+.${s}`, `${h}.${p}.${s}AA`, `${h}.${p}.${s.slice(0, -2)}`, `${b64url([1, 2])}.${p}.${s}`,
      `${Buffer.from('not json').toString('base64url')}.${p}.${s}`, `${Buffer.from([0xff, 0xfe]).toString('base64url')}.${p}.${s}`,
      ` ${jws}`, `${jws}\n`,
    ];
    for (const token of malformed) {
      for (const [, verifier] of verifiers) expect(await verifyEdDsaCompactJws(token, verifier)).toBe(false);
    }
  });
});
