import { Hono } from 'hono';
import type { Services } from '../services.js';
import type { AppEnv } from './context.js';
import { AuditQuery } from './api-schemas.js';
import { requireScope, requireToken, type AuthVariables } from './auth.js';
import { validationError } from './body.js';


/** The audit ledger, page by page: the ministry sees all of it, an institute its own entries. */
export function auditRoutes(s: Services): Hono<AppEnv & { Variables: AuthVariables }> {
  const app = new Hono<AppEnv & { Variables: AuthVariables }>();
  app.get('/api/v1/audit', requireToken(s.store, s.crypto, s.clock), requireScope('admin'), async (c) => {
    const parsed = AuditQuery.safeParse(c.req.query());
    if (!parsed.success) throw validationError(parsed.error);
    const token = c.get('token');
    const entries = await s.store.auditEntries({
      instituteId: token.role === 'admin' ? undefined : (token.instituteId ?? undefined),
      afterSeq: parsed.data.after,
      limit: parsed.data.limit,
    });
    const last = entries.at(-1);
    return c.json({
      entries: entries.map((e) => ({ ...e, details: JSON.parse(e.details) as unknown })),
      next: entries.length === parsed.data.limit && last ? `/api/v1/audit?after=${last.seq}&limit=${parsed.data.limit}` : null,
    });
  });
  return app;
}
