import { z } from 'zod';
import type { BatchRowRef, CohortStore } from './cohort-port.js';

export const InstituteSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  nameKm: z.string().nullable(),
  url: z.string().nullable(),
  did: z.string(),
  /** The did:key of the institute's key, under which it may also issue. */
  didKey: z.string().nullable(),
  isDefault: z.boolean(),
  createdAt: z.string(),
  contact: z.string().nullable(),
  programmes: z.array(z.string()),
  status: z.enum(['active', 'suspended']),
  /** The Data Integrity cryptosuite it signs with unless a request chooses. */
  cryptosuite: z.enum(['eddsa-rdfc-2022', 'eddsa-jcs-2022']),
});
export type Institute = z.infer<typeof InstituteSchema>;

export const AccreditationPeriodSchema = z.object({
  seq: z.number().int(),
  instituteId: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  programmes: z.array(z.string()),
  createdAt: z.string(),
});
export type AccreditationPeriod = z.infer<typeof AccreditationPeriodSchema>;

export const IssuerKeyRecordSchema = z.object({
  /** The verification method id. */
  id: z.string(),
  controller: z.string(),
  /** An institute id, or 'ministry'. */
  owner: z.string(),
  publicX: z.string(),
  sealedPrivate: z.string(),
  status: z.enum(['active', 'retired']),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
  compromisedAt: z.string().nullable(),
});
export type IssuerKeyRecord = z.infer<typeof IssuerKeyRecordSchema>;

/** An institute's move to another DID (a confirmed PUBLIC_URL change). */
export interface DidMove {
  instituteId: string;
  from: string;
  to: string;
  at: string;
  key: IssuerKeyRecord | null;
}

