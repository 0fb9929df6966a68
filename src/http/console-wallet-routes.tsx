import type { Context, Hono } from 'hono';
import type { AppEnv, Services } from '../app.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import type { CredentialRecord } from '../store/port.js';
import { createOffer, offerState, OfferRefused } from '../wallet/offers.js';
import type { PageContext } from '../web/layout.js';
import { WalletCard, WalletOfferPage } from '../web/wallet-pages.js';
import { bodyLimit } from './body-limit.js';
import type { ConsoleKit } from './console-cohort-routes.js';
import { hasScope, type SignedIn } from './console-session.js';
import { ApiError } from './errors.js';
import { contextOf } from './page-routes.js';
import { credentialForToken } from './status-routes.js';
import { offerResponse } from './wallet-routes.js';
import { CredentialDetailPage } from '../web/console-pages.js';
import { qrZip } from '../batch/results.js';
import { offerCohort, rowOffers } from '../wallet/cohort-offers.js';
import { actsFor } from './auth.js';

/** The wallet card of a credential's console page: its latest offer and where it went. */
export async function walletCardOf(s: Services, p: PageContext, user: Parameters<typeof WalletCard>[0]['user'], record: CredentialRecord) {
  const [offers, deliveries] = await Promise.all([s.store.walletOffersOf(record.id), s.store.credentialDeliveries(record.id)]);
  const offer = offers[0];
  const latest = offer ? { offer, state: offerState(offer, toDateTimeStamp(s.clock())) } : null;
  const delivery = offer ? (deliveries.find((d) => d.offerRef === offer.ref) ?? null) : null;
  return <WalletCard p={p} user={user} record={record} latest={latest} delivery={delivery} />;
}

/**
 * The console's wallet offers: make one for a credential (its QR codes and PIN shown once,
 * on the page that answers the form) and withdraw it. The same rules as the API.
 */
export function consoleWalletRoutes(app: Hono<AppEnv>, s: Services, kit: ConsoleKit): void {
  const formLimit = bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text('the form is too large', 413) });
  const readForm = async (c: Context): Promise<Record<string, string>> => {
    const body = await c.req.parseBody().catch(() => ({}));
    return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
  };
  /** The signed-in user who may issue and the credential in the path, or the page that answers instead. */
  const allowed = async (c: Context, p: PageContext): Promise<{ signedIn: SignedIn; record: CredentialRecord } | Response> => {
    const signedIn = await kit.session(c, await readForm(c));
    if (signedIn === 'csrf') return kit.csrfFailed(c, p);
    if (!signedIn) return kit.toLogin(c, p);
    if (!hasScope(signedIn.token, 'issue')) return kit.forbidden(c, p);
    try {
      return { signedIn, record: await credentialForToken(s, signedIn.token, c.req.param('id') ?? '') };
    } catch (error) {
      if (error instanceof ApiError && error.code === 'not_found') return kit.notFound(c, p);
      throw error;
    }
  };

  app.post('/console/wallet-offers/:id', formLimit, async (c) => {
    const p = contextOf(s, c);
    const ok = await allowed(c, p);
    if (ok instanceof Response) return ok;
    const { signedIn, record } = ok;
    const user = kit.userOf(signedIn);
    const institute = await s.store.getInstitute(record.instituteId);
    if (!institute) return kit.notFound(c, p);
    try {
      const offer = await createOffer(s.issuer, { credential: record, institute, actor: `token:${signedIn.token.id}`, days: s.walletOfferDays ?? 30 });
      const shown = offerResponse(s, institute, offer);
      const local = (url: string) => `${p.base}${url.slice(s.publicUrl.length)}`;
      return c.html(<WalletOfferPage p={p} user={user} record={record} offer={{ ...shown, links: { qrSvg: local(shown.links.qrSvg), openid4vciQrSvg: local(shown.links.openid4vciQrSvg) } }} />);
    } catch (error) {
      if (!(error instanceof OfferRefused)) throw error;
      const events = await s.store.credentialEvents(record.id);
      return c.html(
        <CredentialDetailPage p={p} user={user} record={record} events={events} error={error.code === 'conflict' ? p.m.walletRefused : error.message}>
          {await walletCardOf(s, p, user, record)}
        </CredentialDetailPage>,
        error.code === 'conflict' ? 409 : error.code === 'forbidden' ? 403 : 422,
      );
    }
  });

  // A cohort's offers: the ZIP of the results sheet with each offer and its PIN, and the QR codes.
  app.post('/console/batches/:id/wallet-offers', formLimit, async (c) => {
    const p = contextOf(s, c);
    const signedIn = await kit.session(c, await readForm(c));
    if (signedIn === 'csrf') return kit.csrfFailed(c, p);
    if (!signedIn) return kit.toLogin(c, p);
    if (!hasScope(signedIn.token, 'issue')) return kit.forbidden(c, p);
    const batch = await s.store.getBatch(c.req.param('id') ?? '');
    if (!batch || !actsFor(signedIn.token, batch.instituteId) || batch.state !== 'done') return kit.notFound(c, p);
    const rows = await s.store.batchRows(batch.id);
    const offers = await offerCohort(s.issuer, batch, rows, `token:${signedIn.token.id}`, s.walletOfferDays ?? 30);
    const zip = await qrZip(s.publicUrl, rows, s.qrPng, rowOffers(s.publicUrl, offers));
    return c.body(zip as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="batch-${batch.id}-wallet-offers.zip"`,
    });
  });

  app.post('/console/wallet-offers/:id/withdraw', formLimit, async (c) => {
    const p = contextOf(s, c);
    const ok = await allowed(c, p);
    if (ok instanceof Response) return ok;
    const { signedIn, record } = ok;
    const at = toDateTimeStamp(s.clock());
    await s.store.revokeWalletOffers(record.id, at, {
      at, actor: `token:${signedIn.token.id}`, instituteId: record.instituteId, action: 'wallet-offer.revoke', target: record.credentialUrl,
    });
    return c.redirect(`${p.base}/console/credentials/${record.id}?done=wallet-withdrawn#wallet`, 303);
  });
}
