import { Hono, type Context } from 'hono';
import type { Services } from '../services.js';
import { qrZip } from '../batch/results.js';
import { credentialForToken } from '../domain/status-change.js';
import { actsFor } from '../domain/tenancy.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import type { CredentialRecord } from '../store/port.js';
import { offerCohort, rowOffers } from '../wallet/cohort-offers.js';
import { createOffer, OfferRefused } from '../wallet/offers.js';
import { CredentialDetailPage } from '../web/console-pages.js';
import { WalletOfferPage } from '../web/wallet-pages.js';
import { bodyLimit } from './body-limit.js';
import { consoleKit, notFound, type ConsoleEnv } from './console-kit.js';
import { walletCardOf } from './wallet-card.js';
import { offerResponse } from './wallet-offer-view.js';

/**
 * The console's wallet offers: make one for a credential (its QR codes and PIN shown once,
 * on the page that answers the form) and withdraw it. The same rules as the API. Every route
 * is behind the sign-in guard with the issue scope (src/http/console-kit.tsx).
 */
export function consoleWalletRoutes(s: Services): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const kit = consoleKit(s);
  const issuer = kit.signedInOnly('issue');
  const formLimit = bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text('the form is too large', 413) });

  /** The credential in the path, if the signed-in key's institute issued it. */
  const recordOf = async (c: Context<ConsoleEnv>): Promise<CredentialRecord | null> => {
    const found = await credentialForToken(s.store, c.get('signedIn').token, c.req.param('id') ?? '');
    return found.ok ? found.value : null;
  };

  app.post('/console/wallet-offers/:id', formLimit, issuer, async (c) => {
    const p = c.get('page');
    const signedIn = c.get('signedIn');
    const record = await recordOf(c);
    if (!record) return notFound(c, p);
    const user = kit.userOf(signedIn);
    const institute = await s.store.getInstitute(record.instituteId);
    if (!institute) return notFound(c, p);
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
  app.post('/console/batches/:id/wallet-offers', formLimit, issuer, async (c) => {
    const p = c.get('page');
    const signedIn = c.get('signedIn');
    const batch = await s.store.getBatch(c.req.param('id') ?? '');
    if (!batch || !actsFor(signedIn.token, batch.instituteId) || batch.state !== 'done') return notFound(c, p);
    const rows = await s.store.batchRows(batch.id);
    const offers = await offerCohort(s.issuer, batch, rows, `token:${signedIn.token.id}`, s.walletOfferDays ?? 30);
    const zip = await qrZip(s.publicUrl, rows, s.qrPng, rowOffers(s.publicUrl, offers));
    return c.body(zip as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="batch-${batch.id}-wallet-offers.zip"`,
    });
  });

  app.post('/console/wallet-offers/:id/withdraw', formLimit, issuer, async (c) => {
    const p = c.get('page');
    const signedIn = c.get('signedIn');
    const record = await recordOf(c);
    if (!record) return notFound(c, p);
    const at = toDateTimeStamp(s.clock());
    await s.store.revokeWalletOffers(record.id, at, {
      at, actor: `token:${signedIn.token.id}`, instituteId: record.instituteId, action: 'wallet-offer.revoke', target: record.credentialUrl,
    });
    return c.redirect(`${p.base}/console/credentials/${record.id}?done=wallet-withdrawn#wallet`, 303);
  });
  return app;
}
