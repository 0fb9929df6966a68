import jsonld from 'jsonld';
import { staticDocumentLoader } from '../../src/jsonld/contexts.js';
import type { RdfcHash } from '../../src/jsonld/rdfc.js';

/**
 * jsonld.canonize itself, with the options src/jsonld/canonize.ts matches (safe mode, only the
 * bundled contexts, RDFC-1.0 with `hash` as its message digest: SHA-256, or SHA-384 for the
 * ecdsa P-384 suites): the reference our canonizer is held to, in the tests and the bench.
 */
export const canonizeWithJsonld = (document: unknown, hash: RdfcHash = 'SHA-256'): Promise<string> =>
  jsonld.canonize(document, {
    canonizeOptions: { algorithm: 'RDFC-1.0', messageDigestAlgorithm: hash },
    algorithm: 'RDFC-1.0',
    format: 'application/n-quads',
    documentLoader: staticDocumentLoader,
    safe: true,
    base: null,
    rdfDirection: 'i18n-datatype',
  });
