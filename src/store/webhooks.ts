import { z } from 'zod';
import type { AuditInput } from './records.js';

/*
 * The store's part of webhooks (issue 18, migrations/0016): endpoints, the outbox of events
 * (written by the store's own writes, in the transaction of the change: sql/webhook-events.ts),
 * their deliveries and the attempts' log. The rules (who may, what is sent, when it is retried)
 * live in src/webhooks/.
 */

/** What a receiver can subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  'credential.issued',
  'credential.revoked',
  'credential.suspended',
  'credential.reinstated',
  'batch.completed',
  'wallet_offer.claimed',
  'institute.accreditation_changed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
/** The test ping's type: sent only to the endpoint it was asked for, never subscribed to. */
export const WEBHOOK_TEST_TYPE = 'webhook.test';

export const WebhookEndpointSchema = z.object({
  id: z.string(),
  /** The institute whose events it receives; null = the ministry's, for every institute. */
  instituteId: z.string().nullable(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  secretSealed: z.string(),
  previousSealed: z.string().nullable(),
  previousUntil: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  pausedAt: z.string().nullable(),
  deletedAt: z.string().nullable(),
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpointSchema>;

export const WebhookEventSchema = z.object({
  seq: z.number().int(),
  /** The Standard Webhooks `webhook-id`: the same on every attempt. */
  id: z.string(),
  type: z.string(),
  instituteId: z.string().nullable(),
  subject: z.string(),
  /** The event's `data`, as JSON text. */
  data: z.string(),
  at: z.string(),
});
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;

export const DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;
export const WebhookDeliverySchema = z.object({
  endpointId: z.string(),
  event: WebhookEventSchema,
  state: z.enum(DELIVERY_STATES),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastAttemptAt: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

export const WebhookAttemptSchema = z.object({
  endpointId: z.string(),
  eventSeq: z.number().int(),
  eventId: z.string(),
  eventType: z.string(),
  at: z.string(),
  /** The receiver's HTTP status; null when none came (refused, timed out, unreachable). */
  status: z.number().int().nullable(),
  ms: z.number().int(),
  /** The start of the receiver's answer (at most 512 characters). */
  response: z.string().nullable(),
  error: z.string().nullable(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttemptSchema>;

/** What one attempt ended in: delivered, or to be tried again at `retryAt` (null = given up). */
export interface AttemptOutcome {
  at: string;
  status: number | null;
  ms: number;
  response: string | null;
  error: string | null;
  delivered: boolean;
  retryAt: string | null;
}

export interface WebhookStore {
  createWebhookEndpoint(endpoint: WebhookEndpoint, audit?: AuditInput): Promise<void>;
  /** A live (not deleted) endpoint. */
  getWebhookEndpoint(id: string): Promise<WebhookEndpoint | null>;
  /** Live endpoints of one institute, of the ministry (null), or (undefined) all, oldest first. */
  listWebhookEndpoints(instituteId: string | null | undefined): Promise<WebhookEndpoint[]>;
  /** Saves an edit (url, description, events, paused, secrets), unless the endpoint was deleted. */
  updateWebhookEndpoint(endpoint: WebhookEndpoint, audit?: AuditInput): Promise<boolean>;
  /** Deletes it: its pending deliveries end as failed; nothing is sent to it again. */
  deleteWebhookEndpoint(id: string, at: string, audit?: AuditInput): Promise<boolean>;

  /** Queues a test ping for one endpoint, through the outbox like any event; its event id. */
  queueWebhookTest(event: { endpointId: string; instituteId: string | null; data: string; at: string }): Promise<string>;
  /**
   * Turns the outbox's new events into deliveries, one per live endpoint that wants the event
   * (of its institute, or the ministry's) and existed when it happened; events nobody wanted
   * are deleted. One transaction. Returns how many deliveries were created.
   */
  fanOutWebhookEvents(): Promise<number>;
  /**
   * Takes up to `limit` deliveries due at `now`, each the oldest pending one of its endpoint
   * and subject (so a subject's events arrive in order), of endpoints not paused, and leases
   * them until `leaseUntil` so no other process sends them meanwhile.
   */
  takeDueWebhookDeliveries(now: string, leaseUntil: string, limit: number): Promise<WebhookDelivery[]>;
  /** Records an attempt and its outcome; the lease ends. */
  recordWebhookAttempt(endpointId: string, eventSeq: number, outcome: AttemptOutcome): Promise<void>;
  /** Ends every lease (a starting process holds none: what a killed one held is sent again). */
  releaseWebhookLeases(): Promise<number>;
  /** Sends a failed delivery again (now), with a fresh day of retries. */
  retryWebhookDelivery(endpointId: string, eventId: string, at: string): Promise<boolean>;
  /** An endpoint's deliveries, newest event first. */
  webhookDeliveries(endpointId: string, limit: number): Promise<WebhookDelivery[]>;
  /** An endpoint's attempts, newest first. */
  webhookAttempts(endpointId: string, limit: number, eventId?: string): Promise<WebhookAttempt[]>;
  /** Removes attempts recorded before `before`, and events whose deliveries all ended before it. */
  sweepWebhookLog(before: string): Promise<number>;
}
