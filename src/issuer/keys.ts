import { calculateJwkThumbprint, type JWK } from 'jose';
import type { CryptoProvider, PrivateKeyJwk, Signer } from '../crypto/provider.js';
import { fromBase64url } from '../crypto/encoding.js';
import { didKeyFromPublicKey, encodeMultikey } from '../crypto/multikey.js';

/** The public half of an issuer key as published in DID documents and the JWK Set. */
export interface PublicIssuerKey {
  /** The verification method id (a DID URL); also the JWT `kid` and the JWK Set `kid`. */
  id: string;
  controller: string;
  publicKey: Uint8Array;
  publicKeyMultibase: string;
  publicJwk: JWK & { kid: string; kty: 'OKP'; crv: 'Ed25519'; x: string };
  didKey: string;
  /** Proofs made with this key after this time do not verify (the key leaked). */
  compromisedAt?: string | null;
}

/** An issuer key that can sign. The private material stays inside `signer`. */
export interface SigningKey extends PublicIssuerKey {
  signer: Signer;
}

export function isPrivateKeyJwk(value: unknown): value is PrivateKeyJwk {
  const v = value as Partial<PrivateKeyJwk> | null;
  return !!v && v.kty === 'OKP' && v.crv === 'Ed25519' && typeof v.x === 'string' && typeof v.d === 'string';
}

/** Generates a new Ed25519 key as a private JWK (for an entry file to persist). */
export async function generateKeyJwk(): Promise<PrivateKeyJwk> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x as string, d: jwk.d as string };
}

/**
 * Describes the public half of an Ed25519 key controlled by `controller`. The verification
 * method fragment is the key's RFC 7638 thumbprint, so a rotated key gets a new, stable id.
 */
export async function describePublicKey(x: string, controller: string): Promise<PublicIssuerKey> {
  const publicKey = fromBase64url(x);
  if (publicKey.length !== 32) throw new TypeError('an Ed25519 public key has 32 bytes');
  const publicKeyMultibase = encodeMultikey(publicKey);
  const didKey = didKeyFromPublicKey(publicKey);
  let id: string;
  if (controller.startsWith('did:key:')) {
    // A did:key has exactly one verification method, named by the key itself.
    if (controller !== didKey) throw new TypeError(`${controller} is not the did:key of this key`);
    id = `${didKey}#${publicKeyMultibase}`;
  } else {
    id = `${controller}#${await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x })}`;
  }
  return {
    id,
    controller,
    publicKey,
    publicKeyMultibase,
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x, kid: id, alg: 'EdDSA', use: 'sig' },
    didKey,
  };
}

export async function loadSigningKey(jwk: PrivateKeyJwk, controller: string, provider: CryptoProvider): Promise<SigningKey> {
  const [described, signer] = await Promise.all([describePublicKey(jwk.x, controller), provider.signer(jwk)]);
  return { ...described, signer };
}

/** Strips a signing key down to what may be published. */
export const publicPart = ({ id, controller, publicKey, publicKeyMultibase, publicJwk, didKey, compromisedAt }: PublicIssuerKey): PublicIssuerKey => ({
  id, controller, publicKey, publicKeyMultibase, publicJwk, didKey, compromisedAt: compromisedAt ?? null,
});
