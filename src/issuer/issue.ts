import type { CryptoProvider } from '../crypto/provider.js';
import { randomId } from '../crypto/encoding.js';
import { JsonLdError } from '../jsonld/canonize.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import type { IssueRequest } from '../schemas/issue-request.js';
import type { JsonObject } from '../schemas/credential.js';
import { StatusSlotTakenError, type CredentialRecord, type Institute, type Store } from '../store/port.js';
import { buildCredential } from './credential.js';
import type { KeyRing } from './key-ring.js';
import { addDataIntegrityProof, signVcJwt } from './secure.js';
import { allocateStatusSlots } from './status.js';
import { statusEntries } from './status-list.js';

export interface IssuerDeps {
  store: Store;
  keys: KeyRing;
  crypto: CryptoProvider;
  clock: () => Date;
  /** PUBLIC_URL without a trailing slash. */
  publicUrl: string;
}

export type IssueErrorCode = 'ERR_UNDEFINED_TERM' | 'ERR_INVALID_JSONLD' | 'ERR_INVALID_DATES' | 'ERR_NO_SIGNING_KEY';

/** A request that is well-formed but cannot be issued as asked. */
export class IssueError extends Error {
  constructor(
    readonly code: IssueErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = this.constructor.name;
  }
}

export interface IssuedCredential {
  record: CredentialRecord;
  /** The Data Integrity secured credential (parsed from `record.diJson`). */
  credential: JsonObject;
  jwt: string;
}

export const credentialUrlFor = (publicUrl: string, id: string) => `${publicUrl}/credentials/${id}`;
export const verifyUrlFor = (publicUrl: string, id: string) => `${publicUrl}/v/${id}`;
export const achievementUrlFor = (publicUrl: string, institute: Institute, key: string) =>
  `${publicUrl}/achievements/${institute.slug}/${encodeURIComponent(key)}`;

const MAX_SLOT_RETRIES = 5;

/**
 * Issues one credential: builds it with revocation and suspension status entries, secures it
 * both ways (Data Integrity eddsa-rdfc-2022 and vc+jwt) and stores both forms exactly as
 * signed, with the achievement it names and its status slots, in one transaction.
 */
export async function issueCredential(
  deps: IssuerDeps,
  institute: Institute,
  request: IssueRequest,
  actor: string,
): Promise<IssuedCredential> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await issueOnce(deps, institute, request, actor);
    } catch (error) {
      // Another issuance took one of the randomly picked status indexes; pick again.
      if (!(error instanceof StatusSlotTakenError) || attempt >= MAX_SLOT_RETRIES) throw error;
    }
  }
}

async function issueOnce(deps: IssuerDeps, institute: Institute, request: IssueRequest, actor: string): Promise<IssuedCredential> {
  const key = deps.keys.activeKey(institute.did);
  if (!key) throw new IssueError('ERR_NO_SIGNING_KEY', `institute ${institute.slug} has no active signing key`);

  const now = toDateTimeStamp(deps.clock());
  const validFrom = request.validFrom ?? now;
  if (request.validUntil && Date.parse(request.validUntil) < Date.parse(validFrom)) {
    throw new IssueError('ERR_INVALID_DATES', 'validUntil must not be before validFrom', 'validUntil');
  }

  const id = randomId();
  const credentialUrl = credentialUrlFor(deps.publicUrl, id);
  const achievementKey = request.achievement.code ?? id;
  const slots = await allocateStatusSlots(deps.store, institute, institute.did, now);
  const unsecured = await buildCredential({
    credentialStatus: statusEntries(deps.publicUrl, slots),
    request,
    institute,
    credentialUrl,
    achievementUrl: achievementUrlFor(deps.publicUrl, institute, achievementKey),
    validFrom,
    crypto: deps.crypto,
  });

  let secured: JsonObject;
  let jwt: string;
  try {
    [secured, jwt] = await Promise.all([
      addDataIntegrityProof(unsecured, key, now, deps.crypto),
      signVcJwt(unsecured, key),
    ]);
  } catch (error) {
    if (error instanceof JsonLdError) {
      throw new IssueError(error.code === 'ERR_UNDEFINED_TERM' ? 'ERR_UNDEFINED_TERM' : 'ERR_INVALID_JSONLD', error.message, error.term);
    }
    throw error;
  }

  const diJson = JSON.stringify(secured);
  const record: CredentialRecord = {
    id,
    credentialUrl,
    vcId: credentialUrl,
    instituteId: institute.id,
    issuerDid: institute.did,
    diJson,
    jwt,
    learnerName: request.learner.name,
    achievementName: request.achievement.name,
    achievementKey,
    validFrom,
    validUntil: request.validUntil ?? null,
    issuedAt: now,
    issuedBy: actor,
    revocation: slots.revocation ?? null,
    suspension: slots.suspension ?? null,
    revokedAt: null,
    suspendedAt: null,
  };
  const achievement = (unsecured.credentialSubject as { achievement: JsonObject }).achievement;
  await deps.store.saveIssuedCredential(record, {
    instituteId: institute.id,
    key: achievementKey,
    json: JSON.stringify({ '@context': unsecured['@context'], ...achievement }),
    updatedAt: now,
  });
  return { record, credential: secured, jwt };
}
