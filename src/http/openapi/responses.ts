import { z } from 'zod';
import { TemplateBodySchema } from '../../schemas/template.js';
import { BATCH_ROW_STATUSES } from '../../store/records.js';
import type { ErrorCode } from '../errors.js';

/*
 * What the API answers, as zod schemas: the OpenAPI description (document.ts) is generated
 * from these and from the request schemas the routes validate with, and the test suite checks
 * every response it gets against that description (test/openapi-responses.ts). An object here
 * lists every field the route sends: a field added to a route and not here fails the suite.
 */

const ERROR_CODES = [
  'invalid_json', 'invalid_request', 'unknown_field', 'unauthorized', 'forbidden', 'not_found', 'method_not_allowed', 'conflict',
  'payload_too_large', 'unsupported_media_type', 'undefined_term', 'unprocessable', 'idempotency_key_reused', 'rate_limited', 'internal',
] as const satisfies readonly ErrorCode[];

/** The error envelope of every /api/v1 and VC API refusal. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  }),
}).meta({ title: 'Error' });

/** A JSON object whose members this description does not spell out (a credential, a DID document). */
const anyObject = (description: string) => z.looseObject({}).describe(description);
const stamp = z.string().describe('a date-time, UTC (2026-03-01T10:00:00Z)');
const nullableStamp = stamp.nullable();

export const CredentialLinks = z.object({
  self: z.string(), verify: z.string(), qrSvg: z.string(), qrPng: z.string(), learnerPage: z.string(), badgePng: z.string(), badgeSvg: z.string(),
}).meta({ title: 'CredentialLinks' });

export const IssuedCredential = z.object({
  id: z.string().describe('the credential\'s id in this service (its URL is links.self)'),
  credential: anyObject('the Open Badges 3.0 credential, secured with a Data Integrity proof'),
  jwt: z.string().describe('the same credential as a vc+jwt (EdDSA)'),
  jwtEs256: z.string().optional().describe('the ES256 vc+jwt, for an institute with that compatibility form on'),
  links: CredentialLinks,
}).meta({ title: 'IssuedCredential' });

const statusListRef = z.object({ url: z.string(), index: z.number().int() }).nullable();
export const CredentialStatusView = z.object({
  id: z.string(),
  status: z.enum(['active', 'suspended', 'revoked']),
  revokedAt: nullableStamp,
  suspendedAt: nullableStamp,
  learnerName: z.string(),
  achievementName: z.string(),
  issuedAt: stamp,
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  statusLists: z.object({ revocation: statusListRef, suspension: statusListRef }),
  history: z.array(z.object({ action: z.enum(['revoke', 'suspend', 'reinstate']), reason: z.string().nullable(), actor: z.string(), at: stamp })),
  links: CredentialLinks,
}).meta({ title: 'CredentialStatus' });

const CRYPTOSUITE = z.enum(['eddsa-rdfc-2022', 'eddsa-jcs-2022']);
export const InstituteView = z.object({
  slug: z.string(),
  name: z.string(),
  nameKm: z.string().nullable(),
  url: z.string().nullable(),
  image: z.string().nullable(),
  contact: z.string().nullable(),
  programmes: z.array(z.string()),
  status: z.enum(['active', 'suspended']),
  cryptosuite: CRYPTOSUITE,
  compatibility: z.object({ ed25519Signature2020: z.boolean(), es256Jwt: z.boolean() }),
  did: z.string(),
  didKey: z.string().nullable(),
  isDefault: z.boolean(),
  createdAt: stamp,
  accreditations: z.array(z.object({ validFrom: z.string(), validUntil: z.string().nullable(), programmes: z.array(z.string()) })),
  keys: z.array(z.object({ id: z.string(), publicKeyMultibase: z.string(), compromisedAt: z.string().nullable() })),
}).meta({ title: 'Institute' });

export const RotatedInstitute = InstituteView.extend({ activeKey: z.string(), activeP256Key: z.string().optional() }).meta({ title: 'InstituteAfterRotation' });

const SCOPE = z.enum(['issue', 'revoke', 'admin']);
export const ApiKeyView = z.object({
  id: z.string(), label: z.string(), scopes: z.array(SCOPE), createdAt: stamp, expiresAt: z.string().nullable(), lastUsedAt: nullableStamp, revokedAt: nullableStamp,
}).meta({ title: 'ApiKey' });
export const ApiKeyCreated = ApiKeyView.extend({ key: z.string().describe('the secret: shown once, only its hash is stored'), note: z.string() }).meta({ title: 'ApiKeyCreated' });

