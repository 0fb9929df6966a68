/*
 * JSON from outside is bounded in depth before it is parsed. Size is bounded where bytes
 * enter (each route's body limit); depth is not, and a 60 KB body can nest 10,000 levels:
 * JSON.parse copes, but the code that walks the value afterwards (validation, JSON-LD
 * expansion, canonicalization, signing) recurses once per level and overflows the stack.
 * No credential, presentation, template or request needs more than a dozen levels.
 */

/** The deepest nesting (objects and arrays) accepted from outside. */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;

/**
 * Why a JSON text nests too deeply, or null. A scan of the text (brackets inside strings do
 * not count), so the deep value is never built; it does not validate the JSON otherwise.
 */
export function jsonDepthProblem(text: string, max = MAX_JSON_DEPTH): string | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      // To the string's closing quote in one step (indexOf, not a character at a time: a JWT
      // or a proof value is a long string): a quote after an odd run of backslashes is escaped.
      let end = text.indexOf('"', i);
      while (end !== -1 && escapedAt(text, end)) end = text.indexOf('"', end + 1);
      if (end === -1) return null;
      i = end;
      inString = false;
    } else if (ch === QUOTE) {
      inString = true;
    } else if (ch === OPEN_OBJECT || ch === OPEN_ARRAY) {
      if (++depth > max) return `the JSON nests deeper than ${max} levels`;
    } else if (ch === CLOSE_OBJECT || ch === CLOSE_ARRAY) {
      depth--;
    }
  }
  return null;
}

/** Whether the quote at `at` is escaped: an odd number of backslashes just before it. */
function escapedAt(text: string, at: number): boolean {
  let n = 0;
  while (at - 1 - n >= 0 && text.charCodeAt(at - 1 - n) === BACKSLASH) n++;
  return n % 2 === 1;
}

export type BoundedJson = { ok: true; value: unknown } | { ok: false; problem: 'invalid' | 'too-deep'; message: string };

/** Parses JSON from outside: too deep, or not JSON, is an outcome, never an exception. */
export function parseBoundedJson(text: string): BoundedJson {
  const deep = jsonDepthProblem(text);
  if (deep) return { ok: false, problem: 'too-deep', message: deep };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, problem: 'invalid', message: 'not valid JSON' };
  }
}
