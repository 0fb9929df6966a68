import { Hono, type Context } from 'hono';
import type { Services } from '../services.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import { WEBHOOK_EVENT_TYPES, type WebhookEndpoint, type WebhookEventType } from '../store/port.js';
import {
  createEndpoint, deleteEndpoint, endpointOwner, mayManage, pingEndpoint, rotateSecret, updateEndpoint, webhookDeps,
} from '../webhooks/endpoints.js';
import { webhookMessages } from '../web/i18n-webhooks.js';
import { WebhookDetailPage, WebhookSecretPage, WebhooksPage, type EndpointRow } from '../web/webhook-pages.js';
import { consoleKit, formLimit, notFound, type ConsoleEnv } from './console-kit.js';

/**
 * The console's webhooks: an institute's admin manages its endpoints, the ministry every one;
 * the same rules as the webhook API (src/webhooks/endpoints.ts), as pages in both languages.
 */
export function consoleWebhookRoutes(s: Services): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const kit = consoleKit(s);
  const admin = kit.signedInOnly('admin');
  const deps = webhookDeps(s);
  const actor = (c: Context<ConsoleEnv>) => `console:${c.get('signedIn').token.id}`;

  const listPage = async (c: Context<ConsoleEnv>, error?: string, values?: Parameters<typeof WebhooksPage>[0]['values'], status: 200 | 400 | 404 = 200) => {
    const token = c.get('signedIn').token;
    const endpoints = await s.store.listWebhookEndpoints(token.role === 'admin' ? undefined : token.instituteId ?? '');
    const institutes = await s.store.listInstitutes();
    const rows: EndpointRow[] = endpoints.map((endpoint) => ({ endpoint, institute: institutes.find((i) => i.id === endpoint.instituteId) ?? null }));
    return c.html(<WebhooksPage p={c.get('page')} user={kit.userOf(c.get('signedIn'))} rows={rows} institutes={institutes} error={error} values={values} />, status);
  };
  /** The endpoint in the path, if the signed-in key manages it. */
  const target = async (c: Context<ConsoleEnv>): Promise<WebhookEndpoint | null> => {
    const endpoint = await s.store.getWebhookEndpoint(c.req.param('id') ?? '');
    return endpoint && mayManage(c.get('signedIn').token, endpoint) ? endpoint : null;
  };
  const detailPage = async (c: Context<ConsoleEnv>, endpoint: WebhookEndpoint, notice?: string, error?: string) => {
    const [institute, deliveries, attempts] = await Promise.all([
      endpoint.instituteId ? s.store.getInstitute(endpoint.instituteId) : null,
      s.store.webhookDeliveries(endpoint.id, 50),
      s.store.webhookAttempts(endpoint.id, 10),
    ]);
    return c.html(
      <WebhookDetailPage p={c.get('page')} user={kit.userOf(c.get('signedIn'))} endpoint={endpoint} institute={institute}
        deliveries={deliveries} attempts={attempts} notice={notice} error={error} />,
      error ? 400 : 200,
    );
  };

  app.get('/console/webhooks', admin, (c) => listPage(c));

  app.post('/console/webhooks', formLimit, admin, async (c) => {
    const t = webhookMessages(c.get('page').lang);
    // Checkboxes: every `events` value of the form (readForm keeps one; the raw body has all).
    const all = await c.req.parseBody({ all: true }).catch(() => ({} as Record<string, unknown>));
    const raw = all.events;
    const events = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((e): e is WebhookEventType =>
      typeof e === 'string' && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(e));
    const form = c.get('form');
    const values = { url: (form.url ?? '').trim().slice(0, 2048), description: (form.description ?? '').trim().slice(0, 200), events, institute: form.institute || undefined };
    if (events.length === 0) return listPage(c, `${t.events}: ${c.get('page').lang === 'km' ? 'សូមជ្រើសរើសយ៉ាងហោចណាស់មួយ' : 'choose at least one'}`, values, 400);
    const owner = await endpointOwner(s.store, c.get('signedIn').token, values.institute);
    if (!owner.ok) return listPage(c, owner.refusal.message, values, 400);
    const created = await createEndpoint(deps, owner.value, { url: values.url, events, description: values.description }, actor(c));
    if (!created.ok) return listPage(c, created.refusal.message, values, 400);
    return c.html(<WebhookSecretPage p={c.get('page')} user={kit.userOf(c.get('signedIn'))} endpoint={created.value.endpoint} secret={created.value.secret} />, 201);
  });

  app.get('/console/webhooks/:id', admin, async (c) => {
    const endpoint = await target(c);
    if (!endpoint) return notFound(c, c.get('page'));
    const t = webhookMessages(c.get('page').lang);
    const done = c.req.query('done');
    return detailPage(c, endpoint, done === 'paused' ? t.paused : done === 'resumed' ? t.active : done === 'retry' ? t.deliveryState.pending : undefined);
  });

  app.post('/console/webhooks/:id/:action{test|pause|resume|rotate|delete|retry}', formLimit, admin, async (c) => {
    const p = c.get('page');
    const t = webhookMessages(p.lang);
    const endpoint = await target(c);
    if (!endpoint) return notFound(c, p);
    const back = (done: string) => c.redirect(`${p.base}/console/webhooks/${endpoint.id}?done=${done}`, 303);
    switch (c.req.param('action')) {
      case 'test': {
        const ping = await pingEndpoint(deps, () => s.webhooks.round(), endpoint);
        if (!ping.attempted) return detailPage(c, endpoint, t.testQueued);
        return ping.delivered
          ? detailPage(c, endpoint, t.testDelivered(t.number(ping.status ?? 0), t.number(ping.ms ?? 0)))
          : detailPage(c, endpoint, undefined, t.testFailed(ping.error ?? (ping.status !== null ? `HTTP ${ping.status}` : t.noAnswer)));
      }
      case 'pause':
      case 'resume': {
        const paused = c.req.param('action') === 'pause';
        const updated = await updateEndpoint(deps, endpoint, { paused }, actor(c));
        return updated.ok ? back(paused ? 'paused' : 'resumed') : notFound(c, p);
      }
      case 'rotate': {
        const rotated = await rotateSecret(deps, endpoint, actor(c));
        if (!rotated.ok) return detailPage(c, endpoint, undefined, rotated.refusal.message);
        return c.html(<WebhookSecretPage p={p} user={kit.userOf(c.get('signedIn'))} endpoint={rotated.value.endpoint} secret={rotated.value.secret} />);
      }
      case 'delete': {
        await deleteEndpoint(deps, endpoint, actor(c));
        return c.redirect(`${p.base}/console/webhooks`, 303);
      }
      default: {
        const eventId = c.get('form').event ?? '';
        const again = /^msg_[0-9a-f]{32}$/.test(eventId) && (await s.store.retryWebhookDelivery(endpoint.id, eventId, toDateTimeStamp(s.clock())));
        return again ? back('retry') : detailPage(c, endpoint, undefined, t.deliveryState.failed);
      }
    }
  });

  return app;
}
