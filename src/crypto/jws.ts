import { fromBase64url, utf8 } from './encoding.js';
import type { SignatureVerifier } from './provider.js';

const SEGMENT = /^[A-Za-z0-9_-]*$/;
const decoder = new TextDecoder('utf-8', { fatal: true });

function protectedHeader(segment: string): Record<string, unknown> | null {
  try {
    const header: unknown = JSON.parse(decoder.decode(fromBase64url(segment)));
    return header && typeof header === 'object' && !Array.isArray(header) ? (header as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Checks a compact JWS signed with EdDSA (Ed25519) against one key, through the runtime's
 * {@link SignatureVerifier} rather than a second Web Crypto import of the same key.
 *
 * Accepts only what a vc+jwt needs: three base64url segments, a JSON object protected header
 * whose `alg` is `EdDSA`, no `crit` (no extension is understood here, so none can be honoured
 * as critical: RFC 7515 §4.1.11) and no `b64`, and a 64-byte signature over the ASCII of
 * `header.payload`. Anything else is false; it never throws for bad input. The caller still
 * decides which key may sign (the `kid` and the headers that must never name a key).
 */
export async function verifyEdDsaCompactJws(jws: string, verifier: SignatureVerifier): Promise<boolean> {
  const parts = jws.split('.');
  if (parts.length !== 3) return false;
  const [header, payload, signature] = parts as [string, string, string];
  if (!header || !signature || !SEGMENT.test(header) || !SEGMENT.test(payload) || !SEGMENT.test(signature)) return false;
  const parsed = protectedHeader(header);
  if (!parsed || parsed.alg !== 'EdDSA' || 'crit' in parsed || 'b64' in parsed) return false;
  let signatureBytes: Uint8Array;
  try {
    signatureBytes = fromBase64url(signature);
  } catch {
    return false;
  }
  if (signatureBytes.length !== 64) return false;
  try {
    return await verifier.verify(signatureBytes, utf8(`${header}.${payload}`));
  } catch {
    return false;
  }
}
