import type { VerificationReport } from '../schemas/report.js';

export type Verdict =
  | 'valid' | 'revoked' | 'suspended' | 'revoked-or-suspended' | 'status-unknown' | 'expired' | 'not-yet-valid' | 'not-accredited' | 'tampered'
  | 'key-compromised' | 'unknown-issuer' | 'not-found' | 'invalid';

/** The one word a person needs from a report; the most serious failure wins. */
export function verdictOf(report: VerificationReport): Verdict {
  if (report.verified) return 'valid';
  const failedCheck = (id: string) => report.checks.find((c) => c.id === id && c.status !== 'passed');
  if (failedCheck('found')) return 'not-found';
  if (failedCheck('format')) return 'invalid';
  if (failedCheck('issuer')) return 'unknown-issuer';
  const proof = failedCheck('proof');
  // Signed by the institute's own key, but after it reported that key stolen or leaked: not
  // the holder's doing, and not a changed document.
  if (proof?.code === 'key_compromised') return 'key-compromised';
  if (proof) return 'tampered';
  const revocation = failedCheck('revocation');
  const suspension = failedCheck('suspension');
  if (revocation?.code === 'revoked') return 'revoked';
  if (suspension?.code === 'suspended') return 'suspended';
  if (revocation?.code === 'revoked_or_suspended') return 'revoked-or-suspended';
  if (revocation || suspension) return 'status-unknown';
  if (failedCheck('accreditation')) return 'not-accredited';
  const validity = failedCheck('validity');
  if (validity) return validity.code === 'not_yet_valid' ? 'not-yet-valid' : 'expired';
  return 'invalid';
}

export const VERDICT_LABELS: Record<Verdict, string> = {
  valid: '✓ GENUINE',
  revoked: '✗ REVOKED',
  suspended: '✗ SUSPENDED',
  'revoked-or-suspended': '✗ REVOKED OR SUSPENDED',
  'status-unknown': '✗ STATUS UNKNOWN',
  expired: '✗ EXPIRED',
  'not-yet-valid': '✗ NOT YET VALID',
  'not-accredited': '✗ ISSUER NOT ACCREDITED',
  tampered: '✗ ALTERED OR FORGED',
  'key-compromised': '✗ ISSUER KEY COMPROMISED',
  'unknown-issuer': '✗ UNKNOWN ISSUER',
  'not-found': '✗ NOT FOUND',
  invalid: '✗ NOT VALID',
};
