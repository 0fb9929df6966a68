import { randomBytes, randomId } from '../crypto/encoding.js';
import type { CredentialRecord, Institute, StatusAction, StatusList, StatusPurpose, StatusSlot, Store } from '../store/port.js';
import { MIN_STATUS_LIST_SIZE } from './bitstring.js';

/** A list stops taking credentials at 3/4 full, so a random free index is found in a few tries. */
const CAPACITY_SHARE = 0.75;
const CANDIDATES_PER_TRY = 16;

function randomIndexes(size: number, count: number): number[] {
  const bytes = randomBytes(count * 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // size is a power of two, so the modulo keeps the draw uniform
  return Array.from({ length: count }, (_, i) => view.getUint32(i * 4) % size);
}

/**
 * Which status entries a credential gets: one per purpose, each in that purpose's own list;
 * with `coversSuspension`, its revocation entry is in a list whose bit is also set while it
 * is suspended (an Open Badges credential's single entry: purposes ['revocation']).
 */
export interface StatusLayout {
  purposes: readonly StatusPurpose[];
  coversSuspension: boolean;
}

/** The one entry of an Open Badges credential (OB 3.0 allows a single credentialStatus). */
export const SINGLE_ENTRY: StatusLayout = { purposes: ['revocation'], coversSuspension: true };

const candidateList = (institute: Institute, issuerDid: string, purpose: StatusPurpose, now: string, coversSuspension: boolean): StatusList => ({
  id: randomId(), instituteId: institute.id, issuerDid, purpose, coversSuspension: purpose === 'revocation' && coversSuspension, size: MIN_STATUS_LIST_SIZE,
  capacity: Math.floor(MIN_STATUS_LIST_SIZE * CAPACITY_SHARE), allocated: 0, state: 'active', version: 1,
  signedVersion: null, signedJson: null, signedJwt: null, signedAt: null, validUntil: null, createdAt: now,
});

async function pickSlot(store: Store, institute: Institute, issuerDid: string, purpose: StatusPurpose, now: string, covers: boolean): Promise<StatusSlot> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const list = await store.activeStatusList(issuerDid, purpose, candidateList(institute, issuerDid, purpose, now, covers));
    const indexes = randomIndexes(list.size, CANDIDATES_PER_TRY);
    const taken = await store.takenStatusIndexes(list.id, purpose, indexes);
    const free = indexes.find((i) => !taken.has(i));
    if (free !== undefined) return { listId: list.id, index: free };
  }
  throw new Error('no free status index found; the status list is unexpectedly full');
}

/** `n` distinct random free indexes of `list`, in the order drawn. */
async function pickFree(store: Store, list: StatusList, purpose: StatusPurpose, n: number): Promise<number[]> {
  const chosen = new Set<number>();
  for (let attempt = 0; chosen.size < n; attempt++) {
    if (attempt >= 8 + n) throw new Error('no free status index found; the status list is unexpectedly full');
    const indexes = randomIndexes(list.size, Math.min(64, n - chosen.size + CANDIDATES_PER_TRY)).filter((i) => !chosen.has(i));
    const taken = await store.takenStatusIndexes(list.id, purpose, indexes);
    for (const i of indexes) if (chosen.size < n && !taken.has(i)) chosen.add(i);
  }
  return [...chosen];
}

/**
 * Slots for up to `count` credentials at once (a batch group), drawn as
 * {@link allocateStatusSlots} draws them: random free indexes of the issuer's current list
 * per purpose, distinct within the group. Fewer than `count` (at least one) when a list
 * would fill first: the next call then gets the next list. Optimistic as well: the store's
 * unique slot constraint refuses a slot taken meanwhile.
 */
export async function allocateStatusSlotGroup(
  store: Store,
  institute: Institute,
  issuerDid: string,
  now: string,
  layout: StatusLayout,
  count: number,
): Promise<Array<Partial<Record<StatusPurpose, StatusSlot>>>> {
  const { purposes, coversSuspension } = layout;
  const lists = await Promise.all(purposes.map((p) => store.activeStatusList(issuerDid, p, candidateList(institute, issuerDid, p, now, coversSuspension))));
  const n = Math.max(1, Math.min(count, ...lists.map((l) => l.capacity - l.allocated)));
  const picked = await Promise.all(lists.map((list, k) => pickFree(store, list, purposes[k] as StatusPurpose, n)));
  return Array.from({ length: n }, (_, i) =>
    Object.fromEntries(purposes.map((p, k) => [p, { listId: (lists[k] as StatusList).id, index: (picked[k] as number[])[i] as number }])));
}

/**
 * Picks a random free index in the issuer's current list for each purpose (herd privacy:
 * indexes say nothing about issue order). The pick is optimistic: the store's unique slot
 * constraint refuses a slot taken meanwhile, and the caller retries.
 */
export async function allocateStatusSlots(
  store: Store,
  institute: Institute,
  issuerDid: string,
  now: string,
  layout: StatusLayout = { purposes: ['revocation', 'suspension'], coversSuspension: false },
): Promise<Partial<Record<StatusPurpose, StatusSlot>>> {
  const { purposes } = layout;
  const slots = await Promise.all(purposes.map((p) => pickSlot(store, institute, issuerDid, p, now, layout.coversSuspension)));
  return Object.fromEntries(purposes.map((p, i) => [p, slots[i]]));
}

/**
 * The purposes a credential's status can be changed for: those it has an entry of, and
 * suspension too when its revocation entry's list covers suspension.
 */
export async function changeablePurposes(store: Store, record: CredentialRecord): Promise<Set<StatusPurpose>> {
  const purposes = new Set<StatusPurpose>();
  if (record.revocation) purposes.add('revocation');
  if (record.suspension) purposes.add('suspension');
  if (record.revocation && !record.suspension && (await store.getStatusListInfo(record.revocation.listId))?.coversSuspension) purposes.add('suspension');
  return purposes;
}

export type CredentialStatus = 'active' | 'suspended' | 'revoked';

export const statusOf = (r: Pick<CredentialRecord, 'revokedAt' | 'suspendedAt'>): CredentialStatus =>
  r.revokedAt ? 'revoked' : r.suspendedAt ? 'suspended' : 'active';

/** Why a status change is not allowed from the credential's current status, or null if it is. */
export function transitionRefusal(record: CredentialRecord, action: StatusAction): string | null {
  if (record.revokedAt) {
    return action === 'revoke' ? `already revoked on ${record.revokedAt}` : 'the credential is revoked, and revocation is permanent';
  }
  if (action === 'suspend' && record.suspendedAt) return `already suspended since ${record.suspendedAt}`;
  if (action === 'reinstate' && !record.suspendedAt) return 'the credential is not suspended';
  return null;
}
