import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Services } from '../services.js';
import type { AppEnv } from './context.js';
import { issuingInstitute } from '../domain/tenancy.js';
import { issueCredential, verifyUrlFor } from '../issuer/issue.js';
import { qrSvg } from '../issuer/qr.js';
import { offlineQrOf, qrSegmentsPng, qrSegmentsSvg } from '../issuer/qr-offline.js';
import { singleEd25519Signature2020Form } from '../issuer/compat-proofs.js';
import type { JsonObject } from '../schemas/credential.js';
import { IssueRequestSchema } from '../schemas/issue-request.js';
import type { CredentialRecord } from '../store/port.js';
import { isCredentialId } from '../verifier/input.js';
import { requireScope, requireToken, type AuthVariables } from './auth.js';
import { rateLimit } from './rate-limit.js';
import { jsonBodyLimit, readJsonBody } from './body.js';
import { valueOr } from './domain-errors.js';
import { ApiError } from './errors.js';
import { withContentEtag } from './etag.js';
import { credentialLinks, offlineQrView } from './links.js';

export const ISSUE_BODY_LIMIT = 64 * 1024;

const QR_CACHE = 'public, max-age=31536000, immutable';

/**
 * The compatibility forms of a credential (src/issuer/compat-proofs.ts), for institutes that
 * have them on: `inji`, the credential with its Ed25519Signature2020 proof alone, as one
 * object (MOSIP's verifier refuses a proof array); `es256`, the vc+jwt signed ES256.
 */
const CREDENTIAL_FORMS = ['inji', 'es256'] as const;
const CredentialForm = z.enum(CREDENTIAL_FORMS).optional();

function compatibilityForm(c: Context, record: CredentialRecord, form: (typeof CREDENTIAL_FORMS)[number]) {
  const missing = (what: string) => new ApiError('not_found', `this credential has no ${what}: its institute did not have that form on when it was issued`);
  if (form === 'es256') {
    if (!record.jwtEs256) throw missing('ES256 vc+jwt');
    return c.body(record.jwtEs256, 200, { 'Content-Type': 'application/vc+jwt' });
  }
  const single = singleEd25519Signature2020Form(JSON.parse(record.diJson) as JsonObject);
  if (!single) throw missing('Ed25519Signature2020 proof');
  return c.body(JSON.stringify(single), 200, { 'Content-Type': 'application/json; charset=utf-8' });
}

