import type { SignatureVerifier } from './provider.js';

export type EcdsaCurve = 'P-256' | 'P-384';

/** Bytes of a signature in IEEE P1363 form (r ‖ s), as JWS and the ECDSA cryptosuites carry it. */
export const ECDSA_SIGNATURE_BYTES: Record<EcdsaCurve, number> = { 'P-256': 64, 'P-384': 96 };

/**
 * Verifies ECDSA signatures by one public key (an SEC1 point, compressed or not): the message
 * is hashed with the curve's hash (SHA-256 for P-256, SHA-384 for P-384), as ES256/ES384 and
 * the ECDSA cryptosuites require. High-S signatures are accepted: Web Crypto, which most
 * signers use, does not normalise S, and @noble/curves refuses such signatures by default
 * (about half of real ones). Throws TypeError for a point not on the curve.
 *
 * @noble/curves is loaded on first use, not at import: its curves draw random bytes when
 * built (to probe the RNG for signing), which workerd refuses in a Worker's global scope.
 */
export async function ecdsaVerifier(curve: EcdsaCurve, point: Uint8Array): Promise<SignatureVerifier> {
  const { p256, p384 } = await import('./nist-curves.js');
  const c = curve === 'P-256' ? p256 : p384;
  try {
    c.Point.fromBytes(point).assertValidity();
  } catch {
    throw new TypeError(`not a ${curve} public key`);
  }
  return {
    async verify(signature, data) {
      if (signature.length !== ECDSA_SIGNATURE_BYTES[curve]) return false;
      try {
        return c.verify(signature, data, point, { lowS: false, prehash: true, format: 'compact' });
      } catch {
        return false;
      }
    },
  };
}
