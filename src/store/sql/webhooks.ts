import {
  WEBHOOK_TEST_TYPE, WebhookAttemptSchema, WebhookDeliverySchema, WebhookEndpointSchema,
  type WebhookAttempt, type WebhookDelivery, type WebhookEndpoint, type WebhookStore,
} from '../webhooks.js';
import { audited, type AuditLog } from './audit.js';
import { sql, type Row, type SqlDriver } from './driver.js';
import { newEventId } from './webhook-events.js';

/*
 * Webhook endpoints, the outbox's fan-out into deliveries, and the delivery log (migrations/0016).
 * The outbox rows themselves are written by the changes they announce (sql/webhook-events.ts).
 */

const endpointFromRow = (r: Row): WebhookEndpoint =>
  WebhookEndpointSchema.parse({
    id: r.id, instituteId: r.institute_id, url: r.url, description: r.description, events: JSON.parse(String(r.events)),
    secretSealed: r.secret_sealed, previousSealed: r.previous_sealed, previousUntil: r.previous_until, createdAt: r.created_at,
    createdBy: r.created_by, updatedAt: r.updated_at, pausedAt: r.paused_at, deletedAt: r.deleted_at,
  });

const DELIVERY = `SELECT d.*, e.id AS e_id, e.type AS e_type, e.institute_id AS e_institute, e.subject AS e_subject, e.data AS e_data, e.at AS e_at
  FROM webhook_deliveries d JOIN webhook_events e ON e.seq = d.event_seq`;
const deliveryFromRow = (r: Row): WebhookDelivery =>
  WebhookDeliverySchema.parse({
    endpointId: r.endpoint_id,
    event: { seq: Number(r.event_seq), id: r.e_id, type: r.e_type, instituteId: r.e_institute, subject: r.e_subject, data: r.e_data, at: r.e_at },
    state: r.state, attempts: Number(r.attempts), nextAttemptAt: r.next_attempt_at, lastAttemptAt: r.last_attempt_at,
    lastStatus: r.last_status === null ? null : Number(r.last_status), lastError: r.last_error, deliveredAt: r.delivered_at,
  });
const attemptFromRow = (r: Row): WebhookAttempt =>
  WebhookAttemptSchema.parse({
    endpointId: r.endpoint_id, eventSeq: Number(r.event_seq), eventId: r.e_id, eventType: r.e_type, at: r.at,
    status: r.status === null ? null : Number(r.status), ms: Number(r.ms), response: r.response, error: r.error,
  });

/** A delivery an endpoint wants: its institute's events (or every institute's, the ministry's), of a type it names, since it existed. */
const WANTS = `ep.deleted_at IS NULL AND ep.created_at <= e.at
  AND (ep.institute_id IS NULL OR ep.institute_id = e.institute_id)
  AND e.type IN (SELECT value FROM json_each(ep.events))`;

