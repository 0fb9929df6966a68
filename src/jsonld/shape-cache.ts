import { Lru } from '../util/lru.js';
import { collectKeys, encode, rebuild, type Encoded } from './shape-skeleton.js';

/*
 * Expansion and RDF conversion, once per document shape.
 *
 * Credentials of one batch (or one API client) differ only in their strings: names, hashes,
 * salts, URLs. Everything jsonld decides while expanding (which contexts apply, what each key
 * means, safe mode's refusals) depends on the keys, the @context, the types and the kind of
 * each value, not on the text of a name or a hash. So per shape a skeleton — the document
 * with each string replaced by a unique placeholder — is expanded and converted to quads
 * once; then a document of that shape puts its strings where the placeholders came out and
 * goes straight to RDFC-1.0.
 *
 * A string position is substituted only where the skeleton proves it safe:
 * - as a literal: its placeholder came out exactly once, verbatim, as a literal's value (a
 *   literal's value does not depend on its text unless it is @json or a double, and those
 *   are not verbatim);
 * - as an IRI: the value is an absolute IRI of the same scheme (and `//`-ness) as its
 *   placeholder, and every occurrence of the placeholder is verbatim as a subject, object or
 *   graph IRI, never a type. jsonld expands such a value to itself unless it is a term or its
 *   scheme a prefix; a prefix would have rewritten the placeholder too, and a value that
 *   any loaded or inline context names as a term is not substituted.
 * Everything else — keys, numbers, booleans, @context, `type` and other keyword values, and
 * any position whose placeholder failed these tests (or made jsonld throw) — is part of the
 * cache key, so it is the same text in the skeleton as in the document.
 *
 * Equal strings matter to jsonld in one way that placeholders (all distinct) hide: it merges
 * nodes with the same @id and drops a repeated value of a property. A document whose
 * substituted IRIs are not all distinct from each other and from every other IRI, or whose
 * substituted literal repeats another literal of the same subject and property, takes the
 * full path.
 *
 * A shape is worked out on its second sighting (a one-off document pays nothing), and the
 * caches are small LRUs. test/canonize-shape-cache.test.ts holds the output to jsonld.canonize.
 */

/** An RDF term as jsonld's toRDF produces it and rdf-canonize reads it. */
export interface Term {
  termType: string;
  value: string;
  datatype?: Term;
  language?: string;
}
export interface Quad {
  subject: Term;
  predicate: Term;
  object: Term;
  graph: Term;
}

/**
 * jsonld's expansion and toRDF of a document. With `loadedContexts`, contexts are processed
 * afresh (no cache) and every context document loaded is pushed to it.
 */
export type ToDataset = (document: unknown, run?: { loadedContexts?: unknown[] }) => Promise<Quad[]>;

export interface ShapeCacheOptions {
  /** Shapes kept (LRU). */
  shapes?: number;
  /** Variants kept per shape: one per distinct set of key strings (types, issuer DID, …). */
  variantsPerShape?: number;
}

export interface ShapeCache {
  /** The quads of `document` from a cached shape, or null when it must take the full path. */
  dataset(document: unknown): Promise<Quad[] | null>;
}

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const MAX_ROUNDS = 12;
/**
 * Documents with more strings than this take the full path, never the shape cache: learning a
 * shape may expand the document up to MAX_ROUNDS times, which for a large hostile document
 * sent to the public verify API would multiply its cost. A credential has well under 200.
 */
export const MAX_SHAPE_STRINGS = 400;

interface Variant {
  quads: Quad[];
  /** Quads that carry substituted strings: which value goes in which term. */
  patches: Array<{ at: number; subject?: number; object?: number; graph?: number }>;
  /** Values substituted as IRIs. */
  iris: number[];
  /** Every IRI of the skeleton that is not a placeholder. */
  constantIris: Set<string>;
  /** Literals of one subject and property (and datatype, language) that jsonld would dedupe if equal. */
  literalGroups: Array<{ values: number[]; constants: string[] }>;
  /** Every key of every context the shape uses: a substituted IRI must not be a term. */
  terms: Set<string>;
}

type Occurrence = { at: number; field: 'subject' | 'object' | 'graph'; kind: 'iri' | 'literal' } | { kind: 'bad' };

