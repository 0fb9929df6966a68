import type { CryptoProvider, SignatureVerifier } from '../crypto/provider.js';
import { ecdsaVerifier } from '../crypto/ecdsa.js';
import { fromBase64url } from '../crypto/encoding.js';
import { decodeMultibaseKey, publicKeyFromJwk, type KeyAlgorithm, type PublicKeyMaterial } from '../crypto/public-key.js';
import type { KeyRing } from '../issuer/key-ring.js';
import { Lru } from '../util/lru.js';
import { createDidWebResolver, type DidWebResolver } from './did-web.js';
import type { RemoteFetcher } from './remote.js';
import { findLocalKey } from './own-keys.js';

/** A public key the verifier may check a proof against, with the DID that controls it. */
export interface ResolvedKey {
  id: string;
  controller: string;
  algorithm: KeyAlgorithm;
  verifier: SignatureVerifier;
  /** Set when the key's controller declared it compromised as of this time. */
  compromisedAt?: string | null;
}

/** How a key was found: this service's own issuers, a self-certifying DID, or another host's did:web. */
export type ResolvedVia = 'local' | 'did:key' | 'did:jwk' | 'did:web';

export type Resolution =
  | { status: 'resolved'; key: ResolvedKey; via: ResolvedVia }
  | { status: 'unresolved'; reason: string }
  | { status: 'unsupported'; reason: string };

/** The verification relationship a key is used under: issuing (credentials) or holding (presentations). */
export type KeyPurpose = 'assertionMethod' | 'authentication';

export interface KeyResolver {
  /** Resolves a verification method id (a DID URL) to a key usable for `purpose` (default assertionMethod). */
  resolve(verificationMethod: string, purpose?: KeyPurpose): Promise<Resolution>;
}

const MAX_CACHED = 1000;
/** A did:jwk is the key itself; a JWK is a few hundred characters, not kilobytes. */
const MAX_DID_JWK = 2048;

/** The key a did:jwk names (its one method is #0), or why not. */
function didJwkKey(did: string, fragment: string, purpose: KeyPurpose): PublicKeyMaterial | string {
  const encoded = did.slice('did:jwk:'.length);
  if (encoded.length > MAX_DID_JWK) return `${did.slice(0, 40)}… is too long for a did:jwk`;
  let jwk: unknown;
  try {
    jwk = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(encoded)));
  } catch {
    return 'the did:jwk does not hold base64url-encoded JSON';
  }
  if (fragment !== '0') return 'a did:jwk has one key, #0';
  // did:jwk: a key marked for encryption only is a key-agreement key, not a signing key.
  if ((jwk as { use?: unknown })?.use === 'enc') return `the did:jwk key is for encryption, not for ${purpose}`;
  return publicKeyFromJwk(jwk) ?? 'the did:jwk is not an Ed25519, P-256 or P-384 public key';
}

/**
 * Resolves keys: this service's own did:web issuers from the key ring; did:key (Ed25519,
 * P-256, P-384) and did:jwk by decoding them; another host's did:web by fetching its DID
 * document through the guarded remote fetcher (https only, no private addresses, a timeout
 * and a size cap), when one is given. Without one, such keys are reported unsupported (the
 * check is skipped, which is never a pass). Imported keys are cached per verification method.
 */
export function createKeyResolver(
  keys: KeyRing,
  crypto: CryptoProvider,
  options: { remote?: RemoteFetcher; clock?: () => Date } = {},
): KeyResolver {
  const cache = new Lru<string, Promise<ResolvedKey>>(MAX_CACHED);
  const didWeb: DidWebResolver | null = options.remote
    ? createDidWebResolver({ fetcher: options.remote, clock: options.clock ?? (() => new Date()) })
    : null;

  // The cache key carries the key bytes: a did:web document may change what an id names.
  const load = (id: string, controller: string, material: PublicKeyMaterial): Promise<ResolvedKey> => {
    const cacheKey = `${id} ${material.algorithm} ${Array.from(material.bytes).join(',')}`;
    let entry = cache.get(cacheKey);
    if (!entry) {
      entry = (async () => ({
        id,
        controller,
        algorithm: material.algorithm,
        verifier: material.algorithm === 'Ed25519' ? await crypto.verifier(material.bytes) : await ecdsaVerifier(material.algorithm, material.bytes),
      }))();
      entry.catch(() => cache.delete(cacheKey));
      cache.set(cacheKey, entry);
    }
    return entry;
  };
  const resolved = async (vm: string, did: string, material: PublicKeyMaterial, via: ResolvedVia): Promise<Resolution> => {
    try {
      return { status: 'resolved', key: await load(vm, did, material), via };
    } catch {
      return { status: 'unresolved', reason: `${vm} is not a valid ${material.algorithm} public key` };
    }
  };

  return {
    async resolve(vm, purpose = 'assertionMethod') {
      const hash = vm.indexOf('#');
      if (hash < 1) return { status: 'unresolved', reason: `verification method ${vm} is not a DID URL with a fragment` };
      const did = vm.slice(0, hash);
      const fragment = vm.slice(hash + 1);

      const local = await keys.publicKeys(did);
      if (local.length > 0) {
        // Our own issuers: their Ed25519 keys (by Multikey or Ed25519VerificationKey2020 id),
        // and the P-256 keys an institute signs its ES256 vc+jwt with (issuing only).
        const key = findLocalKey(local, vm);
        const ec = key || purpose !== 'assertionMethod' ? undefined : (await keys.p256Keys(did)).find((k) => k.id === vm);
        const material = key ? { algorithm: 'Ed25519' as const, bytes: key.publicKey } : ec ? publicKeyFromJwk(ec.publicJwk) : null;
        if (!material) return { status: 'unresolved', reason: `${did} publishes no key ${fragment}` };
        const r = await resolved(vm, did, material, 'local');
        return r.status === 'resolved' ? { ...r, key: { ...r.key, compromisedAt: (key ?? ec)?.compromisedAt ?? null } } : r;
      }
      if (did.startsWith('did:key:')) {
        const mk = did.slice('did:key:'.length);
        const material = decodeMultibaseKey(mk);
        if (!material) return { status: 'unresolved', reason: `${did} is not an Ed25519, P-256 or P-384 did:key` };
        if (fragment !== mk) return { status: 'unresolved', reason: `a did:key has one key, #${mk}` };
        return resolved(vm, did, material, 'did:key');
      }
      if (did.startsWith('did:jwk:')) {
        const material = didJwkKey(did, fragment, purpose);
        if (typeof material === 'string') return { status: 'unresolved', reason: material };
        return resolved(vm, did, material, 'did:jwk');
      }
      if (did.startsWith('did:web:')) {
        if (!didWeb) return { status: 'unsupported', reason: `${did} belongs to another service, and this verifier fetches no DID documents` };
        const found = await didWeb.resolve(did, vm, purpose);
        if (found.status !== 'found') return found;
        return resolved(vm, did, found.key, 'did:web');
      }
      return { status: 'unsupported', reason: `the DID method of ${did.slice(0, 60)} is not supported (did:web, did:key and did:jwk are)` };
    },
  };
}
