import type {
  AccreditationPeriod, AchievementRecord, ApiToken, AuditEntry, AuditInput, BatchListing, BatchRecord, BatchRow, BatchRowRef, BatchRowStatus,
  ConsoleSession, CredentialEvent, CredentialRecord, DeliveryRecord, WalletOfferRecord, Institute, IssuerKeyRecord, KeyType, StatusAction, StatusList, StatusPurpose, TemplateRecord,
} from './records.js';

import type { InsightStore } from './insight.js';
import type { WebhookStore } from './webhooks.js';

// Callers import the records from the port, as one module.
export * from './records.js';
export * from './insight.js';
export * from './webhooks.js';

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

/** An institute's move to another DID (a confirmed PUBLIC_URL change). */
export interface DidMove {
  instituteId: string;
  from: string;
  to: string;
  at: string;
  key: IssuerKeyRecord | null;
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

/** Raised by saveIssuedCredential when a status index was taken meanwhile; pick another and retry. */
export class StatusSlotTakenError extends Error {
  readonly code = 'ERR_STATUS_SLOT_TAKEN';
  constructor() {
    super('a status list index was taken concurrently');
    this.name = this.constructor.name;
  }
}

/** What registering an institute stores at once (Store.registerInstitute). */
export interface InstituteRegistration {
  institute: Institute;
  key: IssuerKeyRecord;
  accreditation: Omit<AccreditationPeriod, 'seq'> | null;
  audit?: { institute?: AuditInput; key?: AuditInput; accreditation?: AuditInput };
}

/**
 * skillcert's storage, named after what the domain does with it. Every method is async so
 * that an embedded (better-sqlite3) and a remote (D1) backend fit the same port; rows are
 * parsed with the schemas of records.ts, so callers never see untyped data.
 */
export interface Store extends CohortStore, WalletStore, InsightStore, WebhookStore {
  createInstitute(institute: Institute, audit?: AuditInput): Promise<void>;
  updateInstitute(institute: Institute, audit?: AuditInput): Promise<void>;
  listInstitutes(): Promise<Institute[]>;
  addAccreditation(period: Omit<AccreditationPeriod, 'seq'>, audit?: AuditInput): Promise<void>;
  /** Ends every open accreditation period of the institute at `at`. */
  endAccreditation(instituteId: string, at: string, audit?: AuditInput): Promise<number>;
  /**
   * A new institute with its first signing key (the institute's `didKey` is that key's) and,
   * if given, its first accreditation period, each with its audit entry: one transaction, so
   * a failure at any step leaves no institute without a key or a key without an institute.
   */
  registerInstitute(registration: InstituteRegistration): Promise<void>;
  /** Ends the institute's open accreditation periods at `at` and marks it suspended, audited: one transaction. */
  suspendInstitute(instituteId: string, at: string, audit?: AuditInput): Promise<void>;
  /** Adds an accreditation period and marks the institute active (a suspended one is reinstated), audited: one transaction. */
  accreditInstitute(period: Omit<AccreditationPeriod, 'seq'>, audit?: AuditInput): Promise<void>;
  accreditations(instituteId: string): Promise<AccreditationPeriod[]>;

  /** Adds a key; with `retireActive`, the controller's active key is retired in the same transaction. */
  saveIssuerKey(key: IssuerKeyRecord, options?: { retireActive?: boolean; audit?: AuditInput }): Promise<void>;
  /** Every key of a DID of one type (Ed25519 unless asked), newest first. */
  issuerKeys(controller: string, keyType?: KeyType): Promise<IssuerKeyRecord[]>;
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
  /** The stored vc+jwt of each of these credentials (one query however many: a batch's offline QR codes). */
  credentialJwts(ids: readonly string[]): Promise<Map<string, string>>;
  /** By the credential's own `id` (what the VC API names credentials by). */
  getCredentialByVcId(vcId: string): Promise<CredentialRecord | null>;
  /**
   * When this service signed the credential whose own `id` this is: its issue time, else the
   * time a wallet delivery of it was signed; null when it signed none. Two narrow reads (the
   * verifier asks on every verification; a whole record is ~10 kB of text to decode).
   */
  signedAtOf(vcId: string): Promise<string | null>;
  /**
   * The record id of the credential whose own `id` this is, when `text` is, byte for byte, its
   * stored form (`jwt`: its vc+jwt; `di`: its Data Integrity JSON); null otherwise. Compared
   * in the database: neither stored text is read out for it.
   */
  storedFormId(vcId: string, form: 'jwt' | 'di', text: string): Promise<string | null>;
  getAchievement(instituteId: string, key: string): Promise<AchievementRecord | null>;

