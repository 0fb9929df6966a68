import { Hono, type Context } from 'hono';
import { constantTimeEqual, utf8 } from '../crypto/encoding.js';
import { ApiError } from './errors.js';
import type { MetricsPort, ReadyCheck } from '../ops-ports.js';

export interface OpsDeps {
  /** Runs the readiness checks; absent = always ready once serving. */
  readiness?: () => Promise<ReadyCheck[]>;
  metrics?: MetricsPort;
  clientAddress?: (c: Context) => string;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
/** A request that came through a proxy on this machine is not a local one, whatever its socket says. */
const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip', 'via'];

/** `/metrics` is for this machine's scraper or the holder of METRICS_TOKEN. */
function mayScrape(c: Context, deps: OpsDeps, token: string | undefined): boolean {
  const header = c.req.header('authorization') ?? '';
  const bearer = /^Bearer\s+(\S{1,512})$/i.exec(header.trim())?.[1];
  if (token && bearer) return bearer.length === token.length && constantTimeEqual(utf8(bearer), utf8(token));
  if (PROXY_HEADERS.some((h) => c.req.header(h) !== undefined)) return false;
  return LOOPBACK.has(deps.clientAddress?.(c) ?? '');
}

/** `/ready` (503 naming what is not ready) and, where the runtime keeps them, `/metrics`. */
export function opsRoutes(deps: OpsDeps) {
  const app = new Hono();
  app.get('/ready', async (c) => {
    c.header('Cache-Control', 'no-store');
    const checks = (await deps.readiness?.()) ?? [];
    const failing = checks.filter((check) => !check.ok);
    if (failing.length === 0) return c.json({ status: 'ready', checks });
    return c.json({ status: 'not_ready', failing: failing.map((f) => `${f.name}: ${f.message}`), checks }, 503);
  });
  const metrics = deps.metrics;
  if (metrics) {
    app.get('/metrics', async (c) => {
      c.header('Cache-Control', 'no-store');
      if (!mayScrape(c, deps, metrics.token)) {
        throw new ApiError('forbidden', 'metrics are served to this machine, or with Authorization: Bearer <METRICS_TOKEN>');
      }
      const { body, contentType } = await metrics.render();
      return c.body(body, 200, { 'Content-Type': contentType });
    });
  }
  return app;
}
