import { z } from 'zod';

/** XML Schema dateTimeStamp: a date-time with a mandatory timezone. */
export const DATE_TIME_STAMP = /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-](0\d|1[0-3]):[0-5]\d|[+-]14:00)$/i;

/** A dateTimeStamp naming a real calendar day (2026-02-30 is refused, not rolled over). */
export const isDateTimeStamp = (s: string): boolean => DATE_TIME_STAMP.test(s) && !Number.isNaN(Date.parse(s)) && isCalendarDate(s);

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
    if (!isDateTimeStamp(text) || Number.isNaN(ms)) {
      ctx.addIssue({ code: 'custom', message: 'must be a date (YYYY-MM-DD) or a date-time with a timezone (2026-11-25T09:00:00+07:00)' });
      return z.NEVER;
    }
    return toDateTimeStamp(new Date(ms));
  });

// Date.parse rolls impossible days over (2026-02-30 becomes 2026-03-02), whatever the offset,
// so the written year-month-day is checked against the calendar itself.
function isCalendarDate(text: string): boolean {
  const match = /^(-?\d{4,})-(\d{2})-(\d{2})/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}
