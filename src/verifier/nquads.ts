/*
 * A reader for canonical N-Quads (RDFC-1.0 output: one quad a line, terms as the canonical
 * form writes them). Only what the verifier reads back: the default graph's triples.
 */

export interface Term {
  kind: 'iri' | 'blank' | 'literal';
  value: string;
  datatype?: string;
  language?: string;
}

export interface Triple {
  subject: Term;
  predicate: string;
  object: Term;
}

const IRI = '<([^>]*)>';
const BLANK = '(_:[A-Za-z0-9_.-]+)';
const LITERAL = '"((?:[^"\\\\]|\\\\.)*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\\^\\^<([^>]*)>)?';
const QUAD = new RegExp(`^(?:${IRI}|${BLANK}) ${IRI} (?:${IRI}|${BLANK}|${LITERAL})(?: (?:${IRI}|${BLANK}))? \\.$`);

const ESCAPES: Record<string, string> = { t: '\t', b: '\b', n: '\n', r: '\r', f: '\f', '"': '"', "'": "'", '\\': '\\' };

function unescape(text: string): string {
  return text.replace(/\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))/g, (_, u4?: string, u8?: string, c?: string) =>
    u4 || u8 ? String.fromCodePoint(Number.parseInt((u4 ?? u8) as string, 16)) : (ESCAPES[c as string] ?? (c as string)));
}

/** The triples of the default graph; a line that is not a quad is an error (the input is canonical output). */
export function parseNquads(text: string): Triple[] {
  const triples: Triple[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const m = QUAD.exec(line);
    if (!m) throw new TypeError('not canonical N-Quads');
    const [, sIri, sBlank, predicate, oIri, oBlank, literal, language, datatype, gIri, gBlank] = m;
    if (gIri !== undefined || gBlank !== undefined) continue;
    const subject: Term = sIri !== undefined ? { kind: 'iri', value: sIri } : { kind: 'blank', value: sBlank as string };
    const object: Term = oIri !== undefined ? { kind: 'iri', value: oIri }
      : oBlank !== undefined ? { kind: 'blank', value: oBlank }
      : { kind: 'literal', value: unescape(literal as string), ...(language ? { language } : {}), ...(datatype ? { datatype } : {}) };
    triples.push({ subject, predicate: predicate as string, object });
  }
  return triples;
}
