import type { Check } from '../schemas/report.js';
import { failed, passed } from './checks.js';

/** What the ministry's registry says about one issuer DID. */
export interface RegistryEntry {
  name: string;
  registryName: string;
  periods: Array<{ validFrom: string; validUntil: string | null }>;
}

export type RegistryLookup = (issuerDid: string) => Promise<RegistryEntry | null>;

type Period = { validFrom: string; validUntil: string | null };

/** A stretch of time an institute was accredited without a break (periods that touch or overlap, merged). */
export interface AccreditedSpan {
  validFrom: string;
  validUntil: string | null;
}

/** The accreditation periods merged into unbroken spans, in order. */
export function accreditedSpans(periods: readonly Period[]): AccreditedSpan[] {
  const sorted = [...periods].sort((a, b) => Date.parse(a.validFrom) - Date.parse(b.validFrom));
  const spans: AccreditedSpan[] = [];
  for (const p of sorted) {
    const last = spans[spans.length - 1];
    if (last && (last.validUntil === null || Date.parse(p.validFrom) <= Date.parse(last.validUntil))) {
      if (last.validUntil !== null && (p.validUntil === null || Date.parse(p.validUntil) > Date.parse(last.validUntil))) last.validUntil = p.validUntil;
    } else {
      spans.push({ validFrom: p.validFrom, validUntil: p.validUntil });
    }
  }
  return spans;
}

/** The span that covers time `t` (ms): from validFrom, up to but not including validUntil. */
export function spanAt(periods: readonly Period[], t: number): AccreditedSpan | undefined {
  return accreditedSpans(periods).find((s) => Date.parse(s.validFrom) <= t && (s.validUntil === null || t < Date.parse(s.validUntil)));
}

/** The spans in words, for messages: "from 2026-01-01", "from 2025-01-01 until 2025-06-30, from 2026-01-01". */
export function describeSpans(periods: readonly Period[]): string {
  const spans = accreditedSpans(periods);
  if (spans.length === 0) return 'at no time';
  return spans.map((s) => `from ${s.validFrom.slice(0, 10)}${s.validUntil ? ` until ${s.validUntil.slice(0, 10)}` : ''}`).join(', ');
}

export type AccreditationJudgement =
  | { ok: true; span: AccreditedSpan }
  | { ok: false; failing: 'no-date' | 'completion' | 'signing'; date?: string };

/**
 * THE ACCREDITATION RULE, one for the verifier's check, the issuer's refusal to sign, the
 * console's "accredited now" and the batch dry run's warnings.
 *
 * A credential counts as accredited when the institute was accredited both
 *  1. on its completion date (validFrom): the ministry vouches for training completed and
 *     assessed while the institute held its accreditation. A class that finished before the
 *     accreditation began (or after it ended) was not trained under it, whenever the
 *     certificate is printed;
 *  2. when it was signed: an institute certifies only while accredited. Ending or
 *     suspending an accreditation stops new certificates at once, backdated ones included
 *     (otherwise a suspended institute could keep dating certificates into its old
 *     period), and never reaches back to what was signed before.
 * The two dates may fall in different spans (accredited, lapsed, re-accredited). The signing
 * time is this service's issue record when it issued the credential (a thief can backdate a
 * proof, not the ledger), else the proof's `created` (a vc+jwt's `iat`); when nothing says
 * when it was signed, only the completion date is judged.
 */
export function judgeAccreditation(periods: readonly Period[], dates: { completedAt?: string; signedAt?: string }): AccreditationJudgement {
  if (dates.signedAt !== undefined && !spanAt(periods, Date.parse(dates.signedAt))) return { ok: false, failing: 'signing', date: dates.signedAt };
  const anchor = dates.completedAt ?? dates.signedAt;
  if (anchor === undefined) return { ok: false, failing: 'no-date' };
  const span = spanAt(periods, Date.parse(anchor));
  if (!span) return { ok: false, failing: 'completion', date: anchor };
  return { ok: true, span };
}

/** Whether the institute is accredited at `t` (ms): may it sign now? */
export const accreditedAt = (periods: readonly Period[], t: number): boolean =>
  judgeAccreditation(periods, { signedAt: new Date(t).toISOString() }).ok;

/**
 * The `accreditation` check ({@link judgeAccreditation}). An issuer the registry does not
 * know is "not accredited", which is not the same as forged.
 */
export async function accreditationCheck(
  lookup: RegistryLookup,
  issuerDid: string,
  dates: { completedAt?: string; signedAt?: string },
): Promise<Check> {
  const entry = await lookup(issuerDid);
  if (!entry) return failed('accreditation', `not accredited: ${issuerDid} is not in the registry of accredited institutes`);
  const judged = judgeAccreditation(entry.periods, dates);
  const by = `${entry.name} was not accredited by ${entry.registryName}`;
  const spans = `(accredited ${describeSpans(entry.periods)})`;
  if (judged.ok) {
    const { span } = judged;
    return passed('accreditation', `${entry.name} is accredited by ${entry.registryName} (since ${span.validFrom.slice(0, 10)}${span.validUntil ? `, until ${span.validUntil.slice(0, 10)}` : ''})`);
  }
  if (judged.failing === 'no-date') return failed('accreditation', 'not accredited: the credential gives no issue date to check against');
  if (judged.failing === 'signing') return failed('accreditation', `not accredited: ${by} when the credential was signed (${judged.date}) ${spans}`);
  return failed('accreditation', `not accredited: ${by} on ${judged.date!.slice(0, 10)}, the completion date ${spans}`);
}
