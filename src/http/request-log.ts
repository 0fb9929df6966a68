import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes, routePath } from 'hono/route';
import type { Store } from '../store/port.js';

/**
 * One record per request, the same on every runtime (pino on Node, console JSON on Workers).
 * What it may hold is fixed here: the route's pattern (`/v/:id`, never the learner's id), no
 * query string, no header, no body, no token, no address.
 */
export interface RequestLogFields {
  requestId: string;
  method: string;
  /** The matched route's pattern, or `(unmatched)` for a 404 no route answered. */
  route: string;
  status: number;
  /** Milliseconds from the request's arrival to its response's headers. */
  ms: number;
  /** The institute the request acted for, where the route or the API key names one. */
  institute?: string;
}

export interface RequestLog {
  request(fields: RequestLogFields): void;
  /** An unexpected error: the stack stays in the server's log, never in a response. */
  error(message: string, error: unknown, fields?: Partial<RequestLogFields>): void;
}

/** Observes every request once it is answered (metrics). */
export type RequestObserver = (fields: RequestLogFields) => void;

/** The `:slug` of a route such as `/issuers/:slug/did.json`, read from the path. */
function slugFromPath(pattern: string, path: string): string | undefined {
  const at = pattern.split('/').indexOf(':slug');
  if (at < 0) return undefined;
  const segment = path.split('/')[at];
  if (!segment) return undefined;
  try {
    const slug = decodeURIComponent(segment);
    return /^[a-z0-9][a-z0-9-]{0,62}$/.test(slug) ? slug : undefined;
  } catch {
    return undefined;
  }
}

export function requestLog(options: { log?: RequestLog; observe?: RequestObserver; store: Store }): MiddlewareHandler {
  // Institute ids to slugs, for requests made with an institute's API key (few, and never renamed).
  const slugs = new Map<string, string>();
  const instituteOf = async (c: Context, pattern: string): Promise<string | undefined> => {
    const fromPath = slugFromPath(pattern, new URL(c.req.url).pathname);
    if (fromPath) return fromPath;
    const token = c.get('token') as { instituteId?: string | null } | undefined;
    const id = token?.instituteId;
    if (!id) return undefined;
    let slug = slugs.get(id);
    if (slug === undefined) {
      slug = (await options.store.getInstitute(id).catch(() => null))?.slug;
      if (slug && slugs.size < 10_000) slugs.set(id, slug);
    }
    return slug;
  };
  return async (c, next) => {
    if (!options.log && !options.observe) return next();
    const started = performance.now();
    await next();
    // The handler's route: the last matched one that is not a middleware (`use`, method ALL).
    const handler = matchedRoutes(c).filter((r) => r.method !== 'ALL').at(-1);
    const pattern = handler?.path ?? routePath(c, -1);
    const route = pattern === '/*' || pattern === '*' ? '(unmatched)' : pattern;
    const fields: RequestLogFields = {
      requestId: c.get('requestId') as string,
      method: c.req.method,
      route,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 100) / 100,
    };
    const institute = await instituteOf(c, pattern);
    if (institute) fields.institute = institute;
    options.observe?.(fields);
    options.log?.request(fields);
  };
}

/** The Workers log: one JSON line per request on the console (Workers Logs and `wrangler tail` read it). */
export const consoleJsonLog = (write: (line: string) => void = (line) => console.log(line)): RequestLog => ({
  request: (fields) => write(JSON.stringify({ level: 'info', msg: 'request', ...fields })),
  error: (message, error, fields) =>
    write(JSON.stringify({
      level: 'error', msg: message, ...fields,
      err: error instanceof Error ? { type: error.name, message: error.message, stack: error.stack } : { message: String(error) },
    })),
});