/** Works out which placeholders came out substitutable; the rest are returned as `failed`. */
function analyse(quads: Quad[], placeholders: Array<string | null>, classes: string[], marker: RegExp) {
  const occurrences = new Map<number, Occurrence[]>();
  let foreign = false;
  const scan = (text: string | undefined, found: Occurrence) => {
    if (!text) return;
    for (const m of text.matchAll(marker)) {
      const i = Number(m[1]);
      if (placeholders[i] == null) {
        foreign = true;
        continue;
      }
      const list = occurrences.get(i) ?? [];
      list.push(text === placeholders[i] ? found : { kind: 'bad' });
      occurrences.set(i, list);
    }
  };
  quads.forEach((q, at) => {
    scan(q.subject.value, q.subject.termType === 'NamedNode' ? { at, field: 'subject', kind: 'iri' } : { kind: 'bad' });
    scan(q.predicate.value, { kind: 'bad' });
    if (q.object.termType === 'Literal') {
      scan(q.object.value, { at, field: 'object', kind: 'literal' });
      scan(q.object.datatype?.value, { kind: 'bad' });
      scan(q.object.language, { kind: 'bad' });
    } else {
      scan(q.object.value, q.object.termType === 'NamedNode' && q.predicate.value !== RDF_TYPE ? { at, field: 'object', kind: 'iri' } : { kind: 'bad' });
    }
    scan(q.graph.value, q.graph.termType === 'NamedNode' ? { at, field: 'graph', kind: 'iri' } : { kind: 'bad' });
  });

  const failed: number[] = [];
  const slots = new Map<number, Array<{ at: number; field: 'subject' | 'object' | 'graph' }>>();
  const iris: number[] = [];
  placeholders.forEach((p, i) => {
    if (p === null) return;
    const list = occurrences.get(i) ?? [];
    const good = list.filter((o): o is Exclude<Occurrence, { kind: 'bad' }> => o.kind !== 'bad');
    const literal = good.length === 1 && list.length === 1 && good[0]?.kind === 'literal';
    const iri = good.length > 0 && good.length === list.length && good.every((o) => o.kind === 'iri') && classes[i] !== '';
    if (!literal && !iri) {
      failed.push(i);
      return;
    }
    if (iri) iris.push(i);
    slots.set(i, good.map(({ at, field }) => ({ at, field })));
  });
  return { failed, foreign, slots, iris };
}

function makeVariant(quads: Quad[], placeholders: Array<string | null>, slots: Map<number, Array<{ at: number; field: 'subject' | 'object' | 'graph' }>>, iris: number[], terms: Set<string>): Variant {
  const byQuad = new Map<number, { at: number; subject?: number; object?: number; graph?: number }>();
  for (const [value, list] of slots) {
    for (const { at, field } of list) {
      const patch = byQuad.get(at) ?? { at };
      patch[field] = value;
      byQuad.set(at, patch);
    }
  }
  const placeholderSet = new Set(placeholders.filter((p): p is string => p !== null));
  const constantIris = new Set<string>();
  for (const q of quads) {
    for (const t of [q.subject, q.predicate, q.object, q.graph, q.object.datatype]) {
      if (t?.termType === 'NamedNode' && !placeholderSet.has(t.value)) constantIris.add(t.value);
    }
  }
  const groups = new Map<string, { values: number[]; constants: string[] }>();
  quads.forEach((q, at) => {
    if (q.object.termType !== 'Literal') return;
    const patch = byQuad.get(at);
    const subject = patch?.subject !== undefined ? `v${patch.subject}` : `${q.subject.termType} ${q.subject.value}`;
    const graph = patch?.graph !== undefined ? `v${patch.graph}` : `${q.graph.termType} ${q.graph.value}`;
    const key = JSON.stringify([subject, q.predicate.value, graph, q.object.datatype?.value ?? '', q.object.language ?? '']);
    const group = groups.get(key) ?? { values: [], constants: [] };
    if (patch?.object !== undefined) group.values.push(patch.object);
    else group.constants.push(q.object.value);
    groups.set(key, group);
  });
  const literalGroups = [...groups.values()].filter((g) => g.values.length > 0 && g.values.length + g.constants.length > 1);
  return { quads, patches: [...byQuad.values()], iris, constantIris, literalGroups, terms };
}

/** The document's quads from the variant, or null when equal strings would change the graph. */
function substitute(variant: Variant, values: string[]): Quad[] | null {
  const seen = new Set<string>();
  for (const i of variant.iris) {
    const v = values[i] as string;
    if (seen.has(v) || variant.constantIris.has(v) || variant.terms.has(v)) return null;
    seen.add(v);
  }
  for (const group of variant.literalGroups) {
    const distinct = new Set(group.constants);
    for (const i of group.values) {
      const v = values[i] as string;
      if (distinct.has(v)) return null;
      distinct.add(v);
    }
  }
  const quads = variant.quads.slice();
  for (const p of variant.patches) {
    const q = variant.quads[p.at] as Quad;
    quads[p.at] = {
      subject: p.subject === undefined ? q.subject : { termType: 'NamedNode', value: values[p.subject] as string },
      predicate: q.predicate,
      object: p.object === undefined ? q.object : { ...q.object, value: values[p.object] as string },
      graph: p.graph === undefined ? q.graph : { termType: 'NamedNode', value: values[p.graph] as string },
    };
  }
  return quads;
}

