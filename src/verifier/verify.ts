import { issuerIdOf, validityOf, type JsonObject } from '../schemas/credential.js';
import type { VerificationReport } from '../schemas/report.js';
import { failed, validityCheck } from './checks.js';
import { checkDataIntegrityProofs } from './di-proof.js';
import { envelopedJwt } from './envelope.js';
import { verifyJwtCredential } from './jwt-credential.js';
import { formatCheck, legacyModelOf, report, statusAfter, type VerifierDeps, type VerifyInput } from './report-parts.js';
import { signedClaimsProblem } from './signed-claims.js';

export type { VerifierDeps, VerifyInput } from './report-parts.js';
export { decodeJwtPayload } from './jwt.js';

const isDid = (id: string): boolean => id.startsWith('did:');

async function verifyDataIntegrity(deps: VerifierDeps, document: JsonObject, now: Date): Promise<VerificationReport> {
  const { check: format, credential } = formatCheck(document);
  if (!credential) return report('data-integrity', [format], null, now);
  const legacy = legacyModelOf(credential);
  const validity = validityCheck(validityOf(credential).from, validityOf(credential).until, now);
  const issuerId = issuerIdOf(credential);
  // No key can be tied to an issuer that is not a DID; the VC API leaves that to its caller.
  const unbound = deps.issuerBinding === 'did-issuers' && !isDid(issuerId);
  const checked = await checkDataIntegrityProofs(deps, document, {
    purpose: 'assertionMethod',
    ...(unbound ? {} : { controller: issuerId }),
    keyCheck: 'issuer',
  });
  const { proof, signedGraph } = checked;
  const key = unbound && checked.key.status === 'passed'
    ? { ...checked.key, message: `${checked.key.message}; the issuer ${issuerId} is not a DID, so no key can be tied to it: whether this key speaks for it is the caller's decision` }
    : checked.key;
  // The JSON must say what the signature covers, or the checks below and the report would
  // read something else than what is signed (src/verifier/signed-claims.ts).
  const hidden = signedGraph === undefined ? null : signedClaimsProblem(credential, signedGraph);
  if (hidden) return report('data-integrity', [failed('format', hidden), key, proof, validity], credential, now, legacy);
  const after = await statusAfter(deps, proof, credential, issuerProofCreated(document, issuerId));
  return report('data-integrity', [format, key, proof, validity, ...after], credential, now, legacy);
}

/** When the issuer's own Data Integrity proof says it was made (the first proof by the issuer's key). */
function issuerProofCreated(document: JsonObject, issuerId: string): string | undefined {
  const proofs = ([] as unknown[]).concat(document.proof ?? []);
  const own = proofs.find((p): p is JsonObject =>
    typeof p === 'object' && p !== null && typeof (p as JsonObject).verificationMethod === 'string' && ((p as JsonObject).verificationMethod as string).split('#')[0] === issuerId);
  return typeof own?.created === 'string' ? own.created : undefined;
}

/**
 * Verifies a credential (Data Integrity secured JSON, a credential JWT, or an
 * EnvelopedVerifiableCredential holding one) and returns the outcome as a report. Forged,
 * altered, expired or unreadable credentials are reports with failed checks; only
 * infrastructure failures throw.
 */
export async function verifyCredential(deps: VerifierDeps, input: VerifyInput): Promise<VerificationReport> {
  const outcome = await verifyOnce(deps, input);
  deps.observe?.(outcome);
  return outcome;
}

async function verifyOnce(deps: VerifierDeps, input: VerifyInput): Promise<VerificationReport> {
  const now = deps.clock();
  if (input.kind === 'jwt') return verifyJwtCredential(deps, input.jwt.trim(), now, input.decoded);
  const doc = input.credential;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    return report('data-integrity', [failed('format', 'a credential must be a JSON object')], null, now);
  }
  const enveloped = envelopedJwt(doc as JsonObject, 'credential');
  if (enveloped === null) return verifyDataIntegrity(deps, doc as JsonObject, now);
  if (typeof enveloped === 'string') return report('vc+jwt', [failed('format', enveloped)], null, now);
  return verifyJwtCredential(deps, enveloped.jwt, now);
}

/** The report for a link to this service whose id it never issued. */
export const notIssuedReport = (now: Date): VerificationReport =>
  report(null, [failed('found', 'this service never issued a credential with this id')], null, now);

/** Verifies a credential this service stored, from its stored bytes (so tampering in the database shows). */
export const verifyStored = (deps: VerifierDeps, stored: { diJson: string }): Promise<VerificationReport> =>
  verifyCredential(deps, { kind: 'credential', credential: JSON.parse(stored.diJson) as unknown });
