import { Hono } from 'hono';
import type { Services } from '../services.js';
import { insightScope } from '../domain/insight-scope.js';
import { dashboard, defaultPeriod } from '../insight/dashboard.js';
import {
  issuanceReport, IssuanceQuerySchema, reportCsv, reportFileName, verificationReport, VerificationQuerySchema, type Scope,
} from '../insight/report.js';
import { insightMessages } from '../web/i18n-insight.js';
import { InsightPage, type InstituteChoice } from '../web/insight-page.js';
import type { SignedIn } from './console-session.js';
import { consoleKit, notFound, type ConsoleEnv } from './console-kit.js';

/**
 * The console's "Insight": the ministry's figures for every institute (or one it picks), an
 * institute's for itself, over a period; each chart's figures also as a CSV for Excel. The
 * same reports and the same tenant rule as the insight API.
 */
export function consoleInsightRoutes(s: Services): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const kit = consoleKit(s);
  const signedInOnly = kit.signedInOnly();
  /** The scope a signed-in key may read, or null (another institute's slug: "not found"). */
  const scopeOf = async (signedIn: SignedIn, slug: string | undefined): Promise<Scope | null> => {
    const scope = await insightScope(s.store, signedIn.token, slug);
    return scope.ok ? scope.value : null;
  };

  app.get('/console/insight', signedInOnly, async (c) => {
    const p = c.get('page');
    const signedIn = c.get('signedIn');
    const parsed = IssuanceQuerySchema.safeParse(c.req.query());
    const query = parsed.success ? parsed.data : {};
    const scope = await scopeOf(signedIn, query.institute);
    if (!scope) return notFound(c, p);
    const fallback = defaultPeriod(s.clock());
    const period = { from: query.from ?? (query.to && query.to < fallback.from ? query.to : fallback.from), to: query.to ?? fallback.to };
    const isMinistry = signedIn.token.role === 'admin';
    const institutes = await s.store.listInstitutes();
    const choices: InstituteChoice[] = isMinistry ? institutes.map((i) => ({ slug: i.slug, name: i.name, nameKm: i.nameKm })) : [];
    const shown = scope.instituteId ? institutes.find((i) => i.id === scope.instituteId) : undefined;
    const data = await dashboard(s.store, scope, period);
    return c.html(
      <InsightPage
        p={p}
        user={kit.userOf(signedIn)}
        data={data}
        institute={shown ? { slug: shown.slug, name: shown.name, nameKm: shown.nameKm } : null}
        choices={choices}
        error={parsed.success ? undefined : insightMessages(p.lang).badPeriod}
      />,
      parsed.success ? 200 : 400,
    );
  });

  for (const kind of ['issuance', 'verification'] as const) {
    app.get(`/console/insight/${kind}.csv`, signedInOnly, async (c) => {
      const p = c.get('page');
      const signedIn = c.get('signedIn');
      const parsed = (kind === 'issuance' ? IssuanceQuerySchema : VerificationQuerySchema).safeParse(c.req.query());
      if (!parsed.success) return c.text(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'), 400);
      const scope = await scopeOf(signedIn, parsed.data.institute);
      if (!scope) return notFound(c, p);
      const report = kind === 'issuance'
        ? await issuanceReport(s.store, scope, parsed.data as Parameters<typeof issuanceReport>[2])
        : await verificationReport(s.store, scope, parsed.data as Parameters<typeof verificationReport>[2]);
      return c.body(reportCsv(report), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${reportFileName(report)}"`,
      });
    });
  }
  return app;
}
