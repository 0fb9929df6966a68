import { DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT } from '../jsonld/contexts.js';
import type { PublicIssuerKey } from './keys.js';

/**
 * The did:web of a public URL: host (a port percent-encoded), then path segments joined
 * with `:`. `https://example.org/tvet` → `did:web:example.org:tvet`.
 */
export function didWebFromUrl(publicUrl: string): string {
  const url = new URL(publicUrl);
  const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
  const segments = url.pathname.split('/').filter(Boolean).map(encodeURIComponent);
  return ['did:web', host, ...segments].join(':');
}

/** Where did:web resolution fetches the document for `did`, as a path on its host. */
export function didWebDocumentPath(did: string): string {
  const [, , , ...segments] = did.split(':');
  return segments.length === 0 ? '/.well-known/did.json' : `/${segments.map(decodeURIComponent).join('/')}/did.json`;
}

export interface DidDocument {
  '@context': string[];
  id: string;
  alsoKnownAs?: string[];
  verificationMethod: Array<{ id: string; type: 'Multikey'; controller: string; publicKeyMultibase: string }>;
  assertionMethod: string[];
  authentication: string[];
}

/** The DID document of an issuer: every key it ever signed with, newest first. */
export function buildDidDocument(did: string, keys: PublicIssuerKey[]): DidDocument {
  return {
    '@context': [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT],
    id: did,
    verificationMethod: keys.map((k) => ({
      id: k.id,
      type: 'Multikey',
      controller: did,
      publicKeyMultibase: k.publicKeyMultibase,
    })),
    assertionMethod: keys.map((k) => k.id),
    authentication: keys.map((k) => k.id),
  };
}

/** The ministry's DID, under which it signs the trust registry. */
export const ministryDid = (publicUrl: string): string => didWebFromUrl(`${publicUrl}/ministry`);

/** An institute's DID: `did:web:<host>:issuers:<slug>`, its document at /issuers/<slug>/did.json. */
export const instituteDid = (publicUrl: string, slug: string): string => didWebFromUrl(`${publicUrl}/issuers/${slug}`);
