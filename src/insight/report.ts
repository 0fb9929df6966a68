import Papa from 'papaparse';
import { z } from 'zod';
import {
  ISSUANCE_GROUPS, VERIFICATION_GROUPS, type GroupValues, type IssuanceGroup, type IssuanceRow, type Store, type VerificationGroup,
  type VerificationRow,
} from '../store/port.js';
import { provinceByCode } from './provinces.js';

/*
 * The insight reports (issue 19): what the API answers and the console draws, from one query
 * schema. Who may see what is decided by the caller (the ministry: every institute, or one it
 * names; an institute's key: its own) before a report is read.
 */

/** Longest period one report covers; a wider one is refused rather than scanned. */
export const MAX_PERIOD_DAYS = 5 * 366;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a calendar date');

const groupList = <G extends string>(groups: readonly [G, ...G[]], kind: string) =>
  z
    .string()
    .max(200)
    .transform((text, ctx) => {
      const asked = text.split(',').map((g) => g.trim()).filter(Boolean);
      const unknown = asked.filter((g) => !groups.includes(g as G));
      if (unknown.length) {
        ctx.addIssue({ code: 'custom', message: `${unknown.map((g) => `"${g}"`).join(', ')} cannot group ${kind}; use ${groups.join(', ')}` });
        return z.NEVER;
      }
      return [...new Set(asked)] as G[];
    });

const queryShape = <G extends string>(groups: readonly [G, ...G[]], kind: string) =>
  z
    .strictObject({
      from: day.optional(),
      to: day.optional(),
      groupBy: groupList(groups, kind).optional().describe(`comma-separated, any of: ${groups.join(', ')}`),
      institute: z.string().max(40).optional(),
      format: z.enum(['json', 'csv']).optional(),
    })
    .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after "to"', path: ['from'] })
    .refine((q) => !q.from || !q.to || (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_PERIOD_DAYS, {
      message: `the period must be at most ${MAX_PERIOD_DAYS} days`, path: ['to'],
    });

export const IssuanceQuerySchema = queryShape(ISSUANCE_GROUPS as unknown as readonly [IssuanceGroup, ...IssuanceGroup[]], 'issuance');
export const VerificationQuerySchema = queryShape(VERIFICATION_GROUPS as unknown as readonly [VerificationGroup, ...VerificationGroup[]], 'verifications');
export type IssuanceQueryInput = z.infer<typeof IssuanceQuerySchema>;
export type VerificationQueryInput = z.infer<typeof VerificationQuerySchema>;

export type ReportKind = 'issuance' | 'verification';

/** A row as reports show it: the province's names beside its code. */
export type Labelled<R> = R & { provinceName?: string | null; provinceNameKm?: string | null };

function labelled<R extends GroupValues>(row: R): Labelled<R> {
  if (!('province' in row)) return row;
  const province = provinceByCode(row.province);
  return { ...row, provinceName: province?.name ?? null, provinceNameKm: province?.nameKm ?? null };
}

export interface Report<R> {
  kind: ReportKind;
  from: string | null;
  to: string | null;
  groupBy: string[];
  /** The institute's slug, or null for every institute. */
  institute: string | null;
  rows: Array<Labelled<R>>;
}

export interface Scope {
  instituteId: string | null;
  slug: string | null;
}

export async function issuanceReport(store: Store, scope: Scope, q: { from?: string; to?: string; groupBy?: IssuanceGroup[] }): Promise<Report<IssuanceRow>> {
  const groupBy = q.groupBy ?? [];
  const rows = await store.issuanceInsight({ instituteId: scope.instituteId, from: q.from, to: q.to, groupBy });
  return { kind: 'issuance', from: q.from ?? null, to: q.to ?? null, groupBy, institute: scope.slug, rows: rows.map(labelled) };
}

export async function verificationReport(
  store: Store, scope: Scope, q: { from?: string; to?: string; groupBy?: VerificationGroup[] },
): Promise<Report<VerificationRow>> {
  const groupBy = q.groupBy ?? [];
  const rows = await store.verificationInsight({ instituteId: scope.instituteId, from: q.from, to: q.to, groupBy });
  return { kind: 'verification', from: q.from ?? null, to: q.to ?? null, groupBy, institute: scope.slug, rows: rows.map(labelled) };
}

/** Each group key's columns in a CSV, in this order. */
const GROUP_COLUMNS: Record<VerificationGroup, Array<[keyof Labelled<GroupValues>, string]>> = {
  month: [['month', 'month']],
  institute: [['institute', 'institute'], ['instituteName', 'institute name'], ['instituteNameKm', 'institute name (Khmer)']],
  province: [['province', 'province'], ['provinceName', 'province name'], ['provinceNameKm', 'province name (Khmer)']],
  sector: [['sector', 'sector']],
  programme: [['programme', 'programme'], ['programmeKm', 'programme (Khmer)']],
  level: [['level', 'level']],
  verdict: [['verdict', 'verdict']],
  channel: [['channel', 'channel']],
};

/**
 * A report as a CSV file for Excel: UTF-8 with a BOM (Khmer stays Khmer), CRLF, and every cell
 * that Excel would run as a formula (=, +, -, @, tab, CR first) written as text.
 */
export function reportCsv(report: Report<IssuanceRow> | Report<VerificationRow>): string {
  const columns = (report.groupBy as VerificationGroup[]).flatMap((g) => GROUP_COLUMNS[g]);
  const measures: Array<[string, string]> = report.kind === 'issuance'
    ? [['issued', 'issued'], ['revoked', 'revoked'], ['suspended', 'suspended']]
    : [['verifications', 'verifications'], ...(report.rows.some((r) => 'pageViews' in r) ? [['pageViews', 'learner page views'], ['shareCards', 'share cards']] as Array<[string, string]> : [])];
  const all = [...columns, ...measures] as Array<[string, string]>;
  const csv = Papa.unparse(
    { fields: all.map(([, header]) => header), data: report.rows.map((row) => all.map(([key]) => (row as unknown as Record<string, unknown>)[key] ?? '')) },
    { newline: '\r\n', escapeFormulae: true },
  );
  return `\uFEFF${csv}\r\n`;
}

/** The file name a download suggests: the report, its institute and its period. */
export function reportFileName(report: Report<unknown>): string {
  const parts = ['insight', report.kind, report.institute ?? 'all', report.from ?? 'start', report.to ?? 'now'];
  return `${parts.join('-').replace(/[^A-Za-z0-9-]/g, '')}.csv`;
}
