import { DATA_INTEGRITY_V2_CONTEXT } from '../jsonld/contexts.js';
import type { Cryptosuite } from '../jsonld/data-integrity.js';
import type { JsonObject } from '../schemas/credential.js';
import { VC_V1_CONTEXT_URL } from '../schemas/vc-rules.js';
import type { Institute, StatusPurpose } from '../store/port.js';
import { isOpenBadge, secureAndStore, type IssuedCredential, type IssuerDeps } from './issue.js';
import { SINGLE_ENTRY, type StatusLayout } from './status.js';

export interface AnyCredentialRequest {
  /** A credential already checked with credentialProblems(). */
  credential: JsonObject;
  institute: Institute;
  issuerDid: string;
  cryptosuite?: Cryptosuite;
  status: StatusLayout;
  actor: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const HOSTED: readonly StatusPurpose[] = ['revocation', 'suspension'];

/**
 * The status entries a VC API credential gets: those `options.credentialStatus` asks for,
 * and, for a credential that carries a `credentialStatus` of its own, the purposes its
 * entries name (revocation when they name none this service hosts). The client's entries
 * themselves are never signed: a list the institute does not control (any URL, a loopback
 * one included) would speak for the institute, and /credentials/status could not change it.
 * Replacing rather than refusing keeps the VCDM test suite's credentials with a status
 * (of any type) issuable, as the data model allows.
 */
export function statusPurposesFor(credential: JsonObject, requested: readonly StatusPurpose[]): StatusPurpose[] {
  const own = credential.credentialStatus === undefined ? [] : ([] as unknown[]).concat(credential.credentialStatus);
  const named = own.map((e) => (e as JsonObject | null)?.statusPurpose).filter((p): p is StatusPurpose => HOSTED.includes(p as StatusPurpose));
  const fromOwn: StatusPurpose[] = own.length && named.length === 0 ? ['revocation'] : named;
  return HOSTED.filter((p) => requested.includes(p) || fromOwn.includes(p));
}

/**
 * The status entries of a VC API credential as {@link statusPurposesFor} names them; an Open
 * Badges credential gets its one entry instead (1EdTech's schema allows one `credentialStatus`),
 * which revocation and suspension both set.
 */
export function statusLayoutFor(credential: JsonObject, requested: readonly StatusPurpose[]): StatusLayout {
  const purposes = statusPurposesFor(credential, requested);
  return isOpenBadge(credential) && purposes.length > 0 ? SINGLE_ENTRY : { purposes, coversSuspension: false };
}

/**
 * Signs a caller's own VC Data Model credential (the VC API's issue operation): it is signed
 * as given, with this service's status entries in place of any it carried (see
 * {@link statusPurposesFor}). A VC 1.1 document gets the Data Integrity
 * context it needs for its proof, and no vc+jwt form (that securing is defined for 2.0 only).
 */
export async function issueAnyCredential(deps: IssuerDeps, request: AnyCredentialRequest): Promise<IssuedCredential> {
  const source = request.credential;
  const contexts = source['@context'] as unknown[];
  const v1 = contexts[0] === VC_V1_CONTEXT_URL;
  return secureAndStore(deps, {
    institute: request.institute,
    issuerDid: request.issuerDid,
    status: request.status,
    cryptosuite: request.cryptosuite,
    withJwt: !v1,
    actor: request.actor,
    build: async ({ credentialStatus, now }) => {
      // The client's own status entries are replaced by this service's (statusPurposesFor).
      const { credentialStatus: _theirs, ...unsecured } = source;
      if (v1 && !contexts.includes(DATA_INTEGRITY_V2_CONTEXT)) unsecured['@context'] = [...contexts, DATA_INTEGRITY_V2_CONTEXT];
      if (credentialStatus.length) unsecured.credentialStatus = credentialStatus.length === 1 ? credentialStatus[0] : credentialStatus;
      const subject = (Array.isArray(source.credentialSubject) ? source.credentialSubject[0] : source.credentialSubject) as JsonObject;
      const validFrom = str(v1 ? source.issuanceDate : source.validFrom) || now;
      const validUntil = str(v1 ? source.expirationDate : source.validUntil) || null;
      return {
        unsecured,
        vcId: typeof source.id === 'string' ? source.id : null,
        learnerName: str(subject?.name),
        achievementName: str(source.name) || (Array.isArray(source.type) ? source.type.filter((t) => t !== 'VerifiableCredential').join(', ') : ''),
        achievementKey: '',
        validFrom,
        validUntil,
        achievement: null,
      };
    },
  });
}
