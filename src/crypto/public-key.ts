import { fromBase58, fromBase64url } from './encoding.js';

/** The key types a foreign proof or JWT may be signed with. */
export const KEY_ALGORITHMS = ['Ed25519', 'P-256', 'P-384'] as const;
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number];

/**
 * A public key as the verifier uses it: Ed25519 as its raw 32 bytes, a NIST curve key as an
 * SEC1 point (33/49 bytes compressed, as Multikey carries it; 65/97 uncompressed, from a JWK).
 */
export interface PublicKeyMaterial {
  algorithm: KeyAlgorithm;
  bytes: Uint8Array;
}

/*
 * Multikey headers are multicodec varints: ed25519-pub 0xed → 0xed 0x01, p256-pub 0x1200 →
 * 0x80 0x24, p384-pub 0x1201 → 0x81 0x24. Only compressed points are valid in a Multikey.
 */
const MULTICODECS: Array<{ header: [number, number]; algorithm: KeyAlgorithm; length: number }> = [
  { header: [0xed, 0x01], algorithm: 'Ed25519', length: 32 },
  { header: [0x80, 0x24], algorithm: 'P-256', length: 33 },
  { header: [0x81, 0x24], algorithm: 'P-384', length: 49 },
];

/** The key in a `publicKeyMultibase` (`z6Mk…` Ed25519, `zDn…` P-256, `z82…` P-384), or null. */
export function decodeMultibaseKey(multibase: unknown): PublicKeyMaterial | null {
  if (typeof multibase !== 'string' || !multibase.startsWith('z') || multibase.length > 100) return null;
  let bytes: Uint8Array;
  try {
    bytes = fromBase58(multibase.slice(1));
  } catch {
    return null;
  }
  for (const { header, algorithm, length } of MULTICODECS) {
    if (bytes[0] === header[0] && bytes[1] === header[1] && bytes.length === length + 2) {
      const point = bytes.slice(2);
      if (algorithm !== 'Ed25519' && point[0] !== 0x02 && point[0] !== 0x03) return null;
      return { algorithm, bytes: point };
    }
  }
  return null;
}

const COORDINATE_BYTES: Record<string, number> = { 'P-256': 32, 'P-384': 48 };

/**
 * The public key of a JWK (OKP Ed25519, or EC P-256/P-384), or null. A JWK holding a private
 * part (`d`) is refused: a published key never should, and one that does was leaked.
 */
export function publicKeyFromJwk(jwk: unknown): PublicKeyMaterial | null {
  if (!jwk || typeof jwk !== 'object' || Array.isArray(jwk)) return null;
  const k = jwk as Record<string, unknown>;
  if ('d' in k || typeof k.x !== 'string') return null;
  let x: Uint8Array;
  try {
    x = fromBase64url(k.x);
  } catch {
    return null;
  }
  if (k.kty === 'OKP' && k.crv === 'Ed25519') return x.length === 32 ? { algorithm: 'Ed25519', bytes: x } : null;
  if (k.kty !== 'EC' || typeof k.crv !== 'string' || typeof k.y !== 'string') return null;
  const size = COORDINATE_BYTES[k.crv];
  if (!size) return null;
  let y: Uint8Array;
  try {
    y = fromBase64url(k.y);
  } catch {
    return null;
  }
  if (x.length !== size || y.length !== size) return null;
  const point = new Uint8Array(1 + 2 * size);
  point[0] = 0x04;
  point.set(x, 1);
  point.set(y, 1 + size);
  return { algorithm: k.crv as KeyAlgorithm, bytes: point };
}