export function webhookMethods(db: SqlDriver, log: AuditLog): WebhookStore {
  const endpointRow = (e: WebhookEndpoint) => [
    e.instituteId, e.url, e.description, JSON.stringify(e.events), e.secretSealed, e.previousSealed, e.previousUntil, e.updatedAt, e.pausedAt,
  ] as const;
  return {
    async createWebhookEndpoint(e, audit) {
      await log.write([
        sql(`INSERT INTO webhook_endpoints (institute_id, url, description, events, secret_sealed, previous_sealed, previous_until, updated_at, paused_at,
            id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, ...endpointRow(e), e.id, e.createdAt, e.createdBy),
        audited(audit),
      ]);
    },
    async getWebhookEndpoint(id) {
      const row = await db.first(sql('SELECT * FROM webhook_endpoints WHERE id = ? AND deleted_at IS NULL', id));
      return row ? endpointFromRow(row) : null;
    },
    async listWebhookEndpoints(instituteId) {
      const rows = instituteId === undefined
        ? await db.all(sql('SELECT * FROM webhook_endpoints WHERE deleted_at IS NULL ORDER BY created_at, id'))
        : instituteId === null
          ? await db.all(sql('SELECT * FROM webhook_endpoints WHERE deleted_at IS NULL AND institute_id IS NULL ORDER BY created_at, id'))
          : await db.all(sql('SELECT * FROM webhook_endpoints WHERE deleted_at IS NULL AND institute_id = ? ORDER BY created_at, id', instituteId));
      return rows.map(endpointFromRow);
    },
    async updateWebhookEndpoint(e, audit) {
      const [updated] = await log.write([
        sql(`UPDATE webhook_endpoints SET institute_id = ?, url = ?, description = ?, events = ?, secret_sealed = ?, previous_sealed = ?, previous_until = ?,
            updated_at = ?, paused_at = ? WHERE id = ? AND deleted_at IS NULL`, ...endpointRow(e), e.id),
        audited(audit, true),
      ]);
      return updated?.changes === 1;
    },
    async deleteWebhookEndpoint(id, at, audit) {
      const [deleted] = await log.write([
        sql('UPDATE webhook_endpoints SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL', at, at, id),
        audited(audit, true),
        sql(`UPDATE webhook_deliveries SET state = 'failed', last_error = 'the endpoint was deleted', lease_until = NULL
            WHERE endpoint_id = ? AND state = 'pending'`, id),
      ]);
      return deleted?.changes === 1;
    },

    async queueWebhookTest(t) {
      const id = newEventId();
      await db.run(sql(`INSERT INTO webhook_events (id, type, institute_id, subject, data, at, endpoint_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        id, WEBHOOK_TEST_TYPE, t.instituteId, `test:${t.endpointId}`, t.data, t.at, t.endpointId));
      return id;
    },
    async fanOutWebhookEvents() {
      const top = await db.first(sql('SELECT MAX(seq) AS seq FROM webhook_events WHERE fanned_out = 0'));
      if (top?.seq === null || top?.seq === undefined) return 0;
      const upTo = Number(top.seq);
      const [subscribed, tests] = await db.atomic([
        sql(`INSERT INTO webhook_deliveries (endpoint_id, event_seq, subject, state, attempts, next_attempt_at)
            SELECT ep.id, e.seq, e.subject, 'pending', 0, e.at FROM webhook_events e JOIN webhook_endpoints ep ON ${WANTS}
            WHERE e.fanned_out = 0 AND e.seq <= ? AND e.endpoint_id IS NULL ORDER BY e.seq`, upTo),
        sql(`INSERT INTO webhook_deliveries (endpoint_id, event_seq, subject, state, attempts, next_attempt_at)
            SELECT e.endpoint_id, e.seq, e.subject, 'pending', 0, e.at FROM webhook_events e
            JOIN webhook_endpoints ep ON ep.id = e.endpoint_id AND ep.deleted_at IS NULL
            WHERE e.fanned_out = 0 AND e.seq <= ? AND e.endpoint_id IS NOT NULL`, upTo),
        sql(`DELETE FROM webhook_events WHERE fanned_out = 0 AND seq <= ? AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_seq = webhook_events.seq)`, upTo),
        sql('UPDATE webhook_events SET fanned_out = 1 WHERE fanned_out = 0 AND seq <= ?', upTo),
      ]);
      return (subscribed?.changes ?? 0) + (tests?.changes ?? 0);
    },
    async takeDueWebhookDeliveries(now, leaseUntil, limit) {
      // The oldest pending delivery of each endpoint and subject, if it is due and not leased.
      const due = await db.all(sql(`SELECT d.endpoint_id, d.event_seq FROM webhook_deliveries d
          JOIN webhook_endpoints ep ON ep.id = d.endpoint_id AND ep.paused_at IS NULL AND ep.deleted_at IS NULL
          WHERE d.state = 'pending' AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until <= ?)
            AND NOT EXISTS (SELECT 1 FROM webhook_deliveries o WHERE o.endpoint_id = d.endpoint_id AND o.subject = d.subject
              AND o.state = 'pending' AND o.event_seq < d.event_seq)
          ORDER BY d.next_attempt_at, d.event_seq LIMIT ?`, now, now, limit));
      const taken: WebhookDelivery[] = [];
      for (const r of due) {
        // Compare-and-set: of two processes taking the same delivery, one gets it.
        const [lease, read] = await db.atomic([
          sql(`UPDATE webhook_deliveries SET lease_until = ? WHERE endpoint_id = ? AND event_seq = ? AND state = 'pending'
              AND (lease_until IS NULL OR lease_until <= ?)`, leaseUntil, String(r.endpoint_id), Number(r.event_seq), now),
          sql(`${DELIVERY} WHERE d.endpoint_id = ? AND d.event_seq = ? AND changes() = 1`, String(r.endpoint_id), Number(r.event_seq)),
        ]);
        const row = lease?.changes === 1 ? read?.rows[0] : undefined;
        if (row) taken.push(deliveryFromRow(row));
      }
      return taken;
    },
    async recordWebhookAttempt(endpointId, eventSeq, o) {
      const state = o.delivered ? 'delivered' : o.retryAt ? 'pending' : 'failed';
      await db.atomic([
        sql(`UPDATE webhook_deliveries SET state = ?, attempts = attempts + 1, next_attempt_at = COALESCE(?, next_attempt_at), lease_until = NULL,
            last_attempt_at = ?, last_status = ?, last_error = ?, delivered_at = ? WHERE endpoint_id = ? AND event_seq = ? AND state = 'pending'`,
        state, o.retryAt, o.at, o.status, o.error, o.delivered ? o.at : null, endpointId, eventSeq),
        sql('INSERT INTO webhook_attempts (endpoint_id, event_seq, at, status, ms, response, error) VALUES (?, ?, ?, ?, ?, ?, ?)',
          endpointId, eventSeq, o.at, o.status, o.ms, o.response, o.error),
      ]);
    },
    releaseWebhookLeases: () => db.run(sql('UPDATE webhook_deliveries SET lease_until = NULL WHERE lease_until IS NOT NULL')),
    async retryWebhookDelivery(endpointId, eventId, at) {
      const changed = await db.run(sql(`UPDATE webhook_deliveries SET state = 'pending', next_attempt_at = ?, lease_until = NULL, attempts = 0
          WHERE endpoint_id = ? AND state = 'failed' AND event_seq = (SELECT seq FROM webhook_events WHERE id = ?)
            AND EXISTS (SELECT 1 FROM webhook_endpoints WHERE id = ? AND deleted_at IS NULL)`, at, endpointId, eventId, endpointId));
      return changed === 1;
    },
    async webhookDeliveries(endpointId, limit) {
      return (await db.all(sql(`${DELIVERY} WHERE d.endpoint_id = ? ORDER BY d.event_seq DESC LIMIT ?`, endpointId, limit))).map(deliveryFromRow);
    },
    async webhookAttempts(endpointId, limit, eventId) {
      const base = `SELECT a.*, e.id AS e_id, e.type AS e_type FROM webhook_attempts a JOIN webhook_events e ON e.seq = a.event_seq WHERE a.endpoint_id = ?`;
      const rows = eventId
        ? await db.all(sql(`${base} AND e.id = ? ORDER BY a.id DESC LIMIT ?`, endpointId, eventId, limit))
        : await db.all(sql(`${base} ORDER BY a.id DESC LIMIT ?`, endpointId, limit));
      return rows.map(attemptFromRow);
    },
    async sweepWebhookLog(before) {
      const [attempts, deliveries, events] = await db.atomic([
        sql('DELETE FROM webhook_attempts WHERE at < ?', before),
        sql(`DELETE FROM webhook_deliveries WHERE state <> 'pending' AND COALESCE(delivered_at, last_attempt_at, next_attempt_at) < ?
            AND NOT EXISTS (SELECT 1 FROM webhook_attempts a WHERE a.endpoint_id = webhook_deliveries.endpoint_id AND a.event_seq = webhook_deliveries.event_seq)`, before),
        sql(`DELETE FROM webhook_events WHERE fanned_out = 1 AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_seq = webhook_events.seq)`),
      ]);
      return (attempts?.changes ?? 0) + (deliveries?.changes ?? 0) + (events?.changes ?? 0);
    },
  };
}
