import type { CryptoProvider } from '../crypto/provider.js';
import { Lru } from '../util/lru.js';
import type { AuditInput, IssuerKeyRecord, Store } from '../store/port.js';
import { describePublicKey, generateKeyJwk, loadSigningKey, publicPart, type PublicIssuerKey, type SigningKey } from './keys.js';
import type { KeyVault } from './key-vault.js';

/**
 * The keys of the issuers this service hosts, by DID. The active key signs; every key ever
 * used stays published (with its compromise time, if any) so what it signed keeps verifying.
 */
export interface KeyRing {
  activeKey(did: string): Promise<SigningKey | null>;
  publicKeys(did: string): Promise<PublicIssuerKey[]>;
  /** Forgets what is cached for a DID after its keys changed. */
  invalidate(did: string): void;
}

/** A fixed set of keys (tests, tools): the first key of each DID is its active one. */
export function createKeyRing(keys: SigningKey[]): KeyRing {
  const byDid = new Map<string, SigningKey[]>();
  for (const key of keys) byDid.set(key.controller, [...(byDid.get(key.controller) ?? []), key]);
  return {
    activeKey: async (did) => byDid.get(did)?.[0] ?? null,
    publicKeys: async (did) => (byDid.get(did) ?? []).map(publicPart),
    invalidate: () => {},
  };
}

interface Entry {
  active: SigningKey | null;
  published: PublicIssuerKey[];
}

/**
 * Keys kept in the store, private halves sealed by the vault. A DID is also served under the
 * did:key of each of its keys (a did:key cannot rotate, so it names exactly that key).
 */
export function createStoreKeyRing(deps: { store: Store; vault: KeyVault; crypto: CryptoProvider }): KeyRing {
  // Verification asks for the keys of any DID it is handed: bounded, so a stream of made-up
  // DIDs cannot grow it without end.
  const cache = new Lru<string, Promise<Entry>>(1000);

  const open = async (record: IssuerKeyRecord, asDid: string): Promise<SigningKey> => {
    const d = await deps.vault.open(record.sealedPrivate, record.id);
    const key = await loadSigningKey({ kty: 'OKP', crv: 'Ed25519', x: record.publicX, d }, asDid, deps.crypto);
    return { ...key, compromisedAt: record.compromisedAt };
  };

  const load = async (did: string): Promise<Entry> => {
    let records = await deps.store.issuerKeys(did);
    let asDid = did;
    if (records.length === 0 && did.startsWith('did:key:')) {
      const institute = await deps.store.getInstituteByDid(did);
      const owned = institute ? await deps.store.issuerKeys(institute.did) : [];
      const described = await Promise.all(owned.map(async (r) => ({ r, d: await describePublicKey(r.publicX, institute!.did) })));
      records = described.filter(({ d }) => d.didKey === did).map(({ r }) => r);
      asDid = did;
    }
    const published = await Promise.all(
      records.map(async (r) => ({ ...(await describePublicKey(r.publicX, asDid)), compromisedAt: r.compromisedAt })),
    );
    const activeRecord = asDid.startsWith('did:key:') ? records[0] : records.find((r) => r.status === 'active');
    return { active: activeRecord && !activeRecord.compromisedAt ? await open(activeRecord, asDid) : null, published };
  };

  const entry = (did: string): Promise<Entry> => {
    let e = cache.get(did);
    if (!e) {
      e = load(did);
      e.catch(() => cache.delete(did));
      cache.set(did, e);
    }
    return e;
  };

  return {
    activeKey: async (did) => (await entry(did)).active,
    publicKeys: async (did) => (await entry(did)).published,
    invalidate: (did) => {
      cache.delete(did);
      cache.deleteWhere((key) => key.startsWith('did:key:'));
    },
  };
}

/** Creates a new key for a DID, sealed, and stores it (retiring the active one if asked). */
export async function createIssuerKey(
  store: Store,
  vault: KeyVault,
  params: { controller: string; owner: string; now: string; retireActive?: boolean; audit?: AuditInput },
  jwk?: { x: string; d: string },
): Promise<IssuerKeyRecord> {
  const key = jwk ?? (await generateKeyJwk());
  const described = await describePublicKey(key.x, params.controller);
  const record: IssuerKeyRecord = {
    id: described.id,
    controller: params.controller,
    owner: params.owner,
    publicX: key.x,
    sealedPrivate: await vault.seal(key.d, described.id),
    status: 'active',
    createdAt: params.now,
    retiredAt: null,
    compromisedAt: null,
  };
  await store.saveIssuerKey(record, { retireActive: params.retireActive, audit: params.audit });
  return record;
}
