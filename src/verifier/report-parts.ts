import type { ProtectedHeaderParameters } from 'jose';
import type { CryptoProvider } from '../crypto/provider.js';
import { CredentialSchema, issuerIdOf, validityOf, type Credential } from '../schemas/credential.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import type { Check, CredentialFormat, LegacyForm, VerificationReport } from '../schemas/report.js';
import { failed, passed, skipped } from './checks.js';
import type { KeyResolver, Resolution } from './resolve.js';
import { summarize } from './summary.js';

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
  /**
   * Whether an embedded proof's key must belong to an issuer that is not a DID (an https URL,
   * which no key can be tied to by any standard means). `always` (the default; the skillcert
   * API and pages): such a credential's issuer check fails. `did-issuers` (the W3C VC API,
   * which leaves trust to its caller): the proof is checked, and the report says the key is
   * not tied to the issuer.
   */
  issuerBinding?: 'always' | 'did-issuers';
  /** Told every report a caller receives (metrics count verdicts); not told of status lists' own checks. */
  observe?: (report: VerificationReport) => void;
}

export type VerifyInput =
  | { kind: 'credential'; credential: unknown }
  /** `decoded`: the JWT's header and payload, where the caller decoded them already (never trusted more than the JWT itself: the signature is checked over `jwt`). */
  | { kind: 'jwt'; jwt: string; decoded?: DecodedJwt };

/** A compact JWS's protected header and JSON payload, unverified. */
export interface DecodedJwt {
  header: ProtectedHeaderParameters;
  payload: Record<string, unknown>;
}

export const report = (
  format: CredentialFormat | null,
  checks: Check[],
  credential: Credential | null,
  now: Date,
  legacy?: LegacyForm,
): VerificationReport => ({
  verified: checks.length > 0 && checks.every((c) => c.status === 'passed'),
  format,
  checks,
  credential: credential ? summarize(credential) : null,
  ...(legacy ? { legacy } : {}),
  verifiedAt: toDateTimeStamp(now),
});

const V1 = 'https://www.w3.org/2018/credentials/v1';

/** The credential's data model version, when it is the superseded 1.1. */
export const legacyModelOf = (credential: Credential): LegacyForm | undefined =>
  credential['@context'][0] === V1 ? 'vc-data-model-1.1' : undefined;

export function formatCheck(candidate: unknown, what = 'credential'): { check: Check; credential: Credential | null } {
  const parsed = CredentialSchema.safeParse(candidate);
  if (parsed.success) {
    const v1 = legacyModelOf(parsed.data) !== undefined;
    return { check: passed('format', v1 ? `a VC Data Model 1.1 ${what} (legacy)` : `a VC Data Model 2.0 ${what}`), credential: parsed.data };
  }
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return { check: failed('format', `not a valid credential: ${where}${issue?.message ?? 'invalid'}`), credential: null };
}

const VIA: Record<string, string> = {
  local: 'an issuer hosted by this service',
  'did:key': 'a did:key',
  'did:jwk': 'a did:jwk',
  'did:web': 'its did:web document',
};

export function issuerCheck(resolution: Resolution, issuerId: string): Check {
  if (resolution.status === 'resolved') return passed('issuer', `signing key ${resolution.key.id} belongs to ${issuerId} (${VIA[resolution.via]})`);
  if (resolution.status === 'unsupported') return skipped('issuer', resolution.reason);
  return failed('issuer', resolution.reason);
}

/**
 * Status and accreditation are looked up only for a credential whose proof holds, so forged
 * input never makes the verifier fetch anything.
 */
export async function statusAfter(deps: VerifierDeps, proof: Check, credential: Credential, claimedSigningTime?: string): Promise<Check[]> {
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
