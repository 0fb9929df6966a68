import { fromBase58 } from '../crypto/encoding.js';
import { decodeMultibaseKey, publicKeyFromJwk, type PublicKeyMaterial } from '../crypto/public-key.js';
import { didWebDocumentPath } from '../issuer/did.js';
import { parseBoundedJson } from '../schemas/json-bounds.js';
import { Lru } from '../util/lru.js';
import { RemoteFetchError, type RemoteFetcher } from './remote.js';

/*
 * did:web of other hosts. The document is fetched with the guarded remote fetcher (the same
 * guards as other issuers' status lists), must name itself, and must list the key under the
 * relationship it is used for (assertionMethod for issuing, authentication for presenting):
 * a key a DID document lists only for authentication does not sign its credentials.
 */

export type DidWebLookup =
  | { status: 'found'; key: PublicKeyMaterial }
  | { status: 'unresolved'; reason: string }
  | { status: 'unsupported'; reason: string };

export interface DidWebResolver {
  resolve(did: string, vm: string, purpose: 'assertionMethod' | 'authentication'): Promise<DidWebLookup>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * DID documents kept, and for how long: rotation shows within minutes. A document that could
 * not be read is remembered for a minute, so a stream of credentials naming an unreachable
 * (or hostile) host costs one fetch a minute, not one a request.
 */
const MAX_DOCUMENTS = 200;
const TTL_MS = 5 * 60 * 1000;
const FAILURE_TTL_MS = 60 * 1000;
/** Methods looked at in one document: a DID has a few keys, not thousands. */
const MAX_METHODS = 64;
const DID_WEB = /^did:web:[A-Za-z0-9.-]+(%3[Aa]\d{1,5})?(:[A-Za-z0-9._~%-]+)*$/;

/** The https URL of a did:web's document, or null for a DID that is not well formed. */
export function didWebDocumentUrl(did: string): string | null {
  if (did.length > 500 || !DID_WEB.test(did)) return null;
  const host = decodeURIComponent(did.split(':')[2] as string);
  try {
    return new URL(`https://${host}${didWebDocumentPath(did)}`).href;
  } catch {
    return null;
  }
}

function keyOf(method: Json): PublicKeyMaterial | null {
  if ((method.type === 'Multikey' || method.type === 'Ed25519VerificationKey2020') && method.publicKeyMultibase !== undefined) {
    const key = decodeMultibaseKey(method.publicKeyMultibase);
    return key && (method.type === 'Multikey' || key.algorithm === 'Ed25519') ? key : null;
  }
  if ((method.type === 'JsonWebKey' || method.type === 'JsonWebKey2020') && method.publicKeyJwk !== undefined) return publicKeyFromJwk(method.publicKeyJwk);
  if (method.type === 'Ed25519VerificationKey2018' && typeof method.publicKeyBase58 === 'string' && method.publicKeyBase58.length < 60) {
    try {
      const bytes = fromBase58(method.publicKeyBase58);
      return bytes.length === 32 ? { algorithm: 'Ed25519', bytes } : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** The key `vm` names in `doc`, usable for `purpose`, or why not. */
export function keyInDidDocument(doc: unknown, did: string, vm: string, purpose: string): PublicKeyMaterial | string {
  if (!isObject(doc)) return `the DID document of ${did} is not a JSON object`;
  if (doc.id !== did) return `the document served for ${did} names another DID`;
  const absolute = (id: unknown) => (typeof id === 'string' && id.startsWith('#') ? `${did}${id}` : id);
  const listed = (v: unknown): unknown[] => (Array.isArray(v) ? v.slice(0, MAX_METHODS) : v === undefined ? [] : [v]);
  const relationship = listed(doc[purpose]);
  const embedded = relationship.filter(isObject);
  const method = [...listed(doc.verificationMethod).filter(isObject), ...embedded].find((m) => absolute(m.id) === vm);
  if (!method) return `${did} publishes no key ${vm.slice(did.length)}`;
  if (method.controller !== undefined && method.controller !== did) return `${vm} is controlled by another DID`;
  if (!relationship.some((r) => (isObject(r) ? absolute(r.id) : absolute(r)) === vm)) return `${did} does not list ${vm.slice(did.length)} for ${purpose}`;
  return keyOf(method) ?? `${vm} is not an Ed25519, P-256 or P-384 key this verifier reads`;
}

/** A did:web resolver over the guarded fetcher, with its own bounded cache of documents. */
export function createDidWebResolver(deps: { fetcher: RemoteFetcher; clock: () => Date }): DidWebResolver {
  type Entry = { doc: unknown; expiresAt: number } | { failure: DidWebLookup; expiresAt: number };
  const documents = new Lru<string, Entry>(MAX_DOCUMENTS);
  const failing = (did: string, now: number, failure: DidWebLookup): DidWebLookup => {
    documents.set(did, { failure, expiresAt: now + FAILURE_TTL_MS });
    return failure;
  };

  const load = async (did: string): Promise<{ doc: unknown } | DidWebLookup> => {
    const now = deps.clock().getTime();
    const cached = documents.get(did);
    if (cached && cached.expiresAt > now) return 'failure' in cached ? cached.failure : cached;
    const url = didWebDocumentUrl(did);
    if (!url) return { status: 'unresolved', reason: `${did.slice(0, 80)} is not a well-formed did:web` };
    let body: string;
    try {
      body = (await deps.fetcher(url, 'application/did+json, application/did+ld+json;q=0.9, application/json;q=0.8')).body;
    } catch (error) {
      const why = error instanceof RemoteFetchError ? error.message : 'it could not be fetched';
      return failing(did, now, { status: 'unsupported', reason: `the DID document of ${did} could not be read: ${why}` });
    }
    const json = parseBoundedJson(body.trim());
    if (!json.ok) return failing(did, now, { status: 'unresolved', reason: `the DID document of ${did} is not valid JSON` });
    documents.set(did, { doc: json.value, expiresAt: now + TTL_MS });
    return { doc: json.value };
  };

  return {
    async resolve(did, vm, purpose) {
      const loaded = await load(did);
      if ('status' in loaded) return loaded;
      const key = keyInDidDocument(loaded.doc, did, vm, purpose);
      return typeof key === 'string' ? { status: 'unresolved', reason: key } : { status: 'found', key };
    },
  };
}
