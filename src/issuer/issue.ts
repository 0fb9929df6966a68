import type { CryptoProvider } from '../crypto/provider.js';
import { randomId } from '../crypto/encoding.js';
import { JsonLdError } from '../jsonld/canonize.js';
import type { Cryptosuite } from '../jsonld/data-integrity.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import type { IssueRequest } from '../schemas/issue-request.js';
import type { JsonObject } from '../schemas/credential.js';
import {
  compatibilityOf,
  NO_COMPATIBILITY,
  StatusSlotTakenError,
  type Compatibility,
  type AchievementRecord,
  type CredentialRecord,
  type Institute,
  type IssuedCredentialWrite,
  type StatusPurpose,
  type StatusSlot,
  type Store,
} from '../store/port.js';
import type { BatchRowRef } from '../store/port.js';
import { buildCredential } from './credential.js';
import type { KeyRing } from './key-ring.js';
import type { SigningKey } from './keys.js';
import { addDataIntegrityProof, signVcJwt } from './secure.js';
import { addEd25519Signature2020Proof, signEs256VcJwt, withEd25519Signature2020Context } from './compat-proofs.js';
import type { P256SigningKey } from './p256-keys.js';
import { allocateStatusSlots, SINGLE_ENTRY, type StatusLayout } from './status.js';
import { statusEntries } from './status-list.js';

export interface IssuerDeps {
  store: Store;
  keys: KeyRing;
  crypto: CryptoProvider;
  clock: () => Date;
  /** PUBLIC_URL without a trailing slash. */
  publicUrl: string;
  /** Lets a stopping process end batch runs at a row boundary and wait for them (src/batch/run.ts). */
  batches?: BatchControl;
}

/** A process's hold on its batch runs: `signal` aborts = stop after the group being issued. */
export interface BatchControl {
  signal: AbortSignal;
  running: Set<Promise<unknown>>;
}

import { IssueError } from './issue-error.js';

export { IssueError, type IssueErrorCode } from './issue-error.js';

export interface IssuedCredential {
  record: CredentialRecord;
  /** The Data Integrity secured credential (parsed from `record.diJson`). */
  credential: JsonObject;
  jwt: string | null;
  /** The ES256 vc+jwt, when the institute has that form on. */
  jwtEs256?: string;
}

export const credentialUrlFor = (publicUrl: string, id: string) => `${publicUrl}/credentials/${id}`;
export const verifyUrlFor = (publicUrl: string, id: string) => `${publicUrl}/v/${id}`;
/** The certificate page to send the learner (they share and print it). */
export const learnerPageFor = (publicUrl: string, id: string) => `${publicUrl}/c/${id}`;
export const achievementUrlFor = (publicUrl: string, institute: Institute, key: string) =>
  `${publicUrl}/achievements/${institute.slug}/${encodeURIComponent(key)}`;

/** What a caller builds once the credential's short id, URL and status entries are known. */
export interface Draft {
  unsecured: JsonObject;
  vcId: string | null;
  learnerName: string;
  achievementName: string;
  achievementKey: string;
  validFrom: string;
  validUntil: string | null;
  achievement: AchievementRecord | null;
}

export interface SecureRequest {
  institute: Institute;
  /** The DID to sign as: the institute's did:web, or its did:key. */
  issuerDid: string;
  /** The status entries it gets (an Open Badges credential: SINGLE_ENTRY). */
  status: StatusLayout;
  cryptosuite?: Cryptosuite;
  /** Also secure as vc+jwt (VC 2.0 documents only). */
  withJwt: boolean;
  actor: string;
  /** A batch row this credential issues: marked issued in the credential's own transaction. */
  batchRow?: BatchRowRef;
  /** The institute's compatibility forms (src/issuer/compat-proofs.ts); none when absent. */
  compatibility?: Compatibility;
  build(parts: { id: string; credentialUrl: string; credentialStatus: JsonObject[]; now: string }): Promise<Draft>;
}

