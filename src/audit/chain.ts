import type { AuditEntry } from '../store/port.js';

/** The prev_hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The text an entry's hash covers: the previous hash, then the entry's fields in a fixed
 * order as JSON. Changing, deleting or reordering any entry changes every hash after it.
 */
export function auditPreimage(prevHash: string, e: Omit<AuditEntry, 'hash' | 'prevHash'>): string {
  return `${prevHash}\n${JSON.stringify([e.seq, e.at, e.actor, e.instituteId, e.action, e.target, e.details])}`;
}

export type ChainVerdict = { ok: true; checked: number } | { ok: false; checked: number; brokenAt: number; reason: string };

/**
 * Walks the ledger in order and names the first entry that does not chain: a gap in the
 * sequence (a deleted row), a prev_hash that is not the previous entry's hash, or a hash that
 * does not match the entry's content (an edited row).
 */
export async function verifyAuditChain(
  entries: AsyncIterable<AuditEntry> | Iterable<AuditEntry>,
  sha256hex: (text: string) => Promise<string>,
): Promise<ChainVerdict> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for await (const e of entries) {
    if (e.seq !== expectedSeq) return { ok: false, checked, brokenAt: e.seq, reason: `entry ${expectedSeq} is missing` };
    if (e.prevHash !== prev) return { ok: false, checked, brokenAt: e.seq, reason: 'prev_hash does not match the previous entry' };
    const hash = await sha256hex(auditPreimage(prev, e));
    if (hash !== e.hash) return { ok: false, checked, brokenAt: e.seq, reason: 'the entry was changed after it was written' };
    prev = e.hash;
    expectedSeq++;
    checked++;
  }
  return { ok: true, checked };
}
