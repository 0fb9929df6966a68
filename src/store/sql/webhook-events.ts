import type { IssuedCredentialWrite, StatusAction } from '../port.js';
import { sql, type Sql } from './driver.js';

/*
 * The outbox's statements (migrations/0016): each write that announces a change puts one of
 * these in its own atomic group, so an event exists exactly when its change committed. After a
 * compare-and-set they are guarded like the audit entries (`changes() = 1`) and insert one row,
 * so the statements after them still see `changes() = 1`. The event's `data` is built by SQL
 * (json_object) from what the change wrote; nothing personal beyond ids goes in it.
 */

/** The Standard Webhooks `webhook-id`: random, fixed when the change commits. */
export const newEventId = (): string => `msg_${crypto.randomUUID().replaceAll('-', '')}`;

const INSERT = 'INSERT INTO webhook_events (id, type, institute_id, subject, data, at)';
/** Some live endpoint could want an event of this institute (its own, or the ministry's). */
const ANY_ENDPOINT = 'EXISTS (SELECT 1 FROM webhook_endpoints WHERE deleted_at IS NULL AND (institute_id IS NULL OR institute_id = ?))';

/**
 * credential.issued, for each credential of a write. Only when some endpoint could want it:
 * issuing (a batch of thousands) writes no outbox rows where nobody listens. Unguarded: the
 * credential's insert fails the whole group, or it happened.
 */
export function issuedEvent(item: IssuedCredentialWrite): Sql {
  const c = item.credential;
  return sql(`${INSERT} SELECT ?, 'credential.issued', ?, ?,
      json_object('credentialId', ?, 'vcId', ?, 'institute', ?, 'achievement', json_object('key', ?, 'name', ?),
        'issuedAt', ?, 'validFrom', ?, 'validUntil', ?, 'batchId', ?), ?
    WHERE ${ANY_ENDPOINT}`,
  newEventId(), c.instituteId, c.id,
  c.id, c.vcId, c.instituteId, c.achievementKey, c.achievementName, c.issuedAt, c.validFrom, c.validUntil, item.batchRow?.batchId ?? null, c.issuedAt,
  c.instituteId);
}

const STATUS_TYPE: Record<StatusAction, string> = { revoke: 'credential.revoked', suspend: 'credential.suspended', reinstate: 'credential.reinstated' };

/** credential.revoked / suspended / reinstated, guarded: only when the compare-and-set changed the credential. */
export function statusEvent(change: { credentialId: string; action: StatusAction; reason: string | null; at: string }): Sql {
  const id = change.credentialId;
  return sql(`${INSERT} SELECT ?, ?, c.institute_id, c.id,
      json_object('credentialId', c.id, 'vcId', c.vc_id, 'institute', c.institute_id, 'reason', ?, 'at', ?), ?
    FROM credentials c WHERE c.id = ? AND changes() = 1`,
  newEventId(), STATUS_TYPE[change.action], change.reason, change.at, change.at, id);
}

/** batch.completed with the batch's row counts, guarded: only when this write finished the batch. */
export function batchCompletedEvent(batchId: string, at: string): Sql {
  const count = (status: string) => `(SELECT COUNT(*) FROM batch_rows WHERE batch_id = b.id AND status = '${status}')`;
  return sql(`${INSERT} SELECT ?, 'batch.completed', b.institute_id, b.id,
      json_object('batchId', b.id, 'institute', b.institute_id, 'rows', (SELECT COUNT(*) FROM batch_rows WHERE batch_id = b.id),
        'issued', ${count('issued')}, 'existing', ${count('existing')}, 'failed', ${count('failed')}, 'completedAt', ?), ?
    FROM batches b WHERE b.id = ? AND changes() = 1`,
  newEventId(), at, at, batchId);
}

/** wallet_offer.claimed, guarded: only when this delivery won the offer. */
export function offerClaimedEvent(d: { credentialId: string; offerRef: string; instituteId: string; protocol: string; format: string; deliveredAt: string }): Sql {
  return sql(`${INSERT} SELECT ?, 'wallet_offer.claimed', ?, ?,
      json_object('credentialId', ?, 'offer', ?, 'institute', ?, 'protocol', ?, 'format', ?, 'claimedAt', ?), ?
    WHERE changes() = 1`,
  newEventId(), d.instituteId, d.credentialId, d.credentialId, d.offerRef, d.instituteId, d.protocol, d.format, d.deliveredAt, d.deliveredAt);
}

export type AccreditationChange = 'registered' | 'accredited' | 'period_added' | 'periods_ended' | 'suspended';

/**
 * institute.accreditation_changed: what changed, and the institute's status and accreditation
 * periods after it. `guarded`: only when the statement before it changed some row.
 */
export function accreditationEvent(instituteId: string, change: AccreditationChange, at: string, guarded = false): Sql {
  return sql(`${INSERT} SELECT ?, 'institute.accreditation_changed', i.id, i.id,
      json_object('institute', i.id, 'slug', i.slug, 'change', ?, 'status', i.status, 'at', ?,
        'periods', (SELECT json_group_array(json_object('from', p.valid_from, 'until', p.valid_until)) FROM accreditation_periods p WHERE p.institute_id = i.id)), ?
    FROM institutes i WHERE i.id = ?${guarded ? ' AND changes() > 0' : ''}`,
  newEventId(), change, at, at, instituteId);
}
