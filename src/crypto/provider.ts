/**
 * The Ed25519 and SHA-256 primitives the core rests on. The default implementation uses
 * Web Crypto, which every supported runtime has; an entry file may hand in a faster native
 * one (the Node server does: node:crypto KeyObjects skip Web Crypto's thread-pool hop).
 */
export interface PrivateKeyJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  d: string;
}

export interface Signer {
  sign(data: Uint8Array): Promise<Uint8Array>;
}

export interface SignatureVerifier {
  verify(signature: Uint8Array, data: Uint8Array): Promise<boolean>;
}

export interface CryptoProvider {
  readonly name: string;
  signer(jwk: PrivateKeyJwk): Promise<Signer>;
  /** `publicKey` is the raw 32-byte Ed25519 key. */
  verifier(publicKey: Uint8Array): Promise<SignatureVerifier>;
  sha256(data: Uint8Array): Promise<Uint8Array>;
}

const ED25519 = { name: 'Ed25519' } as const;

export const webCryptoProvider: CryptoProvider = {
  name: 'webcrypto',
  async signer(jwk) {
    const key = await crypto.subtle.importKey('jwk', { ...jwk, ext: false }, ED25519, false, ['sign']);
    return { sign: async (data) => new Uint8Array(await crypto.subtle.sign(ED25519, key, data as BufferSource)) };
  },
  async verifier(publicKey) {
    const key = await crypto.subtle.importKey('raw', publicKey as BufferSource, ED25519, false, ['verify']);
    return {
      verify: (signature, data) => crypto.subtle.verify(ED25519, key, signature as BufferSource, data as BufferSource),
    };
  },
  async sha256(data) {
    return new Uint8Array(await crypto.subtle.digest('SHA-256', data as BufferSource));
  },
};
