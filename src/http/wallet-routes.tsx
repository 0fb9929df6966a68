import { Hono, type Context } from 'hono';
import type { Services } from '../services.js';
import type { AppEnv } from './context.js';
import { OfferRequestSchema } from './api-schemas.js';
import { offerResponse } from './wallet-offer-view.js';
import { qrSvg } from '../issuer/qr.js';
import type { Institute } from '../store/port.js';
import { isCredentialId } from '../verifier/input.js';
import { actsFor } from '../domain/tenancy.js';
import { requireScope, requireToken, type AuthVariables } from './auth.js';
import { bodyLimit } from './body-limit.js';
import { jsonBodyLimit, readJsonBody } from './body.js';
import { ApiError } from './errors.js';
import { parseBoundedJson } from '../schemas/json-bounds.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import { createOffer, DEFAULT_OFFER_DAYS, findOffer, MAX_OFFER_DAYS, OfferRefused, offerState, WalletError } from '../wallet/offers.js';
import {
  authorizationServerMetadata, credentialOfferLink, credentialOfferObject, credentialResponse, issuerMetadata, nonceResponse, tokenResponse,
  type Oid4vciProfile,
} from '../wallet/openid4vci.js';
import { allowHttpPublicUrl } from '../wallet/oid4vc-lib.js';
import { qrZip } from '../batch/results.js';
import { offerCohort, rowOffers } from '../wallet/cohort-offers.js';
import { pageHeaders } from './page-headers.js';
import { WalletInteractionPage } from '../web/wallet-pages.js';
import { exchangeStep, exchangeUrl, interactionUrl, lcwDeepLink } from '../wallet/exchange.js';

/** A wallet endpoint's refusal, in OAuth's own form (never this API's envelope: wallets read `error`). */
function oauthError(c: Context, error: WalletError) {
  c.header('Cache-Control', 'no-store');
  if (error.status === 401) c.header('WWW-Authenticate', `Bearer error="${error.code}"`);
  return c.json({ error: error.code, error_description: error.message }, error.status);
}

/** Runs a wallet endpoint, answering its refusals as OAuth errors. */
const oauth = (handler: (c: Context) => Promise<Response>) => async (c: Context) => {
  try {
    return await handler(c);
  } catch (error) {
    if (error instanceof WalletError) return oauthError(c, error);
    if (error instanceof ApiError && error.code !== 'internal') {
      return oauthError(c, new WalletError(error.code === 'payload_too_large' ? 'invalid_request' : 'invalid_request', error.message));
    }
    throw error;
  }
};

const walletBodyLimit = bodyLimit({ maxSize: 64 * 1024, onError: () => { throw new WalletError('invalid_request', 'the request body is larger than 64 KB'); } });

/**
 * Wallet offers (the API), the OpenID4VCI issuer of each institute (1.0 and draft 13), the
 * interaction URL and the VC-API exchange. HTTP only: the rules are in src/wallet/.
 */