function describeError(error: unknown): string {
  const e = error as { message?: unknown; details?: unknown } | null;
  let details = '';
  try {
    details = JSON.stringify(e?.details) ?? '';
  } catch {
    details = '';
  }
  return `${String(e?.message ?? error)} ${details}`;
}

interface Shape {
  /** Value positions that turned out to steer expansion (part of the variant key); null until worked out. */
  keyed: number[] | null;
  failed: boolean;
  variants: Lru<string, Variant | 'seen' | 'failed'>;
}

/** A per-shape cache in front of `toDataset`. */
export function createShapeCache(toDataset: ToDataset, options: ShapeCacheOptions = {}): ShapeCache {
  const shapes = new Lru<string, Shape>(options.shapes ?? 64);
  const variantsPerShape = options.variantsPerShape ?? 8;
  // The placeholders' random marker is drawn when the first shape is built, not here: the
  // process-wide canonizer is created at import, and workerd refuses random values in a
  // Worker's global scope (the deployed Worker did not start).
  let markers: { text: string; pattern: RegExp } | undefined;
  const markersOf = () => {
    if (!markers) {
      const nonce = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');
      markers = { text: `skc${nonce}p`, pattern: new RegExp(`skc${nonce}p(\\d+)-`, 'g') };
    }
    return markers;
  };

  async function build(document: unknown, enc: Encoded, keyed0: number[]): Promise<{ keyed: number[]; variant: Variant } | null> {
    const { text: markerText, pattern: marker } = markersOf();
    const placeholderOf = (i: number, cls: string) => `${cls}${markerText}${i}-`;
    if (enc.key.includes(markerText)) return null;
    const keyed = new Set(keyed0);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const placeholders = enc.values.map((v, i) => (keyed.has(i) ? null : placeholderOf(i, enc.classes[i] as string)));
      if (enc.values.some((v, i) => keyed.has(i) && v.includes(markerText))) return null;
      const loadedContexts: unknown[] = [];
      let quads: Quad[];
      try {
        quads = await toDataset(rebuild(document, (i) => placeholders[i] ?? null), { loadedContexts });
      } catch (error) {
        // A placeholder jsonld refused (a relative IRI, a bad language tag) steers expansion:
        // key it and try again. Any other refusal is the document's own.
        const blamed = [...describeError(error).matchAll(marker)].map((m) => Number(m[1])).filter((i) => placeholders[i] != null);
        if (blamed.length === 0) return null;
        for (const i of blamed) keyed.add(i);
        continue;
      }
      const { failed, foreign, slots, iris } = analyse(quads, placeholders, enc.classes, marker);
      if (foreign) return null;
      if (failed.length > 0) {
        for (const i of failed) keyed.add(i);
        continue;
      }
      const terms = new Set<string>();
      collectKeys(loadedContexts, terms);
      collectKeys(enc.contexts, terms);
      return { keyed: [...keyed].sort((a, b) => a - b), variant: makeVariant(quads, placeholders, slots, iris, terms) };
    }
    return null;
  }

  const variantKey = (enc: Encoded, keyed: number[]) => JSON.stringify(keyed.map((i) => enc.values[i]));

  return {
    async dataset(document) {
      const enc = encode(document);
      if (!enc || enc.values.length > MAX_SHAPE_STRINGS) return null;
      const shape = shapes.get(enc.key);
      if (!shape) {
        shapes.set(enc.key, { keyed: null, failed: false, variants: new Lru(variantsPerShape) });
        return null;
      }
      if (shape.failed) return null;
      if (shape.keyed === null) {
        const built = await build(document, enc, []);
        if (!built) {
          shape.failed = true;
          return null;
        }
        shape.keyed = built.keyed;
        shape.variants.set(variantKey(enc, built.keyed), built.variant);
        return substitute(built.variant, enc.values);
      }
      const keyed = shape.keyed;
      const key = variantKey(enc, keyed);
      let variant = shape.variants.get(key);
      if (variant === undefined) {
        shape.variants.set(key, 'seen');
        return null;
      }
      if (variant === 'seen') {
        const built = await build(document, enc, keyed);
        variant = built && built.keyed.join() === keyed.join() ? built.variant : 'failed';
        shape.variants.set(key, variant);
      }
      return variant === 'failed' ? null : substitute(variant, enc.values);
    },
  };
}