const MAX_SLOT_RETRIES = 5;

/**
 * Secures a credential and stores it: allocates its status slots, signs it (Data Integrity,
 * and vc+jwt when asked), and stores both forms exactly as signed together with its slots in
 * one transaction. A slot taken concurrently means picking again and re-signing.
 */
export async function secureAndStore(deps: IssuerDeps, request: SecureRequest): Promise<IssuedCredential> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await secureOnce(deps, request);
    } catch (error) {
      if (!(error instanceof StatusSlotTakenError) || attempt >= MAX_SLOT_RETRIES) throw error;
    }
  }
}

/** A credential built, signed and ready to store. */
export interface Prepared {
  write: IssuedCredentialWrite;
  issued: IssuedCredential;
}

/** Builds and signs one credential into the slots given, as of the clock's time now. */
export async function prepare(deps: IssuerDeps, request: SecureRequest, key: SigningKey, slots: Partial<Record<StatusPurpose, StatusSlot>>, now: string): Promise<Prepared> {
  const id = randomId();
  const credentialUrl = credentialUrlFor(deps.publicUrl, id);
  const credentialStatus = statusEntries(deps.publicUrl, slots, request.status.coversSuspension);
  const draft = await request.build({ id, credentialUrl, credentialStatus, now });

  const compatibility = request.compatibility ?? NO_COMPATIBILITY;
  const unsecured = compatibility.ed25519Signature2020 ? withEd25519Signature2020Context(draft.unsecured) : draft.unsecured;
  const p256 = compatibility.es256Jwt && request.withJwt ? await p256KeyOf(deps, request.issuerDid) : null;

  let secured: JsonObject;
  let jwt: string | null;
  let jwtEs256: string | null;
  try {
    [secured, jwt, jwtEs256] = await Promise.all([
      addDataIntegrityProof(unsecured, key, now, deps.crypto, { cryptosuite: request.cryptosuite })
        .then((di) => (compatibility.ed25519Signature2020 ? addEd25519Signature2020Proof(di, key, now, deps.crypto) : proofAsSetFor(di))),
      request.withJwt ? signVcJwt(unsecured, key) : null,
      p256 ? signEs256VcJwt(unsecured, p256) : null,
    ]);
  } catch (error) {
    if (error instanceof JsonLdError) {
      throw new IssueError(error.code === 'ERR_UNDEFINED_TERM' ? 'ERR_UNDEFINED_TERM' : 'ERR_INVALID_JSONLD', error.message, error.term);
    }
    throw error;
  }

  const record: CredentialRecord = {
    id,
    credentialUrl,
    vcId: draft.vcId,
    instituteId: request.institute.id,
    issuerDid: request.issuerDid,
    diJson: JSON.stringify(secured),
    jwt,
    ...(jwtEs256 ? { jwtEs256 } : {}),
    learnerName: draft.learnerName,
    achievementName: draft.achievementName,
    achievementKey: draft.achievementKey,
    validFrom: draft.validFrom,
    validUntil: draft.validUntil,
    issuedAt: now,
    issuedBy: request.actor,
    revocation: slots.revocation ?? null,
    suspension: slots.suspension ?? null,
    revokedAt: null,
    suspendedAt: null,
  };
  const audit = {
    at: now,
    actor: request.actor,
    instituteId: request.institute.id,
    action: 'credential.issue',
    target: credentialUrl,
    details: { issuer: request.issuerDid, ...(draft.vcId && draft.vcId !== credentialUrl ? { credentialId: draft.vcId } : {}) },
  };
  return { write: { credential: record, achievement: draft.achievement, audit, batchRow: request.batchRow }, issued: { record, credential: secured, jwt, ...(jwtEs256 ? { jwtEs256 } : {}) } };
}

export const signingKeyOf = async (deps: IssuerDeps, did: string): Promise<SigningKey> => {
  const key = await deps.keys.activeKey(did);
  if (!key) throw new IssueError('ERR_NO_SIGNING_KEY', `${did} has no active signing key here`);
  return key;
};

