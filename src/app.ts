import { Hono } from 'hono';
import { buildServices, type AppDeps } from './services.js';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './http/context.js';
import { apiErrorOf } from './http/domain-errors.js';
import { errorBody, statusOf } from './http/errors.js';
import { pageContextMiddleware } from './http/page-context.js';
import { identityRoutes } from './http/identity-routes.js';
import { credentialRoutes } from './http/credential-routes.js';
import { verifyRoutes } from './http/verify-routes.js';
import { statusRoutes } from './http/status-routes.js';
import { vcApiRoutes } from './http/vc-api-routes.js';
import { instituteRoutes } from './http/institute-routes.js';
import { auditRoutes } from './http/audit-routes.js';
import { pageRoutes } from './http/page-routes.js';
import { consoleRoutes } from './http/console-routes.js';
import { consoleCohortRoutes } from './http/console-cohort-routes.js';
import { consoleWalletRoutes } from './http/console-wallet-routes.js';
import { consoleInsightRoutes } from './http/console-insight-routes.js';
import { consoleWebhookRoutes } from './http/console-webhook-routes.js';
import { noStore, pageHeaders } from './http/console-kit.js';
import { templateRoutes } from './http/template-routes.js';
import { batchRoutes } from './http/batch-routes.js';
import { federationRoutes } from './http/federation-routes.js';
import { achievementRoutes } from './http/achievement-routes.js';
import { badgeRoutes } from './http/badge-routes.js';
import { requestLog } from './http/request-log.js';
import { opsRoutes } from './http/ops-routes.js';
import { offlineRoutes } from './http/offline-routes.js';
import { walletRoutes } from './http/wallet-routes.js';
import { insightRoutes } from './http/insight-routes.js';
import { docsRoutes } from './http/docs-routes.js';
import { webhookRoutes } from './http/webhook-routes.js';

/** Builds the skillcert HTTP app from its dependencies. No I/O happens here. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  new URL(deps.publicUrl); // a bad PUBLIC_URL fails at build time, not on the first request
  const services = buildServices(deps);
  const basePath = new URL(deps.publicUrl).pathname.replace(/\/+$/, '');
  const app = new Hono<AppEnv>();

  app.use(requestId());
  app.use(requestLog({ log: deps.log, observe: deps.metrics?.request, store: deps.store }));
  app.use(secureHeaders({ crossOriginResourcePolicy: 'cross-origin', crossOriginOpenerPolicy: false, xFrameOptions: 'DENY' }));

  app.onError((error, c) => {
    const id = c.get('requestId');
    // Refusals of the domain (and the API's own) answer through the one mapping, src/http/domain-errors.ts.
    const refusal = apiErrorOf(error);
    if (refusal) return c.json(errorBody(refusal.code, refusal.message, id, refusal.details), statusOf(refusal.code));
    if (deps.log) deps.log.error('request failed', error, { requestId: id, method: c.req.method });
    else deps.logError?.(`request ${id} failed`, error);
    return c.json(errorBody('internal', 'an unexpected error occurred; quote the requestId when reporting it', id), 500);
  });
  app.notFound((c) => c.json(errorBody('not_found', `no route for ${c.req.method} ${new URL(c.req.url).pathname}`, c.get('requestId')), 404));

  const routes = new Hono<AppEnv>();
  routes.use(pageContextMiddleware(deps.publicUrl));
  routes.get('/health', (c) => c.json({ status: 'ok' }));
  routes.route('/', opsRoutes(deps));
  routes.route('/', identityRoutes(services, basePath));
  routes.route('/', federationRoutes(services));
  routes.route('/', credentialRoutes(services));
  routes.route('/', achievementRoutes(services));
  routes.route('/', badgeRoutes(services));
  routes.route('/', verifyRoutes(services));
  routes.route('/', statusRoutes(services));
  routes.route('/', vcApiRoutes(services, { open: deps.vcApiOpen ?? false }));
  routes.route('/', instituteRoutes(services));
  routes.route('/', auditRoutes(services));
  routes.route('/', pageRoutes(services));
  routes.route('/', offlineRoutes(services));
  // The console's pages (its route files): the pages' security headers, and never cached.
  routes.use('/console', pageHeaders);
  routes.use('/console/*', pageHeaders, noStore);
  routes.route('/', consoleCohortRoutes(services));
  routes.route('/', consoleWalletRoutes(services));
  routes.route('/', consoleInsightRoutes(services));
  routes.route('/', consoleWebhookRoutes(services));
  routes.route('/', consoleRoutes(services));
  routes.route('/', templateRoutes(services));
  routes.route('/', batchRoutes(services));
  routes.route('/', walletRoutes(services));
  routes.route('/', insightRoutes(services));
  routes.route('/', webhookRoutes(services));
  routes.route('/', docsRoutes(services));
  app.route(basePath || '/', routes);
  return app;
}
