import type { Services } from '../services.js';
import type { Institute } from '../store/port.js';
import { interactionUrl, lcwDeepLink } from '../wallet/exchange.js';
import { credentialOfferLink, type Oid4vciProfile } from '../wallet/openid4vci.js';

/* What the wallet API (src/http/wallet-routes.ts) and the console's wallet pages show of a new offer. */

/** The API's answer to a new offer: every way to reach it, and its PIN (shown this once). */
export function offerResponse(s: Pick<Services, 'publicUrl'>, institute: Institute, offer: { offerId: string; ref: string; txCode: string; expiresAt: string }) {
  const interaction = interactionUrl(s.publicUrl, offer.offerId);
  return {
    offerId: offer.offerId,
    ref: offer.ref,
    url: interaction,
    openid4vci: credentialOfferLink(s.publicUrl, institute, offer.offerId),
    openid4vciDraft13: credentialOfferLink(s.publicUrl, institute, offer.offerId, 'draft13' satisfies Oid4vciProfile),
    interaction: `${interaction}?iuv=1`,
    lcw: lcwDeepLink(s.publicUrl, offer.offerId),
    txCode: offer.txCode,
    expiresAt: offer.expiresAt,
    links: {
      qrSvg: `${interaction}/qr.svg`, qrPng: `${interaction}/qr.png`,
      openid4vciQrSvg: `${interaction}/qr.svg?protocol=openid4vci`, openid4vciQrPng: `${interaction}/qr.png?protocol=openid4vci`,
    },
  };
}
