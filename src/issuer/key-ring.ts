import type { CryptoProvider } from '../crypto/provider.js';
import { Lru } from '../util/lru.js';
import type { AuditInput, IssuerKeyRecord, Store } from '../store/port.js';
import { describePublicKey, generateKeyJwk, loadSigningKey, publicPart, type PublicIssuerKey, type SigningKey } from './keys.js';
import type { KeyVault } from './key-vault.js';
import { describeP256Key, generateP256Jwk, loadP256SigningKey, publicP256Part, type P256SigningKey, type PublicP256Key } from './p256-keys.js';

/**
 * The keys of the issuers this service hosts, by DID. The active key signs; every key ever
 * used stays published (with its compromise time, if any) so what it signed keeps verifying.
 */
export interface KeyRing {
  activeKey(did: string): Promise<SigningKey | null>;
  /** The Ed25519 keys the DID ever signed with, newest first. */
  publicKeys(did: string): Promise<PublicIssuerKey[]>;
  /** The active P-256 key (ES256 vc+jwt) of a did:web, or null: none, or reported compromised. */
  activeP256Key(did: string): Promise<P256SigningKey | null>;
  /** The P-256 keys the DID ever signed with, newest first. */
  p256Keys(did: string): Promise<PublicP256Key[]>;
  /** Forgets what is cached for a DID after its keys changed. */
  invalidate(did: string): void;
}

/** A fixed set of keys (tests, tools): the first key of each DID (of each type) is its active one. */
export function createKeyRing(keys: SigningKey[], p256: P256SigningKey[] = []): KeyRing {
  const group = <K extends { controller: string }>(list: K[]) => {
    const byDid = new Map<string, K[]>();
    for (const key of list) byDid.set(key.controller, [...(byDid.get(key.controller) ?? []), key]);
    return byDid;
  };
  const ed = group(keys);
  const ec = group(p256);
  return {
    activeKey: async (did) => ed.get(did)?.[0] ?? null,
    publicKeys: async (did) => (ed.get(did) ?? []).map(publicPart),
    activeP256Key: async (did) => ec.get(did)?.[0] ?? null,
    p256Keys: async (did) => (ec.get(did) ?? []).map(publicP256Part),
    invalidate: () => {},
  };
}

interface Entry {
  active: SigningKey | null;
  published: PublicIssuerKey[];
  p256Active: P256SigningKey | null;
  p256Published: PublicP256Key[];
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

  const openP256 = async (record: IssuerKeyRecord, did: string): Promise<P256SigningKey> => {
    const d = await deps.vault.open(record.sealedPrivate, record.id);
    return { ...(await loadP256SigningKey({ x: record.publicX, y: record.publicY ?? '', d }, did)), compromisedAt: record.compromisedAt };
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
    // A did:key names one Ed25519 key; P-256 keys live under a did:web only.
    const p256Records = did.startsWith('did:key:') ? [] : await deps.store.issuerKeys(did, 'P-256');
    const p256Published = await Promise.all(
      p256Records.map(async (r) => ({ ...(await describeP256Key(r.publicX, r.publicY ?? '', did)), compromisedAt: r.compromisedAt })),
    );
    const p256Record = p256Records.find((r) => r.status === 'active' && !r.compromisedAt);
    return {
      active: activeRecord && !activeRecord.compromisedAt ? await open(activeRecord, asDid) : null,
      published,
      p256Active: p256Record ? await openP256(p256Record, did) : null,
      p256Published,
    };
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
    activeP256Key: async (did) => (await entry(did)).p256Active,
    p256Keys: async (did) => (await entry(did)).p256Published,
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
  return saveSealedKey(store, vault, params, { id: described.id, publicX: key.x, d: key.d });
}

/** A new Ed25519 key for a DID, sealed, as the record to store (for a caller that stores it with other writes in one transaction). */
export async function newIssuerKey(vault: KeyVault, params: { controller: string; owner: string; now: string }): Promise<IssuerKeyRecord> {
  const key = await generateKeyJwk();
  const described = await describePublicKey(key.x, params.controller);
  return sealedRecord(vault, params, { id: described.id, publicX: key.x, d: key.d });
}

/** Creates a new P-256 key for a did:web, sealed, and stores it (retiring the active P-256 key if asked). */
export async function createP256IssuerKey(
  store: Store,
  vault: KeyVault,
  params: { controller: string; owner: string; now: string; retireActive?: boolean; audit?: AuditInput },
): Promise<IssuerKeyRecord> {
  const key = await generateP256Jwk();
  const described = await describeP256Key(key.x, key.y, params.controller);
  return saveSealedKey(store, vault, params, { id: described.id, keyType: 'P-256', publicX: key.x, publicY: key.y, d: key.d });
}

/** Seals a new key's private part under its id and stores it as the controller's active key. */
async function saveSealedKey(
  store: Store,
  vault: KeyVault,
  params: { controller: string; owner: string; now: string; retireActive?: boolean; audit?: AuditInput },
  key: { id: string; keyType?: 'P-256'; publicX: string; publicY?: string; d: string },
): Promise<IssuerKeyRecord> {
  const record = await sealedRecord(vault, params, key);
  await store.saveIssuerKey(record, { retireActive: params.retireActive, audit: params.audit });
  return record;
}

/** A new key's record: its private part sealed under its id, active from `now`. */
async function sealedRecord(
  vault: KeyVault,
  params: { controller: string; owner: string; now: string },
  key: { id: string; keyType?: 'P-256'; publicX: string; publicY?: string; d: string },
): Promise<IssuerKeyRecord> {
  const { d, ...pub } = key;
  return {
    ...pub, controller: params.controller, owner: params.owner, sealedPrivate: await vault.seal(d, key.id),
    status: 'active', createdAt: params.now, retiredAt: null, compromisedAt: null,
  };
}
