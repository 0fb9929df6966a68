import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { CryptoProvider } from '../../crypto/provider.js';
import { toBase64url } from '../../crypto/encoding.js';

/**
 * Ed25519 and SHA-256 on node:crypto KeyObjects: synchronous native calls, several times
 * faster per operation than Web Crypto's promise-and-thread-pool path on the same keys.
 */
export const nodeCryptoProvider: CryptoProvider = {
  name: 'node:crypto',
  async signer(jwk) {
    const key = createPrivateKey({ key: { ...jwk }, format: 'jwk' });
    return { sign: async (data) => new Uint8Array(sign(null, data, key)) };
  },
  async verifier(publicKey) {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: toBase64url(publicKey) }, format: 'jwk' });
    return { verify: async (signature, data) => verify(null, data, key, signature) };
  },
  async sha256(data) {
    return new Uint8Array(createHash('sha256').update(data).digest());
  },
};
