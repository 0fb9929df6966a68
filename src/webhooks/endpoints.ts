import { randomBytes, randomId, toBase64 } from '../crypto/encoding.js';
import { ok, refuse, type Outcome } from '../domain/refusal.js';
import type { KeyVault } from '../issuer/key-vault.js';
import type { ApiToken, AuditInput, Institute, Store, WebhookEndpoint, WebhookEventType } from '../store/port.js';
import { checkRemoteUrl, RemoteFetchError } from '../verifier/remote.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import type { Services } from '../services.js';

/*
 * Webhook endpoints: who may register and manage them, which URLs are refused, and their
 * signing secrets (Standard Webhooks `whsec_…`, sealed by the key vault like private keys, shown
 * once when made). Route files and the console call these; the rules are here once.
 */

/** Where endpoints may point. */
export interface WebhookUrlPolicy {
  /** Plain http to a loopback address (tests, a receiver on the same host); off unless set. */
  allowLoopbackHttp?: boolean;
  /** Resolves a host name to its addresses where the runtime can (Node), so a name for a private address is refused. */
  resolveHost?: (host: string) => Promise<string[]>;
}

/** How long the previous secret still signs after a rotation, so receivers can switch over. */
export const PREVIOUS_SECRET_HOURS = 24;
export const MAX_ENDPOINTS_PER_OWNER = 20;

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\]|localhost)$/i;

/** The URL as it will be called, or why it is refused (the `url` field). */
export async function checkEndpointUrl(raw: string, policy: WebhookUrlPolicy): Promise<Outcome<string>> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('invalid_input', 'url is not a URL', 'url');
  }
  if (url.hash) return refuse('invalid_input', 'url must not have a fragment', 'url');
  if (policy.allowLoopbackHttp && LOOPBACK.test(url.hostname) && (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password) {
    return ok(url.href);
  }
  if (url.protocol !== 'https:') return refuse('invalid_input', `url must be https, not ${url.protocol.replace(':', '')}`, 'url');
  try {
    return ok((await checkRemoteUrl(url.href, { allowPrivate: false, resolveHost: policy.resolveHost })).href);
  } catch (error) {
    if (error instanceof RemoteFetchError) {
      const message = error.code === 'ERR_REMOTE_FAILED' ? `url: ${error.message}` : `url is refused: ${error.message}`;
      return refuse('invalid_input', message, 'url');
    }
    throw error;
  }
}

/** A new signing secret, as Standard Webhooks writes them: `whsec_` and 32 random bytes in base64. */
export const newWebhookSecret = (): string => `whsec_${toBase64(randomBytes(32))}`;

/** Whose endpoints a token manages: an institute key (with the admin scope) its institute's; the ministry's admin every one. */
export function mayManage(token: ApiToken, endpoint: Pick<WebhookEndpoint, 'instituteId'>): boolean {
  return token.role === 'admin' || (endpoint.instituteId !== null && token.instituteId === endpoint.instituteId);
}

/**
 * The owner of a new endpoint: an institute key's own institute; for the ministry, the
 * institute it names, or (none named) the ministry itself, whose endpoints hear every institute.
 */
export async function endpointOwner(store: Store, token: ApiToken, slug: string | undefined): Promise<Outcome<Institute | null>> {
  if (token.role !== 'admin') {
    const own = token.instituteId ? await store.getInstitute(token.instituteId) : null;
    if (!own || (slug && own.slug !== slug)) return refuse('not_found', 'no such institute', 'institute');
    return ok(own);
  }
  if (!slug) return ok(null);
  const named = await store.getInstituteBySlug(slug);
  return named ? ok(named) : refuse('not_found', 'no such institute', 'institute');
}

export interface EndpointInput {
  url: string;
  events: readonly WebhookEventType[];
  description?: string;
}

export interface WebhookDeps {
  store: Store;
  vault?: KeyVault;
  policy: WebhookUrlPolicy;
  now: () => string;
}

/** The deps of these rules, from the app's services. */
export const webhookDeps = (s: Pick<Services, 'store' | 'vault' | 'webhookPolicy' | 'clock'>): WebhookDeps => ({
  store: s.store, vault: s.vault, policy: s.webhookPolicy, now: () => toDateTimeStamp(s.clock()),
});

const noVault = () => refuse('unavailable', 'webhooks cannot be signed: the service has no key vault (KEK) configured');

/** Registers an endpoint; its secret is returned once, never stored unsealed. */
export async function createEndpoint(
  deps: WebhookDeps, owner: Institute | null, input: EndpointInput, actor: string,
): Promise<Outcome<{ endpoint: WebhookEndpoint; secret: string }>> {
  if (!deps.vault) return noVault();
  const url = await checkEndpointUrl(input.url, deps.policy);
  if (!url.ok) return url;
  const existing = await deps.store.listWebhookEndpoints(owner?.id ?? null);
  if (existing.length >= MAX_ENDPOINTS_PER_OWNER) return refuse('conflict', `at most ${MAX_ENDPOINTS_PER_OWNER} endpoints each; delete one first`);
  const id = `we_${randomId()}`;
  const secret = newWebhookSecret();
  const at = deps.now();
  const endpoint: WebhookEndpoint = {
    id, instituteId: owner?.id ?? null, url: url.value, description: input.description ?? '', events: [...new Set(input.events)],
    secretSealed: await deps.vault.seal(secret, id), previousSealed: null, previousUntil: null,
    createdAt: at, createdBy: actor, updatedAt: at, pausedAt: null, deletedAt: null,
  };
  await deps.store.createWebhookEndpoint(endpoint, audit(endpoint, actor, at, 'webhook.create', { url: endpoint.url, events: endpoint.events }));
  return ok({ endpoint, secret });
}

