import { z } from 'zod';

export const CHECK_IDS = ['format', 'found', 'issuer', 'holder', 'proof', 'validity', 'revocation', 'suspension', 'accreditation', 'credentials'] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/**
 * Why a check failed, where the reader must tell failures of one check apart by more than
 * its message: "revoked" from "could not find out" (both fail: an unknown status is never
 * valid), a signature by a key its institute reported compromised from an altered one, an
 * expired credential from one not valid yet. `revoked_or_suspended`: another service's list
 * whose entry says its bit is set for either (this service's own lists say which).
 */
export const CHECK_CODES = ['revoked', 'suspended', 'revoked_or_suspended', 'status_unknown', 'key_compromised', 'expired', 'not_yet_valid'] as const;
export type CheckCode = (typeof CHECK_CODES)[number];

export const CheckSchema = z.object({
  id: z.enum(CHECK_IDS),
  status: z.enum(['passed', 'failed', 'skipped']),
  message: z.string(),
  code: z.enum(CHECK_CODES).optional(),
});
export type Check = z.infer<typeof CheckSchema>;

export const CredentialSummarySchema = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  issuer: z.object({ id: z.string(), name: z.string().optional(), nameKm: z.string().optional(), url: z.string().optional() }),
  learner: z.object({ name: z.string().optional(), nameKm: z.string().optional() }),
  achievement: z
    .object({
      name: z.string().optional(),
      nameKm: z.string().optional(),
      description: z.string().optional(),
      type: z.string().optional(),
      code: z.string().optional(),
      level: z.string().optional(),
      field: z.string().optional(),
      hours: z.number().optional(),
      skills: z.array(z.object({ code: z.string().optional(), name: z.string(), nameKm: z.string().optional(), url: z.string().optional() })),
    })
    .optional(),
  /** The learner's result or grade (the first OB 3.0 Result's value). */
  result: z.string().optional(),
  validFrom: z.string().optional(),
  validUntil: z.string().optional(),
});
export type CredentialSummary = z.infer<typeof CredentialSummarySchema>;

/** How the credential was secured: an embedded proof, or a JWT (vc+jwt, or VC-JWT 1.1 with a `vc` claim). */
export const FORMATS = ['data-integrity', 'vc+jwt'] as const;

/**
 * A superseded form the credential came in, still verified: VC Data Model 1.1 (`issuanceDate`,
 * the 2018 context), or a VC-JWT 1.1 JWT whose `vc` claim holds the credential (and whose
 * iss, jti, sub, nbf and exp claims stand for its issuer, id, subject id and dates).
 */
export const LEGACY_FORMS = ['vc-data-model-1.1', 'vc-jwt-1.1'] as const;
export type LegacyForm = (typeof LEGACY_FORMS)[number];

/** The answer to "is this credential genuine?", as data. */
export const VerificationReportSchema = z.object({
  verified: z.boolean(),
  format: z.enum(FORMATS).nullable(),
  checks: z.array(CheckSchema),
  credential: CredentialSummarySchema.nullable(),
  /** Present only for a credential in a superseded form (see LEGACY_FORMS). */
  legacy: z.enum(LEGACY_FORMS).optional(),
  verifiedAt: z.string(),
});
export type VerificationReport = z.infer<typeof VerificationReportSchema>;
export type CredentialFormat = (typeof FORMATS)[number];
