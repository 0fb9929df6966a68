import { decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose';
import type { CryptoProvider } from '../crypto/provider.js';
import { fromBase64url } from '../crypto/encoding.js';
import { verifyEdDsaCompactJws } from '../crypto/jws.js';
import { CredentialSchema, issuerIdOf, validityOf, type Credential, type JsonObject } from '../schemas/credential.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import type { Check, CredentialFormat, VerificationReport } from '../schemas/report.js';
import { failed, passed, skipped, validityCheck } from './checks.js';
import type { KeyResolver, Resolution } from './resolve.js';
import { summarize } from './summary.js';
import { checkDataIntegrityProofs, compromiseProblem, signingTimeOf } from './di-proof.js';

export interface VerifierDeps {
  resolver: KeyResolver;
  crypto: CryptoProvider;
  clock: () => Date;
  /** The revocation/suspension checks; absent = status is not checked (as for a status list itself). */
  status?: (credential: Credential) => Promise<Check[]>;
  /** When this service issued the credential with this `id` (null: never); used to judge keys reported compromised. */
  issuedAt?: (credentialId: string) => Promise<string | null>;
  /** The accreditation check against the ministry's registry; absent = not checked. */
  accreditation?: (issuerDid: string, issuedAt: string | undefined) => Promise<Check>;
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

async function resolveFor(deps: VerifierDeps, verificationMethod: string, issuerId: string): Promise<Resolution> {
  if (didOf(verificationMethod) !== issuerId) {
    return { status: 'unresolved', reason: `the signing key ${verificationMethod} is not a key of the issuer ${issuerId}` };
  }
  return deps.resolver.resolve(verificationMethod);
}

async function verifyDataIntegrity(deps: VerifierDeps, document: JsonObject, now: Date): Promise<VerificationReport> {
  const { check: format, credential } = formatCheck(document);
  if (!credential) return report('data-integrity', [format], null, now);
  const validity = validityCheck(validityOf(credential).from, validityOf(credential).until, now);
  const { key, proof } = await checkDataIntegrityProofs(deps, document, {
    purpose: 'assertionMethod',
    controller: issuerIdOf(credential),
    keyCheck: 'issuer',
  });
  return report('data-integrity', [format, key, proof, validity, ...(await statusAfter(deps, proof, credential))], credential, now);
}

/**
 * Status and accreditation are looked up only for a credential whose proof holds, so forged
 * input never makes the verifier fetch anything.
 */
async function statusAfter(deps: VerifierDeps, proof: Check, credential: Credential): Promise<Check[]> {
  if (proof.status !== 'passed') return [];
  const [status, accreditation] = await Promise.all([
    deps.status ? deps.status(credential) : [],
    deps.accreditation ? deps.accreditation(issuerIdOf(credential), validityOf(credential).from) : null,
  ]);
  return accreditation ? [...status, accreditation] : status;
}

const FORBIDDEN_HEADERS = ['jwk', 'jku', 'x5u', 'x5c', 'x5t', 'x5t#S256'] as const;

/** The payload of a compact JWS as JSON, unverified; null when it is not JSON. */
export function decodeJwtPayload(jwt: string): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(jwt.split('.')[1] ?? ''))) as unknown;
  } catch {
    return null;
  }
}

function decodeJwtParts(jwt: string): { header: ProtectedHeaderParameters; payload: unknown } | string {
  const parts = jwt.split('.');
  if (parts.length !== 3) return 'not a compact JWS: it must have three dot-separated parts';
  try {
    const header = decodeProtectedHeader(jwt);
    const payload = decodeJwtPayload(jwt);
    if (payload === null) throw new TypeError('payload');
    return { header, payload };
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
    header.alg !== 'EdDSA' ? `alg ${String(header.alg)} is refused: only EdDSA is accepted`
    : FORBIDDEN_HEADERS.some((h) => h in header) ? 'a key embedded in or linked from the header is never trusted'
    : header.typ !== undefined && header.typ !== 'vc+jwt' && header.typ !== 'application/vc+jwt' ? `typ ${String(header.typ)} is not vc+jwt`
    : typeof header.kid !== 'string' ? 'the header has no kid naming the issuer\'s key'
    : null;
  if (headerProblem) {
    return report('vc+jwt', [format, skipped('issuer', 'the header names no usable key'), failed('proof', headerProblem), validity], credential, now);
  }
  const kid = header.kid as string;
  const resolution = await resolveFor(deps, kid, issuerId);
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
  const proofCheck = !(await verifyEdDsaCompactJws(jwt, resolution.key.verifier))
    ? failed('proof', 'the signature does not match the content: the credential was altered after signing, or signed by another key')
    : compromised ? failed('proof', compromised, 'key_compromised')
    : passed('proof', `EdDSA signature by ${kid} matches the content`);
  return report('vc+jwt', [format, issuer, proofCheck, validity, ...(await statusAfter(deps, proofCheck, credential))], credential, now);
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