export function walletRoutes(s: Services): Hono<AppEnv & { Variables: AuthVariables }> {
  const app = new Hono<AppEnv & { Variables: AuthVariables }>();
  allowHttpPublicUrl(s.publicUrl);
  const institute = async (slug: string): Promise<Institute> => {
    const found = await s.store.getInstituteBySlug(slug);
    if (!found) throw new WalletError('not_found', 'no such credential issuer');
    return found;
  };

  app.post('/api/v1/credentials/:id/wallet-offer', jsonBodyLimit(4), requireToken(s.store, s.crypto, s.clock), requireScope('issue'), async (c) => {
    const body = c.req.header('content-length') === '0' || !c.req.raw.body ? {} : await readJsonBody(c, OfferRequestSchema);
    const token = c.get('token');
    const id = c.req.param('id');
    const credential = isCredentialId(id) ? await s.store.getCredential(id) : null;
    if (!credential || !actsFor(token, credential.instituteId)) throw new ApiError('not_found', 'no credential with this id');
    const owner = await s.store.getInstitute(credential.instituteId);
    if (!owner) throw new ApiError('not_found', 'no credential with this id');
    try {
      const offer = await createOffer(s.issuer, { credential, institute: owner, actor: `token:${token.id}`, days: body.expiresInDays ?? s.walletOfferDays ?? DEFAULT_OFFER_DAYS });
      return c.json(offerResponse(s, owner, offer), 201);
    } catch (error) {
      if (error instanceof OfferRefused) throw new ApiError(error.code, error.message);
      throw error;
    }
  });

  // A cohort's offers at once: JSON (each row's offer and PIN), or with Accept: application/zip
  // the results sheet with the offers and PINs beside them, and the offer QR codes.
  app.post('/api/v1/batches/:id/wallet-offers', requireToken(s.store, s.crypto, s.clock), requireScope('issue'), async (c) => {
    const token = c.get('token');
    const batch = await s.store.getBatch(c.req.param('id') ?? '');
    if (!batch || !actsFor(token, batch.instituteId)) throw new ApiError('not_found', 'no batch with this id');
    if (batch.state !== 'done') throw new ApiError('conflict', 'the batch is still issuing; make its offers when it is done');
    const days = c.req.query('expiresInDays');
    const parsed = OfferRequestSchema.shape.expiresInDays.safeParse(days === undefined ? undefined : Number(days));
    if (!parsed.success) throw new ApiError('invalid_request', `expiresInDays must be a whole number of days from 1 to ${MAX_OFFER_DAYS}`);
    const rows = await s.store.batchRows(batch.id);
    const offers = await offerCohort(s.issuer, batch, rows, `token:${token.id}`, parsed.data ?? s.walletOfferDays ?? DEFAULT_OFFER_DAYS);
    if (/application\/zip/i.test(c.req.header('accept') ?? '')) {
      const zip = await qrZip(s.publicUrl, rows, s.qrPng, rowOffers(s.publicUrl, offers));
      return c.body(zip as Uint8Array<ArrayBuffer>, 201, {
        'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="batch-${batch.id}-wallet-offers.zip"`,
      });
    }
    const owner = await s.store.getInstitute(batch.instituteId);
    if (!owner) throw new ApiError('not_found', 'no batch with this id');
    return c.json({
      offers: offers.flatMap((o) => ('offer' in o ? [{ row: o.row.rowNo, studentId: o.row.studentId, credentialId: o.row.credentialId, ...offerResponse(s, owner, o.offer) }] : [])),
      refused: offers.flatMap((o) => ('refused' in o ? [{ row: o.row.rowNo, studentId: o.row.studentId, credentialId: o.row.credentialId, reason: o.refused }] : [])),
    }, 201);
  });

  app.delete('/api/v1/credentials/:id/wallet-offer', requireToken(s.store, s.crypto, s.clock), requireScope('issue'), async (c) => {
    const token = c.get('token');
    const id = c.req.param('id');
    const credential = isCredentialId(id) ? await s.store.getCredential(id) : null;
    if (!credential || !actsFor(token, credential.instituteId)) throw new ApiError('not_found', 'no credential with this id');
    const at = toDateTimeStamp(s.clock());
    const revoked = await s.store.revokeWalletOffers(credential.id, at, {
      at, actor: `token:${token.id}`, instituteId: credential.instituteId, action: 'wallet-offer.revoke', target: credential.credentialUrl,
    });
    return c.json({ revoked });
  });

  // The QR of an offer: its interaction URL (any wallet: LCW, OpenID4VCI wallets that read it).
  // The offer id is the secret here as in every URL of the offer, so the QR is no more public.
  const offerOr404 = async (offerId: string) => {
    const offer = await findOffer(s.issuer, offerId);
    if (!offer) throw new ApiError('not_found', 'no such offer');
    return offer;
  };
  // `?protocol=openid4vci`: the QR of the openid-credential-offer:// link instead, for wallets
  // that scan nothing else (Inji Wallet).
  const qrText = async (c: Context) => {
    const offerId = c.req.param('offerId')!;
    const offer = await offerOr404(offerId);
    const protocol = c.req.query('protocol');
    if (protocol !== undefined && protocol !== 'openid4vci') throw new ApiError('invalid_request', 'protocol must be openid4vci (or absent, for the interaction URL)');
    if (!protocol) return interactionUrl(s.publicUrl, offerId);
    const owner = await s.store.getInstitute(offer.instituteId);
    if (!owner) throw new ApiError('not_found', 'no such offer');
    return credentialOfferLink(s.publicUrl, owner, offerId);
  };
  app.get('/interactions/:offerId/qr.svg', async (c) => {
    const text = await qrText(c);
    c.header('Cache-Control', 'no-store');
    return c.body(await qrSvg(text), 200, { 'Content-Type': 'image/svg+xml' });
  });
  app.get('/interactions/:offerId/qr.png', async (c) => {
    const text = await qrText(c);
    if (!s.qrPng) throw new ApiError('not_found', 'this runtime renders QR codes as SVG only; use qr.svg');
    c.header('Cache-Control', 'no-store');
    return c.body((await s.qrPng(text)) as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'image/png' });
  });

  // The interaction URL (VCALM): `?iuv=1` (a wallet) answers the protocols the offer may be
  // taken by; without it (a phone's camera opened it) a page that opens the wallet apps.
  app.get('/interactions/:offerId', pageHeaders, async (c) => {
    const offerId = c.req.param('offerId')!;
    const offer = await findOffer(s.issuer, offerId);
    const owner = offer ? await s.store.getInstitute(offer.instituteId) : null;
    const open = Boolean(offer && owner && offerState(offer, toDateTimeStamp(s.clock())) === 'open');
    c.header('Cache-Control', 'no-store');
    if (c.req.query('iuv') === undefined) {
      const p = c.get('page');
      const page = <WalletInteractionPage p={p} open={open} lcw={lcwDeepLink(s.publicUrl, offerId)} openid4vci={owner ? credentialOfferLink(s.publicUrl, owner, offerId) : ''} />;
      return c.html(page, open ? 200 : 404);
    }
    if (!open || !owner) return oauthError(c, new WalletError('not_found', offer ? 'this offer is no longer open' : 'no such offer'));
    return c.json({ protocols: { OID4VCI: credentialOfferLink(s.publicUrl, owner, offerId), vcapi: exchangeUrl(s.publicUrl, offerId) } });
  });

  app.post('/exchanges/:offerId', walletBodyLimit, oauth(async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await exchangeStep(s, c.req.param('offerId')!, null, await optionalJson(c)));
  }));
  app.post('/exchanges/:offerId/:txId', walletBodyLimit, oauth(async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await exchangeStep(s, c.req.param('offerId')!, c.req.param('txId')!, await optionalJson(c)));
  }));

  for (const profile of ['1.0', 'draft13'] as const) {
    const base = profile === 'draft13' ? '/oid4vci/:slug/draft13' : '/oid4vci/:slug';
    const suffix = profile === 'draft13' ? '/draft13' : '';
    const issuerMeta = oauth(async (c) => {
      c.header('Access-Control-Allow-Origin', '*');
      return c.json(issuerMetadata(s.publicUrl, await institute(c.req.param('slug')!), profile));
    });
    const asMeta = oauth(async (c) => {
      c.header('Access-Control-Allow-Origin', '*');
      return c.json(authorizationServerMetadata(s.publicUrl, await institute(c.req.param('slug')!), profile));
    });
    // Both places a client looks: after the issuer's path (draft 13 and most wallets) and
    // inserted after the host (RFC 8414 §3, OpenID4VCI 1.0 §12.2.2).
    app.get(`${base}/.well-known/openid-credential-issuer`, issuerMeta);
    app.get(`/.well-known/openid-credential-issuer/oid4vci/:slug${suffix}`, issuerMeta);
    app.get(`${base}/.well-known/oauth-authorization-server`, asMeta);
    app.get(`/.well-known/oauth-authorization-server/oid4vci/:slug${suffix}`, asMeta);

    app.get(`${base}/offers/:offerId`, oauth(async (c) => {
      const owner = await institute(c.req.param('slug')!);
      const offerId = c.req.param('offerId')!;
      const offer = await findOffer(s.issuer, offerId, owner);
      if (!offer) throw new WalletError('not_found', 'no such offer');
      const state = offerState(offer, toDateTimeStamp(s.clock()));
      if (state !== 'open') throw new WalletError('not_found', 'this offer is no longer open');
      c.header('Cache-Control', 'no-store');
      return c.json(credentialOfferObject(s.publicUrl, owner, offerId, profile));
    }));
    app.post(`${base}/token`, walletBodyLimit, oauth(async (c) => {
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/x-www-form-urlencoded') throw new WalletError('invalid_request', 'send the token request as application/x-www-form-urlencoded');
      const form = Object.fromEntries(new URLSearchParams(await c.req.text()));
      const owner = await institute(c.req.param('slug')!);
      const body = await tokenResponse(s.issuer, owner, profile, { method: 'POST', url: c.req.url, headers: c.req.raw.headers }, form);
      c.header('Cache-Control', 'no-store');
      return c.json(body);
    }));
    app.post(`${base}/nonce`, oauth(async (c) => {
      await institute(c.req.param('slug')!);
      c.header('Cache-Control', 'no-store');
      return c.json(await nonceResponse(s.issuer));
    }));
    app.post(`${base}/credential`, walletBodyLimit, oauth(async (c) => {
      const owner = await institute(c.req.param('slug')!);
      const body = await requiredJson(c);
      const response = await credentialResponse(s.issuer, owner, profile, { authorization: c.req.header('authorization'), body });
      c.header('Cache-Control', 'no-store');
      return c.json(response);
    }));
  }
  return app;
}

async function requiredJson(c: Context): Promise<Record<string, unknown>> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new WalletError('invalid_request', 'send the request as application/json');
  const parsed = parseBoundedJson(await c.req.text());
  if (!parsed.ok || !parsed.value || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) throw new WalletError('invalid_request', 'the body must be a JSON object');
  return parsed.value as Record<string, unknown>;
}

async function optionalJson(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  const parsed = parseBoundedJson(text);
  if (!parsed.ok || !parsed.value || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) throw new WalletError('invalid_request', 'the body must be a JSON object');
  return parsed.value as Record<string, unknown>;
}