export interface EndpointChange {
  url?: string;
  events?: readonly WebhookEventType[];
  description?: string;
  paused?: boolean;
}

/** Edits an endpoint; a new URL is checked as a new one is. */
export async function updateEndpoint(deps: WebhookDeps, endpoint: WebhookEndpoint, change: EndpointChange, actor: string): Promise<Outcome<WebhookEndpoint>> {
  let url = endpoint.url;
  if (change.url !== undefined && change.url !== endpoint.url) {
    const checked = await checkEndpointUrl(change.url, deps.policy);
    if (!checked.ok) return checked;
    url = checked.value;
  }
  const at = deps.now();
  const next: WebhookEndpoint = {
    ...endpoint, url, updatedAt: at,
    events: change.events ? [...new Set(change.events)] : endpoint.events,
    description: change.description ?? endpoint.description,
    pausedAt: change.paused === undefined ? endpoint.pausedAt : change.paused ? (endpoint.pausedAt ?? at) : null,
  };
  const saved = await deps.store.updateWebhookEndpoint(next, audit(next, actor, at, 'webhook.update', {
    url: next.url, events: next.events, paused: next.pausedAt !== null,
  }));
  return saved ? ok(next) : refuse('not_found', 'no such webhook endpoint');
}

/**
 * A new secret; the previous one keeps signing beside it for {@link PREVIOUS_SECRET_HOURS}
 * hours (each request then carries both signatures), so a receiver can switch without a gap.
 */
export async function rotateSecret(deps: WebhookDeps, endpoint: WebhookEndpoint, actor: string): Promise<Outcome<{ endpoint: WebhookEndpoint; secret: string }>> {
  if (!deps.vault) return noVault();
  const secret = newWebhookSecret();
  const at = deps.now();
  const until = new Date(Date.parse(at) + PREVIOUS_SECRET_HOURS * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const next: WebhookEndpoint = {
    ...endpoint, updatedAt: at, secretSealed: await deps.vault.seal(secret, endpoint.id),
    // Sealed under the endpoint's id too, so it cannot be moved to another row.
    previousSealed: endpoint.secretSealed, previousUntil: until,
  };
  const saved = await deps.store.updateWebhookEndpoint(next, audit(next, actor, at, 'webhook.rotate-secret', { previousUntil: until }));
  return saved ? ok({ endpoint: next, secret }) : refuse('not_found', 'no such webhook endpoint');
}

export async function deleteEndpoint(deps: WebhookDeps, endpoint: WebhookEndpoint, actor: string): Promise<Outcome<true>> {
  const at = deps.now();
  const deleted = await deps.store.deleteWebhookEndpoint(endpoint.id, at, audit(endpoint, actor, at, 'webhook.delete', { url: endpoint.url }));
  return deleted ? ok(true) : refuse('not_found', 'no such webhook endpoint');
}

/** The secrets that sign a request now: the current one, and the previous one until its time is up. */
export async function signingSecrets(vault: KeyVault, endpoint: WebhookEndpoint, now: string): Promise<string[]> {
  const secrets = [await vault.open(endpoint.secretSealed, endpoint.id)];
  if (endpoint.previousSealed && endpoint.previousUntil && endpoint.previousUntil > now) secrets.push(await vault.open(endpoint.previousSealed, endpoint.id));
  return secrets;
}

function audit(e: WebhookEndpoint, actor: string, at: string, action: string, details: Record<string, unknown>): AuditInput {
  return { at, actor, instituteId: e.instituteId, action, target: e.id, details };
}

/** What a test ping ended in. */
export interface PingResult {
  eventId: string;
  /** False when it could not be sent now (the endpoint is paused, or another process is sending it): it stays queued. */
  attempted: boolean;
  delivered: boolean;
  status: number | null;
  ms: number | null;
  error: string | null;
}

/**
 * Sends a `webhook.test` event to one endpoint now, through the outbox and the same signing
 * and sending as every event, and says what the receiver answered.
 */
export async function pingEndpoint(deps: WebhookDeps, round: () => Promise<unknown>, endpoint: WebhookEndpoint): Promise<PingResult> {
  const at = deps.now();
  const eventId = await deps.store.queueWebhookTest({
    endpointId: endpoint.id, instituteId: endpoint.instituteId, at,
    data: JSON.stringify({ endpoint: endpoint.id, message: 'a test event from skillcert: your endpoint receives and verifies webhooks' }),
  });
  await round();
  const [attempt] = await deps.store.webhookAttempts(endpoint.id, 1, eventId);
  if (!attempt) return { eventId, attempted: false, delivered: false, status: null, ms: null, error: null };
  const delivered = attempt.status !== null && attempt.status >= 200 && attempt.status < 300;
  return { eventId, attempted: true, delivered, status: attempt.status, ms: attempt.ms, error: attempt.error };
}
