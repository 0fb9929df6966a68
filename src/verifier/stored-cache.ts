import type { VerificationReport } from '../schemas/report.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import { toBase64url, utf8 } from '../crypto/encoding.js';
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
 * moment's verifiedAt. Each entry carries its report's tag (reportTag), made once: what a
 * page's ETag is built from, so a page whose verdict changed never matches an old ETag.
 */

export interface StoredVerificationCache {
  /**
   * The report of verifying `bytes` (a stored form of a credential: its Data Integrity JSON, or
   * its JWT) kept under `key`, and its tag, from the cache when nothing it depends on changed
   * since and the bytes are the same length as those verified.
   */
  get(key: string, bytes: string, verify: () => Promise<VerificationReport>): Promise<{ report: VerificationReport; hit: boolean; tag: string }>;
  /**
   * The report kept under `key` and its tag when it still holds, without the stored bytes:
   * for a key that names a stored credential's own form (its record id), whose text never
   * changes once stored; null when nothing holds.
   */
  peek(key: string): { report: VerificationReport; tag: string } | null;
}

/**
 * A report's outcome as a short tag: equal for reports that differ only in when they were
 * made (verifiedAt), different when anything else differs (a verdict, a check's status or
 * words, the credential shown). A SHA-256 prefix of its JSON (128 bits).
 */
export async function reportTag(sha256: (data: Uint8Array) => Promise<Uint8Array>, report: VerificationReport): Promise<string> {
  const { verifiedAt: _, ...outcome } = report;
  return toBase64url((await sha256(utf8(JSON.stringify(outcome)))).subarray(0, 16));
}

interface Entry {
  report: VerificationReport;
  tag: string;
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
  sha256: (data: Uint8Array) => Promise<Uint8Array>;
  /** Changes whenever anything a stored credential's verification reads may have changed. */
  marker: () => string;
  maxEntries?: number;
}): StoredVerificationCache {
  const entries = new Lru<string, Entry>(options.maxEntries ?? 20_000);
  /** The entry under `key` as it holds at `now` (nothing it reads changed, no validity date passed), stamped `now`. */
  const holding = (key: string, marker: string, now: Date): { report: VerificationReport; tag: string; bytes: number } | null => {
    const cached = entries.get(key);
    if (!cached || cached.marker !== marker || now.getTime() >= cached.expiresAt) return null;
    return { report: { ...cached.report, verifiedAt: toDateTimeStamp(now) }, tag: cached.tag, bytes: cached.bytes };
  };
  return {
    peek(key) {
      const held = holding(key, options.marker(), options.clock());
      return held && { report: held.report, tag: held.tag };
    },
    async get(key, bytes, verify) {
      const now = options.clock();
      const marker = options.marker();
      const held = holding(key, marker, now);
      if (held && held.bytes === bytes.length) return { report: held.report, hit: true, tag: held.tag };
      const report = await verify();
      const tag = await reportTag(options.sha256, report);
      // Read the marker again: a write while verifying leaves this report unkept.
      if (options.marker() === marker) {
        entries.set(key, { report, tag, marker, expiresAt: nextBoundary(report, now.getTime()), bytes: bytes.length });
      }
      return { report, hit: false, tag };
    },
  };
}
