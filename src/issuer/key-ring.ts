import { publicPart, type PublicIssuerKey, type SigningKey } from './keys.js';

/**
 * The keys of the issuers this service hosts, by DID. The active key (first) signs; every
 * key stays published so that what it signed keeps verifying.
 */
export interface KeyRing {
  activeKey(did: string): SigningKey | null;
  publicKeys(did: string): PublicIssuerKey[];
  /** Every local key, for the JWK Set. */
  allPublicKeys(): PublicIssuerKey[];
}

export function createKeyRing(keys: SigningKey[]): KeyRing {
  const byDid = new Map<string, SigningKey[]>();
  for (const key of keys) byDid.set(key.controller, [...(byDid.get(key.controller) ?? []), key]);
  const published = new Map([...byDid].map(([did, list]) => [did, list.map(publicPart)]));
  return {
    activeKey: (did) => byDid.get(did)?.[0] ?? null,
    publicKeys: (did) => published.get(did) ?? [],
    allPublicKeys: () => [...published.values()].flat(),
  };
}
