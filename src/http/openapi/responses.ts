import { z } from 'zod';
import { PROVINCE_CODES, SECTOR_CODES } from '../../insight/provinces.js';
import { TemplateBodySchema } from '../../schemas/template.js';
import { BATCH_ROW_STATUSES } from '../../store/records.js';
import { WEBHOOK_EVENT_TYPES } from '../../store/webhooks.js';
import type { ErrorCode } from '../errors.js';

/*
 * What the API answers, as zod schemas: the OpenAPI description (document.ts) is generated
 * from these and from the request schemas the routes validate with, and the test suite checks
 * every response it gets against that description (test/openapi-responses.ts). An object here
 * lists every field the route sends: a field added to a route and not here fails the suite.
 */

const ERROR_CODES = [
  'invalid_json', 'invalid_request', 'unknown_field', 'unauthorized', 'forbidden', 'not_found', 'method_not_allowed', 'conflict',
  'payload_too_large', 'unsupported_media_type', 'undefined_term', 'unprocessable', 'idempotency_key_reused', 'rate_limited', 'internal', 'unavailable',
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
  self: z.string(), verify: z.string(), qrSvg: z.string(), qrPng: z.string(),
  qrOfflineSvg: z.string().describe('the offline QR (SVG): the whole signed credential in the link, or the link-only code when it does not fit'),
  qrOfflinePng: z.string().describe('the offline QR (PNG)'),
  learnerPage: z.string(), badgePng: z.string(), badgeSvg: z.string(),
}).meta({ title: 'CredentialLinks' });

export const OfflineQrView = z.object({
  fits: z.boolean().describe('whether the whole signed credential fits the offline QR at maxVersion or below; when not, qr-offline.* is the link-only code'),
  version: z.number().int().nullable().describe('the QR version the offline code needs (above maxVersion when it does not fit); null for a credential without a vc+jwt'),
  maxVersion: z.number().int().describe('the largest version printed (error correction M)'),
  payloadDigits: z.number().int().nullable().describe('the digits of the numeric segment carrying the credential; null without a vc+jwt'),
}).meta({ title: 'OfflineQr' });

export const IssuedCredential = z.object({
  id: z.string().describe('the credential\'s id in this service (its URL is links.self)'),
  credential: anyObject('the Open Badges 3.0 credential, secured with a Data Integrity proof'),
  jwt: z.string().describe('the same credential as a vc+jwt (EdDSA)'),
  jwtEs256: z.string().optional().describe('the ES256 vc+jwt, for an institute with that compatibility form on'),
  links: CredentialLinks,
  offlineQr: OfflineQrView,
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
  offlineQr: OfflineQrView,
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
  province: z.object({ code: z.enum(PROVINCE_CODES), name: z.string(), nameKm: z.string() }).nullable().describe('the province the insight reports group it under'),
  sector: z.enum(SECTOR_CODES).nullable().describe('its sector code (insight reports)'),
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
    keys: z.array(z.object({ id: z.string(), publicKeyMultibase: z.string(), compromisedAt: z.string().optional() })).optional()
      .describe('the Ed25519 keys its did:web DIDs ever signed with, so a verifier holding only the registry checks signatures offline'),
  })),
}).meta({ title: 'Registry' });
export const FederationError = z.object({ error: z.string(), error_description: z.string() }).meta({ title: 'FederationError' });
export const DccLegacyRegistry = z.object({
  meta: z.object({ created_at: z.string(), name: z.string() }),
  registry: z.record(z.string(), z.object({ name: z.string(), url: z.string().optional() })),
}).meta({ title: 'DccLegacyRegistry' });
export const Health = z.object({ status: z.literal('ok') });
const ReadyCheck = z.object({
  name: z.string().describe('the part checked: database, migrations, keys, a background job'),
  ok: z.boolean(),
  message: z.string().describe('ok, or what is wrong'),
}).meta({ title: 'ReadyCheck' });
export const Ready = z.object({ status: z.literal('ready'), checks: z.array(ReadyCheck) }).meta({ title: 'Ready' });
export const NotReady = z.object({
  status: z.literal('not_ready'),
  failing: z.array(z.string()).describe('each failing part as "name: message"'),
  checks: z.array(ReadyCheck),
}).meta({ title: 'NotReady' });
export const JsonLd = anyObject('a JSON-LD document');