export const SigningKeys = z.object({
  keys: z.array(z.object({
    id: z.string(), controller: z.string(), type: z.enum(['Ed25519', 'P-256']), status: z.enum(['active', 'retired']),
    publicKeyMultibase: z.string(), createdAt: stamp, retiredAt: nullableStamp, compromisedAt: nullableStamp,
  })),
  activeKey: z.string().nullable(),
  activeP256Key: z.string().optional(),
}).meta({ title: 'SigningKeys' });

export const AuditPage = z.object({
  entries: z.array(z.object({
    seq: z.number().int(), at: stamp, actor: z.string(), instituteId: z.string().nullable(), action: z.string(), target: z.string(),
    details: z.unknown(), prevHash: z.string(), hash: z.string(),
  })),
  next: z.string().nullable().describe('the next page\'s path, or null on the last page'),
}).meta({ title: 'AuditPage' });

export const TemplateView = TemplateBodySchema.extend({ version: z.number().int(), createdAt: stamp, createdBy: z.string() }).meta({ title: 'Template' });

const batchCounts = z.object({ total: z.number().int(), pending: z.number().int(), issued: z.number().int(), existing: z.number().int(), failed: z.number().int() });
const BATCH_STATE = z.enum(['issuing', 'done']);
const batchRow = z.object({
  row: z.number().int(), studentId: z.string().nullable(), name: z.string(), template: z.string(), status: z.enum(BATCH_ROW_STATUSES),
  credentialId: z.string().nullable(), link: z.string().optional(), verifyUrl: z.string().optional(), error: z.string().optional(),
});
export const BatchView = z.object({
  id: z.string(), state: BATCH_STATE, createdAt: stamp, updatedAt: stamp, counts: batchCounts,
  validation: z.unknown().describe('the check of the file when it was submitted: summary, problems, warnings'),
  rows: z.array(batchRow).optional(),
  links: z.object({ self: z.string(), results: z.string(), qrZip: z.string() }),
}).meta({ title: 'Batch' });
export const BatchList = z.object({
  batches: z.array(z.object({
    id: z.string(), state: BATCH_STATE, createdAt: stamp, updatedAt: stamp, counts: batchCounts, links: z.object({ self: z.string(), results: z.string() }),
  })),
}).meta({ title: 'BatchList' });
const batchSummary = z.looseObject({ rows: z.number().int(), valid: z.number().int(), invalid: z.number().int(), problems: z.number().int() });
const problem = z.looseObject({ row: z.number().int(), column: z.string().optional(), message: z.string() });
export const BatchDryRun = z.object({
  dryRun: z.literal(true), summary: batchSummary, problems: z.array(problem), warnings: z.array(z.looseObject({})), rows: z.array(z.looseObject({})),
}).meta({ title: 'BatchDryRun' });
export const BatchProblems = ErrorBody.extend({ problems: z.array(problem), warnings: z.array(z.looseObject({})), summary: batchSummary }).meta({ title: 'BatchProblems' });

export const VcApiIssued = z.object({ verifiableCredential: anyObject('the secured credential, or an EnvelopedVerifiableCredential holding its vc+jwt') }).meta({ title: 'VcApiIssued' });
const idMessage = z.object({ id: z.string(), message: z.string() });
export const VcApiVerified = z.object({
  verified: z.boolean(), checks: z.array(z.string()), warnings: z.array(idMessage), errors: z.array(idMessage),
  report: anyObject('skillcert\'s verification report'),
}).meta({ title: 'VcApiVerification' });
export const VcApiStatusChanged = z.object({ credentialId: z.string(), status: z.enum(['active', 'suspended', 'revoked']) }).meta({ title: 'VcApiStatus' });

export const Jwks = z.object({ keys: z.array(z.looseObject({ kty: z.string() })) }).meta({ title: 'JWKSet' });
export const RegistryJson = z.object({
  ministry: z.object({ name: z.string(), did: z.string() }),
  institutes: z.array(z.object({
    slug: z.string(), name: z.string(), nameKm: z.string().optional(), url: z.string().optional(), dids: z.array(z.string()), status: z.enum(['active', 'suspended']),
    programmes: z.array(z.string()),
    accreditations: z.array(z.object({ validFrom: z.string(), validUntil: z.string().optional(), programmes: z.array(z.string()) })),
  })),
}).meta({ title: 'Registry' });
export const FederationError = z.object({ error: z.string(), error_description: z.string() }).meta({ title: 'FederationError' });
export const DccLegacyRegistry = z.object({
  meta: z.object({ created_at: z.string(), name: z.string() }),
  registry: z.record(z.string(), z.object({ name: z.string(), url: z.string().optional() })),
}).meta({ title: 'DccLegacyRegistry' });
export const Health = z.object({ status: z.literal('ok') });
export const JsonLd = anyObject('a JSON-LD document');
