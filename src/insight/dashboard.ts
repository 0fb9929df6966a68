import type { IssuanceRow, Store, VerificationRow } from '../store/port.js';
import { reportingDay } from './counter.js';
import { issuanceReport, verificationReport, type Labelled, type Scope } from './report.js';

/*
 * What the console's insight page shows (issue 19, item 4), read through the same reports as
 * the insight API: issued per month, by programme and by level; verifications per month and
 * by verdict; the most verified programmes; the revocation rate; and, for the ministry looking
 * at every institute, each province and institute side by side.
 */

export interface Period {
  from: string;
  to: string;
}

/** The last twelve months in Cambodia, this one included: what the page opens on. */
export function defaultPeriod(now: Date): Period {
  const to = reportingDay(now);
  const [y, m] = to.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1 - 11, 1));
  return { from: start.toISOString().slice(0, 10), to };
}

/** Every month of a period, oldest first ("2026-03"). */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  const [y, m] = period.from.split('-').map(Number) as [number, number];
  for (let d = new Date(Date.UTC(y, m - 1, 1)); d.toISOString().slice(0, 7) <= period.to.slice(0, 7); d.setUTCMonth(d.getUTCMonth() + 1)) {
    months.push(d.toISOString().slice(0, 7));
  }
  return months;
}

export interface InstituteLine {
  institute: string;
  instituteName: string;
  instituteNameKm: string | null;
  province: string | null;
  issued: number;
  revoked: number;
  verifications: number;
}

export interface Dashboard extends Period {
  months: Array<{ month: string; issued: number; revoked: number; verifications: number }>;
  byProgramme: Array<Labelled<IssuanceRow>>;
  byLevel: Array<Labelled<IssuanceRow>>;
  byVerdict: Array<Labelled<VerificationRow>>;
  topVerified: Array<Labelled<VerificationRow>>;
  totals: { issued: number; revoked: number; suspended: number; verifications: number; pageViews: number; shareCards: number };
  /** Every institute's figures: only when the ministry looks at all of them. */
  byProvince?: Array<Labelled<IssuanceRow>>;
  institutes?: InstituteLine[];
}

const TOP = 10;
const byCount = <R>(count: (r: R) => number) => (a: R, b: R) => count(b) - count(a);

export async function dashboard(store: Store, scope: Scope, period: Period): Promise<Dashboard> {
  const issued = (groupBy: Parameters<typeof issuanceReport>[2]['groupBy']) => issuanceReport(store, scope, { ...period, groupBy }).then((r) => r.rows);
  const verified = (groupBy: Parameters<typeof verificationReport>[2]['groupBy']) => verificationReport(store, scope, { ...period, groupBy }).then((r) => r.rows);
  const all = scope.instituteId === null;
  const [issuedMonths, verifiedMonths, byProgramme, byLevel, byVerdict, verifiedProgrammes, [issuedTotal], [verifiedTotal], byProvince, issuedInstitutes, verifiedInstitutes] =
    await Promise.all([
      issued(['month']), verified(['month']), issued(['programme']), issued(['level']), verified(['verdict']), verified(['programme']),
      issued([]), verified([]),
      all ? issued(['province']) : Promise.resolve(undefined),
      all ? issued(['institute', 'province']) : Promise.resolve([]),
      all ? verified(['institute', 'province']) : Promise.resolve([]),
    ]);
  const months = monthsOf(period).map((month) => {
    const i = issuedMonths.find((r) => r.month === month);
    return { month, issued: i?.issued ?? 0, revoked: i?.revoked ?? 0, verifications: verifiedMonths.find((r) => r.month === month)?.verifications ?? 0 };
  });
  const verificationsOf = new Map(verifiedInstitutes.map((r) => [r.institute, r.verifications]));
  return {
    ...period,
    months,
    byProgramme: [...byProgramme].sort(byCount((r) => r.issued)).slice(0, TOP),
    byLevel: [...byLevel].sort((a, b) => (a.level ?? '\uffff').localeCompare(b.level ?? '\uffff')),
    byVerdict: [...byVerdict].sort(byCount((r) => r.verifications)),
    topVerified: verifiedProgrammes.filter((r) => r.verifications > 0).sort(byCount((r) => r.verifications)).slice(0, TOP),
    totals: {
      issued: issuedTotal?.issued ?? 0, revoked: issuedTotal?.revoked ?? 0, suspended: issuedTotal?.suspended ?? 0,
      verifications: verifiedTotal?.verifications ?? 0, pageViews: verifiedTotal?.pageViews ?? 0, shareCards: verifiedTotal?.shareCards ?? 0,
    },
    ...(all
      ? {
          byProvince: [...(byProvince ?? [])].sort(byCount((r) => r.issued)),
          institutes: [
            ...issuedInstitutes.map((r) => ({
              institute: r.institute ?? '', instituteName: r.instituteName ?? '', instituteNameKm: r.instituteNameKm ?? null, province: r.province ?? null,
              issued: r.issued, revoked: r.revoked, verifications: verificationsOf.get(r.institute) ?? 0,
            })),
            // Verified in the period, though it issued nothing in it.
            ...verifiedInstitutes.filter((v) => !issuedInstitutes.some((r) => r.institute === v.institute)).map((v) => ({
              institute: v.institute ?? '', instituteName: v.instituteName ?? '', instituteNameKm: v.instituteNameKm ?? null, province: v.province ?? null,
              issued: 0, revoked: 0, verifications: v.verifications,
            })),
          ].sort(byCount((r) => r.issued + r.verifications)),
        }
      : {}),
  };
}
