import { z } from 'zod';
import { isDateTimeStamp } from './dates.js';

export const VC_V2_CONTEXT_URL = 'https://www.w3.org/ns/credentials/v2';
const VC_V1_CONTEXT_URL = 'https://www.w3.org/2018/credentials/v1';

const isUrl = (s: string): boolean => /^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/.test(s);
const url = z.string().max(4000).refine(isUrl, 'must be a URL');
const dateTimeStamp = z.string().max(64).refine(isDateTimeStamp, 'must be a date-time with a timezone');
const typeList = z.union([z.string(), z.array(z.string()).min(1)]);
const typed = z.looseObject({ type: typeList });

/**
 * The parts of a VC Data Model 2.0 credential that verification relies on. Other members
 * pass through untouched: the proof covers them, and JSON-LD safe mode vouches for them.
 */
export const CredentialSchema = z.looseObject({
  '@context': z
    .array(z.union([z.string(), z.record(z.string(), z.unknown())]))
    .min(1)
    .refine((c) => c[0] === VC_V2_CONTEXT_URL || c[0] === VC_V1_CONTEXT_URL, `the first @context must be ${VC_V2_CONTEXT_URL}`),
  id: url.optional(),
  type: typeList.refine(
    (t) => (Array.isArray(t) ? t : [t]).includes('VerifiableCredential'),
    'type must include VerifiableCredential',
  ),
  issuer: z.union([url, z.looseObject({ id: url })]),
  validFrom: dateTimeStamp.optional(),
  validUntil: dateTimeStamp.optional(),
  /** VC 1.1 names for validFrom and validUntil; read only from 1.1 documents. */
  issuanceDate: z.string().max(64).refine((s) => !Number.isNaN(Date.parse(s)), 'must be a date-time').optional(),
  expirationDate: z.string().max(64).refine((s) => !Number.isNaN(Date.parse(s)), 'must be a date-time').optional(),
  credentialSubject: z.union([z.record(z.string(), z.unknown()), z.array(z.record(z.string(), z.unknown())).min(1)]),
  credentialStatus: z.union([typed, z.array(typed)]).optional(),
  credentialSchema: z.union([typed, z.array(typed)]).optional(),
  evidence: z.union([typed, z.array(typed)]).optional(),
  termsOfUse: z.union([typed, z.array(typed)]).optional(),
  refreshService: z.union([typed, z.array(typed)]).optional(),
  proof: z.unknown().optional(),
}).superRefine((c, ctx) => {
  if (c.validFrom && c.validUntil && Date.parse(c.validUntil) < Date.parse(c.validFrom)) {
    ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'validUntil is before validFrom' });
  }
});

export type Credential = z.infer<typeof CredentialSchema>;
export type JsonObject = Record<string, unknown>;

export { issuerIdOf, typesOf, validityOf } from './credential-helpers.js';
