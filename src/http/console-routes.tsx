import { Hono, type Context } from 'hono';
import { bodyLimit } from './body-limit.js';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv, Services } from '../app.js';
import { issueCredential, IssueError } from '../issuer/issue.js';
import { IssueRequestSchema } from '../schemas/issue-request.js';
import { multiLine } from '../schemas/text.js';
import type { CredentialRecord, StatusAction } from '../store/port.js';
import { createRateLimiter } from './rate-limit.js';
import {
  ACTIONS, ConfirmPage, CredentialDetailPage, CredentialListPage, InstitutesPage, IssuePage, LoginPage,
  type ConsoleUser, type IssueFormValues,
} from '../web/console-pages.js';
import { NotFoundPage, type PageContext } from '../web/layout.js';
import { issuingInstitute } from './credential-routes.js';
import { accreditedAt } from '../verifier/accreditation.js';
import { consoleCohortRoutes } from './console-cohort-routes.js';
import { consoleWalletRoutes, walletCardOf } from './console-wallet-routes.js';
import { ApiError } from './errors.js';
import { contextOf } from './page-routes.js';
import { pageHeaders } from './page-headers.js';
import { applyStatusChange, credentialForToken } from './status-routes.js';
import {
  LOGIN_CSRF_COOKIE, closeSession, currentSession, hashSecret, hasScope, liveToken, loginCsrf, openSession, sameSecret, type SignedIn,
} from './console-session.js';

const PAGE_SIZE = 20;
const MAX_FORM = 64 * 1024;

/** Form field ← request path, for showing the issue API's validation errors beside the right input. */
const FIELD_OF: Record<string, string> = {
  'learner.name': 'learnerName', 'learner.nameKm': 'learnerNameKm', 'learner.email': 'email', 'learner.phone': 'phone',
  'learner.nationalId': 'nationalId', 'achievement.name': 'achievementName', 'achievement.nameKm': 'achievementNameKm',
  'achievement.description': 'description', 'achievement.criteria': 'criteria', 'achievement.type': 'type', 'achievement.code': 'code',
  'achievement.level': 'level', 'achievement.field': 'field', 'achievement.hours': 'hours', validFrom: 'validFrom', validUntil: 'validUntil',
};

const defined = <T extends Record<string, unknown>>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** The issue form as the body POST /api/v1/credentials takes, so both are validated by one schema. */
export function issueRequestFromForm(v: IssueFormValues): unknown {
  const opt = (k: string) => (v[k]?.trim() ? v[k].trim() : undefined);
  const skills = (v.skills ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [code = '', name = '', nameKm] = line.split('|').map((x) => x.trim());
      return defined({ code, name, nameKm: nameKm || undefined });
    });
  const hours = opt('hours');
  return defined({
    learner: defined({ name: v.learnerName ?? '', nameKm: opt('learnerNameKm'), email: opt('email'), phone: opt('phone'), nationalId: opt('nationalId') }),
    achievement: defined({
      name: v.achievementName ?? '', nameKm: opt('achievementNameKm'), description: v.description ?? '', criteria: v.criteria ?? '',
      type: opt('type'), code: opt('code'), level: opt('level'), field: opt('field'),
      hours: hours === undefined ? undefined : Number(hours), skills: skills.length ? skills : undefined,
    }),
    validFrom: opt('validFrom'),
    validUntil: opt('validUntil'),
  });
}

function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String);
    const key = path[1] === 'skills' ? 'skills' : (FIELD_OF[path.join('.')] ?? 'form');
    const where = path[1] === 'skills' && path[2] !== undefined ? `#${Number(path[2]) + 1} ${path[3] ?? ''}: ` : '';
    errors[key] ??= `${where}${issue.message}`;
  }
  return errors;
}

type Env = AppEnv;

/**
 * The institute console: sign in with an API key, list and search credentials, issue one,
 * revoke/suspend/reinstate with a reason after a confirmation step; the ministry also sees
 * every institute and its accreditation. Every form carries the session's CSRF token.
 */