export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  instituteId: z.string().nullable(),
  action: z.string(),
  target: z.string(),
  /** JSON text, hashed as stored. */
  details: z.string(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
/** What a caller records; the store assigns seq and chains the hashes. */
export type AuditInput = Pick<AuditEntry, 'at' | 'actor' | 'instituteId' | 'action' | 'target'> & { details?: Record<string, unknown> };

export const API_SCOPES = ['issue', 'revoke', 'admin'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const ApiTokenSchema = z.object({
  id: z.string(),
  tokenHash: z.string(),
  role: z.enum(['admin', 'institute']),
  instituteId: z.string().nullable(),
  label: z.string(),
  source: z.enum(['env', 'generated', 'created']),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  scopes: z.array(z.enum(API_SCOPES)),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const STATUS_PURPOSES = ['revocation', 'suspension'] as const;
export type StatusPurpose = (typeof STATUS_PURPOSES)[number];

export const StatusSlotSchema = z.object({ listId: z.string(), index: z.number().int().nonnegative() });
/** A credential's place in a status list. */
export type StatusSlot = z.infer<typeof StatusSlotSchema>;

export const StatusListSchema = z.object({
  id: z.string(),
  instituteId: z.string(),
  /** The DID that signs the list: the issuer of every credential in it. */
  issuerDid: z.string(),
  purpose: z.enum(STATUS_PURPOSES),
  size: z.number().int().positive(),
  capacity: z.number().int().positive(),
  allocated: z.number().int().nonnegative(),
  state: z.enum(['active', 'full']),
  version: z.number().int(),
  signedVersion: z.number().int().nullable(),
  signedJson: z.string().nullable(),
  signedJwt: z.string().nullable(),
  signedAt: z.string().nullable(),
  validUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type StatusList = z.infer<typeof StatusListSchema>;

export const CredentialEventSchema = z.object({
  seq: z.number().int(),
  credentialId: z.string(),
  action: z.enum(['revoke', 'suspend', 'reinstate']),
  reason: z.string().nullable(),
  actor: z.string(),
  at: z.string(),
});
export type CredentialEvent = z.infer<typeof CredentialEventSchema>;
export type StatusAction = CredentialEvent['action'];

export const CredentialRecordSchema = z.object({
  id: z.string(),
  credentialUrl: z.string(),
  /** The credential's own `id`, if it has one. */
  vcId: z.string().nullable(),
  instituteId: z.string(),
  issuerDid: z.string(),
  /** The Data Integrity secured credential, byte for byte as signed and served. */
  diJson: z.string(),
  /** The vc+jwt compact form, as signed; null for documents that have none (VC 1.1). */
  jwt: z.string().nullable(),
  learnerName: z.string(),
  achievementName: z.string(),
  achievementKey: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  issuedAt: z.string(),
  issuedBy: z.string(),
  revocation: StatusSlotSchema.nullable(),
  suspension: StatusSlotSchema.nullable(),
  revokedAt: z.string().nullable(),
  suspendedAt: z.string().nullable(),
});
export type CredentialRecord = z.infer<typeof CredentialRecordSchema>;

export const AchievementRecordSchema = z.object({
  instituteId: z.string(),
  key: z.string(),
  json: z.string(),
  updatedAt: z.string(),
});
export type AchievementRecord = z.infer<typeof AchievementRecordSchema>;

export const ConsoleSessionSchema = z.object({
  /** SHA-256 (hex) of the session id the cookie holds. */
  idHash: z.string(),
  /** The hash of the API key the session acts with (api_tokens.token_hash). */
  tokenHash: z.string(),
  csrf: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
/** A console sign-in, kept server-side. */
export type ConsoleSession = z.infer<typeof ConsoleSessionSchema>;

/** A page of credentials for the console: of one institute (or all, for the ministry), optionally searched. */
export interface CredentialListQuery {
  instituteId: string | null;
  /** Matched (case-insensitively, as a substring) against the learner's name, the achievement's name and the id. */
  search?: string;
  limit: number;
  offset: number;
}

/** One credential of saveIssuedCredentials: what saveIssuedCredential takes. */
export interface IssuedCredentialWrite {
  credential: CredentialRecord;
  achievement: AchievementRecord | null;
  audit?: AuditInput;
  batchRow?: BatchRowRef;
}

/** Raised by saveIssuedCredential when a status index was taken meanwhile; pick another and retry. */
export class StatusSlotTakenError extends Error {
  readonly code = 'ERR_STATUS_SLOT_TAKEN';
  constructor() {
    super('a status list index was taken concurrently');
    this.name = this.constructor.name;
  }
}

/**
 * Raised by saveIssuedCredential(s) when another credential already has the same own `id`
 * (vcId): an id names one credential, or a status change by that id would reach only one.
 */
export class DuplicateCredentialIdError extends Error {
  readonly code = 'ERR_DUPLICATE_CREDENTIAL_ID';
  constructor() {
    super('a credential with this id was issued before');
    this.name = this.constructor.name;
  }
}

/**
 * skillcert's storage, named after what the domain does with it. Every method is async so
 * that an embedded (better-sqlite3) and a remote (D1) backend fit the same port; adapters
 * parse rows with the schemas above so callers never see untyped data.
 */
export interface Store extends CohortStore {
  createInstitute(institute: Institute, audit?: AuditInput): Promise<void>;
  updateInstitute(institute: Institute, audit?: AuditInput): Promise<void>;
  listInstitutes(): Promise<Institute[]>;
  addAccreditation(period: Omit<AccreditationPeriod, 'seq'>, audit?: AuditInput): Promise<void>;
  /** Ends every open accreditation period of the institute at `at`. */
  endAccreditation(instituteId: string, at: string, audit?: AuditInput): Promise<number>;
  accreditations(instituteId: string): Promise<AccreditationPeriod[]>;

  /** Adds a key; with `retireActive`, the controller's active key is retired in the same transaction. */
  saveIssuerKey(key: IssuerKeyRecord, options?: { retireActive?: boolean; audit?: AuditInput }): Promise<void>;
  /** Every key of a DID, newest first. */
  issuerKeys(controller: string): Promise<IssuerKeyRecord[]>;
  markKeyCompromised(id: string, since: string, audit?: AuditInput): Promise<boolean>;
  getDefaultInstitute(): Promise<Institute | null>;
  getInstituteBySlug(slug: string): Promise<Institute | null>;
  getInstitute(id: string): Promise<Institute | null>;
  /** By its did:web, its did:key, or a DID it had before a PUBLIC_URL change. */
  getInstituteByDid(did: string): Promise<Institute | null>;
  /** The DIDs an institute had before, oldest first (see moveInstituteDid). */
  instituteDidAliases(instituteId: string): Promise<string[]>;
  /**
   * Moves an institute to a new DID in one transaction, if its DID is still `from`: `from`
   * becomes an alias (its keys stay, so what they signed keeps verifying), `to` stops being
   * one, and `key` (if any) is saved as the new DID's active key. False, changing nothing,
   * when the institute's DID is no longer `from`.
   */
  moveInstituteDid(move: DidMove, audit?: AuditInput): Promise<boolean>;

  saveApiToken(token: ApiToken, audit?: AuditInput): Promise<void>;
  findApiTokenByHash(tokenHash: string): Promise<ApiToken | null>;
  listApiTokens(instituteId: string): Promise<ApiToken[]>;
  revokeApiToken(id: string, at: string, audit?: AuditInput): Promise<boolean>;
  touchApiToken(id: string, at: string): Promise<void>;
  /** Revokes every unrevoked token of the given source and role (used to replace a bootstrap token). */
  revokeApiTokens(filter: { role: ApiToken['role']; source: ApiToken['source'] }, at: string): Promise<number>;

  /**
   * Stores an issued credential, its achievement definition and its status-list slots
   * together, atomically. Throws StatusSlotTakenError when a slot is no longer free. With
   * `batchRow`, the row is marked issued (and its identity taken) in the same transaction.
   */
  saveIssuedCredential(credential: CredentialRecord, achievement: AchievementRecord | null, audit?: AuditInput, batchRow?: BatchRowRef): Promise<void>;
  /**
   * saveIssuedCredential for several credentials, in order, as one transaction: all of them
   * or none (a batch commits a group of rows at once). StatusSlotTakenError as there.
   */
  saveIssuedCredentials(items: IssuedCredentialWrite[]): Promise<void>;
  getCredential(id: string): Promise<CredentialRecord | null>;
  /** By the credential's own `id` (what the VC API names credentials by). */
  getCredentialByVcId(vcId: string): Promise<CredentialRecord | null>;
  getAchievement(instituteId: string, key: string): Promise<AchievementRecord | null>;

  /** The issuer DID's list taking new credentials for `purpose`; `candidate` is created when there is none. */
  activeStatusList(issuerDid: string, purpose: StatusPurpose, candidate: StatusList): Promise<StatusList>;
  getStatusList(id: string): Promise<StatusList | null>;
  /** Which of `indexes` are already handed out in the list. */
  takenStatusIndexes(listId: string, purpose: StatusPurpose, indexes: number[]): Promise<Set<number>>;
  /** The indexes whose bit is set: revoked (or suspended) credentials in the list. */
  setStatusIndexes(listId: string, purpose: StatusPurpose): Promise<number[]>;
  /** The status of one slot: when its bit was set, or null when it is clear (or never handed out). */
  statusAt(listId: string, purpose: StatusPurpose, index: number): Promise<{ setAt: string | null }>;
  /** Caches a signed list credential, unless a newer version was saved meanwhile. */
  saveSignedStatusList(signed: { id: string; version: number; json: string; jwt: string; signedAt: string; validUntil: string }): Promise<void>;

  /**
   * Applies a status change if the credential's current status allows it (revoke: not yet
   * revoked; suspend: neither revoked nor suspended; reinstate: suspended, not revoked),
   * recording the event and bumping the affected list's version in the same transaction.
   * Returns false, changing nothing, when the transition is not allowed.
   */
  changeStatus(change: { credentialId: string; action: StatusAction; reason: string | null; actor: string; at: string }, audit?: AuditInput): Promise<boolean>;
  credentialEvents(credentialId: string): Promise<CredentialEvent[]>;

  /** Audit entries in order, after `afterSeq`, optionally of one institute. */
  auditEntries(query: { instituteId?: string; afterSeq?: number; limit: number }): Promise<AuditEntry[]>;

  /** Newest first, with the total number that match. */
  listCredentials(query: CredentialListQuery): Promise<{ credentials: CredentialRecord[]; total: number }>;

  saveSession(session: ConsoleSession): Promise<void>;
  /** The session with this id hash, unless it has expired by `now`. */
  getSession(idHash: string, now: string): Promise<ConsoleSession | null>;
  deleteSession(idHash: string): Promise<void>;
  /** Removes sessions that expired before `now`; returns how many. */
  deleteExpiredSessions(now: string): Promise<number>;

  close(): Promise<void>;
}