// Wallet offers (OpenID4VCI, the VC-API exchange)
const walletOffer = {
  offerId: z.string().describe('the offer\'s secret id: it is in every URL of the offer'),
  ref: z.string().describe('the offer\'s public reference (audit entries, the console)'),
  url: z.string().describe('the interaction URL: a page opening the wallets, or with ?iuv=1 the protocols'),
  openid4vci: z.string().describe('the openid-credential-offer:// link (OpenID4VCI 1.0)'),
  openid4vciDraft13: z.string().describe('the same offer for draft 13 wallets'),
  interaction: z.string().describe('the interaction URL a wallet reads (?iuv=1)'),
  lcw: z.string().describe('the Learner Credential Wallet deep link'),
  txCode: z.string().describe('the PIN (tx_code) the learner types: shown this once, only its hash is stored'),
  expiresAt: stamp,
  links: z.object({ qrSvg: z.string(), qrPng: z.string(), openid4vciQrSvg: z.string(), openid4vciQrPng: z.string() }),
};
export const WalletOffer = z.object(walletOffer).meta({ title: 'WalletOffer' });
const cohortRow = { row: z.number().int(), studentId: z.string().nullable(), credentialId: z.string().nullable() };
export const CohortWalletOffers = z.object({
  offers: z.array(z.object({ ...cohortRow, ...walletOffer })),
  refused: z.array(z.object({ ...cohortRow, reason: z.string().describe('why the row has no offer (its credential is revoked or suspended)') })),
}).meta({ title: 'CohortWalletOffers' });
export const WalletOffersRevoked = z.object({ revoked: z.number().int().describe('how many open offers of the credential were withdrawn') }).meta({ title: 'WalletOffersRevoked' });

/** An OAuth / OpenID4VCI error (RFC 6749 §5.2): what wallets read, never this API's envelope. */
export const OAuthError = z.object({ error: z.string(), error_description: z.string() }).meta({ title: 'OAuthError' });
const display = z.array(z.looseObject({ name: z.string(), locale: z.string().optional() }));
export const CredentialIssuerMetadata = z.looseObject({
  credential_issuer: z.string(),
  credential_endpoint: z.string(),
  nonce_endpoint: z.string().optional().describe('OpenID4VCI 1.0 only'),
  display: display.optional(),
  credential_configurations_supported: z.record(z.string(), z.looseObject({
    format: z.enum(['ldp_vc', 'jwt_vc_json']),
    credential_definition: z.looseObject({ type: z.array(z.string()) }),
    credential_signing_alg_values_supported: z.array(z.string()).optional(),
    cryptographic_binding_methods_supported: z.array(z.string()).optional(),
    proof_types_supported: z.record(z.string(), z.looseObject({ proof_signing_alg_values_supported: z.array(z.string()) })).optional(),
    display: display.optional(),
  })),
}).meta({ title: 'CredentialIssuerMetadata', description: 'OpenID4VCI credential issuer metadata (1.0 §12.2, or draft 13 §11.2)' });
export const AuthorizationServerMetadata = z.looseObject({
  issuer: z.string(),
  token_endpoint: z.string(),
  grant_types_supported: z.array(z.string()).optional(),
  token_endpoint_auth_methods_supported: z.array(z.string()).optional(),
  'pre-authorized_grant_anonymous_access_supported': z.boolean().optional(),
}).meta({ title: 'AuthorizationServerMetadata', description: 'OAuth 2.0 authorization server metadata (RFC 8414)' });

// Insight
const groupValues = {
  month: z.string().optional().describe('YYYY-MM'),
  institute: z.string().optional().describe('the institute\'s slug'),
  instituteName: z.string().optional(),
  instituteNameKm: z.string().nullable().optional(),
  province: z.string().nullable().optional(),
  provinceName: z.string().nullable().optional(),
  provinceNameKm: z.string().nullable().optional(),
  sector: z.string().nullable().optional(),
  programme: z.string().optional(),
  programmeKm: z.string().nullable().optional(),
  level: z.string().nullable().optional(),
};
const reportHead = {
  from: z.string().nullable().describe('the first day (YYYY-MM-DD), null: from the start'),
  to: z.string().nullable().describe('the last day, null: up to today'),
  groupBy: z.array(z.string()),
  institute: z.string().nullable().describe('the institute\'s slug, null: every institute (the ministry)'),
};
export const IssuanceReport = z.object({
  kind: z.literal('issuance'), ...reportHead,
  rows: z.array(z.object({
    ...groupValues,
    issued: z.number().int(), revoked: z.number().int().describe('of those issued, revoked since'), suspended: z.number().int().describe('of those issued, suspended now'),
  })),
}).meta({ title: 'IssuanceReport' });
export const VerificationReport = z.object({
  kind: z.literal('verification'), ...reportHead,
  rows: z.array(z.object({
    ...groupValues,
    verdict: z.string().optional(), channel: z.string().optional(),
    verifications: z.number().int(),
    pageViews: z.number().int().optional().describe('learner-page views (absent when grouped by verdict or channel)'),
    shareCards: z.number().int().optional().describe('share-card renders (absent when grouped by verdict or channel)'),
  })),
}).meta({ title: 'VerificationReport' });

