import { canonize } from './canonize.js';
import type { RdfcHash } from './rdfc.js';
import { KHMER_TERMS_CONTEXT, VC_V2_CONTEXT } from './contexts.js';

/*
 * Canonical N-Quads of Data Integrity proof options without a JSON-LD processor.
 *
 * Proof options are one node whose terms (created, cryptosuite, proofPurpose,
 * verificationMethod) are fixed by the @protected, type-scoped DataIntegrityProof context of
 * VC v2, so their canonical form is always the five lines below in this order. Computing it
 * directly saves a full JSON-LD expansion per signature and per verification. Anything
 * outside the common shape (other keys, other purposes, values that would need N-Quads
 * escaping) takes the general path; a test asserts both paths agree.
 */

const PURPOSE_IRIS: Record<string, string> = {
  assertionMethod: 'https://w3id.org/security#assertionMethod',
  authentication: 'https://w3id.org/security#authenticationMethod',
};
const FAST_KEYS = new Set(['type', 'cryptosuite', 'created', 'verificationMethod', 'proofPurpose']);
const PLAIN_LITERAL = /^[\x20-\x21\x23-\x5b\x5d-\x7e]{1,200}$/;
const ABSOLUTE_IRI = /^[a-zA-Z][a-zA-Z0-9+.-]*:[\x21\x23-\x3b\x3d\x3f-\x5b\x5d\x5f\x61-\x7a\x7e]{1,500}$/;
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

const KHMER_TERMS_JSON = JSON.stringify(KHMER_TERMS_CONTEXT);

function fastCanonicalForm(options: Record<string, unknown>, context: unknown): string | null {
  if (!Array.isArray(context) || context[0] !== VC_V2_CONTEXT) return null;
  // An inline context can turn the verificationMethod's scheme (`did`) into a prefix that
  // rewrites the IRI; only skillcert's own inline terms are known not to.
  if (context.some((c) => typeof c !== 'string' && JSON.stringify(c) !== KHMER_TERMS_JSON)) return null;
  for (const key of Object.keys(options)) if (!FAST_KEYS.has(key)) return null;
  const { type, cryptosuite, created, verificationMethod, proofPurpose } = options;
  if (type !== 'DataIntegrityProof') return null;
  if (typeof cryptosuite !== 'string' || !PLAIN_LITERAL.test(cryptosuite)) return null;
  if (typeof created !== 'string' || !DATE_TIME.test(created)) return null;
  if (typeof verificationMethod !== 'string' || !ABSOLUTE_IRI.test(verificationMethod)) return null;
  const purposeIri = typeof proofPurpose === 'string' ? PURPOSE_IRIS[proofPurpose] : undefined;
  if (!purposeIri) return null;
  return (
    `_:c14n0 <http://purl.org/dc/terms/created> "${created}"^^<http://www.w3.org/2001/XMLSchema#dateTime> .\n` +
    `_:c14n0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/security#DataIntegrityProof> .\n` +
    `_:c14n0 <https://w3id.org/security#cryptosuite> "${cryptosuite}"^^<https://w3id.org/security#cryptosuiteString> .\n` +
    `_:c14n0 <https://w3id.org/security#proofPurpose> <${purposeIri}> .\n` +
    `_:c14n0 <https://w3id.org/security#verificationMethod> <${verificationMethod}> .\n`
  );
}

/** RDFC-1.0 canonical form of proof options under the secured document's `@context`. */
export async function canonizeProofOptions(options: Record<string, unknown>, context: unknown, hash: RdfcHash = 'SHA-256'): Promise<string> {
  // One node, one blank node: its label is c14n0 whatever RDFC-1.0's hash, so the fast form holds for both.
  return fastCanonicalForm(options, context) ?? canonize({ '@context': context, ...options }, hash);
}

/** The general path only; exported so tests can hold the fast path to it. */
export const canonizeProofOptionsGeneral = (options: Record<string, unknown>, context: unknown): Promise<string> =>
  canonize({ '@context': context, ...options });
