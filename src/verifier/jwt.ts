import { decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose';
import { fromBase64url } from '../crypto/encoding.js';
import { JWS_ALGS, verifyCompactJws } from '../crypto/jws.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import { parseBoundedJson, type BoundedJson } from '../schemas/json-bounds.js';
import type { Check, CheckId } from '../schemas/report.js';
import { failed, passed, skipped } from './checks.js';
import { compromiseProblem, futureProblem, signingTimeOf } from './di-proof.js';
import type { KeyPurpose, Resolution } from './resolve.js';
import { issuerCheck, type DecodedJwt, type VerifierDeps } from './report-parts.js';

const FORBIDDEN_HEADERS = ['jwk', 'jku', 'x5u', 'x5c', 'x5t', 'x5t#S256'] as const;
const ACCEPTED_ALGS = Object.keys(JWS_ALGS).join(', ');

/** The payload of a compact JWS as JSON (depth-bounded), unverified; or why it is not. */
function readJwtPayload(jwt: string): BoundedJson {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(jwt.split('.')[1] ?? ''));
  } catch {
    return { ok: false, problem: 'invalid', message: 'not base64url-encoded UTF-8' };
  }
  return parseBoundedJson(text);
}

/** The payload of a compact JWS as JSON, unverified; null when it is not (bounded) JSON. */
export function decodeJwtPayload(jwt: string): unknown {
  const payload = readJwtPayload(jwt);
  return payload.ok ? payload.value : null;
}

export function decodeJwtParts(jwt: string): DecodedJwt | string {
  const parts = jwt.split('.');
  if (parts.length !== 3) return 'not a compact JWS: it must have three dot-separated parts';
  const payload = readJwtPayload(jwt);
  if (!payload.ok && payload.problem === 'too-deep') return `the JWT payload is refused: ${payload.message}`;
  try {
    const header = decodeProtectedHeader(jwt);
    if (!payload.ok || payload.value === null || typeof payload.value !== 'object' || Array.isArray(payload.value)) throw new TypeError('payload');
    return { header, payload: payload.value as Record<string, unknown> };
  } catch {
    return 'the JWT header or payload is not base64url-encoded JSON';
  }
}

/** Seconds since the epoch (a JWT NumericDate) as a date-time, or undefined when it is not one. */
export function numericDate(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 1e11 ? toDateTimeStamp(new Date(value * 1000)) : undefined;
}

/**
 * The key a JWT names: its `kid`, made absolute against the signer's DID when it is a bare
 * fragment. Without a `kid`, a did:key or did:jwk signer names its one key.
 */
function keyIdOf(header: ProtectedHeaderParameters, signer: string): string | null {
  const kid = header.kid;
  if (typeof kid === 'string') return kid.startsWith('#') ? `${signer}${kid}` : kid;
  if (kid !== undefined) return null;
  if (signer.startsWith('did:key:')) return `${signer}#${signer.slice('did:key:'.length)}`;
  if (signer.startsWith('did:jwk:')) return `${signer}#0`;
  return null;
}

export interface JwtSignatureChecks {
  key: Check;
  proof: Check;
  /** When the JWT says it was signed (`iat`), if it says so plausibly. */
  signedAt?: string;
}

/**
 * Checks a JWT's header and signature: an accepted `alg` matching the key type, no key in or
 * linked from the header, a `typ` the form allows, and a signature by a key of `signer` (the
 * issuer, or the holder) that resolves for `purpose`. Outcomes are checks, never exceptions.
 */
export async function checkJwtSignature(
  deps: VerifierDeps,
  jwt: string,
  header: ProtectedHeaderParameters,
  payload: Record<string, unknown>,
  expect: { signer: string; purpose: KeyPurpose; keyCheck: CheckId; types: readonly (string | undefined)[]; credentialId?: unknown; claimedTime?: string },
): Promise<JwtSignatureChecks> {
  const now = deps.clock();
  const alg = typeof header.alg === 'string' && Object.hasOwn(JWS_ALGS, header.alg) ? JWS_ALGS[header.alg] : undefined;
  const kid = keyIdOf(header, expect.signer);
  const headerProblem =
    !alg ? `alg ${String(header.alg)} is refused: only ${ACCEPTED_ALGS} are accepted`
    : FORBIDDEN_HEADERS.some((h) => h in header) ? 'a key embedded in or linked from the header is never trusted'
    : 'crit' in header ? 'the header names critical extensions this verifier does not understand'
    : !expect.types.includes(header.typ) ? `typ ${String(header.typ)} is not one this form allows`
    : kid === null ? 'the header has no kid naming the signer\'s key'
    : null;
  if (headerProblem || !alg || kid === null) {
    return { key: skipped(expect.keyCheck, 'the header names no usable key'), proof: failed('proof', headerProblem ?? 'unusable header') };
  }
  const resolution: Resolution = kid.split('#')[0] !== expect.signer
    ? { status: 'unresolved', reason: `the signing key ${kid} is not a key of ${expect.signer}` }
    : await deps.resolver.resolve(kid, expect.purpose);
  const key = expect.keyCheck === 'issuer' ? issuerCheck(resolution, expect.signer)
    : resolution.status === 'resolved' ? passed(expect.keyCheck, `signing key ${kid} belongs to ${expect.signer}`)
    : resolution.status === 'unsupported' ? skipped(expect.keyCheck, resolution.reason) : failed(expect.keyCheck, resolution.reason);
  if (resolution.status !== 'resolved') {
    const proof = resolution.status === 'unsupported'
      ? skipped('proof', 'not checked: the signing key could not be resolved')
      : failed('proof', 'not checked: the signing key is not the signer\'s');
    return { key, proof };
  }
  if (alg.key !== resolution.key.algorithm) return { key, proof: failed('proof', `alg ${String(header.alg)} cannot be used with a ${resolution.key.algorithm} key`) };
  const iat = numericDate(payload.iat);
  const future = futureProblem(iat, now);
  // A JWT carries no signing time but its `iat`; without one, the claimed validity start stands for it.
  const compromised = resolution.key.compromisedAt
    ? compromiseProblem(kid, resolution.key.compromisedAt, await signingTimeOf(deps.issuedAt, resolution.via, expect.credentialId, expect.claimedTime))
    : null;
  const proof = !(await verifyCompactJws(jwt, resolution.key.algorithm, resolution.key.verifier))
    ? failed('proof', 'the signature does not match the content: it was altered after signing, or signed by another key')
    : future ? failed('proof', future)
    : compromised ? failed('proof', compromised, 'key_compromised')
    : passed('proof', `${String(header.alg)} signature by ${kid} matches the content`);
  return { key, proof, ...(iat !== undefined && future === null ? { signedAt: iat } : {}) };
}
