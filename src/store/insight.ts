import type { InsightIncrement } from '../insight/counter.js';

/*
 * The store's part of insight (issue 19): daily counters, and the totals the insight API and
 * the console read. Grouping keys are a fixed set; the SQL for each lives in sql/insight.ts.
 */

export const ISSUANCE_GROUPS = ['month', 'institute', 'province', 'sector', 'programme', 'level'] as const;
export const VERIFICATION_GROUPS = [...ISSUANCE_GROUPS, 'verdict', 'channel'] as const;
export type IssuanceGroup = (typeof ISSUANCE_GROUPS)[number];
export type VerificationGroup = (typeof VERIFICATION_GROUPS)[number];

export interface InsightQuery<G extends string> {
  /** One institute's, or (null) every institute's. */
  instituteId: string | null;
  /** First and last day (YYYY-MM-DD, Cambodia's calendar), both included; absent = unbounded. */
  from?: string;
  to?: string;
  groupBy: readonly G[];
}

/** A group's values: the keys asked for, with names beside codes (an institute's, a programme's Khmer). */
export interface GroupValues {
  month?: string;
  institute?: string;
  instituteName?: string;
  instituteNameKm?: string | null;
  province?: string | null;
  sector?: string | null;
  programme?: string;
  programmeKm?: string | null;
  level?: string | null;
  verdict?: string;
  channel?: string;
}

export interface IssuanceRow extends GroupValues {
  issued: number;
  /** Of those issued, revoked since. */
  revoked: number;
  /** Of those issued, suspended now. */
  suspended: number;
}

export interface VerificationRow extends GroupValues {
  verifications: number;
  /** Learner-page views and share-card renders (absent when grouped by verdict or channel: they have neither). */
  pageViews?: number;
  shareCards?: number;
}

export interface InsightStore {
  /** Adds counters in one transaction; increments naming a credential this service never issued add nothing. */
  addInsightCounts(increments: readonly InsightIncrement[]): Promise<void>;
  issuanceInsight(query: InsightQuery<IssuanceGroup>): Promise<IssuanceRow[]>;
  verificationInsight(query: InsightQuery<VerificationGroup>): Promise<VerificationRow[]>;
  /** How many times a credential was verified, ever (what its learner is shown). */
  verificationCount(credentialId: string): Promise<number>;
}
