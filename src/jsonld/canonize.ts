import { staticDocumentLoader, UnknownContextError } from './contexts.js';
import { createRdfcCanonizer, type RdfcHash } from './rdfc.js';

export type JsonLdErrorCode = 'ERR_UNDEFINED_TERM' | 'ERR_UNKNOWN_CONTEXT' | 'ERR_INVALID_JSONLD';

/** A document that cannot be signed or checked as JSON-LD, with the reason as a stable code. */
export class JsonLdError extends Error {
  constructor(
    readonly code: JsonLdErrorCode,
    message: string,
    readonly term?: string,
  ) {
    super(message);
    this.name = this.constructor.name;
  }
}

interface SafeModeEvent {
  code?: string;
  details?: { property?: string; type?: string; value?: unknown };
}

function findCause(error: unknown, depth = 0): unknown {
  if (error instanceof UnknownContextError || depth > 5) return error;
  const details = (error as { details?: { cause?: unknown } } | null)?.details;
  return details?.cause ? findCause(details.cause, depth + 1) : error;
}

function toJsonLdError(error: unknown): JsonLdError {
  const cause = findCause(error);
  if (cause instanceof UnknownContextError) {
    return new JsonLdError('ERR_UNKNOWN_CONTEXT', cause.message);
  }
  const e = error as { name?: string; message?: string; details?: { event?: SafeModeEvent } };
  const event = e?.details?.event;
  if (e?.name === 'jsonld.ValidationError' && event) {
    const term = event.details?.property ?? event.details?.type;
    if (event.code === 'invalid property' && term) {
      return new JsonLdError(
        'ERR_UNDEFINED_TERM',
        `"${term}" is not defined by any @context of the document, so it would not be signed`,
        term,
      );
    }
    // jsonld 9 reports a type no context defines as a relative @type reference (base is null).
    if ((event.code === 'relative @type reference' || event.code === 'invalid type value') && term) {
      return new JsonLdError('ERR_UNDEFINED_TERM', `type "${term}" is not defined by any @context of the document`, term);
    }
    return new JsonLdError('ERR_INVALID_JSONLD', `JSON-LD safe mode refused the document: ${event.code ?? 'invalid'}`);
  }
  return new JsonLdError('ERR_INVALID_JSONLD', `not valid JSON-LD: ${String(e?.message ?? error).slice(0, 200)}`);
}

/*
 * One canonizer for the process. What it keeps between calls is processed contexts (of the
 * bundled contexts and of inline contexts documents carry), bounded as jsonld bounds its own
 * module-level caches. Same output as jsonld.canonize with the options of
 * test/support/jsonld-reference.ts (test/rdfc.test.ts holds the two together).
 */
const canonizer = createRdfcCanonizer(staticDocumentLoader);

/**
 * RDFC-1.0 canonical N-Quads of a JSON-LD document, in safe mode: a term or type that no
 * context defines is an error, never a silently dropped (and so unsigned) field. Only
 * bundled contexts are loaded. Throws {@link JsonLdError}.
 */
export async function canonize(document: unknown, hash: RdfcHash = 'SHA-256'): Promise<string> {
  try {
    return await canonizer.canonize(document, hash);
  } catch (error) {
    throw toJsonLdError(error);
  }
}
