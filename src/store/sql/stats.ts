import type { Store } from '../port.js';
import type { SqlDriver } from './driver.js';
import { sql } from './driver.js';

/** Totals for operators' dashboards (Prometheus gauges on Node), read at scrape time. */
export function statsMethods(db: SqlDriver): Pick<Store, 'operationalTotals'> {
  return {
    async operationalTotals() {
      // Each count answered from an index (0013_operational_indexes.sql), not a table scan.
      const c = await db.first(sql(
        `SELECT (SELECT COUNT(*) FROM credentials) AS issued,
                (SELECT COUNT(*) FROM credentials WHERE revoked_at IS NOT NULL) AS revoked,
                (SELECT COUNT(*) FROM credentials WHERE suspended_at IS NOT NULL) AS suspended,
                (SELECT COUNT(*) FROM wallet_offers) AS offers,
                (SELECT COUNT(*) FROM credential_deliveries) AS claimed`,
      ));
      const rows = await db.all(sql(`SELECT status, COUNT(*) AS n FROM batch_rows GROUP BY status`));
      return {
        issued: Number(c?.issued ?? 0),
        revoked: Number(c?.revoked ?? 0),
        suspended: Number(c?.suspended ?? 0),
        batchRows: Object.fromEntries(rows.map((r) => [String(r.status), Number(r.n)])),
        // A delivery exists only for a claimed offer (its offer_ref is unique): counted from its key, not a scan of the offers.
        walletOffers: { created: Number(c?.offers ?? 0), claimed: Number(c?.claimed ?? 0) },
      };
    },
  };
}
