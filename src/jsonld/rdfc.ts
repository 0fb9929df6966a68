import contextApi from 'jsonld/lib/context.js';
import ContextResolver from 'jsonld/lib/ContextResolver.js';
import eventsApi from 'jsonld/lib/events.js';
import expandApi from 'jsonld/lib/expand.js';
import toRdfApi from 'jsonld/lib/toRdf.js';
import util from 'jsonld/lib/util.js';
import { canonize as rdfCanonize } from 'rdf-canonize';
import type { DocumentLoader } from 'jsonld';
import { Lru } from '../util/lru.js';
import { createShapeCache, type Quad, type ShapeCacheOptions, type ToDataset } from './shape-cache.js';

/*
 * jsonld.canonize, step for step (clone the input, expand it from the initial active context,
 * convert to an RDF dataset, RDFC-1.0), with one change: how active contexts are copied.
 *
 * jsonld deep-clones the whole active context every time it applies a scoped context and
 * every time it leaves a type-scoped one (`revertToPreviousContext()` returns a fresh deep
 * clone). With the VC v2 and Open Badges contexts that is hundreds of term definitions,
 * nested scoped contexts included, copied a few dozen times per credential; expansion is
 * ~98% of a canonicalization, and these copies and their garbage are most of it. And since
 * each copy is a new object, jsonld's cache of processed contexts, keyed by the active
 * context's identity, seldom hits below the top level.
 *
 * jsonld never mutates an active context after handing it out: context processing clones
 * first and writes only to the clone, and term definitions are immutable once built. So
 * here a clone copies the maps one level deep (the term definitions are shared), and
 * reverting returns one stable copy of the previous context. The copies hold exactly the
 * fields jsonld's own clone holds, so expansion sees the same contexts; it just gets them
 * without copying and, being stable, from jsonld's cache. Safe mode, the document loader and
 * every other step are jsonld's own. test/rdfc.test.ts holds the output to jsonld.canonize.
 */

type ActiveContext = Record<string, unknown> & {
  mappings: Map<string, unknown>;
  protected: Record<string, boolean>;
  previousContext?: ActiveContext;
};


export type RdfcHash = 'SHA-256' | 'SHA-384';

/** Canonicalizes JSON-LD documents to RDFC-1.0 N-Quads, as jsonld.canonize does. */
export interface RdfcCanonizer {
  /**
   * `hash` is RDFC-1.0's hash for blank node labels: SHA-256 by default, SHA-384 where a
   * cryptosuite asks for it (ecdsa-rdfc-2019 with P-384).
   */
  canonize(document: unknown, hash?: RdfcHash): Promise<string>;
  /** How many documents came from a cached shape, and how many were expanded in full. */
  stats(): { shapeHits: number; fullPaths: number };
}

/**
 * A canonizer whose processed contexts persist between calls (bounded by jsonld's own
 * per-context limit and a 100-entry resolved-context cache, the size jsonld uses). Safe
 * mode is always on and `base` is null, as for Data Integrity. Unless `shapeCache` is false,
 * documents of a shape seen before skip expansion (src/jsonld/shape-cache.ts).
 */
export function createRdfcCanonizer(
  documentLoader: DocumentLoader,
  options: { shapeCache?: ShapeCacheOptions | false } = {},
): RdfcCanonizer {
  // Stable copies of previous contexts, one per context, so that reverting to it yields the
  // same object every time (and so jsonld's processed-context cache can hit).
  const reverted = new WeakMap<ActiveContext, ActiveContext>();

  function clone(this: ActiveContext): ActiveContext {
    // The same fields as jsonld's _cloneActiveContext, with the maps copied one level deep.
    const child: ActiveContext = {
      mappings: new Map(this.mappings),
      clone: this.clone,
      inverse: null,
      getInverse: this.getInverse,
      protected: { ...this.protected },
      revertToPreviousContext: this.revertToPreviousContext,
    };
    if (this.previousContext) child.previousContext = this.previousContext;
    if ('@base' in this) child['@base'] = this['@base'];
    if ('@language' in this) child['@language'] = this['@language'];
    if ('@vocab' in this) child['@vocab'] = this['@vocab'];
    return child;
  }

  function revertToPreviousContext(this: ActiveContext): ActiveContext {
    const previous = this.previousContext;
    if (!previous) return this;
    let copy = reverted.get(previous);
    if (!copy) {
      copy = clone.call(previous);
      reverted.set(previous, copy);
    }
    return copy;
  }

  const initialContext: ActiveContext = {
    ...contextApi.getInitialContext({}),
    mappings: new Map(),
    protected: {},
    inverse: null,
    clone,
    revertToPreviousContext,
  };
  const sharedCache = new Lru<string, unknown>(100);

  /** jsonld.canonize's expansion and RDF conversion (safe mode), before RDFC-1.0. */
  const toDataset: ToDataset = async (document, run = {}) => {
    const { loadedContexts } = run;
    const loader: DocumentLoader = loadedContexts
      ? async (url) => {
          const loaded = await documentLoader(url);
          loadedContexts.push(loaded.document);
          return loaded;
        }
      : documentLoader;
    // i18n-datatype keeps a value's @direction in the canonical form, as the Data Integrity
    // cryptosuites (and Digital Bazaar's implementation of them) do; without it jsonld
    // refuses text with a direction.
    const base = { documentLoader: loader, base: null, safe: true, produceGeneralizedRdf: false, rdfDirection: 'i18n-datatype' };
    const options = {
      ...base,
      contextResolver: new ContextResolver({ sharedCache: loadedContexts ? new Lru<string, unknown>(100) : sharedCache }),
      eventHandler: eventsApi.setupEventHandler({ options: base }),
    };
    let expanded = await expandApi.expand({ activeCtx: initialContext, element: util.clone(document), options });
    // As jsonld.expand: drop a lone top-level @graph wrapper, and always return an array.
    if (expanded && typeof expanded === 'object' && !Array.isArray(expanded)) {
      const keys = Object.keys(expanded);
      if (keys.length === 1 && keys[0] === '@graph') expanded = (expanded as { '@graph': unknown })['@graph'];
    }
    if (expanded === null) expanded = [];
    if (!Array.isArray(expanded)) expanded = [expanded];
    return toRdfApi.toRDF(expanded, options) as Quad[];
  };
  const shapes = options.shapeCache === false ? null : createShapeCache(toDataset, options.shapeCache);

  const counts = { shapeHits: 0, fullPaths: 0 };

  return {
    async canonize(document, hash = 'SHA-256') {
      let dataset = await shapes?.dataset(document);
      if (dataset) counts.shapeHits++;
      else {
        counts.fullPaths++;
        dataset = await toDataset(document);
      }
      return rdfCanonize(dataset, { algorithm: 'RDFC-1.0', messageDigestAlgorithm: hash });
    },
    stats: () => ({ ...counts }),
  };
}
