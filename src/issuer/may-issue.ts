import type { Institute, Store } from '../store/port.js';
import { periodAt } from '../verifier/accreditation.js';

/**
 * Why an institute may not issue now, or null when it may: it must be active (not suspended
 * by the ministry) and inside an accreditation period, since what it signed outside one
 * would fail every verifier's accreditation check anyway.
 */
export async function issuingRefusal(store: Store, institute: Institute, now: Date): Promise<string | null> {
  if (institute.status !== 'active') return `${institute.name} is suspended by the ministry and cannot issue`;
  const t = now.getTime();
  const periods = await store.accreditations(institute.id);
  return periodAt(periods, t) ? null : `${institute.name} is not accredited today and cannot issue`;
}
