import { calculateJwkThumbprint, type JWK } from 'jose';
import { fromBase64url, toBase58 } from '../crypto/encoding.js';
import type { SignatureVerifier, Signer } from '../crypto/provider.js';

/*
 * P-256 keys (ES256), for the compatibility vc+jwt of institutes that turn it on: verifiers
 * that accept only ES256/RS256 JWTs (1EdTech's validator among them). An Ed25519 key stays
 * every institute's main key; a P-256 key sits beside it in the DID document and JWK Set,
 * and rotates with it. Web Crypto does the curve work (on Node and Workers alike).
 */

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;
/** The multicodec of a P-256 public key (p256-pub, 0x1200) as a varint. */
const P256_PUB_PREFIX = [0x80, 0x24];

/** The public half of a P-256 key as published in DID documents and the JWK Set. */
export interface PublicP256Key {
  /** The verification method id (a DID URL); also the JWT `kid` and the JWK Set `kid`. */
  id: string;
  controller: string;
  /** `z` + base58btc(0x8024 ‖ compressed point): a Multikey, `zDn…`. */
  publicKeyMultibase: string;
  publicJwk: JWK & { kid: string; kty: 'EC'; crv: 'P-256'; x: string; y: string; alg: 'ES256'; use: 'sig' };
  /** ES256 JWTs by this key made after this time do not verify (the key leaked). */
  compromisedAt?: string | null;
}

/** A P-256 key that can sign (ES256): `signer` returns the JWS signature, r ‖ s; the private half stays inside it. */
export interface P256SigningKey extends PublicP256Key {
  signer: Signer;
}

/** Generates a P-256 key as JWK coordinates (for the caller to seal `d`). */
export async function generateP256Jwk(): Promise<{ x: string; y: string; d: string }> {
  const pair = (await crypto.subtle.generateKey(ECDSA_P256, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  return { x: jwk.x as string, y: jwk.y as string, d: jwk.d as string };
}

/** The P-256 Multikey (`zDn…`): the point compressed to its x and the parity of y. */
export function encodeP256Multikey(x: string, y: string): string {
  const xs = fromBase64url(x);
  const ys = fromBase64url(y);
  if (xs.length !== 32 || ys.length !== 32) throw new TypeError('a P-256 public key has 32-byte coordinates');
  const bytes = new Uint8Array(35);
  bytes.set(P256_PUB_PREFIX, 0);
  bytes[2] = (ys[31] as number) & 1 ? 0x03 : 0x02;
  bytes.set(xs, 3);
  return `z${toBase58(bytes)}`;
}

/**
 * Describes the public half of a P-256 key of `controller` (a did:web: a did:key names an
 * Ed25519 key here). The verification method fragment is the key's RFC 7638 thumbprint, as
 * for Ed25519 keys, so ids never collide across types or rotations.
 */
export async function describeP256Key(x: string, y: string, controller: string): Promise<PublicP256Key> {
  if (controller.startsWith('did:key:')) throw new TypeError('P-256 keys are published under a did:web only');
  const publicKeyMultibase = encodeP256Multikey(x, y);
  const id = `${controller}#${await calculateJwkThumbprint({ kty: 'EC', crv: 'P-256', x, y })}`;
  return { id, controller, publicKeyMultibase, publicJwk: { kty: 'EC', crv: 'P-256', x, y, kid: id, alg: 'ES256', use: 'sig' } };
}

export async function loadP256SigningKey(jwk: { x: string; y: string; d: string }, controller: string): Promise<P256SigningKey> {
  const [described, privateKey] = await Promise.all([
    describeP256Key(jwk.x, jwk.y, controller),
    crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: jwk.d }, ECDSA_P256, false, ['sign']),
  ]);
  const signer: Signer = { sign: async (data) => new Uint8Array(await crypto.subtle.sign(ES256, privateKey, data as BufferSource)) };
  return { ...described, signer };
}

/** Strips a P-256 signing key down to what may be published. */
export const publicP256Part = ({ id, controller, publicKeyMultibase, publicJwk, compromisedAt }: PublicP256Key): PublicP256Key => ({
  id, controller, publicKeyMultibase, publicJwk, compromisedAt: compromisedAt ?? null,
});

/** An ES256 verifier for a P-256 public JWK: `signature` is the 64-byte r ‖ s of JWS. */
export async function p256Verifier(jwk: { x: string; y: string }): Promise<SignatureVerifier> {
  const key = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, ext: true }, ECDSA_P256, false, ['verify']);
  return { verify: (signature, data) => crypto.subtle.verify(ES256, key, signature as BufferSource, data as BufferSource) };
}
