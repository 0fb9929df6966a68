import type { VerificationReport } from '../schemas/report.js';
import { verdictOf } from '../verifier/verdict.js';
import type { Channel, CredentialRef, InsightCounter } from './counter.js';

/**
 * Counts one verification of a credential by its verdict. `stored`: our short id, when the
 * route read the credential from the store; otherwise the credential's own id names it (the
 * store counts it only if we issued it). A report without a credential (unreadable input,
 * nothing found) counts nothing: there is no credential to count it against.
 */
export function countVerification(counter: InsightCounter, channel: Channel, report: VerificationReport, stored?: string): void {
  const credential: CredentialRef | null = stored ? { id: stored } : report.credential?.id ? { vcId: report.credential.id } : null;
  if (credential) counter.record({ event: 'verification', channel, verdict: verdictOf(report), credential });
}
