import { parseBoundedJson } from '../schemas/json-bounds.js';
import type { CryptoProvider } from '../crypto/provider.js';
import { decodeMultikey } from '../crypto/multikey.js';
import type { JsonObject } from '../schemas/credential.js';
import type { RegistryEntry, RegistryLookup } from './accreditation.js';
import { checkDataIntegrityProofs } from './di-proof.js';
import type { RemoteFetcher } from './remote.js';
import type { KeyResolver } from './resolve.js';

/** Another ministry's registry this verifier trusts: where it is, and the key that must sign it. */
export interface TrustedRegistry {
  url: string;
  /** The signer's Ed25519 public key as a Multikey (`z6Mk…`): the trust anchor. */
  publicKeyMultibase: string;
}

interface Loaded {
  name: string;
  byDid: Map<string, RegistryEntry>;
  expiresAt: number;
}

const DEFAULT_TTL_MS = 60 * 60 * 1000;

/** A resolver that knows one key: the configured anchor, whatever verification method names it. */
async function anchorResolver(publicKeyMultibase: string, crypto: CryptoProvider): Promise<KeyResolver> {
  const raw = decodeMultikey(publicKeyMultibase);
  if (!raw) throw new TypeError(`${publicKeyMultibase} is not an Ed25519 Multikey`);
  const verifier = await crypto.verifier(raw);
  return {
    resolve: async (vm) => ({ status: 'resolved', via: 'local', key: { id: vm, controller: vm.split('#')[0] ?? vm, algorithm: 'Ed25519', verifier } }),
  };
}

function entriesOf(registry: JsonObject, registryName: string): Map<string, RegistryEntry> {
  const subject = registry.credentialSubject as JsonObject | undefined;
  const institutes = Array.isArray(subject?.institutes) ? (subject.institutes as JsonObject[]) : [];
  const byDid = new Map<string, RegistryEntry>();
  for (const i of institutes.slice(0, 10_000)) {
    if (typeof i?.name !== 'string' || !Array.isArray(i.dids)) continue;
    const periods = (Array.isArray(i.accreditations) ? (i.accreditations as JsonObject[]) : [])
      .filter((p) => typeof p?.validFrom === 'string')
      .map((p) => ({ validFrom: p.validFrom as string, validUntil: typeof p.validUntil === 'string' ? p.validUntil : null }));
    for (const did of i.dids) if (typeof did === 'string') byDid.set(did, { name: i.name, registryName, periods });
  }
  return byDid;
}

/**
 * Looks issuers up in other ministries' registries (other skillcert deployments), each
 * fetched through the guarded fetcher, accepted only when signed by its configured key,
 * and cached until its validUntil (at most an hour). A registry that cannot be read is
 * skipped: its issuers are then "not accredited", never accredited by default.
 */
export function createForeignRegistryLookup(deps: {
  registries: TrustedRegistry[];
  fetcher?: RemoteFetcher;
  crypto: CryptoProvider;
  clock: () => Date;
}): RegistryLookup {
  const cache = new Map<string, Loaded>();
  const load = async (source: TrustedRegistry): Promise<Loaded | null> => {
    const now = deps.clock().getTime();
    const cached = cache.get(source.url);
    if (cached && cached.expiresAt > now) return cached;
    if (!deps.fetcher) return null;
    try {
      const { body } = await deps.fetcher(source.url, 'application/json');
      const json = parseBoundedJson(body);
      if (!json.ok || typeof json.value !== 'object' || json.value === null) return null;
      const registry = json.value as JsonObject;
      const issuer = typeof registry.issuer === 'string' ? registry.issuer : (registry.issuer as JsonObject | undefined)?.id;
      if (typeof issuer !== 'string') return null;
      const resolver = await anchorResolver(source.publicKeyMultibase, deps.crypto);
      const { proof } = await checkDataIntegrityProofs({ resolver, crypto: deps.crypto, clock: deps.clock }, registry, {
        purpose: 'assertionMethod', controller: issuer, keyCheck: 'issuer',
      });
      if (proof.status !== 'passed') return null;
      const until = typeof registry.validUntil === 'string' ? Date.parse(registry.validUntil) : Infinity;
      if (until <= now) return null;
      const name = typeof (registry.issuer as JsonObject | undefined)?.name === 'string' ? ((registry.issuer as JsonObject).name as string) : issuer;
      const loaded = { name, byDid: entriesOf(registry, name), expiresAt: Math.min(now + DEFAULT_TTL_MS, until) };
      cache.set(source.url, loaded);
      return loaded;
    } catch {
      return null;
    }
  };
  return async (did) => {
    for (const source of deps.registries) {
      const entry = (await load(source))?.byDid.get(did);
      if (entry) return entry;
    }
    return null;
  };
}
