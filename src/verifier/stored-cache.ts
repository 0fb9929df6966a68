import type { VerificationReport } from '../schemas/report.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import { Lru } from '../util/lru.js';

/*
 * The verification outcome of a credential this service stored, kept until it can change.
 * Verifying a stored credential (its page /v/:id, a scanned link) redoes the signature,
 * canonicalization, status, key and accreditation checks; the answer is the same until
 *   - something the checks read is written: a status change, a key rotated or reported
 *     compromised, an accreditation added or ended, an institute changed or moved; the store
 *     counts those writes (Store.verificationEpoch), and a runtime that can see other
 *     processes' writes to the same database adds its own marker (SQLite's data_version);
 *   - time passes a boundary the report depends on: the credential's validFrom or validUntil.
 * A hit costs the record's read (done by the caller) and a copy of the report with this
 * moment's verifiedAt.
 */

export interface StoredVerificationCache {
  /** The report for `record`, from the cache when nothing it depends on changed since. */
  get(record: { id: string; diJson: string }, verify: () => Promise<VerificationReport>): Promise<{ report: VerificationReport; hit: boolean }>;
}

interface Entry {
  report: VerificationReport;
  marker: string;
  /** The first instant (ms) at which the report could read differently because of time alone. */
  expiresAt: number;
  bytes: number;
}

/** The next instant after `now` at which the credential's validity window begins or ends; Infinity when none. */
export function nextBoundary(report: VerificationReport, now: number): number {
  let next = Infinity;
  for (const at of [report.credential?.validFrom, report.credential?.validUntil]) {
    const t = at ? Date.parse(at) : Number.NaN;
    if (Number.isFinite(t) && t > now) next = Math.min(next, t);
  }
  return next;
}

export function createStoredVerificationCache(options: {
  clock: () => Date;
  /** Changes whenever anything a stored credential's verification reads may have changed. */
  marker: () => string;
  maxEntries?: number;
}): StoredVerificationCache {
  const entries = new Lru<string, Entry>(options.maxEntries ?? 20_000);
  return {
    async get(record, verify) {
      const now = options.clock();
      const marker = options.marker();
      const cached = entries.get(record.id);
      if (cached && cached.marker === marker && now.getTime() < cached.expiresAt && cached.bytes === record.diJson.length) {
        return { report: { ...cached.report, verifiedAt: toDateTimeStamp(now) }, hit: true };
      }
      const report = await verify();
      // Read the marker again: a write while verifying leaves this report unkept.
      if (options.marker() === marker) {
        entries.set(record.id, { report, marker, expiresAt: nextBoundary(report, now.getTime()), bytes: record.diJson.length });
      }
      return { report, hit: false };
    },
  };
}
