import {
  AccreditationPeriodSchema,
  AchievementRecordSchema,
  ApiTokenSchema,
  AuditEntrySchema,
  ConsoleSessionSchema,
  CredentialEventSchema,
  CredentialRecordSchema,
  InstituteSchema,
  IssuerKeyRecordSchema,
  StatusListSchema,
  WalletOfferRecordSchema,
  DeliveryRecordSchema,
  type WalletOfferRecord,
  type DeliveryRecord,
  type AccreditationPeriod,
  type AchievementRecord,
  type ApiToken,
  type AuditEntry,
  type ConsoleSession,
  type CredentialEvent,
  type CredentialRecord,
  type Institute,
  type IssuerKeyRecord,
  type StatusList,
  type StatusPurpose,
} from '../records.js';
import type { Row } from './driver.js';

/*
 * Row → record mappers for the SQL schema in migrations/. Each parses with the record's zod
 * schema, so a row that does not fit fails loudly here.
 */

const jsonList = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

export const instituteFromRow = (r: Row): Institute =>
  InstituteSchema.parse({
    id: r.id, slug: r.slug, name: r.name, nameKm: r.name_km, url: r.url, imageUrl: r.image_url ?? undefined, did: r.did, didKey: r.did_key,
    isDefault: r.is_default === 1, createdAt: r.created_at, contact: r.contact, programmes: jsonList(r.programmes),
    status: r.status, cryptosuite: r.cryptosuite ?? 'eddsa-rdfc-2022',
    // Absent while every option is off (migrations/0011), as for an institute built in code.
    ...(r.ed25519_signature_2020 === 1 || r.es256_jwt === 1
      ? { compatibility: { ed25519Signature2020: r.ed25519_signature_2020 === 1, es256Jwt: r.es256_jwt === 1 } }
      : {}),
  });

export const tokenFromRow = (r: Row): ApiToken =>
  ApiTokenSchema.parse({
    id: r.id, tokenHash: r.token_hash, role: r.role, instituteId: r.institute_id, label: r.label,
    source: r.source, createdAt: r.created_at, revokedAt: r.revoked_at, scopes: jsonList(r.scopes),
    expiresAt: r.expires_at, lastUsedAt: r.last_used_at,
  });

export const credentialFromRow = (r: Row): CredentialRecord =>
  CredentialRecordSchema.parse({
    id: r.id, credentialUrl: r.credential_url, vcId: r.vc_id, instituteId: r.institute_id, issuerDid: r.issuer_did,
    diJson: r.di_json, jwt: r.jwt, ...(r.jwt_es256 == null ? {} : { jwtEs256: r.jwt_es256 }),
    learnerName: r.learner_name, achievementName: r.achievement_name, achievementKey: r.achievement_key,
    validFrom: r.valid_from, validUntil: r.valid_until, issuedAt: r.issued_at, issuedBy: r.issued_by,
    revocation: r.revocation_list == null ? null : { listId: r.revocation_list, index: r.revocation_index },
    suspension: r.suspension_list == null ? null : { listId: r.suspension_list, index: r.suspension_index },
    revokedAt: r.revoked_at, suspendedAt: r.suspended_at,
  });

export const statusListFromRow = (r: Row): StatusList =>
  StatusListSchema.parse({
    id: r.id, instituteId: r.institute_id, issuerDid: r.issuer_did, purpose: r.purpose, coversSuspension: Number(r.covers_suspension) === 1,
    size: r.size, capacity: r.capacity,
    allocated: r.allocated, state: r.state, version: r.version, signedVersion: r.signed_version, signedJson: r.signed_json,
    signedJwt: r.signed_jwt, signedAt: r.signed_at, validUntil: r.valid_until, createdAt: r.created_at,
  });

export const eventFromRow = (r: Row): CredentialEvent =>
  CredentialEventSchema.parse({ seq: r.seq, credentialId: r.credential_id, action: r.action, reason: r.reason, actor: r.actor, at: r.at });

export const achievementFromRow = (r: Row): AchievementRecord =>
  AchievementRecordSchema.parse({ instituteId: r.institute_id, key: r.key, json: r.json, updatedAt: r.updated_at });

export const accreditationFromRow = (r: Row): AccreditationPeriod =>
  AccreditationPeriodSchema.parse({
    seq: r.seq, instituteId: r.institute_id, validFrom: r.valid_from, validUntil: r.valid_until,
    programmes: jsonList(r.programmes), createdAt: r.created_at,
  });

export const issuerKeyFromRow = (r: Row): IssuerKeyRecord =>
  IssuerKeyRecordSchema.parse({
    id: r.id, controller: r.controller, owner: r.owner, publicX: r.public_x, sealedPrivate: r.sealed_private,
    status: r.status, createdAt: r.created_at, retiredAt: r.retired_at, compromisedAt: r.compromised_at,
    // Absent for Ed25519 keys (migrations/0011), as for a key built in code.
    ...(r.key_type === 'P-256' ? { keyType: 'P-256', publicY: r.public_y } : {}),
  });

export const auditFromRow = (r: Row): AuditEntry =>
  AuditEntrySchema.parse({
    seq: r.seq, at: r.at, actor: r.actor, instituteId: r.institute_id, action: r.action, target: r.target,
    details: r.details, prevHash: r.prev_hash, hash: r.hash,
  });

/** Column names per status purpose; constants, never built from input. */
export const SLOT_COLUMNS: Record<StatusPurpose, { list: string; index: string; flag: string }> = {
  revocation: { list: 'revocation_list', index: 'revocation_index', flag: 'revoked_at' },
  suspension: { list: 'suspension_list', index: 'suspension_index', flag: 'suspended_at' },
};

export const sessionFromRow = (r: Row): ConsoleSession =>
  ConsoleSessionSchema.parse({ idHash: r.id_hash, tokenHash: r.token_hash, csrf: r.csrf, createdAt: r.created_at, expiresAt: r.expires_at });

export const walletOfferFromRow = (r: Row): WalletOfferRecord =>
  WalletOfferRecordSchema.parse({
    idHash: r.id_hash, ref: r.ref, credentialId: r.credential_id, instituteId: r.institute_id, createdAt: r.created_at, createdBy: r.created_by,
    expiresAt: r.expires_at, txCodeSalt: r.tx_code_salt, txCodeHash: r.tx_code_hash, pinTries: Number(r.pin_tries), tokenHash: r.token_hash,
    tokenExpiresAt: r.token_expires_at, redeemedAt: r.redeemed_at, exchangeTx: r.exchange_tx, exchangeChallenge: r.exchange_challenge,
    exchangeExpiresAt: r.exchange_expires_at, deliveredAt: r.delivered_at, revokedAt: r.revoked_at,
  });

export const deliveryFromRow = (r: Row): DeliveryRecord =>
  DeliveryRecordSchema.parse({
    id: r.id, vcId: r.vc_id, credentialId: r.credential_id, offerRef: r.offer_ref, instituteId: r.institute_id, holderDid: r.holder_did,
    protocol: r.protocol, format: r.format, body: r.body, deliveredAt: r.delivered_at,
  });
