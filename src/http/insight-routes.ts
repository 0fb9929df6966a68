import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import type { Services } from '../services.js';
import type { AppEnv } from './context.js';
import { insightScope } from '../domain/insight-scope.js';
import { valueOr } from './domain-errors.js';
import {
  issuanceReport, IssuanceQuerySchema, reportCsv, reportFileName, verificationReport, VerificationQuerySchema, type Report, type Scope,
} from '../insight/report.js';
import { requireToken, type AuthVariables } from './auth.js';
import { validationError } from './body.js';

type Env = AppEnv & { Variables: AuthVariables };

/** The insight API: issuance and verification totals, as JSON or as a CSV for Excel. */
export function insightRoutes(s: Services): Hono<Env> {
  const app = new Hono<Env>();
  const auth = requireToken(s.store, s.crypto, s.clock);

  const query = <S extends z.ZodType>(c: Context<Env>, schema: S): z.infer<S> => {
    const parsed = schema.safeParse(c.req.query());
    if (!parsed.success) throw validationError(parsed.error);
    return parsed.data;
  };
  const answer = (c: Context<Env>, report: Report<unknown>, csv: boolean) => {
    c.header('Cache-Control', 'no-store');
    if (!csv) return c.json(report);
    return c.body(reportCsv(report as Parameters<typeof reportCsv>[0]), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${reportFileName(report)}"`,
    });
  };

  for (const suffix of ['', '.csv']) {
    app.get(`/api/v1/insight/issuance${suffix}`, auth, async (c) => {
      const q = query(c, IssuanceQuerySchema);
      const report = await issuanceReport(s.store, valueOr(await insightScope(s.store, c.get('token'), q.institute)), q);
      return answer(c, report, suffix === '.csv' || q.format === 'csv');
    });
    app.get(`/api/v1/insight/verification${suffix}`, auth, async (c) => {
      const q = query(c, VerificationQuerySchema);
      const report = await verificationReport(s.store, valueOr(await insightScope(s.store, c.get('token'), q.institute)), q);
      return answer(c, report, suffix === '.csv' || q.format === 'csv');
    });
  }
  return app;
}
