import { Webhook } from 'standardwebhooks';
import type { KeyVault } from '../issuer/key-vault.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import type { AttemptOutcome, Store, WebhookDelivery, WebhookEndpoint } from '../store/port.js';
import { checkEndpointUrl, signingSecrets, type WebhookUrlPolicy } from './endpoints.js';

/*
 * Sending the outbox (issue 18): each round turns new events into deliveries, takes the
 * deliveries that are due (the oldest of each endpoint and subject, so a credential's events
 * arrive in order), signs each as Standard Webhooks says (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature`, with the standardwebhooks library) and POSTs it: https only, no private
 * addresses, a timeout, redirects not followed, at most 512 characters of the answer kept.
 * A 2xx delivers; anything else is tried again with exponential backoff for a day, then ends
 * as failed. Delivery is at least once: a process killed mid-send sends again, with the same
 * `webhook-id`, so receivers can drop repeats. Nothing here ever blocks the change that made
 * the event: those commit first, and this runs in the background.
 */

export interface RetryPolicy {
  /** The wait after the first failed attempt. */
  firstMs: number;
  /** Each further wait is this many times the one before… */
  factor: number;
  /** …up to this. */
  maxMs: number;
  /** No attempt is made later than this after the event: the delivery ends as failed. */
  forMs: number;
}

/** 5 s, 20 s, 80 s, 5 min, 21 min, 85 min, then every 4 h, for 24 h: 11 attempts. */
export const DEFAULT_RETRY: RetryPolicy = { firstMs: 5_000, factor: 4, maxMs: 4 * 3600_000, forMs: 24 * 3600_000 };

export interface DispatcherDeps {
  store: Store;
  vault?: KeyVault;
  clock: () => Date;
  publicUrl: string;
  policy: WebhookUrlPolicy;
  retry?: RetryPolicy;
  /** Per attempt (default 10 s): a receiver that hangs is given up on and tried again later. */
  timeoutMs?: number;
  /** Deliveries taken per round (default 16), sent `concurrency` at a time (default 4). */
  batch?: number;
  concurrency?: number;
  fetch?: typeof fetch;
  /** Told each attempt's end (metrics). */
  onAttempt?: (result: 'delivered' | 'retrying' | 'failed') => void;
  logError?: (message: string, error: unknown) => void;
}

export interface RoundResult {
  fannedOut: number;
  sent: number;
  delivered: number;
}

export interface WebhookDispatcher {
  /** One round: new events into deliveries, then send what is due. Rounds of one dispatcher take turns. */
  round(): Promise<RoundResult>;
  /** Rounds until one finds nothing due (bounded), e.g. after a request on Workers or from cron. */
  drain(maxRounds?: number): Promise<RoundResult>;
}

const RESPONSE_CHARS = 512;
/** How long the delivery log keeps attempts and finished deliveries. */
export const LOG_DAYS = 30;

/** The wait before the attempt after `attempts` failed ones. */
export const retryDelay = (retry: RetryPolicy, attempts: number): number =>
  Math.min(retry.firstMs * retry.factor ** Math.max(0, attempts - 1), retry.maxMs);

/** What a receiver reads: Standard Webhooks' `type`, `timestamp` and `data`, the data with links back to this service. */
export function webhookPayload(delivery: WebhookDelivery, publicUrl: string): string {
  const e = delivery.event;
  const data = JSON.parse(e.data) as Record<string, unknown>;
  const links: Record<string, string> = {};
  if (typeof data.credentialId === 'string') {
    const id = encodeURIComponent(data.credentialId);
    Object.assign(links, { credential: `${publicUrl}/credentials/${id}`, verify: `${publicUrl}/v/${id}` });
  }
  if (typeof data.batchId === 'string' && e.type === 'batch.completed') links.batch = `${publicUrl}/api/v1/batches/${encodeURIComponent(data.batchId)}`;
  if (typeof data.slug === 'string') links.institute = `${publicUrl}/api/v1/institutes/${encodeURIComponent(data.slug)}`;
  return JSON.stringify({ type: e.type, timestamp: e.at, data: Object.keys(links).length ? { ...data, links } : data });
}

/** The Standard Webhooks headers of one attempt: one `v1,` signature per secret that signs now. */
export function signedHeaders(delivery: WebhookDelivery, secrets: readonly string[], body: string, at: Date): Record<string, string> {
  const signatures = secrets.map((secret) => new Webhook(secret).sign(delivery.event.id, at, body));
  return {
    'content-type': 'application/json',
    'user-agent': 'skillcert-webhooks/1',
    'webhook-id': delivery.event.id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}

/** The start of a body (text, at most RESPONSE_CHARS characters), reading no more than that of it. */
async function responseStart(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < RESPONSE_CHARS) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // The answer broke off; what came is kept.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return text ? text.slice(0, RESPONSE_CHARS) : null;
}

