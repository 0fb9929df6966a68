import type { Credential } from './credential.js';

/*
 * Readers of a credential's parts, apart from its zod schema so the in-browser offline verifier
 * (src/offline/browser) can use them without bundling zod.
 */

export const issuerIdOf = (c: Pick<Credential, 'issuer'>): string => (typeof c.issuer === 'string' ? c.issuer : c.issuer.id);
export const typesOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : typeof value === 'string' ? [value] : [];

/** validFrom/validUntil, or their VC 1.1 names. */
export const validityOf = (c: Credential): { from?: string; until?: string } => ({
  from: c.validFrom ?? c.issuanceDate,
  until: c.validUntil ?? c.expirationDate,
});
