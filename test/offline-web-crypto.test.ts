import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { nobleCrypto } from '../src/offline/browser/noble-crypto.js';
import { verifyOffline } from '../src/offline/browser/verify-offline.js';
import { canonicalPoint, strictEd25519Inputs, webCryptoOr } from '../src/offline/browser/web-crypto.js';
import type { OfflineKit } from '../src/offline/kit.js';
import { verdictOf } from '../src/verifier/verdict.js';
import { authJson, FIXED_NOW, issue, makeTestApp } from './helpers.js';
import { readmeExample } from './offline-helpers.js';

/*
 * The offline page verifies with the browser's Ed25519 (Web Crypto) where it has one, and
 * with @noble/ed25519 where not: the two must answer alike for everything a QR can carry.
 */

const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const P = 2n ** 255n - 19n;
const le = (n: bigint) => Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn));
const fromLe = (b: Uint8Array) => b.reduceRight((n, v) => (n << 8n) | BigInt(v), 0n);

function signed(message: Uint8Array) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(12));
  return { publicKey: raw, signature: new Uint8Array(sign(null, message, privateKey)) };
}

const web = webCryptoOr(nobleCrypto);

describe('the offline page\'s Ed25519', () => {
  const message = new TextEncoder().encode('header.payload');
  const good = signed(message);

  /** Every way a signature, key or message can differ from a good one that the checks tell apart. */
  const cases = (): Array<[string, Uint8Array, Uint8Array, Uint8Array]> => {
    const s = good.signature;
    const flip = (b: Uint8Array, i: number) => { const c = Uint8Array.from(b); c[i]! ^= 1; return c; };
    const withS = (n: bigint) => Uint8Array.from([...s.subarray(0, 32), ...le(n)]);
    const withR = (r: Uint8Array) => Uint8Array.from([...r, ...s.subarray(32)]);
    const sPlusL = fromLe(s.subarray(32)) + L;
    return [
      ['RFC 8032 TEST 1', hex('e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b'), new Uint8Array(0), hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a')],
      ['RFC 8032 TEST 2', hex('92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00'), hex('72'), hex('3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c')],
      ['a good signature', s, message, good.publicKey],
      ['one bit of the message changed', s, flip(message, 3), good.publicKey],
      ['one bit of R changed', flip(s, 5), message, good.publicKey],
      ['one bit of S changed', flip(s, 40), message, good.publicKey],
      ['another key', s, message, signed(message).publicKey],
      ['S + L (the same S, not reduced)', withS(sPlusL), message, good.publicKey],
      ['S = L', withS(L), message, good.publicKey],
      ['R with y ≥ p', withR(le(P + 1n)), message, good.publicKey],
      ['R = (0, 1) with the sign bit set', withR(hex('0100000000000000000000000000000000000000000000000000000000000080')), message, good.publicKey],
      ['the key with y + p (not canonical)', s, message, le(fromLe(good.publicKey) + P)],
      ['the identity as the key', s, message, hex('0100000000000000000000000000000000000000000000000000000000000000')],
      ['a key of order 8', s, message, hex('26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05')],
      ['a key that is not a point', s, message, le(2n)],
      ['a short signature', s.subarray(0, 63), message, good.publicKey],
    ];
  };

  it('Web Crypto and @noble/ed25519 agree: RFC 8032 vectors, altered bits, unreduced S, non-canonical and small-order points', async () => {
    const answers = [];
    for (const [name, sig, msg, key] of cases()) {
      const [native, noble] = [await web.verify(sig, msg, key), await nobleCrypto.verify(sig, msg, key)];
      answers.push([name, native, noble]);
    }
    expect(answers.map(([n, native]) => [n, native])).toEqual(answers.map(([n, , noble]) => [n, noble]));
    expect(answers.filter(([, native]) => native).map(([n]) => n)).toEqual(['RFC 8032 TEST 1', 'RFC 8032 TEST 2', 'a good signature']);
  });

  it('a point is canonical only with y < p, and not x = 0 with the sign bit set', () => {
    expect(canonicalPoint(le(P - 1n))).toBe(true);
    expect(canonicalPoint(le(P))).toBe(false);
    expect(canonicalPoint(le(2n ** 255n - 1n))).toBe(false);
    expect(canonicalPoint(le(1n | (1n << 255n)))).toBe(false);
    expect(canonicalPoint(le((P - 1n) | (1n << 255n)))).toBe(false);
    expect(canonicalPoint(le(2n | (1n << 255n)))).toBe(true);
    expect(strictEd25519Inputs(good.signature, good.publicKey)).toBe(true);
  });

  it('without Web Crypto\'s Ed25519, or with one that accepts an altered signature, noble verifies', async () => {
    const fallback = { verify: vi.fn(nobleCrypto.verify), gunzip: nobleCrypto.gunzip };
    const unsupported = webCryptoOr(fallback, { importKey: () => Promise.reject(new DOMException('no', 'NotSupportedError')), verify: () => Promise.resolve(true) } as never);
    expect(await unsupported.verify(good.signature, message, good.publicKey)).toBe(true);
    const lenient = webCryptoOr(fallback, { importKey: () => Promise.resolve({} as CryptoKey), verify: () => Promise.resolve(true) } as never);
    expect(await lenient.verify(good.signature, Uint8Array.of(1), good.publicKey)).toBe(false);
        expect(await webCryptoOr(fallback, null).verify(good.signature, message, good.publicKey)).toBe(true);
    expect(fallback.verify).toHaveBeenCalledTimes(3);
    fallback.verify.mockClear();
    expect(await webCryptoOr(fallback).verify(good.signature, message, good.publicKey)).toBe(true); // Node's Web Crypto has Ed25519
    expect(fallback.verify).not.toHaveBeenCalled();
  });

  it('the offline verifier reaches the same verdicts with it: valid, revoked, tampered', async () => {
    const ctx = await makeTestApp();
    const [valid, revoked] = [await issue(ctx, readmeExample()), await issue(ctx, readmeExample())];
    await ctx.app.request(`/api/v1/credentials/${revoked.id}/revoke`, authJson({ reason: 'issued by mistake' }));
    const kit = (await (await ctx.app.request('/offline/kit.json')).json()) as OfflineKit;
    const [h, p, s] = valid.jwt.split('.');
    const tampered = `${h}.${Buffer.from(Buffer.from(p!, 'base64url').toString().replace('Sok Dara', 'Sok Darb')).toString('base64url')}.${s}`;
    for (const [jwt, verdict] of [[valid.jwt, 'valid'], [revoked.jwt, 'revoked'], [tampered, 'tampered']] as const) {
      expect(verdictOf((await verifyOffline(jwt, kit, FIXED_NOW, web)).report)).toBe(verdict);
      expect(verdictOf((await verifyOffline(jwt, kit, FIXED_NOW, nobleCrypto)).report)).toBe(verdict);
    }
  });
});
