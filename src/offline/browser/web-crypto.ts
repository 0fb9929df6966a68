import { nobleCrypto } from './noble-crypto.js';
import type { OfflineCrypto } from './verify-offline.js';

/*
 * The offline page's crypto: the browser's own Ed25519 (Web Crypto; Chromium 137+, Firefox
 * 129+, Safari 17+, in secure contexts) where it has one that passes RFC 8032's first test
 * vector, else @noble/ed25519 (nobleCrypto). A scan verifies three signatures (the registry,
 * the status list, the credential): natively a millisecond; in JavaScript, on a slow phone's
 * freshly opened page, 300 ms (4x-throttled Chromium), most of it before the JIT warms up.
 *
 * Both verify over the exact bytes, and both are held to the strict rules nobleCrypto applies
 * (RFC 8032, not ZIP 215): here in a few byte comparisons, before Web Crypto sees the
 * signature, the canonical encodings of A and R, S < L, and no small-order public key. What
 * remains between them is the group equation (noble's is cofactored, Web Crypto's
 * cofactorless); they answer differently only for a signature whose R or A has a small-order
 * part, which only the holder of the private key can make, so neither accepts a forgery.
 */

const hex = (h: string): Uint8Array => Uint8Array.from(h.match(/../g)!, (b) => parseInt(b, 16));

/** RFC 8032, 7.1, TEST 1: the empty message. */
const TEST1 = {
  publicKey: hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'),
  signature: hex('e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b'),
};

/** The canonical encodings of the eight points of small order (the identity among them). */
const SMALL_ORDER = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0000000000000000000000000000000000000000000000000000000000000080',
  '0100000000000000000000000000000000000000000000000000000000000000',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
].map(hex);

/** The group order L, little-endian. */
const L = hex('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010');

const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/** a < b, both 32-byte little-endian numbers. */
function lessThan(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

/**
 * A point's encoding as RFC 8032 (5.1.3) decodes it strictly: y < p = 2^255 - 19, and not
 * x = 0 with the sign bit set (x = 0 only for y = 1 and y = p - 1). Whether y is on the curve
 * is left to the verifier.
 */
export function canonicalPoint(bytes: Uint8Array): boolean {
  if (bytes.length !== 32) return false;
  const top = bytes[31]! & 0x7f;
  const sign = bytes[31]! >> 7;
  let high = top === 0x7f;
  for (let i = 1; i < 31 && high; i++) high = bytes[i] === 0xff;
  if (high && bytes[0]! >= 0xed) return false; // y ≥ p
  if (sign === 1) {
    const y = Uint8Array.from(bytes);
    y[31] = top;
    if (equal(y, SMALL_ORDER[2]!) || equal(y, SMALL_ORDER[7]!)) return false; // y = 1 or y = p - 1: x = 0
  }
  return true;
}

/** The checks nobleCrypto's strict verification makes besides the equation. */
export function strictEd25519Inputs(signature: Uint8Array, publicKey: Uint8Array): boolean {
  return signature.length === 64 && publicKey.length === 32
    && canonicalPoint(publicKey) && canonicalPoint(signature.subarray(0, 32)) && lessThan(signature.subarray(32), L)
    && !SMALL_ORDER.some((p) => equal(p, publicKey));
}

type Subtle = Pick<SubtleCrypto, 'importKey' | 'verify'>;

async function nativeVerify(subtle: Subtle, signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): Promise<boolean> {
  const key = await subtle.importKey('raw', publicKey as BufferSource, { name: 'Ed25519' }, false, ['verify']);
  return subtle.verify({ name: 'Ed25519' }, key, signature as BufferSource, message as BufferSource);
}

/**
 * Web Crypto's Ed25519 when it verifies RFC 8032's TEST 1 and refuses it altered (asked once);
 * else the fallback. `subtle` is null where there is none (not a secure context).
 */
export function webCryptoOr(fallback: OfflineCrypto, subtle: Subtle | null = globalThis.crypto?.subtle ?? null): OfflineCrypto {
  let native: Promise<boolean> | null = null;
  const hasNative = (): Promise<boolean> => (native ??= (async () => {
    if (!subtle) return false;
    try {
      const altered = Uint8Array.from(TEST1.signature);
      altered[0]! ^= 1;
      return (await nativeVerify(subtle, TEST1.signature, new Uint8Array(0), TEST1.publicKey))
        && !(await nativeVerify(subtle, altered, new Uint8Array(0), TEST1.publicKey));
    } catch {
      return false;
    }
  })());
  return {
    async verify(signature, message, publicKey) {
      if (!strictEd25519Inputs(signature, publicKey)) return false;
      if (!(await hasNative())) return fallback.verify(signature, message, publicKey);
      try {
        return await nativeVerify(subtle!, signature, message, publicKey);
      } catch {
        return false;
      }
    },
    gunzip: fallback.gunzip,
  };
}

/** What the offline page verifies with. */
export const browserCrypto: OfflineCrypto = webCryptoOr(nobleCrypto);