export function createWebhookDispatcher(deps: DispatcherDeps): WebhookDispatcher {
  const retry = deps.retry ?? DEFAULT_RETRY;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const doFetch = deps.fetch ?? ((input, init) => fetch(input, init));
  const stamp = (ms: number) => toDateTimeStamp(new Date(ms));

  /** One attempt: what it ended in. Never throws. */
  const attempt = async (delivery: WebhookDelivery, endpoint: WebhookEndpoint | null): Promise<AttemptOutcome> => {
    const started = deps.clock();
    const at = toDateTimeStamp(started);
    const t0 = Date.now();
    const end = (status: number | null, response: string | null, error: string | null): AttemptOutcome => {
      const delivered = status !== null && status >= 200 && status < 300;
      const next = started.getTime() + retryDelay(retry, delivery.attempts + 1);
      const retryAt = delivered || !endpoint || next - Date.parse(delivery.event.at) > retry.forMs ? null : stamp(next);
      return { at, status, ms: Date.now() - t0, response, error, delivered, retryAt };
    };
    if (!endpoint) return end(null, null, 'the endpoint was deleted');
    if (!deps.vault) return end(null, null, 'the service has no key vault to open the signing secret');
    // Checked again at each attempt: a name may have come to point at a private address.
    const url = await checkEndpointUrl(endpoint.url, deps.policy);
    if (!url.ok) return end(null, null, url.refusal.message);
    try {
      const body = webhookPayload(delivery, deps.publicUrl);
      const headers = signedHeaders(delivery, await signingSecrets(deps.vault, endpoint, at), body, started);
      const response = await doFetch(url.value, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
      const text = await responseStart(response);
      const redirect = response.status >= 300 && response.status < 400 ? `redirects are not followed (HTTP ${response.status})` : null;
      return end(response.status, text, redirect ?? (response.ok ? null : `HTTP ${response.status}`));
    } catch (error) {
      const name = (error as Error)?.name;
      const message = name === 'TimeoutError' || name === 'AbortError'
        ? `no answer within ${timeoutMs} ms`
        : `could not connect: ${String((error as { cause?: { code?: string } })?.cause?.code ?? (error as Error)?.message ?? error)}`;
      return end(null, null, message);
    }
  };

  const send = async (delivery: WebhookDelivery, endpoints: Map<string, WebhookEndpoint | null>): Promise<boolean> => {
    if (!endpoints.has(delivery.endpointId)) endpoints.set(delivery.endpointId, await deps.store.getWebhookEndpoint(delivery.endpointId));
    const outcome = await attempt(delivery, endpoints.get(delivery.endpointId) ?? null);
    await deps.store.recordWebhookAttempt(delivery.endpointId, delivery.event.seq, outcome);
    deps.onAttempt?.(outcome.delivered ? 'delivered' : outcome.retryAt ? 'retrying' : 'failed');
    return outcome.delivered;
  };

  let sweptAt = Number.NEGATIVE_INFINITY;
  const oneRound = async (): Promise<RoundResult> => {
    const fannedOut = await deps.store.fanOutWebhookEvents();
    const now = deps.clock().getTime();
    // The delivery log keeps LOG_DAYS: older attempts, and events whose deliveries all ended, are swept hourly.
    if (now - sweptAt >= 3600_000) {
      sweptAt = now;
      await deps.store.sweepWebhookLog(stamp(now - LOG_DAYS * 86_400_000));
    }
    // The lease outlasts an attempt, so no other process sends the same delivery meanwhile.
    const taken = await deps.store.takeDueWebhookDeliveries(stamp(now), stamp(now + timeoutMs * 3 + 30_000), deps.batch ?? 16);
    const endpoints = new Map<string, WebhookEndpoint | null>();
    let delivered = 0;
    const queue = [...taken];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        try {
          if (await send(next, endpoints)) delivered++;
        } catch (error) {
          // The store failed to record it: the lease runs out and it is sent again.
          deps.logError?.('a webhook attempt could not be recorded', error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? 4, queue.length) }, worker));
    return { fannedOut, sent: taken.length, delivered };
  };

  let turn: Promise<unknown> = Promise.resolve();
  const round = (): Promise<RoundResult> => {
    const result = turn.then(oneRound, oneRound);
    turn = result.catch(() => undefined);
    return result;
  };
  return {
    round,
    async drain(maxRounds = 20) {
      const total: RoundResult = { fannedOut: 0, sent: 0, delivered: 0 };
      for (let i = 0; i < maxRounds; i++) {
        const r = await round();
        total.fannedOut += r.fannedOut;
        total.sent += r.sent;
        total.delivered += r.delivered;
        if (r.sent === 0) break;
      }
      return total;
    },
  };
}
