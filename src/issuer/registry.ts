import type { CryptoProvider } from '../crypto/provider.js';
import { toHex, utf8 } from '../crypto/encoding.js';
import { VC_V2_CONTEXT } from '../jsonld/contexts.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import type { JsonObject } from '../schemas/credential.js';
import type { Store } from '../store/port.js';
import { ministryDid } from './did.js';
import type { KeyRing } from './key-ring.js';
import { addDataIntegrityProof, signVcJwt } from './secure.js';

/** The registry's own terms, under an inline @vocab so it needs no hosted context. */
const REGISTRY_CONTEXT = { '@vocab': 'urn:skillcert:registry#' };
const VALIDITY_MS = 7 * 24 * 3600 * 1000;
const RESIGN_WHEN_LEFT_MS = 6 * 24 * 3600 * 1000;

export interface RegistryInstitute {
  slug: string;
  name: string;
  nameKm?: string;
  url?: string;
  dids: string[];
  status: string;
  programmes: string[];
  accreditations: Array<{ validFrom: string; validUntil?: string; programmes: string[] }>;
  /**
   * The Ed25519 keys its did:web DIDs ever signed with (a did:key names its own key), so a
   * verifier holding only this registry checks signatures offline (src/offline/browser).
   */
  keys?: Array<{ id: string; publicKeyMultibase: string; compromisedAt?: string }>;
}

/** The Ed25519 keys of an institute's DIDs that are not did:key, as the registry lists them. */
async function registryKeys(keys: KeyRing, dids: string[]): Promise<NonNullable<RegistryInstitute['keys']>> {
  const lists = await Promise.all(dids.filter((d) => !d.startsWith('did:key:')).map((d) => keys.publicKeys(d)));
  return lists.flat().map((k) => ({ id: k.id, publicKeyMultibase: k.publicKeyMultibase, ...(k.compromisedAt ? { compromisedAt: k.compromisedAt } : {}) }));
}

/** The registry's content: every institute, its DIDs, accreditation periods and (given a key ring) keys. */
export async function registryContent(store: Store, keys?: KeyRing): Promise<RegistryInstitute[]> {
  const institutes = await store.listInstitutes();
  return Promise.all(
    institutes.map(async (i): Promise<RegistryInstitute> => {
      const dids = [i.did, ...(i.didKey ? [i.didKey] : []), ...(await store.instituteDidAliases(i.id))];
      return {
      slug: i.slug,
      name: i.name,
      ...(i.nameKm ? { nameKm: i.nameKm } : {}),
      ...(i.url ? { url: i.url } : {}),
      // Then the DIDs it had before a PUBLIC_URL change: what it issued under them is its own.
      dids,
      status: i.status,
      programmes: i.programmes,
      accreditations: (await store.accreditations(i.id)).map((p) => ({
        validFrom: p.validFrom,
        ...(p.validUntil ? { validUntil: p.validUntil } : {}),
        programmes: p.programmes,
      })),
      ...(keys ? { keys: await registryKeys(keys, dids) } : {}),
      };
    }),
  );
}

export interface SignedRegistry {
  /** The registry's content as signed (what /registry.json shows unsigned). */
  institutes: Awaited<ReturnType<typeof registryContent>>;
  json: string;
  jwt: string;
  etag: string;
  validUntil: string;
}

/**
 * Keeps the ministry-signed registry credential: re-signed only when the content changed or
 * its validity runs low. The cache belongs to the caller (one per app).
 */
export function createRegistrySigner(deps: { store: Store; keys: KeyRing; crypto: CryptoProvider; clock: () => Date; publicUrl: string; ministryName: string }) {
  let last: { digest: string; signed: SignedRegistry } | null = null;
  return async (): Promise<SignedRegistry> => {
    const institutes = await registryContent(deps.store, deps.keys);
    const digest = toHex(await deps.crypto.sha256(utf8(JSON.stringify(institutes))));
    const now = deps.clock();
    if (last && last.digest === digest && Date.parse(last.signed.validUntil) - now.getTime() > RESIGN_WHEN_LEFT_MS) return last.signed;
    const issuer = ministryDid(deps.publicUrl);
    const key = await deps.keys.activeKey(issuer);
    if (!key) throw new Error('the ministry has no signing key');
    const signedAt = toDateTimeStamp(now);
    const validUntil = toDateTimeStamp(new Date(now.getTime() + VALIDITY_MS));
    const unsecured: JsonObject = {
      '@context': [VC_V2_CONTEXT, REGISTRY_CONTEXT],
      id: `${deps.publicUrl}/registry`,
      type: ['VerifiableCredential', 'AccreditationRegistryCredential'],
      issuer: { id: issuer, name: deps.ministryName },
      name: `${deps.ministryName}: accredited institutes`,
      validFrom: signedAt,
      validUntil,
      credentialSubject: { id: `${deps.publicUrl}/registry#institutes`, type: 'AccreditedInstitutes', institutes },
    };
    const [secured, jwt] = await Promise.all([addDataIntegrityProof(unsecured, key, signedAt, deps.crypto), signVcJwt(unsecured, key)]);
    const signed = { institutes, json: JSON.stringify(secured), jwt, etag: `"${digest.slice(0, 32)}.${Date.parse(signedAt) / 1000}"`, validUntil };
    last = { digest, signed };
    return signed;
  };
}
