import { issuingRefusal } from '../issuer/may-issue.js';
import type { ApiToken, Institute, Store } from '../store/port.js';
import { ok, refuse, type Outcome } from './refusal.js';

/*
 * Which institute a token acts for, and whether it may issue: the tenancy rules every route
 * (API, VC API, console, batches) shares.
 */

/** Whether a token may act for an institute: the ministry for all, an institute key for its own. */
export const actsFor = (token: ApiToken, instituteId: string): boolean => token.role === 'admin' || token.instituteId === instituteId;

/**
 * The institute a token acts for: its own, or for the ministry the default one (or another
 * named by `slug`). Another institute's slug is "not found", never a leak.
 */
export async function tokenInstitute(store: Store, token: ApiToken, slug?: string): Promise<Outcome<Institute>> {
  const institute = token.instituteId
    ? await store.getInstitute(token.instituteId)
    : slug ? await store.getInstituteBySlug(slug) : await store.getDefaultInstitute();
  if (!institute || (slug && institute.slug !== slug)) return refuse('not_found', 'no such institute');
  return ok(institute);
}

/**
 * An institute issues only while active and accredited: what it signed outside an
 * accreditation period would fail every verifier's accreditation check anyway.
 */
export async function mayIssue(store: Store, institute: Institute, now: Date): Promise<Outcome<Institute>> {
  const refusal = await issuingRefusal(store, institute, now);
  return refusal ? refuse('not_permitted', refusal) : ok(institute);
}

/**
 * The institute a token issues for: the one it acts for ({@link tokenInstitute}), if that
 * institute may issue now. An institute key naming another institute is "not found" rather
 * than silently issuing under its own DID.
 */
export async function issuingInstitute(store: Store, token: ApiToken, now: Date, slug?: string): Promise<Outcome<Institute>> {
  const institute = await tokenInstitute(store, token, slug);
  return institute.ok ? mayIssue(store, institute.value, now) : institute;
}