  /**
   * The issuer DID's list taking new credentials for `purpose` (of the candidate's kind: covering
   * suspension or not); `candidate` is created when there is none.
   */
  activeStatusList(issuerDid: string, purpose: StatusPurpose, candidate: StatusList): Promise<StatusList>;
  getStatusList(id: string): Promise<StatusList | null>;
  /**
   * The list without its signed forms: what a status check reads (whose list, which purpose,
   * how many bits). The signed list credential grows with every revocation (tens of kB in two
   * forms) and a verification never needs it.
   */
  getStatusListInfo(id: string): Promise<StatusListInfo | null>;
  /** Which of `indexes` are already handed out in the list. */
  takenStatusIndexes(listId: string, purpose: StatusPurpose, indexes: number[]): Promise<Set<number>>;
  /** The indexes whose bit is set: revoked (or suspended) credentials in the list. */
  setStatusIndexes(listId: string, purpose: StatusPurpose): Promise<number[]>;
  /** The status lists this service hosts, newest first, at most `limit` (the offline kit carries them). */
  listStatusLists(limit: number): Promise<StatusList[]>;
  /**
   * In a revocation list that covers suspension, the set bits that stand for a suspension (the
   * credential is suspended, not revoked); empty for any other list.
   */
  suspendedStatusIndexes(listId: string): Promise<number[]>;
  /**
   * The status of one slot: when its bit was set, or null when it is clear (or never handed
   * out); in a list that covers suspension, also `why` it is set.
   */
  statusAt(listId: string, purpose: StatusPurpose, index: number): Promise<{ setAt: string | null; why?: 'revoked' | 'suspended' }>;
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

  /** Changes whenever this store writes something verifying a stored credential reads (keys, accreditations, institutes, a status). */
  verificationEpoch(): number;
  /** Changes whenever this store runs a write that may add an event to the webhook outbox. */
  outboxWrites(): number;
  /** Totals for operators' metrics: credentials stored, revoked, suspended now; batch rows by status; wallet offers. */
  operationalTotals(): Promise<{
    issued: number; revoked: number; suspended: number; batchRows: Record<string, number>;
    /** Wallet offers made (open, withdrawn, expired or claimed), and those a wallet claimed (each claim is one delivery). */
    walletOffers: { created: number; claimed: number };
  }>;
  close(): Promise<void>;
}

/** Templates and batch jobs: the store's part of cohort issuance. */
export interface CohortStore {
  /**
   * Adds a template version and makes it current. Version 1 creates the template; a version
   * already stored (a concurrent edit) throws.
   */
  saveTemplateVersion(template: TemplateRecord, audit?: AuditInput): Promise<void>;
  /** The current version, or the one asked for. */
  getTemplate(instituteId: string, code: string, version?: number): Promise<TemplateRecord | null>;
  /** Current versions, by code. */
  listTemplates(instituteId: string): Promise<TemplateRecord[]>;

