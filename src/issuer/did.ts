import { DID_V1_CONTEXT, ED25519_2020_CONTEXT, MULTIKEY_V1_CONTEXT } from '../jsonld/contexts.js';
import type { PublicIssuerKey } from './keys.js';
import type { PublicP256Key } from './p256-keys.js';

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

type VerificationMethod =
  | { id: string; type: 'Multikey'; controller: string; publicKeyMultibase: string }
  | { id: string; type: 'Ed25519VerificationKey2020'; controller: string; publicKeyMultibase: string };

export interface DidDocument {
  '@context': string[];
  id: string;
  alsoKnownAs?: string[];
  verificationMethod: VerificationMethod[];
  assertionMethod: string[];
  authentication: string[];
}

/**
 * The verification method id of an Ed25519 key in its `Ed25519VerificationKey2020` form:
 * `<DID>#<publicKeyMultibase>`, the form Digital Bazaar's tools give such keys (and exactly
 * the id of a did:key's key). The key's `Multikey` form keeps its thumbprint id.
 */
export const ed25519VerificationKey2020Id = (key: Pick<PublicIssuerKey, 'controller' | 'publicKeyMultibase'>): string =>
  `${key.controller}#${key.publicKeyMultibase}`;

export interface DidDocumentOptions {
  /** P-256 keys (ES256 vc+jwt), published as Multikey (`zDn…`) for assertions. */
  p256Keys?: PublicP256Key[];
  /**
   * Also list every Ed25519 key as an `Ed25519VerificationKey2020`: MOSIP's verifier (Inji)
   * resolves a did:web key only in that form, never as Multikey.
   */
  ed25519VerificationKey2020?: boolean;
}

/** The DID document of an issuer: every key it ever signed with, newest first. */
export function buildDidDocument(did: string, keys: PublicIssuerKey[], options: DidDocumentOptions = {}): DidDocument {
  const p256 = options.p256Keys ?? [];
  const ed2020 = options.ed25519VerificationKey2020 ? keys : [];
  return {
    '@context': [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT, ...(ed2020.length ? [ED25519_2020_CONTEXT] : [])],
    id: did,
    verificationMethod: [
      ...keys.map((k) => ({ id: k.id, type: 'Multikey' as const, controller: did, publicKeyMultibase: k.publicKeyMultibase })),
      ...p256.map((k) => ({ id: k.id, type: 'Multikey' as const, controller: did, publicKeyMultibase: k.publicKeyMultibase })),
      ...ed2020.map((k) => ({
        id: ed25519VerificationKey2020Id({ controller: did, publicKeyMultibase: k.publicKeyMultibase }),
        type: 'Ed25519VerificationKey2020' as const,
        controller: did,
        publicKeyMultibase: k.publicKeyMultibase,
      })),
    ],
    assertionMethod: [
      ...keys.map((k) => k.id),
      ...p256.map((k) => k.id),
      ...ed2020.map((k) => ed25519VerificationKey2020Id({ controller: did, publicKeyMultibase: k.publicKeyMultibase })),
    ],
    authentication: keys.map((k) => k.id),
  };
}

/** The ministry's DID, under which it signs the trust registry. */
export const ministryDid = (publicUrl: string): string => didWebFromUrl(`${publicUrl}/ministry`);

/** An institute's DID: `did:web:<host>:issuers:<slug>`, its document at /issuers/<slug>/did.json. */
export const instituteDid = (publicUrl: string, slug: string): string => didWebFromUrl(`${publicUrl}/issuers/${slug}`);
