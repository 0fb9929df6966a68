import type { Context, MiddlewareHandler } from 'hono';
import { langOf } from '../web/i18n.js';
import { pageContext, type PageContext } from '../web/layout.js';
import type { AppEnv } from './context.js';

/** The page context of a request: its language and its own path (under the app's base path). */
export function contextOf(publicUrl: string, c: Context): PageContext {
  const base = new URL(publicUrl).pathname.replace(/\/+$/, '');
  const url = new URL(c.req.url);
  const path = url.pathname.startsWith(base) ? url.pathname.slice(base.length) : url.pathname;
  return pageContext(langOf(c), publicUrl, `${path || '/'}${url.search}`);
}

/** Middleware: puts the request's page context where every page handler reads it, `c.get('page')`. */
export const pageContextMiddleware = (publicUrl: string): MiddlewareHandler<AppEnv> => async (c, next) => {
  c.set('page', contextOf(publicUrl, c));
  await next();
};
