import type { CryptoProvider, SignatureVerifier } from '../crypto/provider.js';
import { decodeMultikey } from '../crypto/multikey.js';
import type { KeyRing } from '../issuer/key-ring.js';
import { findLocalKey } from './own-keys.js';

/** A public key the verifier may check a proof against, with the DID that controls it. */
export interface ResolvedKey {
  id: string;
  controller: string;
  verifier: SignatureVerifier;
  /** Set when the key's controller declared it compromised as of this time. */
  compromisedAt?: string | null;
}

export type Resolution =
  | { status: 'resolved'; key: ResolvedKey; via: 'local' | 'did:key' }
  | { status: 'unresolved'; reason: string }
  | { status: 'unsupported'; reason: string };

export interface KeyResolver {
  /** Resolves a verification method id (a DID URL) to a key usable for assertions. */
  resolve(verificationMethod: string): Promise<Resolution>;
}

const MAX_CACHED = 1000;

/**
 * Resolves keys without the network: this service's own did:web issuers from the key ring,
 * and did:key by decoding it. Another issuer's did:web is reported unsupported until remote
 * resolution exists. Imported keys are cached per verification method.
 */
export function createKeyResolver(keys: KeyRing, crypto: CryptoProvider): KeyResolver {
  const cache = new Map<string, Promise<ResolvedKey>>();

  const load = (id: string, controller: string, raw: Uint8Array): Promise<ResolvedKey> => {
    let entry = cache.get(id);
    if (!entry) {
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
      entry = (async () => ({
        id,
        controller,
        verifier: await crypto.verifier(raw),
      }))();
      entry.catch(() => cache.delete(id));
      cache.set(id, entry);
    }
    return entry;
  };

  return {
    async resolve(vm) {
      const hash = vm.indexOf('#');
      if (hash < 1) return { status: 'unresolved', reason: `verification method ${vm} is not a DID URL with a fragment` };
      const did = vm.slice(0, hash);
      const fragment = vm.slice(hash + 1);

      const local = await keys.publicKeys(did);
      if (local.length > 0) {
        const key = findLocalKey(local, vm);
        if (!key) return { status: 'unresolved', reason: `${did} publishes no key ${fragment}` };
        return { status: 'resolved', key: { ...(await load(vm, did, key.publicKey)), compromisedAt: key.compromisedAt ?? null }, via: 'local' };
      }
      if (did.startsWith('did:key:')) {
        const mk = did.slice('did:key:'.length);
        const raw = decodeMultikey(mk);
        if (!raw) return { status: 'unresolved', reason: `${did} is not an Ed25519 did:key` };
        if (fragment !== mk) return { status: 'unresolved', reason: `a did:key has one key, #${mk}` };
        return { status: 'resolved', key: await load(vm, did, raw), via: 'did:key' };
      }
      if (did.startsWith('did:web:')) {
        return { status: 'unsupported', reason: `${did} belongs to another service; resolving remote did:web issuers is not supported yet` };
      }
      return { status: 'unsupported', reason: `the DID method of ${did} is not supported (did:web and did:key are)` };
    },
  };
}
