import { decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose';
import type { CryptoProvider } from '../crypto/provider.js';
import { fromBase64url } from '../crypto/encoding.js';
import { verifyEdDsaCompactJws } from '../crypto/jws.js';
import { CredentialSchema, issuerIdOf, validityOf, type Credential, type JsonObject } from '../schemas/credential.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import { parseBoundedJson, type BoundedJson } from '../schemas/json-bounds.js';
import type { Check, CredentialFormat, VerificationReport } from '../schemas/report.js';
import { failed, passed, skipped, validityCheck } from './checks.js';
import type { KeyResolver, Resolution } from './resolve.js';
import { summarize } from './summary.js';
import { signedClaimsProblem } from './signed-claims.js';
import { checkDataIntegrityProofs, compromiseProblem, futureProblem, signingTimeOf } from './di-proof.js';
import { verifyEs256CompactJws, type OwnP256Resolver } from './own-keys.js';

export interface VerifierDeps {
  resolver: KeyResolver;
  crypto: CryptoProvider;
  clock: () => Date;
  /** The revocation/suspension checks; absent = status is not checked (as for a status list itself). */
  status?: (credential: Credential) => Promise<Check[]>;
  /** When this service issued the credential with this `id` (null: never); used to judge keys reported compromised. */
  issuedAt?: (credentialId: string) => Promise<string | null>;
  /**
   * The accreditation check against the ministry's registry (src/verifier/accreditation.ts):
   * on the completion date (validFrom) and at the signing time; absent = not checked.
   */
  accreditation?: (issuerDid: string, dates: { completedAt?: string; signedAt?: string }) => Promise<Check>;
  /** The P-256 keys of this service's own issuers, for their ES256 vc+jwt (src/verifier/own-keys.ts); absent = ES256 is refused. */
  ownP256?: OwnP256Resolver;
}

export type VerifyInput = { kind: 'credential'; credential: unknown } | { kind: 'jwt'; jwt: string };

const report = (
  format: CredentialFormat | null,
  checks: Check[],
  credential: Credential | null,
  now: Date,
): VerificationReport => ({
  verified: checks.length > 0 && checks.every((c) => c.status === 'passed'),
  format,
  checks,
  credential: credential ? summarize(credential) : null,
  verifiedAt: toDateTimeStamp(now),
});

function formatCheck(candidate: unknown): { check: Check; credential: Credential | null } {
  const parsed = CredentialSchema.safeParse(candidate);
  if (parsed.success) return { check: passed('format', 'a VC Data Model 2.0 credential'), credential: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return { check: failed('format', `not a valid credential: ${where}${issue?.message ?? 'invalid'}`), credential: null };
}

function issuerCheck(resolution: Resolution, issuerId: string): Check {
  if (resolution.status === 'resolved') {
    const where = resolution.via === 'local' ? 'an issuer hosted by this service' : 'a did:key';
    return passed('issuer', `signing key ${resolution.key.id} belongs to ${issuerId} (${where})`);
  }
  if (resolution.status === 'unsupported') return skipped('issuer', resolution.reason);
  return failed('issuer', resolution.reason);
}

const didOf = (verificationMethod: string): string => verificationMethod.split('#')[0] ?? '';

async function resolveFor(deps: VerifierDeps, verificationMethod: string, issuerId: string, alg: 'EdDSA' | 'ES256' = 'EdDSA'): Promise<Resolution> {
  if (didOf(verificationMethod) !== issuerId) {
    return { status: 'unresolved', reason: `the signing key ${verificationMethod} is not a key of the issuer ${issuerId}` };
  }
  // The algorithm picks the kind of key: an ES256 header is checked only against P-256 keys.
  if (alg === 'ES256') return deps.ownP256 ? deps.ownP256(verificationMethod) : { status: 'unsupported', reason: 'ES256 is not verified here' };
  return deps.resolver.resolve(verificationMethod);
}

async function verifyDataIntegrity(deps: VerifierDeps, document: JsonObject, now: Date): Promise<VerificationReport> {
  const { check: format, credential } = formatCheck(document);
  if (!credential) return report('data-integrity', [format], null, now);
  const validity = validityCheck(validityOf(credential).from, validityOf(credential).until, now);
  const { key, proof, signedGraph } = await checkDataIntegrityProofs(deps, document, {
    purpose: 'assertionMethod',
    controller: issuerIdOf(credential),
    keyCheck: 'issuer',
  });
  // The JSON must say what the signature covers, or the checks below and the report would
  // read something else than what is signed (src/verifier/signed-claims.ts).
  const hidden = signedGraph === undefined ? null : signedClaimsProblem(credential, signedGraph);
  if (hidden) return report('data-integrity', [failed('format', hidden), key, proof, validity], credential, now);
  const after = await statusAfter(deps, proof, credential, issuerProofCreated(document, issuerIdOf(credential)));
  return report('data-integrity', [format, key, proof, validity, ...after], credential, now);
}

/**
 * Status and accreditation are looked up only for a credential whose proof holds, so forged
 * input never makes the verifier fetch anything.
 */
async function statusAfter(deps: VerifierDeps, proof: Check, credential: Credential, claimedSigningTime?: string): Promise<Check[]> {
  if (proof.status !== 'passed') return [];
  const signedAt = async () => {
    // This service's issue record, when it issued the credential, over what the proof claims.
    const recorded = deps.issuedAt && typeof credential.id === 'string' ? await deps.issuedAt(credential.id) : null;
    return recorded ?? claimedSigningTime;
  };
  const [status, accreditation] = await Promise.all([
    deps.status ? deps.status(credential) : [],
    deps.accreditation ? deps.accreditation(issuerIdOf(credential), { completedAt: validityOf(credential).from, signedAt: await signedAt() }) : null,
  ]);
  return accreditation ? [...status, accreditation] : status;
}

/** When the issuer's own Data Integrity proof says it was made (the first proof by the issuer's key). */
function issuerProofCreated(document: JsonObject, issuerId: string): string | undefined {
  const proofs = ([] as unknown[]).concat(document.proof ?? []);
  const own = proofs.find((p): p is JsonObject =>
    typeof p === 'object' && p !== null && typeof (p as JsonObject).verificationMethod === 'string' && ((p as JsonObject).verificationMethod as string).split('#')[0] === issuerId);
  return typeof own?.created === 'string' ? own.created : undefined;
}

const FORBIDDEN_HEADERS = ['jwk', 'jku', 'x5u', 'x5c', 'x5t', 'x5t#S256'] as const;

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

function decodeJwtParts(jwt: string): { header: ProtectedHeaderParameters; payload: unknown } | string {
  const parts = jwt.split('.');
  if (parts.length !== 3) return 'not a compact JWS: it must have three dot-separated parts';
  const payload = readJwtPayload(jwt);
  if (!payload.ok && payload.problem === 'too-deep') return `the JWT payload is refused: ${payload.message}`;
  try {
    const header = decodeProtectedHeader(jwt);
    if (!payload.ok || payload.value === null) throw new TypeError('payload');
    return { header, payload: payload.value };
  } catch {
    return 'the JWT header or payload is not base64url-encoded JSON';
  }
}

async function verifyJwt(deps: VerifierDeps, jwt: string, now: Date): Promise<VerificationReport> {
  const decoded = decodeJwtParts(jwt);
  if (typeof decoded === 'string') return report('vc+jwt', [failed('format', decoded)], null, now);
  const { header, payload } = decoded;
  const { check: format, credential } = formatCheck(payload);
  if (!credential) return report('vc+jwt', [format], null, now);
  const validity = validityCheck(validityOf(credential).from, validityOf(credential).until, now);
  const issuerId = issuerIdOf(credential);

  const headerProblem =
    header.alg !== 'EdDSA' && header.alg !== 'ES256' ? `alg ${String(header.alg)} is refused: only EdDSA (and ES256 from this service's own issuers) is accepted`
    : FORBIDDEN_HEADERS.some((h) => h in header) ? 'a key embedded in or linked from the header is never trusted'
    : header.typ !== undefined && header.typ !== 'vc+jwt' && header.typ !== 'application/vc+jwt' ? `typ ${String(header.typ)} is not vc+jwt`
    : typeof header.kid !== 'string' ? 'the header has no kid naming the issuer\'s key'
    : null;
  if (headerProblem) {
    return report('vc+jwt', [format, skipped('issuer', 'the header names no usable key'), failed('proof', headerProblem), validity], credential, now);
  }
  const kid = header.kid as string;
  const alg = header.alg as 'EdDSA' | 'ES256';
  const resolution = await resolveFor(deps, kid, issuerId, alg);
  const issuer = issuerCheck(resolution, issuerId);
  if (resolution.status !== 'resolved') {
    const proofCheck = resolution.status === 'unsupported'
      ? skipped('proof', 'not checked: the issuer key could not be resolved')
      : failed('proof', 'not checked: the signing key is not the issuer\'s');
    return report('vc+jwt', [format, issuer, proofCheck, validity], credential, now);
  }
  // A vc+jwt carries no signing time of its own; its validFrom stands for it.
  const compromised = resolution.key.compromisedAt
    ? compromiseProblem(kid, resolution.key.compromisedAt, await signingTimeOf(deps.issuedAt, resolution.via, credential.id, validityOf(credential).from))
    : null;
  // A vc+jwt says when it was made only if it carries `iat` (seconds): the same rule as a proof's created.
  const iat = (payload as { iat?: unknown }).iat;
  const future = typeof iat === 'number' && Number.isFinite(iat) && Math.abs(iat) < 1e13
    ? futureProblem(toDateTimeStamp(new Date(iat * 1000)), now)
    : null;
  const signatureOk = alg === 'ES256' ? await verifyEs256CompactJws(jwt, resolution.key.verifier) : await verifyEdDsaCompactJws(jwt, resolution.key.verifier);
  const proofCheck = !signatureOk
    ? failed('proof', 'the signature does not match the content: the credential was altered after signing, or signed by another key')
    : future ? failed('proof', future)
    : compromised ? failed('proof', compromised, 'key_compromised')
    : passed('proof', `${alg} signature by ${kid} matches the content`);
  const signedAt = typeof iat === 'number' && future === null && Math.abs(iat) < 1e13 ? toDateTimeStamp(new Date(iat * 1000)) : undefined;
  return report('vc+jwt', [format, issuer, proofCheck, validity, ...(await statusAfter(deps, proofCheck, credential, signedAt))], credential, now);
}

/**
 * Verifies a credential (Data Integrity secured JSON, or a vc+jwt) and returns the outcome as
 * a report. Forged, altered, expired or unreadable credentials are reports with failed
 * checks; only infrastructure failures throw.
 */
export async function verifyCredential(deps: VerifierDeps, input: VerifyInput): Promise<VerificationReport> {
  const now = deps.clock();
  if (input.kind === 'jwt') return verifyJwt(deps, input.jwt.trim(), now);
  const doc = input.credential;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    return report('data-integrity', [failed('format', 'a credential must be a JSON object')], null, now);
  }
  return verifyDataIntegrity(deps, doc as JsonObject, now);
}

/** The report for a link to this service whose id it never issued. */
export const notIssuedReport = (now: Date): VerificationReport =>
  report(null, [failed('found', 'this service never issued a credential with this id')], null, now);

/** Verifies a credential this service stored, from its stored bytes (so tampering in the database shows). */
export const verifyStored = (deps: VerifierDeps, stored: { diJson: string }): Promise<VerificationReport> =>
  verifyCredential(deps, { kind: 'credential', credential: JSON.parse(stored.diJson) as unknown });
