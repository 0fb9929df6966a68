import { z } from 'zod';

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
});
export type Institute = z.infer<typeof InstituteSchema>;

export const ApiTokenSchema = z.object({
  id: z.string(),
  tokenHash: z.string(),
  role: z.enum(['admin', 'institute']),
  instituteId: z.string().nullable(),
  label: z.string(),
  source: z.enum(['env', 'generated', 'created']),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
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

/** Raised by saveIssuedCredential when a status index was taken meanwhile; pick another and retry. */
export class StatusSlotTakenError extends Error {
  readonly code = 'ERR_STATUS_SLOT_TAKEN';
  constructor() {
    super('a status list index was taken concurrently');
    this.name = this.constructor.name;
  }
}

/**
 * skillcert's storage, named after what the domain does with it. Every method is async so
 * that an embedded (better-sqlite3) and a remote (D1) backend fit the same port; adapters
 * parse rows with the schemas above so callers never see untyped data.
 */
export interface Store {
  createInstitute(institute: Institute): Promise<void>;
  updateInstitute(institute: Institute): Promise<void>;
  getDefaultInstitute(): Promise<Institute | null>;
  getInstituteBySlug(slug: string): Promise<Institute | null>;
  getInstitute(id: string): Promise<Institute | null>;
  /** By its did:web or its did:key. */
  getInstituteByDid(did: string): Promise<Institute | null>;

  saveApiToken(token: ApiToken): Promise<void>;
  findApiTokenByHash(tokenHash: string): Promise<ApiToken | null>;
  /** Revokes every unrevoked token of the given source and role (used to replace a bootstrap token). */
  revokeApiTokens(filter: { role: ApiToken['role']; source: ApiToken['source'] }, at: string): Promise<number>;

  /**
   * Stores an issued credential, its achievement definition and its status-list slots
   * together, atomically. Throws StatusSlotTakenError when a slot is no longer free.
   */
  saveIssuedCredential(credential: CredentialRecord, achievement: AchievementRecord | null): Promise<void>;
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
  changeStatus(change: { credentialId: string; action: StatusAction; reason: string | null; actor: string; at: string }): Promise<boolean>;
  credentialEvents(credentialId: string): Promise<CredentialEvent[]>;

  close(): Promise<void>;
}
