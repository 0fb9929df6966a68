import type { Institute, Store } from '../store/port.js';
import { accreditedAt } from '../verifier/accreditation.js';

/*
 * Who the ministry's OpenID Federation trust anchor vouches for: the institutes that are
 * active and accredited now, under every DID they answer to. A foreign verifier asks "is this
 * issuer accredited?" without the dates our own accreditation check weighs, so only a
 * present accreditation counts: a suspended institute, or one whose accreditation ended or
 * has not begun, is not a member (DCC's registry client reads any 200 answer as a match and
 * checks no signature, so leaving it out is the only way to say no).
 */

/** An institute that is a member now, with the DIDs it is listed by. */
export interface FederationMember {
  institute: Institute;
  /** Its did:web, its did:key, then the DIDs it had before a PUBLIC_URL change. */
  dids: string[];
}

/** Whether the institute is a member at `now`: active (not suspended) and accredited now. */
export async function isMember(store: Store, institute: Institute, now: Date): Promise<boolean> {
  if (institute.status !== 'active') return false;
  return accreditedAt(await store.accreditations(institute.id), now.getTime());
}

/** Every DID the institute answers to, as the registry lists them. */
export async function memberDids(store: Store, institute: Institute): Promise<string[]> {
  return [institute.did, ...(institute.didKey ? [institute.didKey] : []), ...(await store.instituteDidAliases(institute.id))];
}

/** The member `did` names now, or null: unknown, suspended or not accredited now. */
export async function memberByDid(store: Store, did: string, now: Date): Promise<Institute | null> {
  const institute = await store.getInstituteByDid(did);
  return institute && (await isMember(store, institute, now)) ? institute : null;
}

/** Every member now, in the registry's order. */
export async function members(store: Store, now: Date): Promise<FederationMember[]> {
  const all = await store.listInstitutes();
  const listed = await Promise.all(all.map(async (institute) => ((await isMember(store, institute, now)) ? institute : null)));
  return Promise.all(listed.filter((i): i is Institute => i !== null).map(async (institute) => ({ institute, dids: await memberDids(store, institute) })));
}
