import type { FC } from 'hono/jsx';
import type { CredentialRecord, DeliveryRecord, WalletOfferRecord } from '../store/port.js';
import type { OfferState } from '../wallet/offers.js';
import { ConsoleLayout, Csrf, type ConsoleUser } from './console-pages.js';
import { formatDate } from './i18n.js';
import type { PageContext } from './layout.js';

/*
 * The console's wallet offers: the card on a credential's page (its latest offer, and the
 * buttons to make or withdraw one), and the page a new offer is shown on, once: its two QR
 * codes and its PIN.
 */

/** What a new offer shows: its QR links and its PIN (this once). */
export interface ShownOffer {
  txCode: string;
  expiresAt: string;
  links: { qrSvg: string; openid4vciQrSvg: string };
}

export const WalletCard: FC<{
  p: PageContext;
  user: ConsoleUser;
  record: CredentialRecord;
  latest: { offer: WalletOfferRecord; state: OfferState } | null;
  delivery: DeliveryRecord | null;
}> = ({ p, user, record, latest, delivery }) => {
  const offerable = !record.revokedAt && !record.suspendedAt;
  const live = latest && (latest.state === 'open' || latest.state === 'redeemed');
  return (
    <section class="card" id="wallet">
      <h2>{p.m.walletTitle}</h2>
      <p class="small">{p.m.walletLead}</p>
      {latest ? (
        <dl>
          <dt>{p.m.walletLatest}</dt>
          <dd>
            {p.m.walletState[latest.state]} · <span class="code">{latest.offer.ref}</span> · {formatDate(latest.offer.createdAt, p.lang)}
          </dd>
          {delivery && (
            <>
              <dt>{p.m.walletDeliveredTo}</dt>
              <dd class="code">{delivery.holderDid.length > 60 ? `${delivery.holderDid.slice(0, 56)}…` : delivery.holderDid}</dd>
            </>
          )}
        </dl>
      ) : (
        <p>{p.m.walletNone}</p>
      )}
      {user.canIssue && (offerable ? (
        <div class="btns">
          <form method="post" action={`${p.base}/console/wallet-offers/${record.id}`} class="inline">
            <Csrf token={user.csrf} />
            <button type="submit" class="btn">{live ? p.m.walletRemake : p.m.walletMake}</button>
          </form>
          {live && (
            <form method="post" action={`${p.base}/console/wallet-offers/${record.id}/withdraw`} class="inline">
              <Csrf token={user.csrf} />
              <button type="submit" class="btn secondary">{p.m.walletWithdraw}</button>
            </form>
          )}
        </div>
      ) : (
        <p class="small">{p.m.walletRefused}</p>
      ))}
    </section>
  );
};

/** A new offer, shown once: the QR for the interaction URL, the QR for OpenID4VCI wallets, and the PIN. */
export const WalletOfferPage: FC<{ p: PageContext; user: ConsoleUser; record: CredentialRecord; offer: ShownOffer }> = ({ p, user, record, offer }) => (
  <ConsoleLayout p={p} user={user} title={p.m.walletTitle}>
    <h1>{p.m.walletTitle}</h1>
    <p>
      <strong>{record.learnerName}</strong> · {record.achievementName}
    </p>
    <section class="card">
      <p class="big">
        {p.m.walletPin}{p.m.colon}<span class="pin" id="wallet-pin">{offer.txCode}</span>
      </p>
      <p class="small">{p.m.walletPinNote}</p>
      <p>{p.m.walletUntil(formatDate(offer.expiresAt, p.lang))}</p>
    </section>
    <section class="card">
      <h2>{p.m.walletQrAll}</h2>
      <img id="wallet-qr" src={offer.links.qrSvg} alt={p.m.walletQrAll} width={240} height={240} class="qr" />
    </section>
    <section class="card">
      <h2>{p.m.walletQrInji}</h2>
      <img id="wallet-qr-oid4vci" src={offer.links.openid4vciQrSvg} alt={p.m.walletQrInji} width={240} height={240} class="qr" />
    </section>
    <p class="btns">
      <a class="btn secondary" href={`${p.base}/console/credentials/${record.id}`}>{p.m.walletBack}</a>
    </p>
  </ConsoleLayout>
);