// Webhooks
const WEBHOOK_EVENTS = z.array(z.enum(WEBHOOK_EVENT_TYPES));
export const WebhookEndpointView = z.strictObject({
  id: z.string().describe('we_…'),
  url: z.string(),
  description: z.string(),
  events: WEBHOOK_EVENTS,
  institute: z.string().nullable().describe('the institute whose events it receives; null = the ministry\'s, for every institute'),
  paused: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  previousSecretValidUntil: z.string().nullable().describe('after a rotation: until then each request also carries a signature with the previous secret'),
}).meta({ title: 'WebhookEndpoint' });
export const WebhookCreated = WebhookEndpointView.extend({
  secret: z.string().describe('the signing secret (whsec_…, Standard Webhooks), shown this once'),
  note: z.string(),
});
export const WebhookList = z.strictObject({ endpoints: z.array(WebhookEndpointView) });
export const WebhookDeliveryView = z.strictObject({
  eventId: z.string().describe('the webhook-id header of every attempt'),
  type: z.string(),
  subject: z.string().describe('what the event is about (a credential, batch or institute id): events of one subject arrive in order'),
  occurredAt: z.string(),
  state: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});
export const WebhookDetail = WebhookEndpointView.extend({ recentDeliveries: z.array(WebhookDeliveryView) });
export const WebhookDeliveries = z.strictObject({ deliveries: z.array(WebhookDeliveryView) });
export const WebhookAttempts = z.strictObject({
  attempts: z.array(z.strictObject({
    eventId: z.string(), type: z.string(), at: z.string(),
    status: z.number().int().nullable().describe('the receiver\'s HTTP status; null when none came'),
    ms: z.number().int(), response: z.string().nullable().describe('the start of the receiver\'s answer (at most 512 characters)'), error: z.string().nullable(),
  })),
});
export const WebhookPing = z.strictObject({
  eventId: z.string(), attempted: z.boolean(), delivered: z.boolean(), status: z.number().int().nullable(), ms: z.number().int().nullable(), error: z.string().nullable(),
});
export const WebhookRetry = z.strictObject({ eventId: z.string(), state: z.literal('pending') });

/** What a receiver gets: Standard Webhooks' envelope. */
const links = z.object({ credential: z.string(), verify: z.string() }).partial().extend({ batch: z.string().optional(), institute: z.string().optional() });
const credentialEvent = z.object({
  credentialId: z.string(), vcId: z.string(), institute: z.string().describe('the institute\'s id'), links,
});
export const WEBHOOK_PAYLOADS: Record<string, { summary: string; data: z.ZodType }> = {
  'credential.issued': {
    summary: 'A credential was issued (one per credential, a batch\'s too)',
    data: credentialEvent.extend({
      achievement: z.object({ key: z.string(), name: z.string() }), issuedAt: z.string(), validFrom: z.string(), validUntil: z.string().nullable(),
      batchId: z.string().nullable(),
    }),
  },
  ...Object.fromEntries(['revoked', 'suspended', 'reinstated'].map((what) => [`credential.${what}`, {
    summary: `A credential was ${what}`, data: credentialEvent.extend({ reason: z.string().nullable(), at: z.string() }),
  }])),
  'batch.completed': {
    summary: 'A batch finished issuing',
    data: z.object({
      batchId: z.string(), institute: z.string(), rows: z.number().int(), issued: z.number().int(), existing: z.number().int(), failed: z.number().int(),
      completedAt: z.string(), links,
    }),
  },
  'wallet_offer.claimed': {
    summary: 'A learner took a credential into a wallet',
    data: z.object({
      credentialId: z.string(), offer: z.string().describe('the offer\'s public reference'), institute: z.string(), protocol: z.enum(['openid4vci', 'vc-api']),
      format: z.string(), claimedAt: z.string(), links,
    }),
  },
  'institute.accreditation_changed': {
    summary: 'An institute was registered, accredited, suspended, or its accreditation periods changed',
    data: z.object({
      institute: z.string(), slug: z.string(), change: z.enum(['registered', 'accredited', 'period_added', 'periods_ended', 'suspended']),
      status: z.enum(['active', 'suspended']), at: z.string(), periods: z.array(z.object({ from: z.string(), until: z.string().nullable() })), links,
    }),
  },
  'webhook.test': { summary: 'A test sent from the API or the console', data: z.object({ endpoint: z.string(), message: z.string() }) },
};
