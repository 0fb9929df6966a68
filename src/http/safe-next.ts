/** Where the language switch returns when `next` is missing or not a path of this app. */
export const DEFAULT_NEXT = '/verify';
const MAX_NEXT = 2048;
/** Printable ASCII but the backslash: what a page's own `here` (a URL's path and query) is made of. */
const PLAIN_URL_TEXT = /^[\x21-\x5b\x5d-\x7e]+$/;
/** Percent-encoded slash, backslash, percent or control character: harmless once, a redirect after a second decoding. */
const ENCODED_TROUBLE = /%(2f|5c|25|[01][0-9a-f]|7f)/i;
const PROBE_ORIGIN = 'http://next.invalid';

/**
 * Where the language switch may send the browser back to: a path of this app, nothing else.
 * Browsers drop tabs and newlines from a URL and read `\` as `/`, so `/<TAB>/evil.example`
 * or `/\evil.example` would leave the site: every character must be printable ASCII other
 * than a backslash (the app percent-encodes everything else in the links it makes), the path
 * must start with exactly one `/`, and its path may not hide an encoded slash, backslash,
 * percent or control character for a later decoding to reveal. The query is free to carry
 * encoded text (a search for "a/b"). Anything else goes to /verify.
 */
export function safeNext(next: string | undefined): string {
  if (!next || next.length > MAX_NEXT || !PLAIN_URL_TEXT.test(next)) return DEFAULT_NEXT;
  if (!next.startsWith('/') || next.startsWith('//')) return DEFAULT_NEXT;
  const path = next.split(/[?#]/, 1)[0] ?? '';
  if (ENCODED_TROUBLE.test(path)) return DEFAULT_NEXT;
  // The URL parser's own word, as a last check: it resolves to this origin.
  return new URL(next, PROBE_ORIGIN).origin === PROBE_ORIGIN ? next : DEFAULT_NEXT;
}
