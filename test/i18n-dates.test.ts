import { describe, expect, it } from 'vitest';
import { formatDate } from '../src/web/i18n.js';

/*
 * formatDate writes dates from its own month names, not Intl (the offline page runs it on the
 * phone, where Intl's first use loads ICU and Chromium's ICU has no Khmer month names): its
 * text must be what Node's full ICU writes in the long style, for every day.
 */
describe('dates', () => {
  const icu = (t: number, lang: 'en' | 'km') => lang === 'km'
    ? new Intl.DateTimeFormat('km', { dateStyle: 'long', timeZone: 'UTC', numberingSystem: 'khmr' }).format(t)
    : new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(t);

  it('read as full ICU writes them in the long style, in English and in Khmer with Khmer digits, for every day of a leap year and a plain one', () => {
    expect(icu(Date.UTC(2026, 1, 15), 'km')).toBe('១៥ កុម្ភៈ ២០២៦'); // this Node has full ICU
    for (const year of [2024, 2026]) {
      for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
        const iso = new Date(t + 23 * 3_600_000).toISOString();
        expect(formatDate(iso, 'en')).toBe(icu(t, 'en'));
        expect(formatDate(iso, 'km')).toBe(icu(t, 'km'));
      }
    }
  });

  it('take the day in UTC, and leave a text that is not a date as it is', () => {
    expect(formatDate('2026-03-01T23:30:00-05:00', 'en')).toBe('2 March 2026');
    expect(formatDate('2031-12-31', 'km')).toBe('៣១ ធ្នូ ២០៣១');
    expect(formatDate('not a date', 'en')).toBe('not a date');
    expect(formatDate(undefined, 'km')).toBe('');
  });
});