  /**
   * Stores a batch job and all its rows (pending): in one transaction, unless the rows are too
   * many for one write (over 500); then the rows go first and the job last, so that nothing
   * lists or resumes the job before all its rows are in.
   */
  createBatch(batch: BatchRecord, rows: BatchRow[], audit?: AuditInput): Promise<void>;
  getBatch(id: string): Promise<BatchRecord | null>;
  getBatchByIdempotencyKey(instituteId: string, key: string): Promise<BatchRecord | null>;
  batchRows(batchId: string): Promise<BatchRow[]>;
  /** The newest batches first, of one institute or (null) of all, with their row counts. */
  recentBatches(instituteId: string | null, limit: number): Promise<BatchListing[]>;
  /** One batch with its row counts, without reading its rows (for polling progress). */
  batchListing(id: string): Promise<BatchListing | null>;
  /** Batches still issuing (to resume after a restart). */
  unfinishedBatches(): Promise<BatchRecord[]>;
  /** Records a row's outcome when it issued nothing new (existing, failed). */
  markBatchRow(ref: { batchId: string; rowNo: number }, status: BatchRowStatus, credentialId: string | null, error: string | null): Promise<void>;
  finishBatch(id: string, at: string): Promise<void>;
  /** The credential already issued for a row identity of the institute. */
  issuedRow(instituteId: string, rowKey: string): Promise<string | null>;
  /** The credentials already issued for many row identities, in one query (a file of thousands of rows; D1 caps queries per request). */
  issuedRows(instituteId: string, rowKeys: readonly string[]): Promise<Map<string, string>>;
}

/** How a delivery redeems its offer: with the OpenID4VCI access token, or the VC-API exchange's transaction. */
export type OfferRedemption = { kind: 'token'; idHash: string; tokenHash: string } | { kind: 'exchange'; idHash: string; tx: string };

/** A status list as a status check reads it: everything but its signed forms. */
export type StatusListInfo = Omit<StatusList, 'signedJson' | 'signedJwt'>;

/** Wallet offers and the credentials delivered through them (migrations/0012). */
export interface WalletStore {
  /** Stores a new offer; earlier offers of the same credential not yet delivered are revoked in the same transaction. */
  createWalletOffer(offer: WalletOfferRecord, audit?: AuditInput): Promise<void>;
  getWalletOffer(idHash: string): Promise<WalletOfferRecord | null>;
  getWalletOfferByToken(tokenHash: string): Promise<WalletOfferRecord | null>;
  /** A credential's offers, newest first. */
  walletOffersOf(credentialId: string): Promise<WalletOfferRecord[]>;
  /** Revokes the credential's offers not yet delivered; how many. */
  revokeWalletOffers(credentialId: string, at: string, audit?: AuditInput): Promise<number>;
  /**
   * Takes one PIN try of an open offer whose pre-authorized code is unused (before the PIN is
   * compared, so at most 5 are ever compared, however many arrive at once); false when none is left.
   */
  takeWalletOfferPinTry(idHash: string, at: string): Promise<boolean>;
  /** Gives the offer its access token, once: false when it is no longer open or its code was used. */
  redeemWalletOffer(redeem: { idHash: string; tokenHash: string; tokenExpiresAt: string; at: string }, audit?: AuditInput): Promise<boolean>;
  /** Starts (or restarts) a VC-API exchange of an open offer. */
  startWalletExchange(exchange: { idHash: string; tx: string; challenge: string; expiresAt: string; at: string }): Promise<boolean>;
  /**
   * Marks the offer delivered and stores the delivery, as one compare-and-set: false, storing
   * nothing, when the offer was delivered (or closed) meanwhile.
   */
  deliverCredential(delivery: DeliveryRecord, via: OfferRedemption, audit?: AuditInput): Promise<boolean>;
  saveWalletNonce(nonce: string, expiresAt: string): Promise<void>;
  /** Uses a nonce once, before it expires. */
  takeWalletNonce(nonce: string, at: string): Promise<boolean>;
  getDeliveryByVcId(vcId: string): Promise<DeliveryRecord | null>;
  credentialDeliveries(credentialId: string): Promise<DeliveryRecord[]>;
}