export function consoleRoutes(s: Services): Hono<Env> {
  const app = new Hono<Env>();
  app.use('/console', pageHeaders);
  app.use('/console/*', pageHeaders);
  app.use('/console/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  const formLimit = bodyLimit({ maxSize: MAX_FORM, onError: (c) => c.text('the form is too large', 413) });
  const logins = createRateLimiter({ limit: 10, windowMs: 60_000, clock: s.clock });

  const userOf = (signedIn: SignedIn): ConsoleUser => ({
    label: signedIn.token.label,
    isMinistry: signedIn.token.role === 'admin',
    csrf: signedIn.session.csrf,
    canIssue: hasScope(signedIn.token, 'issue'),
    canRevoke: hasScope(signedIn.token, 'revoke'),
  });
  const toLogin = (c: Context, p: PageContext) => c.redirect(`${p.base}/console/login`, 303);
  const notFound = (c: Context, p: PageContext) => c.html(<NotFoundPage p={p} />, 404);
  const forbidden = (c: Context, p: PageContext) => c.html(<NotFoundPage p={p} />, 403);

  /** The signed-in session, for a page; for a POST also its CSRF token checked. */
  const session = async (c: Context, form?: Record<string, unknown>): Promise<SignedIn | null | 'csrf'> => {
    const signedIn = await currentSession(s, c);
    if (!signedIn) return null;
    if (form !== undefined && !sameSecret(typeof form._csrf === 'string' ? form._csrf : '', signedIn.session.csrf)) return 'csrf';
    return signedIn;
  };
  const readForm = async (c: Context): Promise<Record<string, string>> => {
    const body = await c.req.parseBody().catch(() => ({}));
    return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
  };
  const csrfFailed = (c: Context, p: PageContext) => c.html(<LoginPage p={p} csrf={loginCsrf(s, c)} error={p.m.csrfFailed} />, 403);

  app.get('/console', async (c) => {
    const p = contextOf(s, c);
    return (await currentSession(s, c)) ? c.redirect(`${p.base}/console/credentials`, 303) : toLogin(c, p);
  });

  app.get('/console/login', async (c) => {
    const p = contextOf(s, c);
    if (await currentSession(s, c)) return c.redirect(`${p.base}/console/credentials`, 303);
    return c.html(<LoginPage p={p} csrf={loginCsrf(s, c)} />);
  });

  app.post('/console/login', formLimit, async (c) => {
    const p = contextOf(s, c);
    const form = await readForm(c);
    const expected = getCookie(c, LOGIN_CSRF_COOKIE) ?? '';
    if (!expected || !sameSecret(form._csrf ?? '', expected)) return csrfFailed(c, p);
    if (logins.hit(`ip:${s.clientAddress?.(c) ?? 'unknown'}`) > 0) return c.html(<LoginPage p={p} csrf={expected} error={p.m.tooMany} />, 429);
    const key = (form.key ?? '').trim();
    const token = /^[\x21-\x7e]{1,512}$/.test(key) ? await liveToken(s, await hashSecret(s, key)) : null;
    if (!token) return c.html(<LoginPage p={p} csrf={expected} error={p.m.badKey} />, 401);
    await s.store.touchApiToken(token.id, s.clock().toISOString().replace(/\.\d{3}Z$/, 'Z'));
    await openSession(s, c, token);
    return c.redirect(`${p.base}/console/credentials`, 303);
  });

  app.post('/console/logout', formLimit, async (c) => {
    const p = contextOf(s, c);
    const signedIn = await session(c, await readForm(c));
    if (signedIn === 'csrf') return csrfFailed(c, p);
    if (signedIn) await closeSession(s, c, signedIn.session);
    return toLogin(c, p);
  });

  app.get('/console/credentials', async (c) => {
    const p = contextOf(s, c);
    const signedIn = await session(c);
    if (!signedIn || signedIn === 'csrf') return toLogin(c, p);
    const search = (c.req.query('q') ?? '').slice(0, 200);
    const page = Math.max(1, Math.min(100_000, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
    const { credentials, total } = await s.store.listCredentials({
      instituteId: signedIn.token.instituteId, search, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE,
    });
    return c.html(<CredentialListPage p={p} user={userOf(signedIn)} search={search} page={page} pageSize={PAGE_SIZE} total={total} credentials={credentials} />);
  });

  /** The credential in the path, if this key's institute issued it (the ministry sees all). */
  const credentialOf = async (c: Context, signedIn: SignedIn): Promise<CredentialRecord | null> => {
    try {
      return await credentialForToken(s, signedIn.token, c.req.param('id') ?? '');
    } catch (error) {
      if (error instanceof ApiError && error.code === 'not_found') return null;
      throw error;
    }
  };

  app.get('/console/credentials/:id', async (c) => {
    const p = contextOf(s, c);
    const signedIn = await session(c);
    if (!signedIn || signedIn === 'csrf') return toLogin(c, p);
    const record = await credentialOf(c, signedIn);
    if (!record) return notFound(c, p);
    const done = c.req.query('done');
    const notice = done === 'issued' ? p.m.issuedOk : done === 'wallet-withdrawn' ? p.m.walletWithdrawn : ACTIONS.includes(done as StatusAction) ? p.m.done[done as StatusAction] : undefined;
    const user = userOf(signedIn);
    return c.html(
      <CredentialDetailPage p={p} user={user} record={record} events={await s.store.credentialEvents(record.id)} notice={notice}>
        {await walletCardOf(s, p, user, record)}
      </CredentialDetailPage>,
    );
  });

  const actionOf = (c: Context): StatusAction | null => {
    const a = c.req.param('action');
    return ACTIONS.includes(a as StatusAction) ? (a as StatusAction) : null;
  };

  app.get('/console/credentials/:id/:action', async (c) => {
    const p = contextOf(s, c);
    const signedIn = await session(c);
    if (!signedIn || signedIn === 'csrf') return toLogin(c, p);
    const action = actionOf(c);
    const record = action && (await credentialOf(c, signedIn));
    if (!action || !record) return notFound(c, p);
    if (!hasScope(signedIn.token, 'revoke')) return forbidden(c, p);
    return c.html(<ConfirmPage p={p} user={userOf(signedIn)} record={record} action={action} />);
  });

  app.post('/console/credentials/:id/:action', formLimit, async (c) => {
    const p = contextOf(s, c);
    const form = await readForm(c);
    const signedIn = await session(c, form);
    if (signedIn === 'csrf') return csrfFailed(c, p);
    if (!signedIn) return toLogin(c, p);
    const action = actionOf(c);
    const record = action && (await credentialOf(c, signedIn));
    if (!action || !record) return notFound(c, p);
    const user = userOf(signedIn);
    if (!user.canRevoke) return forbidden(c, p);
    const reasonText = (form.reason ?? '').trim();
    const reason = (action === 'reinstate' ? multiLine(500).optional() : multiLine(500)).safeParse(reasonText || undefined);
    if (!reason.success) {
      return c.html(<ConfirmPage p={p} user={user} record={record} action={action} reason={reasonText} error={reason.error.issues[0]?.message ?? p.m.fixErrors} />, 400);
    }
    try {
      await applyStatusChange(s, record, action, reason.data ?? null, `token:${signedIn.token.id}`);
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'conflict')) throw error;
      const fresh = (await s.store.getCredential(record.id)) ?? record;
      return c.html(<CredentialDetailPage p={p} user={user} record={fresh} events={await s.store.credentialEvents(record.id)} error={`${p.m.conflict} (${error.message})`} />, 409);
    }
    return c.redirect(`${p.base}/console/credentials/${record.id}?done=${action}`, 303);
  });

  const issuable = async (signedIn: SignedIn) => (signedIn.token.role === 'admin' ? (await s.store.listInstitutes()).filter((i) => i.status === 'active') : []);

  app.get('/console/issue', async (c) => {
    const p = contextOf(s, c);
    const signedIn = await session(c);
    if (!signedIn || signedIn === 'csrf') return toLogin(c, p);
    if (!hasScope(signedIn.token, 'issue')) return forbidden(c, p);
    return c.html(<IssuePage p={p} user={userOf(signedIn)} values={{ type: 'Certificate' }} errors={{}} institutes={await issuable(signedIn)} />);
  });

  app.post('/console/issue', formLimit, async (c) => {
    const p = contextOf(s, c);
    const form = await readForm(c);
    const signedIn = await session(c, form);
    if (signedIn === 'csrf') return csrfFailed(c, p);
    if (!signedIn) return toLogin(c, p);
    const user = userOf(signedIn);
    if (!user.canIssue) return forbidden(c, p);
    const institutes = await issuable(signedIn);
    const { _csrf: _ignored, ...values } = form;
    const again = (errors: Record<string, string>, error?: string, status: 400 | 403 | 422 | 429 = 400) =>
      c.html(<IssuePage p={p} user={user} values={values} errors={errors} error={error} institutes={institutes} />, status);
    if (s.limits.issue.hit(`token:${signedIn.token.id}`) > 0) return again({}, p.m.tooMany, 429);
    const parsed = IssueRequestSchema.safeParse(issueRequestFromForm(values));
    if (!parsed.success) return again(fieldErrors(parsed.error));
    let institute;
    try {
      institute = await issuingInstitute(s, signedIn.token, signedIn.token.role === 'admin' ? values.institute || undefined : undefined);
    } catch (error) {
      if (error instanceof ApiError) return again({}, error.message, 403);
      throw error;
    }
    try {
      const issued = await issueCredential(s.issuer, institute, parsed.data, `token:${signedIn.token.id}`);
      return c.redirect(`${p.base}/console/credentials/${issued.record.id}?done=issued`, 303);
    } catch (error) {
      if (error instanceof IssueError) return again(error.field ? { [FIELD_OF[error.field] ?? 'form']: error.message } : {}, error.message, 422);
      throw error;
    }
  });

  app.get('/console/institutes', async (c) => {
    const p = contextOf(s, c);
    const signedIn = await session(c);
    if (!signedIn || signedIn === 'csrf') return toLogin(c, p);
    if (signedIn.token.role !== 'admin') return forbidden(c, p);
    const now = s.clock().getTime();
    const rows = await Promise.all(
      (await s.store.listInstitutes()).map(async (institute) => {
        const periods = await s.store.accreditations(institute.id);
        const accreditedNow = accreditedAt(periods, now);
        return { institute, periods, accreditedNow };
      }),
    );
    return c.html(<InstitutesPage p={p} user={userOf(signedIn)} rows={rows} />);
  });

  const kit = { session, userOf, issuable, toLogin, notFound, forbidden, csrfFailed };
  consoleCohortRoutes(app, s, kit);
  consoleWalletRoutes(app, s, kit);

  app.get('/console/*', (c) => notFound(c, contextOf(s, c)));
  return app;
}
