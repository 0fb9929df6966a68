import { z } from 'zod';
import { IssueRequestSchema } from '../../schemas/issue-request.js';
import { VerificationReportSchema } from '../../schemas/report.js';
import { TemplateBodySchema, TemplateEditSchema } from '../../schemas/template.js';
import { IssuanceQuerySchema, VerificationQuerySchema } from '../../insight/report.js';
import {
  Accredit, AuditQuery, CompromiseKey, CreateInstitute, CreateKey, FetchQuery, IssueBody, ListQuery, OfferRequestSchema, OptionalReasonBody,
  PresentationBody, ReasonBody, StatusBody, UpdateInstitute, VerifyBody, VerifyRequestSchema, CreateWebhook, UpdateWebhook, WebhookLogQuery,
} from '../api-schemas.js';
import * as R from './responses.js';

/*
 * The OpenAPI 3.1 description of the HTTP API, generated from the zod schemas the routes
 * validate with (request bodies and queries) and from responses.ts (what they answer). The
 * route files stay HTTP only; this module lists each operation once. test/openapi.test.ts
 * holds it to the app: every API route registered in Hono is described here, the document
 * is valid OpenAPI 3.1, and every response the test suite sees matches it.
 */

type Json = Record<string, unknown>;
type Scope = 'issue' | 'revoke' | 'admin' | 'ministry';
type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

interface Body {
  schema: z.ZodType | Json;
  type?: string;
  examples?: Record<string, { summary: string; value: unknown }>;
}
interface Reply {
  description: string;
  /** JSON (application/json) by default; `type` for anything else. */
  schema?: z.ZodType | Json;
  type?: string | string[];
  headers?: Record<string, Json>;
  /** Other media types the same status may answer (content negotiation), each with its own schema. */
  also?: Record<string, Json>;
}
export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Hono's path form (`:id`); written `{id}` in the document. */
  path: string;
  id: string;
  tag: string;
  summary: string;
  description?: string;
  /** The bearer key and the scope it needs; absent = public. */
  auth?: Scope | 'any';
  query?: z.ZodObject | Json[];
  headers?: Json[];
  body?: Body | Body[];
  /** The body may be left out (an empty request takes the defaults). */
  bodyOptional?: boolean;
  replies: Record<number, Reply>;
  errors?: ErrorStatus[];
  /** Counted by the per-key issue limit or the per-address verify limit (429 with Retry-After). */
  limited?: boolean;
}

const toSchema = (schema: z.ZodType | Json, io: 'input' | 'output'): Json => {
  if (!(schema instanceof z.ZodType)) return schema;
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline', target: 'draft-2020-12' }) as Json;
  return json;
};

const example = (summary: string, value: unknown) => ({ summary, value });
const text = (type: string, description: string): Reply => ({ description, type, schema: { type: 'string' } });
const binary = (type: string, description: string): Reply => ({ description, type, schema: { type: 'string', contentMediaType: type } });
const cacheHeaders = { ETag: { description: 'changes when the content changes; send it back in If-None-Match', schema: { type: 'string' } } };

/* Examples: what a registrar in Phnom Penh sends, in English and in Khmer. */
const ISSUE_EN = {
  learner: { name: 'Sok Dara', email: 'dara@example.com' },
  achievement: {
    name: 'Electrical Installation', description: 'Installs and tests low-voltage wiring in residential buildings.',
    criteria: 'Passed the practical and written assessment of all units.', type: 'Certificate', code: 'ELC-L2', level: 'CQF Level 2', hours: 600,
    skills: [{ code: 'ELC-U01', name: 'Install wiring systems' }],
  },
  validUntil: '2031-12-31',
};
const ISSUE_KM = {
  learner: { name: 'Chan Sophea', nameKm: 'ចាន់ សុភា', phone: '012 345 678' },
  achievement: {
    name: 'Electrical Installation', nameKm: 'ការដំឡើងអគ្គិសនី',
    description: 'Installs and tests low-voltage wiring in residential buildings.', descriptionKm: 'ដំឡើង និងធ្វើតេស្តខ្សែភ្លើងតង់ស្យុងទាបក្នុងអគារលំនៅដ្ឋាន។',
    criteria: 'Passed the practical and written assessment of all units.', code: 'ELC-L2', level: 'CQF Level 2',
    skills: [{ code: 'ELC-U01', name: 'Install wiring systems', nameKm: 'ដំឡើងប្រព័ន្ធខ្សែភ្លើង' }],
  },
  result: 'ជាប់',
};
const TEMPLATE_EXAMPLE = {
  code: 'ELC-L2', name: 'Electrical Installation', nameKm: 'ការដំឡើងអគ្គិសនី',
  description: 'Installs and tests low-voltage wiring in residential buildings.', criteria: 'Passed the practical and written assessment of all units.',
  type: 'Certificate', level: 'CQF Level 2', hours: 600, validityMonths: 60,
  units: [{ code: 'ELC-U01', name: 'Install wiring systems', nameKm: 'ដំឡើងប្រព័ន្ធខ្សែភ្លើង' }],
};
const reasonExamples = (en: string, km: string) => ({ english: example('in English', { reason: en }), khmer: example('in Khmer', { reason: km }) });
const CSV_EXAMPLE = 'Student ID,Learner Name,Khmer Name,Phone,Template Code,Completion Date,Grade\r\nS001,Sok Dara,សុខ ដារ៉ា,012 345 678,ELC-L2,15/02/2026,Competent\r\n';

const idParam = (name: string, description: string): Json => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const instituteQuery: Json = {
  name: 'institute', in: 'query', required: false, schema: { type: 'string' },
  description: 'the ministry\'s token acts for the default institute unless this names another (its slug); an institute key acts for its own',
};
const flagQuery = (name: string, description: string): Json => ({ name, in: 'query', required: false, description, schema: { type: 'string', enum: ['true', 'false', '1', '0', 'yes', 'no', ''] } });

const credentialFormats: Reply = {
  description: 'the credential, byte for byte as signed: Data Integrity JSON by default, the vc+jwt for `Accept: application/vc+jwt`',
  type: ['application/json', 'application/vc', 'application/vc+jwt'],
};

