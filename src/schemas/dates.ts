import { z } from 'zod';

/** XML Schema dateTimeStamp: a date-time with a mandatory timezone. */
export const DATE_TIME_STAMP = /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-](0\d|1[0-3]):[0-5]\d|[+-]14:00)$/i;

export const isDateTimeStamp = (s: string): boolean => DATE_TIME_STAMP.test(s) && !Number.isNaN(Date.parse(s));

/** An ISO date-time without milliseconds, in UTC: the form skillcert writes. */
export const toDateTimeStamp = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * A date given by a client: either a calendar date (`2026-11-25`, taken as midnight UTC) or
 * a date-time with a timezone. Output is the normalized UTC dateTimeStamp.
 */
export const dateInput = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const text = /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s;
    const ms = Date.parse(text);
    if (!isDateTimeStamp(text) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== normalizedDay(text)) {
      ctx.addIssue({ code: 'custom', message: 'must be a date (YYYY-MM-DD) or a date-time with a timezone (2026-11-25T09:00:00+07:00)' });
      return z.NEVER;
    }
    return toDateTimeStamp(new Date(ms));
  });

// Rejects calendar dates that Date.parse rolls over (2026-02-30) by comparing the day of a UTC
// reading; for offsets, compare after shifting to UTC.
function normalizedDay(text: string): string {
  if (/Z$/i.test(text) || /[+-]00:00$/.test(text)) return text.slice(0, 10);
  return new Date(Date.parse(text)).toISOString().slice(0, 10);
}
