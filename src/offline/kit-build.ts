import { ministryDid } from '../issuer/did.js';
import type { KeyRing } from '../issuer/key-ring.js';
import type { SignedRegistry } from '../issuer/registry.js';
import { signedStatusList, statusListUrl, type StatusListDeps } from '../issuer/status-list.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import { KIT_FORMAT, KIT_MAX_LISTS, type OfflineKit } from './kit.js';

export interface KitDeps extends StatusListDeps {
  keys: KeyRing;
  ministryName: string;
  registry: () => Promise<SignedRegistry>;
}

/**
 * The offline kit as of now: the signed registry, the ministry's keys, and this service's
 * status lists (signed as served at /status/:id), each with the suspensions among its set bits.
 */
export async function buildOfflineKit(deps: KitDeps): Promise<OfflineKit> {
  const ministry = ministryDid(deps.publicUrl);
  const [registry, ministryKeys, lists] = await Promise.all([
    deps.registry(), deps.keys.publicKeys(ministry), deps.store.listStatusLists(KIT_MAX_LISTS),
  ]);
  return {
    format: KIT_FORMAT,
    fetchedAt: toDateTimeStamp(deps.clock()),
    ministry: { did: ministry, name: deps.ministryName, publicKeyMultibase: ministryKeys.filter((k) => !k.compromisedAt).map((k) => k.publicKeyMultibase) },
    registry: registry.jwt,
    lists: await Promise.all(lists.map(async (list) => ({
      url: statusListUrl(deps.publicUrl, list.id),
      jwt: (await signedStatusList(deps, list)).jwt,
      suspended: list.coversSuspension ? await deps.store.suspendedStatusIndexes(list.id) : [],
    }))),
  };
}
