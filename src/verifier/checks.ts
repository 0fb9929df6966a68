import type { Check, CheckCode, CheckId } from '../schemas/report.js';

export const passed = (id: CheckId, message: string): Check => ({ id, status: 'passed', message });
export const failed = (id: CheckId, message: string, code?: CheckCode): Check => ({ id, status: 'failed', message, ...(code ? { code } : {}) });
export const skipped = (id: CheckId, message: string): Check => ({ id, status: 'skipped', message });

/** The validity window: not before `validFrom`, not after `validUntil`. */
export function validityCheck(validFrom: string | undefined, validUntil: string | undefined, now: Date): Check {
  const t = now.getTime();
  if (validFrom && t < Date.parse(validFrom)) return failed('validity', `not valid yet: valid from ${validFrom}`, 'not_yet_valid');
  if (validUntil && t > Date.parse(validUntil)) return failed('validity', `expired on ${validUntil}`, 'expired');
  if (validUntil) return passed('validity', `valid from ${validFrom ?? 'issuance'} until ${validUntil}`);
  return passed('validity', validFrom ? `valid since ${validFrom}, no expiry` : 'no validity period set');
}