/** The P-256 key for an institute's ES256 vc+jwt: asked for, so its absence refuses the issue rather than leaving the form out. */
const p256KeyOf = async (deps: IssuerDeps, did: string): Promise<P256SigningKey> => {
  const key = await deps.keys.activeP256Key(did);
  if (!key) throw new IssueError('ERR_NO_SIGNING_KEY', `${did} has no active P-256 key for its ES256 vc+jwt here; rotate its keys to make one`);
  return key;
};

async function secureOnce(deps: IssuerDeps, request: SecureRequest): Promise<IssuedCredential> {
  const key = await signingKeyOf(deps, request.issuerDid);
  const now = toDateTimeStamp(deps.clock());
  const slots = await allocateStatusSlots(deps.store, request.institute, request.issuerDid, now, request.status);
  const { write, issued } = await prepare(deps, request, key, slots, now);
  await deps.store.saveIssuedCredential(write.credential, write.achievement, write.audit, write.batchRow);
  return issued;
}

/**
 * Issues one Open Badges credential from an API request: its one status entry (revocation,
 * covering suspension), both secured forms, and the achievement it names published beside it.
 */
export async function issueCredential(
  deps: IssuerDeps,
  institute: Institute,
  request: IssueRequest,
  actor: string,
  batchRow?: BatchRowRef,
): Promise<IssuedCredential> {
  return secureAndStore(deps, credentialRequest(deps, institute, request, actor, batchRow));
}

const OPEN_BADGE_TYPES = ['OpenBadgeCredential', 'AchievementCredential'];

/** An Open Badges 3.0 credential, by its type: what 1EdTech's AchievementCredential schema holds us to. */
export const isOpenBadge = (credential: JsonObject): boolean =>
  ([] as unknown[]).concat(credential.type).some((t) => OPEN_BADGE_TYPES.includes(t as string));

/**
 * An Open Badges credential's `proof` is an array (1EdTech's schema requires one); a proof
 * set of one is the same proof to every Data Integrity verifier. Other documents keep theirs.
 */
function proofAsSetFor<T extends JsonObject>(secured: T): T {
  return isOpenBadge(secured) && secured.proof !== undefined && !Array.isArray(secured.proof) ? { ...secured, proof: [secured.proof] } : secured;
}

/** What securing an Open Badges credential for an API request takes. */
export function credentialRequest(deps: IssuerDeps, institute: Institute, request: IssueRequest, actor: string, batchRow?: BatchRowRef): SecureRequest {
  return {
    batchRow,
    institute,
    issuerDid: institute.did,
    status: SINGLE_ENTRY,
    cryptosuite: institute.cryptosuite,
    withJwt: true,
    compatibility: compatibilityOf(institute),
    actor,
    build: async ({ id, credentialUrl, credentialStatus, now }) => {
      const validFrom = request.validFrom ?? now;
      if (request.validUntil && Date.parse(request.validUntil) < Date.parse(validFrom)) {
        throw new IssueError('ERR_INVALID_DATES', 'validUntil must not be before validFrom', 'validUntil');
      }
      const achievementKey = request.achievement.code ?? id;
      const unsecured = await buildCredential({
        request,
        institute,
        credentialUrl,
        achievementUrl: achievementUrlFor(deps.publicUrl, institute, achievementKey),
        validFrom,
        credentialStatus,
        crypto: deps.crypto,
      });
      const achievement = (unsecured.credentialSubject as { achievement: JsonObject }).achievement;
      return {
        unsecured,
        vcId: credentialUrl,
        learnerName: request.learner.name,
        achievementName: request.achievement.name,
        achievementKey,
        validFrom,
        validUntil: request.validUntil ?? null,
        achievement: {
          instituteId: institute.id,
          key: achievementKey,
          json: JSON.stringify({ '@context': unsecured['@context'], ...achievement }),
          updatedAt: now,
        },
      };
    },
  };
}
