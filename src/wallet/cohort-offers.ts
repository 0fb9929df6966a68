import type { IssuerDeps } from '../issuer/issue.js';
import type { RowOffer } from '../batch/results.js';
import type { BatchRecord, BatchRow } from '../store/port.js';
import { interactionUrl } from './exchange.js';
import { createOffer, OfferRefused, type CreatedOffer } from './offers.js';

/** A row's new offer (or why it has none). */
export type CohortOffer = { row: BatchRow; offer: CreatedOffer } | { row: BatchRow; refused: string };

/**
 * Wallet offers for every credential a batch issued (or found issued before): one each, made
 * now (an earlier open offer of the same credential is withdrawn), their PINs to print beside
 * them. A revoked or suspended credential gets none, with the reason.
 */
export async function offerCohort(deps: IssuerDeps, batch: BatchRecord, rows: readonly BatchRow[], actor: string, days: number): Promise<CohortOffer[]> {
  const institute = await deps.store.getInstitute(batch.instituteId);
  if (!institute) return [];
  const out: CohortOffer[] = [];
  for (const row of rows) {
    if (!row.credentialId) continue;
    const credential = await deps.store.getCredential(row.credentialId);
    if (!credential) continue;
    try {
      out.push({ row, offer: await createOffer(deps, { credential, institute, actor, days }) });
    } catch (error) {
      if (!(error instanceof OfferRefused)) throw error;
      out.push({ row, refused: error.message });
    }
  }
  return out;
}

/** The offers by row number, as the results sheet and the QR zip print them. */
export const rowOffers = (publicUrl: string, offers: readonly CohortOffer[]): Map<number, RowOffer> =>
  new Map(offers.flatMap((o) => ('offer' in o ? [[o.row.rowNo, { url: interactionUrl(publicUrl, o.offer.offerId), txCode: o.offer.txCode, expiresAt: o.offer.expiresAt }] as const] : [])));
