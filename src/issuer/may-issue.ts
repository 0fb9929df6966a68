import type { Institute, Store } from '../store/port.js';
import { accreditedAt } from '../verifier/accreditation.js';

/**
 * Why an institute may not issue now, or null when it may: it must be active (not suspended
 * by the ministry) and accredited now, the signing half of the one accreditation rule
 * (judgeAccreditation): what it signed outside a period would fail every verifier's
 * accreditation check anyway. The completion-date half is a warning of the batch dry run,
 * not a refusal: a period the ministry records later (or INSTITUTE_ACCREDITED_FROM) makes
 * such a credential read accredited without issuing it again.
 */
export async function issuingRefusal(store: Store, institute: Institute, now: Date): Promise<string | null> {
  if (institute.status !== 'active') return `${institute.name} is suspended by the ministry and cannot issue`;
  const t = now.getTime();
  const periods = await store.accreditations(institute.id);
  return accreditedAt(periods, t) ? null : `${institute.name} is not accredited today and cannot issue`;
}
