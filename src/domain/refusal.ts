/*
 * What a domain rule answers when it will not do what was asked: a value, not an HTTP error.
 * Route files turn a refusal into the API's error envelope through the one mapping in
 * src/http/domain-errors.ts; the console turns it into a page.
 */

/**
 * Why a rule refused, as a stable code:
 * - `not_found`: no such thing, or not one the caller may see (another tenant's reads the same);
 * - `not_permitted`: the caller may not do this now (a suspended or unaccredited institute);
 * - `conflict`: the current state forbids it (a status transition, a name taken, a change meanwhile);
 * - `invalid_input`: a value the caller sent is wrong (dates in the wrong order);
 * - `malformed`: what the caller sent cannot be read at all (a file that is not JSON);
 * - `unprocessable`: well-formed, but cannot be processed as sent (a file that is not UTF-8, an issuer not hosted here);
 * - `unavailable`: a server-side state stops it (no signing key, no key vault): not the caller's fault.
 */
export type RefusalCode = 'not_found' | 'not_permitted' | 'conflict' | 'invalid_input' | 'malformed' | 'unprocessable' | 'unavailable';

export interface Refusal {
  refused: RefusalCode;
  message: string;
  /** The request field at fault, when one is. */
  field?: string;
}

/** A rule's answer: the value, or why not. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const refuse = (refused: RefusalCode, message: string, field?: string): { ok: false; refusal: Refusal } => ({
  ok: false,
  refusal: { refused, message, ...(field ? { field } : {}) },
});

/**
 * A refusal carried as an exception, for the few places deep in a call (a background job, a
 * middleware) where returning it is not possible; src/http/domain-errors.ts maps it the same way.
 */
export class DomainError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
    this.name = this.constructor.name;
  }
}
