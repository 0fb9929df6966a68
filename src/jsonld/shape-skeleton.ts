/*
 * A JSON-LD document as a shape: its structure, keys, value kinds and the strings that steer
 * expansion (types, keyword values, contexts) make the key; the other strings are the
 * candidates a cached shape may substitute (see shape-cache.ts).
 */

/** jsonld's absolute-IRI test, less the `_:` of blank nodes. */
const IRI_LIKE = /^([A-Za-z][A-Za-z0-9+-.]*):[^\s]*$/;

/** Strings under these keys are always part of the key: types and keyword values steer expansion. */
const keyedByName = (key: string | null): boolean =>
  key === 'type' || (key !== null && key.startsWith('@') && key !== '@value' && key !== '@id');

const isPlainObject = (v: object): v is Record<string, unknown> => {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

function isJson(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => x !== undefined && isJson(x));
  if (typeof v === 'object' && isPlainObject(v)) return Object.values(v).every((x) => x !== undefined && isJson(x));
  return false;
}

/** The scheme part a placeholder shares with its value: '' (not an IRI), `s:` or `s://`. */
export function classOf(value: string): string {
  const m = IRI_LIKE.exec(value);
  if (!m) return '';
  const scheme = m[1] as string;
  return value.startsWith('//', scheme.length + 1) ? `${scheme}://` : `${scheme}:`;
}

export interface Encoded {
  /** The shape: structure, keys, value kinds, and every string that is not a candidate. */
  key: string;
  /** The candidate strings, in document order. */
  values: string[];
  classes: string[];
  /** The inline @context values. */
  contexts: unknown[];
}

export function encode(document: unknown): Encoded | null {
  const parts: string[] = [];
  const values: string[] = [];
  const classes: string[] = [];
  const contexts: unknown[] = [];
  const walk = (v: unknown, key: string | null): boolean => {
    if (typeof v === 'string') {
      if (keyedByName(key)) {
        parts.push('k', JSON.stringify(v));
      } else {
        const cls = classOf(v);
        parts.push('s', cls);
        values.push(v);
        classes.push(cls);
      }
      return true;
    }
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return false;
      parts.push('n', JSON.stringify(v));
      return true;
    }
    if (typeof v === 'boolean' || v === null) {
      parts.push(String(v));
      return true;
    }
    if (Array.isArray(v)) {
      parts.push('[');
      for (const item of v) {
        if (!walk(item, key)) return false;
        parts.push(',');
      }
      parts.push(']');
      return true;
    }
    if (typeof v === 'object' && isPlainObject(v)) {
      parts.push('{');
      for (const k of Object.keys(v)) {
        const child = v[k];
        parts.push(JSON.stringify(k), ':');
        if (k === '@context') {
          if (child === undefined || !isJson(child)) return false;
          parts.push('c', JSON.stringify(child));
          contexts.push(child);
        } else if (!walk(child, k)) {
          return false;
        }
        parts.push(',');
      }
      parts.push('}');
      return true;
    }
    return false; // undefined, functions, class instances: not JSON, so not cached
  };
  return walk(document, null) ? { key: parts.join(''), values, classes, contexts } : null;
}

/** `document` with its candidate strings replaced, walked in the same order as {@link encode}. */
export function rebuild(document: unknown, replacement: (index: number) => string | null): unknown {
  let index = 0;
  const walk = (v: unknown, key: string | null): unknown => {
    if (typeof v === 'string') return keyedByName(key) ? v : (replacement(index++) ?? v);
    if (Array.isArray(v)) return v.map((item) => walk(item, key));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, child] of Object.entries(v)) out[k] = k === '@context' ? child : walk(child, k);
      return out;
    }
    return v;
  };
  return walk(document, null);
}

/** Every object key anywhere in `v` (the terms a context defines). */
export function collectKeys(v: unknown, into: Set<string>): void {
  if (Array.isArray(v)) {
    for (const item of v) collectKeys(item, into);
  } else if (v !== null && typeof v === 'object') {
    for (const [k, child] of Object.entries(v)) {
      into.add(k);
      collectKeys(child, into);
    }
  }
}
