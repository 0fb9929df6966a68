import { fromBase64url, toBase64url, utf8 } from './encoding.js';
import type { SignatureVerifier, Signer } from './provider.js';
import type { KeyAlgorithm } from './public-key.js';

const SEGMENT = /^[A-Za-z0-9_-]*$/;
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The JWS `alg` values accepted, by the key type that may use them: EdDSA (and the fully
 * specified "Ed25519" of RFC 9864) for Ed25519 keys, ES256 for P-256, ES384 for P-384.
 * Nothing else: no `none`, no HMAC, no RSA.
 */
export const JWS_ALGS: Record<string, { key: KeyAlgorithm; signatureBytes: number }> = {
  EdDSA: { key: 'Ed25519', signatureBytes: 64 },
  Ed25519: { key: 'Ed25519', signatureBytes: 64 },
  ES256: { key: 'P-256', signatureBytes: 64 },
  ES384: { key: 'P-384', signatureBytes: 96 },
};

function protectedHeader(segment: string): Record<string, unknown> | null {
  try {
    const header: unknown = JSON.parse(decoder.decode(fromBase64url(segment)));
    return header && typeof header === 'object' && !Array.isArray(header) ? (header as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Checks a compact JWS against one key of type `key`, through its {@link SignatureVerifier}.
 *
 * Accepts only what a VC or VP JWT needs: three base64url segments, a JSON object protected
 * header whose `alg` is one {@link JWS_ALGS} allows for this key type, no `crit` (no extension
 * is understood here, so none can be honoured as critical: RFC 7515 §4.1.11) and no `b64`, and
 * a signature of the algorithm's size over the ASCII of `header.payload`. Anything else is
 * false; it never throws for bad input. The caller still decides which key may sign (the
 * `kid` and the headers that must never name a key).
 */
export async function verifyCompactJws(
  jws: string,
  key: KeyAlgorithm,
  verifier: SignatureVerifier,
  algs: readonly string[] = Object.keys(JWS_ALGS),
): Promise<boolean> {
  const parts = jws.split('.');
  if (parts.length !== 3) return false;
  const [header, payload, signature] = parts as [string, string, string];
  if (!header || !signature || !SEGMENT.test(header) || !SEGMENT.test(payload) || !SEGMENT.test(signature)) return false;
  const parsed = protectedHeader(header);
  const alg = typeof parsed?.alg === 'string' && Object.hasOwn(JWS_ALGS, parsed.alg) && algs.includes(parsed.alg) ? JWS_ALGS[parsed.alg] : undefined;
  if (!parsed || !alg || alg.key !== key || 'crit' in parsed || 'b64' in parsed) return false;
  let signatureBytes: Uint8Array;
  try {
    signatureBytes = fromBase64url(signature);
  } catch {
    return false;
  }
  if (signatureBytes.length !== alg.signatureBytes) return false;
  try {
    return await verifier.verify(signatureBytes, utf8(`${header}.${payload}`));
  } catch {
    return false;
  }
}

/** {@link verifyCompactJws} for an Ed25519 key and `alg` EdDSA only: what this service signs. */
export const verifyEdDsaCompactJws = (jws: string, verifier: SignatureVerifier): Promise<boolean> =>
  verifyCompactJws(jws, 'Ed25519', verifier, ['EdDSA']);

/**
 * A compact JWS (RFC 7515): base64url(JSON header) . base64url(payload) . signature, the
 * signature made by `signer` over the ASCII of the first two. The signer's output is the JWS
 * signature as is: Ed25519's 64 bytes, or ECDSA's r ‖ s (what Web Crypto returns).
 */
export async function signCompactJws(header: Record<string, unknown>, payload: Uint8Array, signer: Signer): Promise<string> {
  const signingInput = `${toBase64url(utf8(JSON.stringify(header)))}.${toBase64url(payload)}`;
  return `${signingInput}.${toBase64url(await signer.sign(utf8(signingInput)))}`;
}
