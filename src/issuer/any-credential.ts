import { DATA_INTEGRITY_V2_CONTEXT } from '../jsonld/contexts.js';
import type { Cryptosuite } from '../jsonld/data-integrity.js';
import type { JsonObject } from '../schemas/credential.js';
import { VC_V1_CONTEXT_URL } from '../schemas/vc-rules.js';
import type { Institute, StatusPurpose } from '../store/port.js';
import { secureAndStore, type IssuedCredential, type IssuerDeps } from './issue.js';

export interface AnyCredentialRequest {
  /** A credential already checked with credentialProblems(). */
  credential: JsonObject;
  institute: Institute;
  issuerDid: string;
  cryptosuite?: Cryptosuite;
  purposes: readonly StatusPurpose[];
  actor: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Signs a caller's own VC Data Model credential (the VC API's issue operation): it is signed
 * as given, plus any status entries asked for. A VC 1.1 document gets the Data Integrity
 * context it needs for its proof, and no vc+jwt form (that securing is defined for 2.0 only).
 */
export async function issueAnyCredential(deps: IssuerDeps, request: AnyCredentialRequest): Promise<IssuedCredential> {
  const source = request.credential;
  const contexts = source['@context'] as unknown[];
  const v1 = contexts[0] === VC_V1_CONTEXT_URL;
  return secureAndStore(deps, {
    institute: request.institute,
    issuerDid: request.issuerDid,
    purposes: request.purposes,
    cryptosuite: request.cryptosuite,
    withJwt: !v1,
    actor: request.actor,
    build: async ({ credentialStatus, now }) => {
      const unsecured: JsonObject = { ...source };
      if (v1 && !contexts.includes(DATA_INTEGRITY_V2_CONTEXT)) unsecured['@context'] = [...contexts, DATA_INTEGRITY_V2_CONTEXT];
      if (credentialStatus.length) {
        const existing = source.credentialStatus === undefined ? [] : Array.isArray(source.credentialStatus) ? source.credentialStatus : [source.credentialStatus];
        const all = [...existing, ...credentialStatus];
        unsecured.credentialStatus = all.length === 1 ? all[0] : all;
      }
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
