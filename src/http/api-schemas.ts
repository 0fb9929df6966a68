import { z } from 'zod';
import { provinceInput, sectorInput } from '../insight/provinces.js';
import { CRYPTOSUITES } from '../jsonld/data-integrity.js';
import { dateInput } from '../schemas/dates.js';
import { httpUrl, multiLine, singleLine } from '../schemas/text.js';
import { API_SCOPES, STATUS_PURPOSES, WEBHOOK_EVENT_TYPES } from '../store/port.js';
import { MAX_OFFER_DAYS } from '../wallet/offers.js';
import { VERIFY_BODY_LIMIT } from './body.js';

/*
 * The API's request schemas: the route files validate with them, and the OpenAPI description
 * (src/http/openapi/) is generated from the same ones, so neither can drift from the other.
 */

/** Federation: the longest `sub`/`iss` read. */
export const MAX_SUB = 2048;

// The audit ledger
export const AuditQuery = z.strictObject({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

// The federation endpoints
export const FetchQuery = z.strictObject({ sub: z.string().max(MAX_SUB), iss: z.string().max(MAX_SUB).optional() });
export const ListQuery = z.strictObject({ entity_type: z.string().max(200).optional() });

// Institutes and their keys
const SLUG = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'must be 1-40 lowercase letters, digits or dashes');
const programmes = z.array(singleLine(200)).max(200);
export const CreateInstitute = z.strictObject({
  slug: SLUG,
  name: singleLine(200),
  nameKm: singleLine(200).optional(),
  url: httpUrl.optional(),
  image: httpUrl.optional(),
  contact: singleLine(200).optional(),
  programmes: programmes.optional(),
  accreditedFrom: dateInput.optional(),
  accreditedUntil: dateInput.optional(),
  cryptosuite: z.enum(CRYPTOSUITES).optional(),
  province: provinceInput.optional(),
  sector: sectorInput.optional(),
});
export const UpdateInstitute = z.strictObject({
  name: singleLine(200).optional(),
  nameKm: singleLine(200).nullable().optional(),
  url: httpUrl.nullable().optional(),
  image: httpUrl.nullable().optional(),
  contact: singleLine(200).nullable().optional(),
  programmes: programmes.optional(),
  cryptosuite: z.enum(CRYPTOSUITES).optional(),
  province: provinceInput.nullable().optional(),
  sector: sectorInput.nullable().optional(),
  // The compatibility forms (src/issuer/compat-proofs.ts); what is left out stays as it was.
  compatibility: z.strictObject({ ed25519Signature2020: z.boolean().optional(), es256Jwt: z.boolean().optional() }).optional(),
});
export const Accredit = z.strictObject({ validFrom: dateInput, validUntil: dateInput.optional(), programmes: programmes.optional() });
export const CreateKey = z.strictObject({
  label: singleLine(100),
  scopes: z.array(z.enum(API_SCOPES)).min(1).max(3),
  expiresAt: dateInput.optional(),
});
export const CompromiseKey = z.strictObject({ keyId: z.string().max(500), since: dateInput });

// Status changes
export const ReasonBody = z.strictObject({ reason: multiLine(500) });
export const OptionalReasonBody = z.strictObject({ reason: multiLine(500).optional() });

// The W3C VC API
export const StatusRequest = z.strictObject({
  type: z.literal('BitstringStatusListEntry'),
  statusPurpose: z.enum(STATUS_PURPOSES),
});
export const IssueBody = z.strictObject({
  credential: z.record(z.string(), z.unknown(), { error: 'credential must be a JSON object' }),
  options: z
    .strictObject({
      cryptosuite: z.enum(CRYPTOSUITES).optional(),
      credentialStatus: z.union([StatusRequest, z.array(StatusRequest).max(2)]).optional(),
      format: z.enum(['vc+jwt', 'application/vc+jwt', 'ldp_vc', 'application/vc']).optional(),
      credentialId: z.string().max(4000).optional(),
      mandatoryPointers: z.array(z.string()).optional(),
    })
    .optional(),
});
export const VerifyBody = z.strictObject({
  verifiableCredential: z.record(z.string(), z.unknown(), { error: 'verifiableCredential must be a JSON object' }),
  options: z.looseObject({ checks: z.array(z.string()).optional() }).optional(),
});
export const StatusBody = z.strictObject({
  credentialId: z.string().min(1).max(4000),
  credentialStatus: z.union([
    z.strictObject({ type: z.literal('BitstringStatusListEntry'), statusPurpose: z.enum(STATUS_PURPOSES), status: z.boolean().optional() }),
    z.array(z.strictObject({ type: z.literal('BitstringStatusListEntry'), statusPurpose: z.enum(STATUS_PURPOSES), status: z.boolean().optional() })).min(1).max(2),
  ]),
  status: z.boolean().optional(),
});
export const PresentationBody = z.strictObject({
  verifiablePresentation: z.record(z.string(), z.unknown(), { error: 'verifiablePresentation must be a JSON object' }),
  options: z.looseObject({ challenge: z.string().max(1000).optional(), domain: z.string().max(1000).optional() }).optional(),
});

// Verifying
export const VerifyRequestSchema = z.union([
  z.strictObject({ credential: z.record(z.string(), z.unknown()) }),
  z.strictObject({ jwt: z.string().min(1).max(VERIFY_BODY_LIMIT) }),
  z.strictObject({ text: z.string().min(1).max(VERIFY_BODY_LIMIT) }),
]);

// Wallet offers
export const OfferRequestSchema = z.strictObject({
  expiresInDays: z.number().int().min(1).max(MAX_OFFER_DAYS).optional(),
});

// Webhooks
const webhookUrl = z.string().min(1).max(2048).describe('https URL the events are POSTed to (no private or loopback addresses)');
const webhookEvents = z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length * 2)
  .describe('the event types it receives');
export const CreateWebhook = z.strictObject({
  url: webhookUrl,
  events: webhookEvents,
  description: singleLine(200).optional(),
  /** For the ministry: an institute's endpoint (its events only); absent = the ministry's, for every institute. */
  institute: SLUG.optional().describe('ministry only: the institute whose events it receives; absent = every institute'),
});
export const UpdateWebhook = z.strictObject({
  url: webhookUrl.optional(),
  events: webhookEvents.optional(),
  description: singleLine(200).optional(),
  paused: z.boolean().optional().describe('paused: nothing is sent (events wait, and are sent when resumed)'),
}).refine((b) => Object.keys(b).length > 0, { message: 'send at least one of url, events, description, paused' });
export const WebhookLogQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
