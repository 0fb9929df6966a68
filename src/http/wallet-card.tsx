import type { Services } from '../services.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import type { CredentialRecord } from '../store/port.js';
import { offerState } from '../wallet/offers.js';
import type { PageContext } from '../web/layout.js';
import { WalletCard } from '../web/wallet-pages.js';

/** The wallet card of a credential's console page: its latest offer and where it went (console-routes and console-wallet-routes show it). */
export async function walletCardOf(s: Services, p: PageContext, user: Parameters<typeof WalletCard>[0]['user'], record: CredentialRecord) {
  const [offers, deliveries] = await Promise.all([s.store.walletOffersOf(record.id), s.store.credentialDeliveries(record.id)]);
  const offer = offers[0];
  const latest = offer ? { offer, state: offerState(offer, toDateTimeStamp(s.clock())) } : null;
  const delivery = offer ? (deliveries.find((d) => d.offerRef === offer.ref) ?? null) : null;
  return <WalletCard p={p} user={user} record={record} latest={latest} delivery={delivery} />;
}
