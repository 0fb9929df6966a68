import { REPORTING_OFFSET_HOURS, type InsightIncrement } from '../../insight/counter.js';
import type { GroupValues, InsightQuery, InsightStore, IssuanceGroup, IssuanceRow, VerificationGroup, VerificationRow } from '../insight.js';
import { sql, type Row, type SqlDriver, type SqlValue } from './driver.js';
import { FIRST_OF_VC_ID } from './credentials.js';

/*
 * Insight SQL (migrations/0015): counters are upserts that find the credential (and its
 * institute) in the same statement, so recording a count never reads the database first; the
 * totals group by fixed fragments, one per grouping key, with every client value bound.
 */

const UPSERT = `INSERT INTO insight_counts (day, credential_id, institute_id, event, channel, verdict, n)
  SELECT ?, id, institute_id, ?, ?, ?, ? FROM credentials WHERE %WHERE%
  ON CONFLICT (day, credential_id, event, channel, verdict) DO UPDATE SET n = n + excluded.n`;
const BY_ID = UPSERT.replace('%WHERE%', 'id = ?');
// The first credential of an id, as getCredentialByVcId reads it (migrations/0008).
const BY_VC_ID = UPSERT.replace('%WHERE%', `id = (SELECT id FROM credentials WHERE ${FIRST_OF_VC_ID})`);

interface Fragment {
  /** Selected columns (aliased as the GroupValues they fill). */
  select: string;
  /** The GROUP BY expression. */
  by: string;
}

const OFFSET = `'+${REPORTING_OFFSET_HOURS} hours'`;
const SHARED: Record<Exclude<IssuanceGroup, 'month'>, Fragment> = {
  institute: { select: 'i.slug AS institute, MAX(i.name) AS instituteName, MAX(i.name_km) AS instituteNameKm', by: 'i.slug' },
  province: { select: 'i.province AS province', by: 'i.province' },
  sector: { select: 'i.sector AS sector', by: 'i.sector' },
  programme: { select: 'c.achievement_name AS programme, MAX(c.achievement_name_km) AS programmeKm', by: 'c.achievement_name' },
  level: { select: 'c.achievement_level AS level', by: 'c.achievement_level' },
};
const ISSUANCE: Record<IssuanceGroup, Fragment> = {
  month: { select: `strftime('%Y-%m', c.issued_at, ${OFFSET}) AS month`, by: `strftime('%Y-%m', c.issued_at, ${OFFSET})` },
  ...SHARED,
};
const VERIFICATION: Record<VerificationGroup, Fragment> = {
  month: { select: 'substr(k.day, 1, 7) AS month', by: 'substr(k.day, 1, 7)' },
  ...SHARED,
  verdict: { select: 'k.verdict AS verdict', by: 'k.verdict' },
  channel: { select: 'k.channel AS channel', by: 'k.channel' },
};

