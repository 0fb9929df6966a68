import type { Check } from '../schemas/report.js';
import { failed, passed } from './checks.js';

/** What the ministry's registry says about one issuer DID. */
export interface RegistryEntry {
  name: string;
  registryName: string;
  periods: Array<{ validFrom: string; validUntil: string | null }>;
}

export type RegistryLookup = (issuerDid: string) => Promise<RegistryEntry | null>;

/**
 * The accreditation period that covers time `t` (ms), if any: from validFrom, up to but not
 * including validUntil. The one rule for the verifier's check, the issuer's refusal to sign
 * outside a period, and the console's "accredited now".
 */
export function periodAt<P extends { validFrom: string; validUntil: string | null }>(periods: readonly P[], t: number): P | undefined {
  return periods.find((p) => Date.parse(p.validFrom) <= t && (p.validUntil === null || t < Date.parse(p.validUntil)));
}

/**
 * The `accreditation` check: the issuer was accredited when the credential was issued (its
 * validFrom). Ending an accreditation later never reaches back; an issuer the registry does
 * not know is "not accredited", which is not the same as forged.
 */
export async function accreditationCheck(lookup: RegistryLookup, issuerDid: string, issuedAt: string | undefined): Promise<Check> {
  const entry = await lookup(issuerDid);
  if (!entry) return failed('accreditation', `not accredited: ${issuerDid} is not in the ${'registry'} of accredited institutes`);
  if (!issuedAt) return failed('accreditation', 'not accredited: the credential gives no issue date to check against');
  const t = Date.parse(issuedAt);
  const period = periodAt(entry.periods, t);
  if (period) {
    return passed('accreditation', `${entry.name} is accredited by ${entry.registryName} (since ${period.validFrom.slice(0, 10)}${period.validUntil ? `, until ${period.validUntil.slice(0, 10)}` : ''})`);
  }
  return failed('accreditation', `not accredited: ${entry.name} was not accredited by ${entry.registryName} on ${issuedAt.slice(0, 10)}`);
}
