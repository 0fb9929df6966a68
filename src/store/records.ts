import { z } from 'zod';

/*
 * The records the storage port reads and writes, as zod schemas and their types. Adapters parse
 * every row with these, so the rest of the code never sees untyped data.
 */

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
  /**
   * Extra forms of what it issues, for verifiers that read no other (off by default; absent =
   * all off): an Ed25519Signature2020 proof beside the Data Integrity one, an ES256 vc+jwt.
   */
  compatibility: z.object({ ed25519Signature2020: z.boolean(), es256Jwt: z.boolean() }).optional(),
  /** Its logo: the issuer's image, and the image of the achievements it issues. */
  imageUrl: z.string().nullable().optional(),
});
export type Compatibility = NonNullable<z.infer<typeof InstituteSchema>['compatibility']>;
export const NO_COMPATIBILITY: Compatibility = Object.freeze({ ed25519Signature2020: false, es256Jwt: false });
/** An institute's compatibility settings, all off when it has none. */
export const compatibilityOf = (i: { compatibility?: Compatibility }): Compatibility => i.compatibility ?? NO_COMPATIBILITY;
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
  /** Absent = Ed25519 (every key before P-256 keys existed). */
  keyType: z.enum(['Ed25519', 'P-256']).optional(),
  /** The JWK `x` of the public key. */
  publicX: z.string(),
  /** The JWK `y` of a P-256 public key. */
  publicY: z.string().optional(),
  sealedPrivate: z.string(),
  status: z.enum(['active', 'retired']),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
  compromisedAt: z.string().nullable(),
});
export type IssuerKeyRecord = z.infer<typeof IssuerKeyRecordSchema>;
export type KeyType = NonNullable<IssuerKeyRecord['keyType']>;
export const keyTypeOf = (k: Pick<IssuerKeyRecord, 'keyType'>): KeyType => k.keyType ?? 'Ed25519';

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
  /**
   * A revocation list whose bit is also set while the credential is suspended: the one
   * status entry of an Open Badges credential (migrations/0010). False for the lists of
   * credentials issued with two entries, whose bits keep their one meaning.
   */
  coversSuspension: z.boolean(),
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
  /** The ES256 vc+jwt, as signed, when the institute had that form on (absent otherwise). */
  jwtEs256: z.string().optional(),
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

/** One version of an achievement template, as stored (the body is validated JSON). */
export const TemplateRecordSchema = z.object({
  instituteId: z.string(),
  code: z.string(),
  version: z.number().int().positive(),
  /** The template body (TemplateBody), JSON text. */
  json: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type TemplateRecord = z.infer<typeof TemplateRecordSchema>;

export const BATCH_ROW_STATUSES = ['pending', 'issued', 'existing', 'failed'] as const;
export type BatchRowStatus = (typeof BATCH_ROW_STATUSES)[number];

export const BatchRecordSchema = z.object({
  id: z.string(),
  instituteId: z.string(),
  idempotencyKey: z.string().nullable(),
  /** SHA-256 (hex) of the file and options it was submitted with; null for batches stored before it was kept. */
  requestSha256: z.string().nullable(),
  state: z.enum(['issuing', 'done']),
  actor: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** JSON text: the validation summary given when the batch was accepted. */
  summary: z.string(),
});
export type BatchRecord = z.infer<typeof BatchRecordSchema>;

export const BatchRowSchema = z.object({
  batchId: z.string(),
  rowNo: z.number().int(),
  rowKey: z.string(),
  studentId: z.string().nullable(),
  learnerName: z.string(),
  /** The validated IssueRequest, JSON text. */
  request: z.string(),
  templateCode: z.string(),
  templateVersion: z.number().int(),
  status: z.enum(BATCH_ROW_STATUSES),
  credentialId: z.string().nullable(),
  error: z.string().nullable(),
});
export type BatchRow = z.infer<typeof BatchRowSchema>;

/** A batch as the console lists it: the record and how far its rows have got. */
export interface BatchListing extends BatchRecord {
  counts: { total: number; pending: number; issued: number; existing: number; failed: number };
}

/** Marks a batch row issued in the same transaction as its credential. */
export interface BatchRowRef {
  batchId: string;
  rowNo: number;
  rowKey: string;
}

/** The most PIN tries an offer takes; at this many it is void. */
export const WALLET_OFFER_PIN_TRIES = 5;

/** An offer to put one credential into one wallet (migrations/0012); its id is the secret in its URLs, kept only hashed. */
export const WalletOfferRecordSchema = z.object({
  idHash: z.string(),
  /** A public reference (audit, console): names the offer, never redeems it. */
  ref: z.string(),
  credentialId: z.string(),
  instituteId: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  expiresAt: z.string(),
  txCodeSalt: z.string(),
  txCodeHash: z.string(),
  pinTries: z.number().int().nonnegative(),
  tokenHash: z.string().nullable(),
  tokenExpiresAt: z.string().nullable(),
  redeemedAt: z.string().nullable(),
  exchangeTx: z.string().nullable(),
  exchangeChallenge: z.string().nullable(),
  exchangeExpiresAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type WalletOfferRecord = z.infer<typeof WalletOfferRecordSchema>;

export const DELIVERY_PROTOCOLS = ['openid4vci', 'vc-api'] as const;
export type DeliveryProtocol = (typeof DELIVERY_PROTOCOLS)[number];

/** A credential delivered to a wallet: the original, re-signed for the holder, with the same status entry. */
export const DeliveryRecordSchema = z.object({
  id: z.string(),
  /** The delivered credential's own `id`. */
  vcId: z.string(),
  /** The original credential (credentials.id). */
  credentialId: z.string(),
  offerRef: z.string(),
  instituteId: z.string(),
  holderDid: z.string(),
  protocol: z.enum(DELIVERY_PROTOCOLS),
  /** ldp_vc (the Data Integrity JSON) or jwt_vc_json (a vc+jwt). */
  format: z.string(),
  /** What was delivered, byte for byte as signed. */
  body: z.string(),
  deliveredAt: z.string(),
});
export type DeliveryRecord = z.infer<typeof DeliveryRecordSchema>;