/** The first instant of a Cambodian day, as the dateTimeStamp credentials are stamped with. */
function startOfDay(day: string): string {
  const at = new Date(`${day}T00:00:00Z`).getTime() - REPORTING_OFFSET_HOURS * 3_600_000;
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
const nextDay = (day: string): string => new Date(new Date(`${day}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);

function groupParts<G extends string>(fragments: Record<G, Fragment>, groupBy: readonly G[]) {
  const chosen = [...new Set(groupBy)].map((g) => fragments[g]);
  return {
    select: chosen.map((f) => `${f.select}, `).join(''),
    by: chosen.length ? `GROUP BY ${chosen.map((f) => f.by).join(', ')}` : '',
    order: chosen.length ? `ORDER BY ${chosen.map((f) => f.by).join(', ')}` : '',
  };
}

const GROUP_KEYS = ['month', 'institute', 'instituteName', 'instituteNameKm', 'province', 'sector', 'programme', 'programmeKm', 'level', 'verdict', 'channel'] as const;
function groupValues(row: Row): GroupValues {
  const values: Record<string, string | null> = {};
  for (const key of GROUP_KEYS) if (key in row) values[key] = row[key] == null ? null : String(row[key]);
  return values as GroupValues;
}
/** A WHERE clause from the conditions that apply (each a fixed fragment and, if it binds one, its value). */
function conditions(list: ReadonlyArray<readonly [boolean, string, (SqlValue | undefined)?]>): { where: string; params: SqlValue[] } {
  const applied = list.filter(([applies]) => applies);
  return {
    where: applied.length ? `WHERE ${applied.map(([, text]) => text).join(' AND ')}` : '',
    params: applied.filter(([, text]) => text.includes('?')).map(([, , value]) => value ?? null),
  };
}
const count = (v: unknown): number => Number(v ?? 0);

/** Daily counters and the insight totals. */
export function insightMethods(db: SqlDriver): InsightStore {
  return {
    async addInsightCounts(increments: readonly InsightIncrement[]) {
      if (increments.length === 0) return;
      await db.atomic(increments.map((i) => 'id' in i.credential
        ? sql(BY_ID, i.day, i.event, i.channel, i.verdict, i.n, i.credential.id)
        : sql(BY_VC_ID, i.day, i.event, i.channel, i.verdict, i.n, i.credential.vcId)));
    },

    async issuanceInsight(query: InsightQuery<IssuanceGroup>): Promise<IssuanceRow[]> {
      const { where, params } = conditions([
        [query.instituteId !== null, 'c.institute_id = ?', query.instituteId],
        [Boolean(query.from), 'c.issued_at >= ?', query.from && startOfDay(query.from)],
        [Boolean(query.to), 'c.issued_at < ?', query.to && startOfDay(nextDay(query.to))],
      ]);
      const g = groupParts(ISSUANCE, query.groupBy);
      const rows = await db.all(sql(`SELECT ${g.select}COUNT(*) AS issued, SUM(c.revoked_at IS NOT NULL) AS revoked,
          SUM(c.revoked_at IS NULL AND c.suspended_at IS NOT NULL) AS suspended
        FROM credentials c JOIN institutes i ON i.id = c.institute_id
        ${where} ${g.by} ${g.order}`, ...params));
      return rows.map((r) => ({ ...groupValues(r), issued: count(r.issued), revoked: count(r.revoked), suspended: count(r.suspended) }));
    },

    async verificationInsight(query: InsightQuery<VerificationGroup>): Promise<VerificationRow[]> {
      // Views have no verdict nor channel: grouped by either, only verifications are counted.
      const verificationsOnly = query.groupBy.includes('verdict') || query.groupBy.includes('channel');
      const { where, params } = conditions([
        [verificationsOnly, "k.event = 'verification'"],
        [query.instituteId !== null, 'k.institute_id = ?', query.instituteId],
        [Boolean(query.from), 'k.day >= ?', query.from],
        [Boolean(query.to), 'k.day <= ?', query.to],
      ]);
      const g = groupParts(VERIFICATION, query.groupBy);
      const rows = await db.all(sql(`SELECT ${g.select}
          SUM(CASE WHEN k.event = 'verification' THEN k.n ELSE 0 END) AS verifications,
          SUM(CASE WHEN k.event = 'page-view' THEN k.n ELSE 0 END) AS pageViews,
          SUM(CASE WHEN k.event = 'share-card' THEN k.n ELSE 0 END) AS shareCards
        FROM insight_counts k JOIN credentials c ON c.id = k.credential_id JOIN institutes i ON i.id = k.institute_id
        ${where} ${g.by} ${g.order}`, ...params));
      return rows.map((r) => ({
          ...groupValues(r),
          verifications: count(r.verifications),
          ...(verificationsOnly ? {} : { pageViews: count(r.pageViews), shareCards: count(r.shareCards) }),
        }));
    },

    async verificationCount(credentialId: string) {
      const row = await db.first(sql("SELECT COALESCE(SUM(n), 0) AS n FROM insight_counts WHERE credential_id = ? AND event = 'verification'", credentialId));
      return count(row?.n);
    },
  };
}