/** Issuing, fetching and the QR codes of credentials. */
export function credentialRoutes(s: Services): Hono<AppEnv & { Variables: AuthVariables }> {
  const app = new Hono<AppEnv & { Variables: AuthVariables }>();

  const findCredential = async (id: string): Promise<CredentialRecord> => {
    const record = isCredentialId(id) ? await s.store.getCredential(id) : null;
    if (!record) throw new ApiError('not_found', 'no credential with this id');
    return record;
  };

  app.post(
    '/api/v1/credentials',
    jsonBodyLimit(ISSUE_BODY_LIMIT / 1024),
    requireToken(s.store, s.crypto, s.clock),
    requireScope('issue'),
    rateLimit<AppEnv & { Variables: AuthVariables }>(s.limits.issue, (c) => `token:${c.get('token').id}`),
    async (c) => {
      const request = await readJsonBody(c, IssueRequestSchema);
      const token = c.get('token');
      const institute = valueOr(await issuingInstitute(s.store, token, s.clock(), c.req.query('institute')));
      // An IssueError answers through the one mapping (src/http/domain-errors.ts), from the app's error handler.
      const issued = await issueCredential(s.issuer, institute, request, `token:${token.id}`);
      const id = issued.record.id;
      c.header('Location', `${s.publicUrl}/credentials/${id}`);
      return c.json({
        id, credential: issued.credential, jwt: issued.jwt, ...(issued.jwtEs256 ? { jwtEs256: issued.jwtEs256 } : {}),
        links: credentialLinks(s.publicUrl, id),
        offlineQr: offlineQrView(offlineQrOf(s.publicUrl, { id, jwt: issued.jwt })),
      }, 201);
    },
  );

  app.get('/credentials/:id', async (c) => {
    const form = CredentialForm.safeParse(c.req.query('form'));
    if (!form.success) throw new ApiError('invalid_request', `form must be one of ${CREDENTIAL_FORMS.join(', ')}`, [{ path: 'form', message: 'unknown form' }]);
    const record = await findCredential(c.req.param('id'));
    c.header('Vary', 'Accept');
    c.header('Cache-Control', 'no-cache');
    c.header('Access-Control-Allow-Origin', '*');
    if (form.data) return compatibilityForm(c, record, form.data);
    const accept = c.req.header('accept') ?? '';
    const cache = { 'Cache-Control': 'no-cache', Vary: 'Accept', 'Access-Control-Allow-Origin': '*' };
    if (/application\/vc\+jwt/i.test(accept) && record.jwt) return withContentEtag(c, s.crypto, record.jwt, { ...cache, 'Content-Type': 'application/vc+jwt' });
    const type = /application\/vc(?!\+)/i.test(accept) ? 'application/vc' : 'application/json; charset=utf-8';
    return withContentEtag(c, s.crypto, record.diJson, { ...cache, 'Content-Type': type });
  });

  app.get('/credentials/:id/qr.svg', async (c) => {
    const record = await findCredential(c.req.param('id'));
    const svg = await qrSvg(verifyUrlFor(s.publicUrl, record.id));
    return withContentEtag(c, s.crypto, svg, { 'Content-Type': 'image/svg+xml', 'Cache-Control': QR_CACHE });
  });

  app.get('/credentials/:id/qr.png', async (c) => {
    const record = await findCredential(c.req.param('id'));
    if (!s.qrPng) throw new ApiError('not_found', 'this runtime renders QR codes as SVG only; use qr.svg');
    const png = await s.qrPng(verifyUrlFor(s.publicUrl, record.id));
    return withContentEtag(c, s.crypto, png, { 'Content-Type': 'image/png', 'Cache-Control': QR_CACHE });
  });

  /*
   * The offline QR: the whole signed credential in the link's fragment where it fits, else
   * the link-only code (never an unscannable one). X-Offline-QR says which was served.
   */
  const offline = async (id: string) => {
    const record = await findCredential(id);
    const qr = offlineQrOf(s.publicUrl, record);
    const segments = qr?.segments ?? [{ data: verifyUrlFor(s.publicUrl, record.id), mode: 'byte' as const }];
    return { segments, headers: { 'Cache-Control': QR_CACHE, 'X-Offline-QR': qr?.fits ? `fits; version=${qr.version}` : `link-only; version=${qr?.version ?? 0}` } };
  };
  app.get('/credentials/:id/qr-offline.svg', async (c) => {
    const { segments, headers } = await offline(c.req.param('id'));
    return withContentEtag(c, s.crypto, await qrSegmentsSvg(segments), { ...headers, 'Content-Type': 'image/svg+xml' });
  });
  app.get('/credentials/:id/qr-offline.png', async (c) => {
    const { segments, headers } = await offline(c.req.param('id'));
    return withContentEtag(c, s.crypto, await qrSegmentsPng(segments), { ...headers, 'Content-Type': 'image/png' });
  });

  app.get('/achievements/:slug/:key', async (c) => {
    const institute = await s.store.getInstituteBySlug(c.req.param('slug'));
    if (!institute) throw new ApiError('not_found', 'no such achievement');
    const achievement = await s.store.getAchievement(institute.id, c.req.param('key'));
    if (!achievement) throw new ApiError('not_found', 'no such achievement');
    return withContentEtag(c, s.crypto, achievement.json, { 'Content-Type': 'application/ld+json', 'Access-Control-Allow-Origin': '*' });
  });
  return app;
}
