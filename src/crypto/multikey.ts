import { fromBase58, toBase58 } from './encoding.js';

const ED25519_PUB_PREFIX = [0xed, 0x01];

/** `z` + base58btc(0xed01 ‖ key): the Ed25519 Multikey encoding (always starts `z6Mk`). */
export function encodeMultikey(publicKey: Uint8Array): string {
  if (publicKey.length !== 32) throw new TypeError('an Ed25519 public key has 32 bytes');
  const bytes = new Uint8Array(34);
  bytes.set(ED25519_PUB_PREFIX, 0);
  bytes.set(publicKey, 2);
  return `z${toBase58(bytes)}`;
}

/** The raw key of an Ed25519 Multikey, or null when the value is not one. */
export function decodeMultikey(multibase: string): Uint8Array | null {
  if (!multibase.startsWith('z6Mk') || multibase.length > 60) return null;
  let bytes: Uint8Array;
  try {
    bytes = fromBase58(multibase.slice(1));
  } catch {
    return null;
  }
  if (bytes.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01) return null;
  return bytes.slice(2);
}

export const didKeyFromPublicKey = (publicKey: Uint8Array): string => `did:key:${encodeMultikey(publicKey)}`;

/** `did:key:z6Mk…#z6Mk…`, the verification method id of a did:key. */
export function didKeyVerificationMethod(publicKey: Uint8Array): string {
  const mk = encodeMultikey(publicKey);
  return `did:key:${mk}#${mk}`;
}
