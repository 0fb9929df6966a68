import { Hono } from 'hono';
import { buildServices, type AppDeps } from './services.js';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { ApiError, errorBody, statusOf } from './http/errors.js';
import { identityRoutes } from './http/identity-routes.js';
import { credentialRoutes } from './http/credential-routes.js';
import { verifyRoutes } from './http/verify-routes.js';
import { statusRoutes } from './http/status-routes.js';
import { vcApiRoutes } from './http/vc-api-routes.js';
import { instituteRoutes } from './http/institute-routes.js';
import { auditRoutes } from './http/audit-routes.js';
import { pageRoutes } from './http/page-routes.js';
import { consoleRoutes } from './http/console-routes.js';
import { templateRoutes } from './http/template-routes.js';
import { batchRoutes } from './http/batch-routes.js';
import { federationRoutes } from './http/federation-routes.js';
import { achievementRoutes } from './http/achievement-routes.js';
import { badgeRoutes } from './http/badge-routes.js';
import { docsRoutes } from './http/docs-routes.js';

export type { AppDeps, Services } from './services.js';

export type AppEnv = { Variables: { requestId: string } };

/** Builds the skillcert HTTP app from its dependencies. No I/O happens here. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  new URL(deps.publicUrl); // a bad PUBLIC_URL fails at build time, not on the first request
  const services = buildServices(deps);
  const basePath = new URL(deps.publicUrl).pathname.replace(/\/+$/, '');
  const app = new Hono<AppEnv>();

  app.use(requestId());
  app.use(secureHeaders({ crossOriginResourcePolicy: 'cross-origin', crossOriginOpenerPolicy: false, xFrameOptions: 'DENY' }));

  app.onError((error, c) => {
    const id = c.get('requestId');
    if (error instanceof ApiError) {
      return c.json(errorBody(error.code, error.message, id, error.details), statusOf(error.code));
    }
    deps.logError?.(`request ${id} failed`, error);
    return c.json(errorBody('internal', 'an unexpected error occurred; quote the requestId when reporting it', id), 500);
  });
  app.notFound((c) => c.json(errorBody('not_found', `no route for ${c.req.method} ${new URL(c.req.url).pathname}`, c.get('requestId')), 404));

  const routes = new Hono<AppEnv>();
  routes.get('/health', (c) => c.json({ status: 'ok' }));
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
  routes.route('/', consoleRoutes(services));
  routes.route('/', templateRoutes(services));
  routes.route('/', batchRoutes(services));
  routes.route('/', docsRoutes(services));
  app.route(basePath || '/', routes);
  return app;
}