export const OPERATIONS: Operation[] = [
  // Issuing and status
  {
    method: 'post', path: '/api/v1/credentials', id: 'issueCredential', tag: 'Credentials', auth: 'issue', limited: true,
    summary: 'Issue a credential', description: 'Signs an Open Badges 3.0 credential (Data Integrity proof and vc+jwt) for one learner. Unknown fields are refused (400 unknown_field).',
    query: [instituteQuery],
    body: { schema: IssueRequestSchema, examples: { english: example('a learner with an English name', ISSUE_EN), khmer: example('a learner with a Khmer name (ឈ្មោះជាភាសាខ្មែរ)', ISSUE_KM) } },
    replies: { 201: { description: 'issued', schema: R.IssuedCredential, headers: { Location: { description: 'the credential\'s URL', schema: { type: 'string' } } } } },
    errors: [400, 401, 403, 404, 413, 415, 422, 429, 503],
  },
  {
    method: 'get', path: '/api/v1/credentials/:id', id: 'getCredentialStatus', tag: 'Credentials', auth: 'any',
    summary: 'A credential\'s status and its history', replies: { 200: { description: 'the status record', schema: R.CredentialStatusView } }, errors: [401, 404],
  },
  ...(['revoke', 'suspend', 'reinstate'] as const).map((action): Operation => ({
    method: 'post', path: `/api/v1/credentials/:id/${action}`, id: `${action}Credential`, tag: 'Credentials', auth: 'revoke',
    summary: { revoke: 'Revoke a credential (permanent)', suspend: 'Suspend a credential', reinstate: 'Lift a suspension' }[action],
    body: {
      schema: action === 'reinstate' ? OptionalReasonBody : ReasonBody,
      examples: action === 'revoke' ? reasonExamples('issued by mistake', 'ចេញដោយច្រឡំ')
        : action === 'suspend' ? reasonExamples('complaint under review', 'ពាក្យបណ្តឹងកំពុងពិនិត្យ') : reasonExamples('complaint dismissed', 'ពាក្យបណ្តឹងត្រូវបានច្រានចោល'),
    },
    replies: { 200: { description: 'the credential\'s status after the change', schema: R.CredentialStatusView } },
    errors: [400, 401, 403, 404, 409, 413, 415],
  })),
  {
    method: 'post', path: '/api/v1/verify', id: 'verify', tag: 'Verification', limited: true,
    summary: 'Verify a credential, a JWT, a scanned link or a baked badge',
    body: [
      { schema: VerifyRequestSchema, examples: { link: example('a scanned QR link', { text: 'http://localhost:8787/v/8Yb2kQ3xTz' }), jwt: example('a vc+jwt', { jwt: 'eyJhbGciOiJFZERTQSJ9…' }) } },
      { schema: { type: 'string' }, type: 'application/vc+jwt' },
      { schema: { type: 'string' }, type: 'application/vp+jwt' },
      { schema: { type: 'object' }, type: 'application/vc' },
      { schema: { type: 'string' }, type: 'text/plain' },
      { schema: { type: 'string', contentMediaType: 'image/png' }, type: 'image/png' },
      { schema: { type: 'string' }, type: 'image/svg+xml' },
      { schema: { type: 'object', properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } } }, type: 'multipart/form-data' },
    ],
    replies: { 200: { description: 'the verification report: verified or not, and each check', schema: VerificationReportSchema } },
    errors: [400, 413, 415, 422, 429],
  },
  {
    method: 'get', path: '/credentials/:id', id: 'getCredential', tag: 'Public documents', summary: 'A credential as signed',
    query: [{ name: 'form', in: 'query', required: false, schema: { type: 'string', enum: ['inji', 'es256'] }, description: 'a compatibility form' }],
    replies: { 200: credentialFormats }, errors: [400, 404],
  },
  { method: 'get', path: '/credentials/:id/qr.svg', id: 'getQrSvg', tag: 'Public documents', summary: 'The QR code of the verify link (SVG)', replies: { 200: text('image/svg+xml', 'the QR code') }, errors: [404] },
  { method: 'get', path: '/credentials/:id/qr.png', id: 'getQrPng', tag: 'Public documents', summary: 'The QR code of the verify link (PNG)', replies: { 200: binary('image/png', 'the QR code') }, errors: [404] },
  ...(['svg', 'png'] as const).map((form): Operation => ({
    method: 'get', path: `/credentials/:id/qr-offline.${form}`, id: `getOfflineQr${form === 'svg' ? 'Svg' : 'Png'}`, tag: 'Public documents',
    summary: `The offline QR code (${form.toUpperCase()})`,
    description: 'The verify link with the whole signed credential in its fragment, which the offline verifier reads without a network; '
      + 'when the credential does not fit (offlineQr.fits on the credential\'s status), the link-only code. X-Offline-QR says which was served.',
    replies: {
      200: {
        ...(form === 'svg' ? text('image/svg+xml', 'the QR code') : binary('image/png', 'the QR code')),
        headers: { 'X-Offline-QR': { description: '`fits; version=N` (the credential is in the code) or `link-only; version=N`', schema: { type: 'string', pattern: '^(fits|link-only); version=\\d+$' } } },
      },
    },
    errors: [404],
  })),
  {
    method: 'get', path: '/credentials/:id/badge.png', id: 'getBadgePng', tag: 'Public documents', summary: 'The badge with the credential baked in (PNG)', limited: true,
    query: [{ name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['jwt'] } }],
    replies: { 200: binary('image/png', 'the baked badge') }, errors: [400, 404, 429],
  },
  {
    method: 'get', path: '/credentials/:id/badge.svg', id: 'getBadgeSvg', tag: 'Public documents', summary: 'The badge with the credential baked in (SVG)',
    query: [{ name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['jwt'] } }],
    replies: { 200: text('image/svg+xml', 'the baked badge') }, errors: [400, 404],
  },
  { method: 'get', path: '/achievements/:slug/:key', id: 'getAchievement', tag: 'Public documents', summary: 'The Achievement a credential names', replies: { 200: { description: 'the Achievement', type: 'application/ld+json', schema: R.JsonLd } }, errors: [404] },
  { method: 'get', path: '/achievements/:slug/:key/km', id: 'getAchievementKm', tag: 'Public documents', summary: 'The Khmer version of an Achievement', replies: { 200: { description: 'the Achievement in Khmer', type: 'application/ld+json', schema: R.JsonLd } }, errors: [404] },
  { method: 'get', path: '/achievements/:slug/:key/image.svg', id: 'getAchievementImage', tag: 'Public documents', summary: 'The badge image of an Achievement', replies: { 200: text('image/svg+xml', 'the image') }, errors: [404] },
  {
    method: 'get', path: '/status/:listId', id: 'getStatusList', tag: 'Public documents', summary: 'A BitstringStatusListCredential',
    replies: { 200: { ...credentialFormats, description: 'the signed status list (vc+jwt for Accept: application/vc+jwt)', headers: cacheHeaders }, 304: { description: 'not modified (If-None-Match)' } },
    // 503: the list changed (or its signature is due) and its institute has no active key to sign it again with.
    errors: [404, 503],
  },
  // Identities and the registry
  { method: 'get', path: '/.well-known/did.json', id: 'getDefaultDid', tag: 'Identities', summary: 'The default institute\'s did:web document', replies: { 200: { description: 'the DID document', type: 'application/did+ld+json', schema: R.JsonLd } }, errors: [404] },
  { method: 'get', path: '/issuers/:slug/did.json', id: 'getInstituteDid', tag: 'Identities', summary: 'An institute\'s did:web document', replies: { 200: { description: 'the DID document', type: 'application/did+ld+json', schema: R.JsonLd } }, errors: [404] },
  { method: 'get', path: '/ministry/did.json', id: 'getMinistryDid', tag: 'Identities', summary: 'The ministry\'s did:web document', replies: { 200: { description: 'the DID document', type: 'application/did+ld+json', schema: R.JsonLd } }, errors: [404] },
  { method: 'get', path: '/.well-known/jwks.json', id: 'getDefaultJwks', tag: 'Identities', summary: 'The default institute\'s keys as a JWK Set', replies: { 200: { description: 'the JWK Set', schema: R.Jwks } } },
  { method: 'get', path: '/issuers/:slug/jwks.json', id: 'getInstituteJwks', tag: 'Identities', summary: 'An institute\'s keys as a JWK Set', replies: { 200: { description: 'the JWK Set', schema: R.Jwks } }, errors: [404] },
  {
    method: 'get', path: '/registry', id: 'getRegistry', tag: 'Registry', summary: 'The ministry-signed registry credential',
    replies: { 200: { description: 'the registry credential (vc+jwt for Accept: application/vc+jwt)', type: ['application/json', 'application/vc+jwt'], headers: cacheHeaders }, 304: { description: 'not modified' } },
  },
  {
    method: 'get', path: '/registry.json', id: 'getRegistryJson', tag: 'Registry', summary: 'The registry as plain JSON',
    replies: { 200: { description: 'every institute, its DIDs and accreditation periods', schema: R.RegistryJson, headers: cacheHeaders }, 304: { description: 'not modified' } },
  },
  {
    method: 'get', path: '/.well-known/openid-federation', id: 'getFederationEntity', tag: 'Registry', summary: 'OpenID Federation entity configuration (trust anchor)',
    replies: { 200: text('application/entity-statement+jwt', 'the signed entity configuration') },
  },
  {
    method: 'get', path: '/federation/fetch', id: 'federationFetch', tag: 'Registry', summary: 'OpenID Federation subordinate statement about an institute DID', query: FetchQuery,
    replies: {
      200: text('application/entity-statement+jwt', 'the signed subordinate statement'),
      400: { description: 'OpenID Federation error', schema: R.FederationError }, 404: { description: 'OpenID Federation error: not a member', schema: R.FederationError },
    },
  },
  {
    method: 'get', path: '/federation/list', id: 'federationList', tag: 'Registry', summary: 'The DIDs of every accredited institute', query: ListQuery,
    replies: { 200: { description: 'entity identifiers', schema: z.array(z.string()) }, 400: { description: 'OpenID Federation error', schema: R.FederationError } },
  },
  { method: 'get', path: '/registry/dcc-legacy.json', id: 'getDccLegacyRegistry', tag: 'Registry', summary: 'The registry in DCC\'s legacy form', replies: { 200: { description: 'members by DID', schema: R.DccLegacyRegistry } } },
  // Institutes and keys
  {
    method: 'post', path: '/api/v1/institutes', id: 'createInstitute', tag: 'Institutes', auth: 'ministry', summary: 'Create an institute',
    body: {
      schema: CreateInstitute,
      examples: {
        english: example('in English', { slug: 'ntti', name: 'National Technical Training Institute', url: 'https://ntti.example.edu.kh', accreditedFrom: '2026-01-01' }),
        khmer: example('with its Khmer name', { slug: 'ntti', name: 'National Technical Training Institute', nameKm: 'វិទ្យាស្ថានជាតិបណ្តុះបណ្តាលបច្ចេកទេស', programmes: ['Electrical Installation'], accreditedFrom: '2026-01-01' }),
      },
    },
    replies: { 201: { description: 'the institute, its DID and first key', schema: R.InstituteView } }, errors: [400, 401, 403, 409, 413, 415, 422, 503],
  },
  { method: 'get', path: '/api/v1/institutes', id: 'listInstitutes', tag: 'Institutes', auth: 'any', summary: 'Institutes the token may see', replies: { 200: { description: 'the institutes', schema: z.object({ institutes: z.array(R.InstituteView) }) } }, errors: [401] },
  { method: 'get', path: '/api/v1/institutes/:slug', id: 'getInstitute', tag: 'Institutes', auth: 'any', summary: 'One institute', replies: { 200: { description: 'the institute', schema: R.InstituteView } }, errors: [401, 404] },
  {
    method: 'patch', path: '/api/v1/institutes/:slug', id: 'updateInstitute', tag: 'Institutes', auth: 'ministry', summary: 'Update an institute (names, links, cryptosuite, compatibility forms)',
    body: { schema: UpdateInstitute, examples: { khmer: example('set the Khmer name', { nameKm: 'វិទ្យាស្ថានជាតិបណ្តុះបណ្តាលបច្ចេកទេស' }), compat: example('turn on the ES256 form', { compatibility: { es256Jwt: true } }) } },
    replies: { 200: { description: 'the institute', schema: R.InstituteView } }, errors: [400, 401, 403, 404, 413, 415, 422, 503],
  },
  {
    method: 'post', path: '/api/v1/institutes/:slug/accreditations', id: 'accreditInstitute', tag: 'Institutes', auth: 'ministry', summary: 'Add an accreditation period',
    body: { schema: Accredit, examples: { period: example('five years', { validFrom: '2026-01-01', validUntil: '2030-12-31' }) } },
    replies: { 201: { description: 'the institute', schema: R.InstituteView } }, errors: [400, 401, 403, 404, 413, 415],
  },
  { method: 'post', path: '/api/v1/institutes/:slug/suspend', id: 'suspendInstitute', tag: 'Institutes', auth: 'ministry', summary: 'Suspend an institute (ends its accreditation now)', replies: { 200: { description: 'the institute', schema: R.InstituteView } }, errors: [401, 403, 404] },
  {
    method: 'post', path: '/api/v1/institutes/:slug/api-keys', id: 'createApiKey', tag: 'Institutes', auth: 'admin', summary: 'Create an API key (shown once)',
    body: { schema: CreateKey, examples: { registrar: example('the registrar\'s laptop', { label: 'registrar laptop', scopes: ['issue', 'revoke'], expiresAt: '2027-12-31' }), khmer: example('a label in Khmer', { label: 'កុំព្យូទ័រការិយាល័យ', scopes: ['issue'] }) } },
    replies: { 201: { description: 'the key, with its secret this once', schema: R.ApiKeyCreated } }, errors: [400, 401, 403, 404, 413, 415],
  },
  { method: 'get', path: '/api/v1/institutes/:slug/api-keys', id: 'listApiKeys', tag: 'Institutes', auth: 'admin', summary: 'An institute\'s API keys (never a secret)', replies: { 200: { description: 'the keys', schema: z.object({ apiKeys: z.array(R.ApiKeyView) }) } }, errors: [401, 403, 404] },
  { method: 'delete', path: '/api/v1/institutes/:slug/api-keys/:id', id: 'revokeApiKey', tag: 'Institutes', auth: 'admin', summary: 'Revoke an API key', replies: { 200: { description: 'the revoked key', schema: R.ApiKeyView } }, errors: [401, 403, 404, 409] },
  { method: 'get', path: '/api/v1/institutes/:slug/keys', id: 'listSigningKeys', tag: 'Institutes', auth: 'admin', summary: 'An institute\'s signing keys, newest first', replies: { 200: { description: 'public halves only', schema: R.SigningKeys } }, errors: [401, 403, 404] },
  { method: 'post', path: '/api/v1/institutes/:slug/keys/rotate', id: 'rotateSigningKey', tag: 'Institutes', auth: 'admin', summary: 'Rotate the signing key', replies: { 201: { description: 'the institute and its new active key', schema: R.RotatedInstitute } }, errors: [401, 403, 404, 422, 503] },
  {
    method: 'post', path: '/api/v1/institutes/:slug/keys/compromised', id: 'reportKeyCompromised', tag: 'Institutes', auth: 'admin', summary: 'Report a signing key compromised',
    body: { schema: CompromiseKey }, replies: { 200: { description: 'the institute', schema: R.InstituteView } }, errors: [400, 401, 403, 404, 413, 415],
  },
  { method: 'get', path: '/api/v1/audit', id: 'listAudit', tag: 'Audit', auth: 'admin', summary: 'The audit ledger, paged', query: AuditQuery, replies: { 200: { description: 'a page of entries', schema: R.AuditPage } }, errors: [400, 401, 403] },
  // Templates and batches
  {
    method: 'post', path: '/api/v1/templates', id: 'createTemplate', tag: 'Cohorts', auth: 'admin', summary: 'Create an achievement template (version 1)', query: [instituteQuery],
    body: { schema: TemplateBodySchema, examples: { bilingual: example('English and Khmer', TEMPLATE_EXAMPLE) } },
    replies: { 201: { description: 'the template', schema: R.TemplateView } }, errors: [400, 401, 403, 404, 409, 413, 415],
  },
  ...(['put:/api/v1/templates/:code:updateTemplate', 'post:/api/v1/templates/:code/versions:addTemplateVersion'].map((spec): Operation => {
    const [method, path, id] = [spec.slice(0, spec.indexOf(':')), spec.slice(spec.indexOf(':') + 1, spec.lastIndexOf(':')), spec.slice(spec.lastIndexOf(':') + 1)];
    return {
      method: method as 'put' | 'post', path, id, tag: 'Cohorts', auth: 'admin', summary: 'A new version of a template', query: [instituteQuery],
      body: { schema: TemplateEditSchema, examples: { bilingual: example('English and Khmer', { ...TEMPLATE_EXAMPLE, hours: 620 }) } },
      replies: { 201: { description: 'the new version', schema: R.TemplateView } }, errors: [400, 401, 403, 404, 409, 413, 415],
    };
  })),
  { method: 'get', path: '/api/v1/templates', id: 'listTemplates', tag: 'Cohorts', auth: 'issue', summary: 'The institute\'s templates (current versions)', query: [instituteQuery], replies: { 200: { description: 'the templates', schema: z.object({ templates: z.array(R.TemplateView) }) } }, errors: [401, 403, 404] },
  {
    method: 'get', path: '/api/v1/templates/:code', id: 'getTemplate', tag: 'Cohorts', auth: 'issue', summary: 'One template version',
    query: [instituteQuery, { name: 'version', in: 'query', required: false, schema: { type: 'integer', minimum: 1 } }],
    replies: { 200: { description: 'the template', schema: R.TemplateView } }, errors: [400, 401, 403, 404],
  },
  {
    method: 'post', path: '/api/v1/batches', id: 'submitBatch', tag: 'Cohorts', auth: 'issue', limited: true, summary: 'Check or issue a class list (CSV or JSON rows)',
    description: 'Send `Idempotency-Key` so that a retried upload issues the cohort once: the same key with the same file answers the batch made the first time; with another file, 422 idempotency_key_reused.',
    query: [
      flagQuery('dryRun', 'check only; nothing is signed'), flagQuery('validRowsOnly', 'issue the valid rows of a file with problems'),
      flagQuery('async', 'answer 202 at once and issue in the background'), { name: 'template', in: 'query', required: false, schema: { type: 'string' }, description: 'the template code, for a sheet without a template column' },
      instituteQuery,
    ],
    headers: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 }, description: 'makes a retried upload safe: one batch per key and file' }],
    body: [
      { schema: { type: 'string' }, type: 'text/csv', examples: { bilingual: example('a class list as Excel saves it (CSV UTF-8)', CSV_EXAMPLE) } },
      { schema: { type: 'array', items: { type: 'object' } }, examples: { bilingual: example('the same rows as JSON', [{ 'student id': 'S001', 'learner name': 'Sok Dara', 'khmer name': 'សុខ ដារ៉ា', 'template code': 'ELC-L2', 'completion date': '2026-02-15' }]) } },
    ],
    replies: {
      200: { description: 'a dry run\'s check, or the batch an earlier request with this Idempotency-Key made', schema: { oneOf: [toSchema(R.BatchDryRun, 'output'), toSchema(R.BatchView, 'output')] } },
      201: { description: 'the batch, issued', schema: R.BatchView, headers: { Location: { schema: { type: 'string' } } } },
      202: { description: 'the batch, issuing in the background; poll its URL', schema: R.BatchView, headers: { Location: { schema: { type: 'string' } } } },
      422: { description: 'the file has problems (nothing issued), no valid rows, or the Idempotency-Key was used for another file', schema: { oneOf: [toSchema(R.BatchProblems, 'output'), toSchema(R.ErrorBody, 'output')] } },
    },
    errors: [400, 401, 403, 404, 413, 415],
  },
  {
    method: 'get', path: '/api/v1/batches', id: 'listBatches', tag: 'Cohorts', auth: 'issue', summary: 'The institute\'s newest batches',
    query: [instituteQuery, { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100 } }],
    replies: { 200: { description: 'the batches', schema: R.BatchList } }, errors: [400, 401, 403, 404],
  },
  {
    method: 'get', path: '/api/v1/batches/:id', id: 'getBatch', tag: 'Cohorts', auth: 'issue', summary: 'A batch\'s state, counts and rows',
    query: [flagQuery('rows', 'false: the state and counts only, for polling')], replies: { 200: { description: 'the batch', schema: R.BatchView } }, errors: [400, 401, 403, 404],
  },
  { method: 'post', path: '/api/v1/batches/:id/resume', id: 'resumeBatch', tag: 'Cohorts', auth: 'issue', summary: 'Issue the next chunk of an unfinished batch', replies: { 200: { description: 'the batch', schema: R.BatchView } }, errors: [401, 403, 404] },
  { method: 'get', path: '/api/v1/batches/:id/results.csv', id: 'getBatchResults', tag: 'Cohorts', auth: 'issue', summary: 'The results sheet', replies: { 200: text('text/csv', 'one line per row: names, credential id, links, outcome') }, errors: [401, 403, 404] },
  { method: 'get', path: '/api/v1/batches/:id/qr.zip', id: 'getBatchQrZip', tag: 'Cohorts', auth: 'issue', summary: 'The QR codes, named by student id', replies: { 200: binary('application/zip', 'svg/ and png/ QR codes') }, errors: [401, 403, 404] },
  // Wallets (OpenID4VCI, the VC-API exchange) and insight
  {
    method: 'post', path: '/api/v1/credentials/:id/wallet-offer', id: 'createWalletOffer', tag: 'Wallets', auth: 'issue',
    summary: 'Offer a credential to its learner\'s wallet',
    description: 'One learner, single use, expiring, with a PIN (txCode, shown this once). An earlier open offer of the credential is withdrawn. '
      + 'The body may be empty (the deployment\'s default lifetime). A revoked or suspended credential is refused (409); an institute that may not issue now, 403.',
    body: {
      schema: OfferRequestSchema,
      examples: {
        english: example('a month to take it (English)', { expiresInDays: 30 }),
        khmer: example('មួយសប្តាហ៍ដើម្បីទទួលយក (a week, Khmer)', { expiresInDays: 7 }),
      },
    },
    bodyOptional: true,
    replies: { 201: { description: 'the offer: its links, QR codes and PIN', schema: R.WalletOffer } },
    errors: [400, 401, 403, 404, 409, 413, 415, 422],
  },
  {
    method: 'delete', path: '/api/v1/credentials/:id/wallet-offer', id: 'revokeWalletOffers', tag: 'Wallets', auth: 'issue', summary: 'Withdraw a credential\'s open wallet offers',
    replies: { 200: { description: 'how many were withdrawn', schema: R.WalletOffersRevoked } }, errors: [401, 403, 404],
  },
  {
    method: 'post', path: '/api/v1/batches/:id/wallet-offers', id: 'createCohortWalletOffers', tag: 'Wallets', auth: 'issue', summary: 'Offer a finished batch\'s credentials to the learners\' wallets',
    description: 'One new offer per issued row (an earlier open one is withdrawn); a revoked or suspended credential gets none, with the reason. '
      + 'With `Accept: application/zip`, the results sheet with the offers and PINs beside them, and the offers\' QR codes.',
    query: [{ name: 'expiresInDays', in: 'query', required: false, schema: toSchema(OfferRequestSchema.shape.expiresInDays.unwrap(), 'input'), description: 'the offers\' lifetime in days' }],
    replies: {
      201: {
        description: 'each row\'s offer and PIN, or why it has none (JSON); the sheet and QR codes (application/zip)', schema: R.CohortWalletOffers,
        also: { 'application/zip': { type: 'string', contentMediaType: 'application/zip' } },
      },
    },
    errors: [400, 401, 403, 404, 409],
  },
  ...(['', '/draft13'] as const).flatMap((suffix): Operation[] => {
    const draft = suffix === '/draft13';
    const notFound = { description: 'no such credential issuer (OAuth error form)', schema: R.OAuthError };
    return [
      {
        method: 'get', path: `/.well-known/openid-credential-issuer/oid4vci/:slug${suffix}`, id: `getCredentialIssuerMetadata${draft ? 'Draft13' : ''}`, tag: 'Wallets',
        summary: `An institute's OpenID4VCI credential issuer metadata (${draft ? 'draft 13' : '1.0'})`,
        description: `Inserted after the host (RFC 8414 §3, OpenID4VCI 1.0 §12.2.2); the same document is at /oid4vci/{slug}${suffix}/.well-known/openid-credential-issuer.`,
        replies: { 200: { description: 'the credential issuer metadata', schema: R.CredentialIssuerMetadata }, 404: notFound },
      },
      {
        method: 'get', path: `/.well-known/oauth-authorization-server/oid4vci/:slug${suffix}`, id: `getAuthorizationServerMetadata${draft ? 'Draft13' : ''}`, tag: 'Wallets',
        summary: `An institute's OAuth authorization server metadata (${draft ? 'draft 13' : 'OpenID4VCI 1.0'}): the pre-authorized code grant`,
        description: `RFC 8414; the same document is at /oid4vci/{slug}${suffix}/.well-known/oauth-authorization-server.`,
        replies: { 200: { description: 'the authorization server metadata', schema: R.AuthorizationServerMetadata }, 404: notFound },
      },
    ];
  }),
  ...(['issuance', 'verification'] as const).flatMap((kind): Operation[] => {
    const schema = kind === 'issuance' ? IssuanceQuerySchema : VerificationQuerySchema;
    const report = kind === 'issuance' ? R.IssuanceReport : R.VerificationReport;
    const what = kind === 'issuance' ? 'credentials issued, revoked and suspended' : 'verifications, learner-page views and share cards';
    const csv = text('text/csv', 'the report for Excel: UTF-8 with a BOM, CRLF, a header row; names in English and Khmer');
    return [
      {
        method: 'get', path: `/api/v1/insight/${kind}`, id: `insight${kind === 'issuance' ? 'Issuance' : 'Verification'}`, tag: 'Insight', auth: 'any',
        summary: `Totals of ${what}, grouped`,
        description: 'The ministry\'s token reads every institute (or the one `institute` names); an institute\'s key reads its own. `format=csv` answers the CSV.',
        query: schema, replies: { 200: { description: 'the report', schema: report, also: { 'text/csv': { type: 'string' } } } }, errors: [400, 401, 404],
      },
      {
        method: 'get', path: `/api/v1/insight/${kind}.csv`, id: `insight${kind === 'issuance' ? 'Issuance' : 'Verification'}Csv`, tag: 'Insight', auth: 'any',
        summary: `Totals of ${what}, as a CSV file`, query: schema, replies: { 200: csv }, errors: [400, 401, 404],
      },
    ];
  }),
  // Webhooks
  {
    method: 'post', path: '/api/v1/webhooks', id: 'createWebhook', tag: 'Webhooks', auth: 'admin', summary: 'Register a webhook endpoint',
    description: 'An institute\'s admin key registers endpoints for its own events; the ministry\'s, for an institute (`institute`) or for every institute. '
      + 'The URL must be https and not a private or loopback address. Requests are signed as Standard Webhooks says (webhook-id, webhook-timestamp, '
      + 'webhook-signature) with the secret answered here once; failed deliveries are retried with growing waits for a day. See `webhooks` for the events.',
    body: {
      schema: CreateWebhook,
      examples: {
        english: example('the institute\'s student system hears of every issue and revocation', {
          url: 'https://sis.ntti.edu.kh/skillcert/events', events: ['credential.issued', 'credential.revoked'], description: 'Student information system',
        }),
        khmer: example('ប្រព័ន្ធរបស់ក្រសួង (the ministry\'s system, every institute)', {
          url: 'https://registry.mlvt.gov.kh/hooks/skillcert', events: ['institute.accreditation_changed', 'batch.completed'], description: 'ប្រព័ន្ធចុះបញ្ជីរបស់ក្រសួង',
        }),
      },
    },
    replies: { 201: { description: 'registered; the secret is shown this once', schema: R.WebhookCreated } }, errors: [400, 401, 403, 404, 409, 413, 415, 503],
  },
  { method: 'get', path: '/api/v1/webhooks', id: 'listWebhooks', tag: 'Webhooks', auth: 'admin', summary: 'The endpoints this key manages', replies: { 200: { description: 'the endpoints', schema: R.WebhookList } }, errors: [401, 403] },
  { method: 'get', path: '/api/v1/webhooks/:id', id: 'getWebhook', tag: 'Webhooks', auth: 'admin', summary: 'An endpoint and its latest deliveries', replies: { 200: { description: 'the endpoint', schema: R.WebhookDetail } }, errors: [401, 403, 404] },
  {
    method: 'patch', path: '/api/v1/webhooks/:id', id: 'updateWebhook', tag: 'Webhooks', auth: 'admin', summary: 'Change an endpoint\'s URL, events or description, or pause it',
    body: { schema: UpdateWebhook, examples: { pause: example('pause (events wait until resumed)', { paused: true }) } },
    replies: { 200: { description: 'the endpoint', schema: R.WebhookEndpointView } }, errors: [400, 401, 403, 404, 413, 415],
  },
  { method: 'delete', path: '/api/v1/webhooks/:id', id: 'deleteWebhook', tag: 'Webhooks', auth: 'admin', summary: 'Delete an endpoint (nothing more is sent to it)', replies: { 204: { description: 'deleted' } }, errors: [401, 403, 404] },
  {
    method: 'post', path: '/api/v1/webhooks/:id/rotate-secret', id: 'rotateWebhookSecret', tag: 'Webhooks', auth: 'admin', summary: 'A new signing secret',
    description: 'For a day after, each request carries two signatures (the new secret\'s and the previous one\'s), so the receiver can switch without a gap.',
    replies: { 200: { description: 'the new secret, shown this once', schema: R.WebhookCreated } }, errors: [401, 403, 404, 503],
  },
  {
    method: 'post', path: '/api/v1/webhooks/:id/test', id: 'testWebhook', tag: 'Webhooks', auth: 'admin', summary: 'Send a signed webhook.test now',
    replies: { 200: { description: 'what the receiver answered', schema: R.WebhookPing } }, errors: [401, 403, 404],
  },
  {
    method: 'get', path: '/api/v1/webhooks/:id/deliveries', id: 'listWebhookDeliveries', tag: 'Webhooks', auth: 'admin', summary: 'The delivery log: each event\'s state',
    query: WebhookLogQuery, replies: { 200: { description: 'newest event first', schema: R.WebhookDeliveries } }, errors: [400, 401, 403, 404],
  },
  {
    method: 'get', path: '/api/v1/webhooks/:id/attempts', id: 'listWebhookAttempts', tag: 'Webhooks', auth: 'admin', summary: 'Each attempt, with the start of the receiver\'s answer',
    query: WebhookLogQuery, replies: { 200: { description: 'newest first', schema: R.WebhookAttempts } }, errors: [400, 401, 403, 404],
  },
  {
    method: 'post', path: '/api/v1/webhooks/:id/deliveries/:eventId/retry', id: 'retryWebhookDelivery', tag: 'Webhooks', auth: 'admin', summary: 'Send a failed delivery again',
    replies: { 202: { description: 'queued', schema: R.WebhookRetry } }, errors: [401, 403, 404, 409],
  },
  // W3C VC API
  {
    method: 'post', path: '/credentials/issue', id: 'vcApiIssue', tag: 'W3C VC API', auth: 'issue', limited: true, summary: 'Sign any VC 2.0 (or 1.1) credential',
    body: { schema: IssueBody }, replies: { 201: { description: 'the secured credential', schema: R.VcApiIssued } }, errors: [400, 401, 403, 404, 409, 413, 415, 422, 503],
  },
  {
    method: 'post', path: '/credentials/verify', id: 'vcApiVerify', tag: 'W3C VC API', limited: true, summary: 'Verify a credential', body: { schema: VerifyBody },
    replies: { 200: { description: 'verified', schema: R.VcApiVerified }, 400: { description: 'not verified, or a malformed request', schema: { anyOf: [toSchema(R.VcApiVerified, 'output'), toSchema(R.ErrorBody, 'output')] } } },
    errors: [413, 415],
  },
  {
    method: 'post', path: '/presentations/verify', id: 'vcApiVerifyPresentation', tag: 'W3C VC API', limited: true, summary: 'Verify a presentation', body: { schema: PresentationBody },
    replies: { 200: { description: 'verified', schema: R.VcApiVerified }, 400: { description: 'not verified, or a malformed request', schema: { anyOf: [toSchema(R.VcApiVerified, 'output'), toSchema(R.ErrorBody, 'output')] } } },
    errors: [413, 415, 422],
  },
  {
    method: 'post', path: '/credentials/status', id: 'vcApiUpdateStatus', tag: 'W3C VC API', auth: 'revoke', summary: 'Revoke, suspend or reinstate by credential id',
    body: { schema: StatusBody, examples: { revoke: example('revoke', { credentialId: 'urn:uuid:3e1f…', credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' }] }) } },
    replies: { 200: { description: 'the status after the change', schema: R.VcApiStatusChanged } }, errors: [400, 401, 403, 404, 409, 413, 415],
  },
  { method: 'get', path: '/health', id: 'health', tag: 'Service', summary: 'Liveness', replies: { 200: { description: 'alive', schema: R.Health } } },
  {
    method: 'get', path: '/ready', id: 'ready', tag: 'Service', summary: 'Readiness',
    description: 'Whether this process can serve: the database is writable, the migrations are current, the keys are loaded and the background jobs run. Never cached.',
    replies: { 200: { description: 'ready, with every part checked', schema: R.Ready }, 503: { description: 'not ready: the failing parts named', schema: R.NotReady } },
  },
  {
    method: 'get', path: '/metrics', id: 'metrics', tag: 'Service', summary: 'Prometheus metrics',
    description: 'The Prometheus text format (prom-client): requests by route and status, latency, verifications by verdict, credentials issued, revoked and suspended, '
      + 'batch rows, wallet offers, database and WAL size, event-loop lag. Served to this machine (loopback, not through a proxy), or with '
      + '`Authorization: Bearer <METRICS_TOKEN>`; only where the runtime keeps metrics (Node). Never cached.',
    replies: { 200: text('text/plain', 'the metrics, Prometheus text format 0.0.4') }, errors: [403],
  },
  { method: 'get', path: '/openapi.json', id: 'openapi', tag: 'Service', summary: 'This description', replies: { 200: { description: 'OpenAPI 3.1', schema: { type: 'object' } } } },
];

const ERROR_TEXT: Record<ErrorStatus | 500, string> = {
  400: 'invalid_json, invalid_request or unknown_field: the request is malformed; details name each field',
  401: 'unauthorized: no bearer key, or one that is not valid or has expired',
  403: 'forbidden: the key lacks the scope, or the institute may not issue now',
  404: 'not_found: no such resource, or one that belongs to another institute',
  409: 'conflict: the change is not allowed in the current state',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable, undefined_term or idempotency_key_reused',
  429: 'rate_limited: too many requests; wait Retry-After seconds',
  503: 'unavailable: a state of the server refuses for now (no signing key to sign with, no key vault to make keys); retry later or tell the operator',
  500: 'internal: never for client input; quote the requestId',
};
const ERROR_NAME: Record<ErrorStatus | 500, string> = {
  400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 409: 'Conflict', 413: 'PayloadTooLarge', 415: 'UnsupportedMediaType',
  422: 'Unprocessable', 429: 'TooManyRequests', 503: 'Unavailable', 500: 'Internal',
};

const content = (type: string | string[] | undefined, schema: z.ZodType | Json | undefined, io: 'input' | 'output', examples?: Body['examples']) =>
  Object.fromEntries((Array.isArray(type) ? type : [type ?? 'application/json']).map((t) => [t, {
    ...(schema ? { schema: toSchema(schema, io) } : {}), ...(examples ? { examples } : {}),
  }]));

function queryParams(query: Operation['query']): Json[] {
  if (!query) return [];
  if (Array.isArray(query)) return query;
  return Object.entries(query.shape).map(([name, schema]) => ({
    name, in: 'query', required: !(schema as z.ZodType).safeParse(undefined).success, schema: toSchema(schema as z.ZodType, 'input'),
  }));
}

/**
 * Operations answered with a content ETag (src/http/etag.ts): the same bytes, the same tag; a
 * matching If-None-Match gets 304 with no body.
 */
const CONTENT_ETAG = new Set([
  'getCredential', 'getQrSvg', 'getQrPng', 'getOfflineQrSvg', 'getOfflineQrPng', 'getBadgePng', 'getBadgeSvg',
  'getAchievement', 'getAchievementKm', 'getAchievementImage', 'getDefaultDid', 'getInstituteDid', 'getMinistryDid', 'getDefaultJwks', 'getInstituteJwks',
]);

function describe(op: Operation): Json {
  const pathParams = [...op.path.matchAll(/:(\w+)/g)].map((m) => idParam(m[1] as string, m[1] === 'slug' ? 'the institute\'s slug' : `the ${m[1]}`));
  const bodies = op.body === undefined ? [] : Array.isArray(op.body) ? op.body : [op.body];
  const responses: Json = {};
  const replies: Record<number, Reply> = CONTENT_ETAG.has(op.id)
    ? { ...op.replies, 200: { ...op.replies[200]!, headers: { ...op.replies[200]?.headers, ...cacheHeaders } }, 304: { description: 'not modified (If-None-Match)' } }
    : op.replies;
  for (const [status, reply] of Object.entries(replies)) {
    responses[status] = {
      description: reply.description,
      ...(reply.headers ? { headers: reply.headers } : {}),
      ...(reply.schema || reply.type ? { content: { ...content(reply.type, reply.schema, 'output'), ...(reply.also ? Object.fromEntries(Object.entries(reply.also).map(([t, schema]) => [t, { schema }])) : {}) } } : {}),
    };
  }
  const errors = new Set<ErrorStatus | 500>([...(op.errors ?? []), ...(op.limited ? [429 as const] : []), 500]);
  for (const status of errors) if (!(status in responses)) responses[status] = { $ref: `#/components/responses/${ERROR_NAME[status]}` };
  const scopes = op.auth === undefined ? null : op.auth === 'any' ? [] : op.auth === 'ministry' ? ['ministry'] : [op.auth];
  return {
    operationId: op.id,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(scopes ? { security: [{ bearer: scopes }] } : { security: [] }),
    ...(pathParams.length || op.query || op.headers ? { parameters: [...pathParams, ...queryParams(op.query), ...(op.headers ?? [])] } : {}),
    ...(bodies.length ? {
      requestBody: {
        required: !op.bodyOptional && (op.method !== 'post' || !op.path.endsWith('/reinstate')),
        content: Object.assign({}, ...bodies.map((b) => content(b.type, b.schema, 'input', b.examples))),
      },
    } : {}),
    responses,
  };
}

/** The OpenAPI path of a Hono path: `:id` → `{id}`. */
export const openApiPath = (honoPath: string): string => honoPath.replace(/:(\w+)/g, '{$1}');

/** The OpenAPI 3.1 document of this service at `publicUrl`. */
export function openApiDocument(publicUrl: string): Json {
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) (paths[openApiPath(op.path)] ??= {})[op.method] = describe(op);
  const errorResponses = Object.fromEntries(Object.entries(ERROR_NAME).map(([status, name]) => [name, {
    description: ERROR_TEXT[Number(status) as ErrorStatus],
    ...(status === '429' ? { headers: { 'Retry-After': { description: 'seconds until the limit resets', schema: { type: 'integer' } } } } : {}),
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  }]));
  return {
    openapi: '3.1.0',
    info: {
      title: 'skillcert',
      version: '1',
      summary: 'Signed, verifiable skill certificates for TVET institutes (Open Badges 3.0 on W3C VC 2.0)',
      description: [
        'Issue, verify, revoke and suspend Open Badges 3.0 credentials; manage institutes, keys, templates and cohorts.',
        'Every /api/v1 and VC API error is `{"error": {"code", "message", "details"?, "requestId"}}` (the federation endpoints use OpenID Federation\'s own form).',
        'Issuing is limited per API key, public verification per client address: over the limit, 429 with `Retry-After`.',
        'ឯកសារនេះពិពណ៌នា API ទាំងមូល៖ ការចេញ ការផ្ទៀងផ្ទាត់ និងការដកហូតវិញ្ញាបនបត្រ។',
      ].join('\n\n'),
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: publicUrl }],
    tags: ['Credentials', 'Verification', 'Public documents', 'Identities', 'Registry', 'Institutes', 'Audit', 'Cohorts', 'Wallets', 'Insight', 'Webhooks', 'W3C VC API', 'Service']
      .map((name) => ({ name })),
    paths,
    // What receivers get (OpenAPI 3.1 webhooks): one POST per event, signed as Standard Webhooks says.
    webhooks: Object.fromEntries(Object.entries(R.WEBHOOK_PAYLOADS).map(([type, { summary, data }]) => [type, {
      post: {
        summary,
        description: 'Headers: webhook-id (the same on every attempt: drop repeats), webhook-timestamp (seconds), webhook-signature (`v1,<base64 HMAC-SHA256>`, '
          + 'space-separated when two secrets sign after a rotation). Answer 2xx within 10 s; anything else is retried for a day.',
        parameters: ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => ({ name, in: 'header', required: true, schema: { type: 'string' } })),
        requestBody: {
          required: true,
          content: { 'application/json': { schema: toSchema(z.object({ type: z.literal(type), timestamp: z.string(), data }), 'output') } },
        },
        responses: { 200: { description: 'received (any 2xx)' } },
      },
    }])),
    components: {
      schemas: { Error: toSchema(R.ErrorBody, 'output') },
      responses: errorResponses,
      securitySchemes: {
        bearer: {
          type: 'http', scheme: 'bearer',
          description: 'An API key (`Authorization: Bearer sk_…`). Scopes, listed as roles in each operation\'s security requirement: '
            + '`issue` (issue credentials, read templates and batches), `revoke` (revoke, suspend, reinstate), `admin` (the institute\'s keys, '
            + 'templates, audit entries and webhooks); `ministry`: only the ministry\'s admin token. The ministry\'s token has every scope.',
        },
      },
    },
  };
}
