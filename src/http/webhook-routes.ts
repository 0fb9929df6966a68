import { Hono, type Context } from 'hono';
import type { Services } from '../services.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '../store/port.js';
import {
  createEndpoint, deleteEndpoint, endpointOwner, mayManage, pingEndpoint, rotateSecret, updateEndpoint, webhookDeps,
} from '../webhooks/endpoints.js';
import { CreateWebhook, UpdateWebhook, WebhookLogQuery } from './api-schemas.js';
import { requireScope, requireToken, type AuthVariables } from './auth.js';
import { jsonBodyLimit, readJsonBody, validationError } from './body.js';
import type { AppEnv } from './context.js';
import { valueOr } from './domain-errors.js';
import { ApiError } from './errors.js';

type Env = AppEnv & { Variables: AuthVariables };

/** An endpoint as the API and the console show it: never its secret. */
export async function endpointView(s: Services, e: WebhookEndpoint) {
  const institute = e.instituteId ? await s.store.getInstitute(e.instituteId) : null;
  return {
    id: e.id, url: e.url, description: e.description, events: e.events, institute: institute?.slug ?? null, paused: e.pausedAt !== null,
    createdAt: e.createdAt, updatedAt: e.updatedAt,
    previousSecretValidUntil: e.previousUntil && e.previousUntil > toDateTimeStamp(s.clock()) ? e.previousUntil : null,
  };
}

export const deliveryView = (d: WebhookDelivery) => ({
  eventId: d.event.id, type: d.event.type, subject: d.event.subject, occurredAt: d.event.at, state: d.state, attempts: d.attempts,
  nextAttemptAt: d.state === 'pending' ? d.nextAttemptAt : null, lastAttemptAt: d.lastAttemptAt, lastStatus: d.lastStatus, lastError: d.lastError,
  deliveredAt: d.deliveredAt,
});

export const attemptView = (a: WebhookAttempt) => ({
  eventId: a.eventId, type: a.eventType, at: a.at, status: a.status, ms: a.ms, response: a.response, error: a.error,
});

/** Webhook endpoints: an institute's admin key manages its own, the ministry's every one. */
export function webhookRoutes(s: Services): Hono<Env> {
  const app = new Hono<Env>();
  const admin = [requireToken(s.store, s.crypto, s.clock), requireScope('admin')] as const;
  const limit = jsonBodyLimit(16);
  const deps = webhookDeps(s);
  const actor = (c: Context<Env>) => `token:${c.get('token').id}`;
  /** The endpoint in the path, if the token manages it; anyone else's is "not found". */
  const target = async (c: Context<Env>): Promise<WebhookEndpoint> => {
    const endpoint = await s.store.getWebhookEndpoint(c.req.param('id') ?? '');
    if (!endpoint || !mayManage(c.get('token'), endpoint)) throw new ApiError('not_found', 'no webhook endpoint with this id');
    return endpoint;
  };
  const logQuery = (c: Context<Env>) => {
    const parsed = WebhookLogQuery.safeParse(c.req.query());
    if (!parsed.success) throw validationError(parsed.error);
    return parsed.data;
  };

  app.post('/api/v1/webhooks', limit, ...admin, async (c) => {
    const body = await readJsonBody(c, CreateWebhook);
    const owner = valueOr(await endpointOwner(s.store, c.get('token'), body.institute));
    const { endpoint, secret } = valueOr(await createEndpoint(deps, owner, body, actor(c)));
    return c.json({ ...(await endpointView(s, endpoint)), secret, note: 'the secret is shown once; store it now. Verify each request with a Standard Webhooks library.' }, 201);
  });

  app.get('/api/v1/webhooks', ...admin, async (c) => {
    const token = c.get('token');
    const endpoints = await s.store.listWebhookEndpoints(token.role === 'admin' ? undefined : token.instituteId ?? '');
    c.header('Cache-Control', 'no-store');
    return c.json({ endpoints: await Promise.all(endpoints.map((e) => endpointView(s, e))) });
  });

  app.get('/api/v1/webhooks/:id', ...admin, async (c) => {
    const endpoint = await target(c);
    const deliveries = await s.store.webhookDeliveries(endpoint.id, 20);
    c.header('Cache-Control', 'no-store');
    return c.json({ ...(await endpointView(s, endpoint)), recentDeliveries: deliveries.map(deliveryView) });
  });

  app.patch('/api/v1/webhooks/:id', limit, ...admin, async (c) => {
    const endpoint = await target(c);
    const body = await readJsonBody(c, UpdateWebhook);
    return c.json(await endpointView(s, valueOr(await updateEndpoint(deps, endpoint, body, actor(c)))));
  });

  app.delete('/api/v1/webhooks/:id', ...admin, async (c) => {
    valueOr(await deleteEndpoint(deps, await target(c), actor(c)));
    return c.body(null, 204);
  });

  app.post('/api/v1/webhooks/:id/rotate-secret', ...admin, async (c) => {
    const { endpoint, secret } = valueOr(await rotateSecret(deps, await target(c), actor(c)));
    return c.json({
      ...(await endpointView(s, endpoint)), secret,
      note: 'the secret is shown once; until previousSecretValidUntil each request is signed with both the new and the previous secret',
    });
  });

  app.post('/api/v1/webhooks/:id/test', ...admin, async (c) => {
    const endpoint = await target(c);
    return c.json(await pingEndpoint(deps, () => s.webhooks.round(), endpoint));
  });

  app.get('/api/v1/webhooks/:id/deliveries', ...admin, async (c) => {
    const endpoint = await target(c);
    const { limit: n } = logQuery(c);
    c.header('Cache-Control', 'no-store');
    return c.json({ deliveries: (await s.store.webhookDeliveries(endpoint.id, n)).map(deliveryView) });
  });

  app.get('/api/v1/webhooks/:id/attempts', ...admin, async (c) => {
    const endpoint = await target(c);
    const { limit: n } = logQuery(c);
    c.header('Cache-Control', 'no-store');
    return c.json({ attempts: (await s.store.webhookAttempts(endpoint.id, n)).map(attemptView) });
  });

  app.post('/api/v1/webhooks/:id/deliveries/:eventId/retry', ...admin, async (c) => {
    const endpoint = await target(c);
    const eventId = c.req.param('eventId');
    if (!/^msg_[0-9a-f]{32}$/.test(eventId)) throw new ApiError('not_found', 'no failed delivery of this event to this endpoint');
    if (!(await s.store.retryWebhookDelivery(endpoint.id, eventId, toDateTimeStamp(s.clock())))) {
      throw new ApiError('conflict', 'only a failed delivery of this event to this endpoint can be sent again');
    }
    return c.json({ eventId, state: 'pending' }, 202);
  });

  return app;
}
