import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Services } from '../services.js';
import { issuingInstitute } from '../domain/tenancy.js';
import { changeStatus, credentialForToken } from '../domain/status-change.js';
import { issueCredential, IssueError } from '../issuer/issue.js';
import { IssueRequestSchema } from '../schemas/issue-request.js';
import { multiLine } from '../schemas/text.js';
import type { CredentialRecord, StatusAction } from '../store/port.js';
import { createRateLimiter } from './rate-limit.js';
import {
  ACTIONS, ConfirmPage, CredentialDetailPage, CredentialListPage, InstitutesPage, IssuePage, LoginPage, type IssueFormValues,
} from '../web/console-pages.js';
import { accreditedAt } from '../verifier/accreditation.js';
import { apiCodeOf } from './domain-errors.js';
import { statusOf } from './errors.js';
import { consoleKit, forbidden, formLimit, notFound, readForm, toLogin, type ConsoleEnv } from './console-kit.js';
import { walletCardOf } from './wallet-card.js';
import {
  LOGIN_CSRF_COOKIE, closeSession, currentSession, hashSecret, liveToken, loginCsrf, openSession, sameSecret, type SignedIn,
} from './console-session.js';

const PAGE_SIZE = 20;

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

/**
 * The institute console: sign in with an API key, list and search credentials, issue one,
 * revoke/suspend/reinstate with a reason after a confirmation step; the ministry also sees
 * every institute and its accreditation. Every form carries the session's CSRF token, which
 * the sign-in guard (src/http/console-kit.tsx) checks before any handler runs.
 */
export function consoleRoutes(s: Services): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const logins = createRateLimiter({ limit: 10, windowMs: 60_000, clock: s.clock });
  const { userOf, csrfFailed, issuable, signedInOnly } = consoleKit(s);
  const signedIn = signedInOnly();

  app.get('/console', async (c) => {
    const p = c.get('page');
    return (await currentSession(s, c)) ? c.redirect(`${p.base}/console/credentials`, 303) : toLogin(c, p);
  });

  app.get('/console/login', async (c) => {
    const p = c.get('page');
    if (await currentSession(s, c)) return c.redirect(`${p.base}/console/credentials`, 303);
    return c.html(<LoginPage p={p} csrf={loginCsrf(s, c)} />);
  });

  app.post('/console/login', formLimit, async (c) => {
    const p = c.get('page');
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

  app.post('/console/logout', formLimit, signedIn, async (c) => {
    await closeSession(s, c, c.get('signedIn').session);
    return toLogin(c, c.get('page'));
  });

  app.get('/console/credentials', signedIn, async (c) => {
    const p = c.get('page');
    const who = c.get('signedIn');
    const search = (c.req.query('q') ?? '').slice(0, 200);
    const page = Math.max(1, Math.min(100_000, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
    const { credentials, total } = await s.store.listCredentials({
      instituteId: who.token.instituteId, search, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE,
    });
    return c.html(<CredentialListPage p={p} user={userOf(who)} search={search} page={page} pageSize={PAGE_SIZE} total={total} credentials={credentials} />);
  });

  /** The credential in the path, if this key's institute issued it (the ministry sees all). */
  const credentialOf = async (c: Context, who: SignedIn): Promise<CredentialRecord | null> => {
    const found = await credentialForToken(s.store, who.token, c.req.param('id') ?? '');
    return found.ok ? found.value : null;
  };

  app.get('/console/credentials/:id', signedIn, async (c) => {
    const p = c.get('page');
    const who = c.get('signedIn');
    const record = await credentialOf(c, who);
    if (!record) return notFound(c, p);
    const done = c.req.query('done');
    const notice = done === 'issued' ? p.m.issuedOk : done === 'wallet-withdrawn' ? p.m.walletWithdrawn : ACTIONS.includes(done as StatusAction) ? p.m.done[done as StatusAction] : undefined;
    const user = userOf(who);
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

  app.get('/console/credentials/:id/:action', signedIn, async (c) => {
    const p = c.get('page');
    const who = c.get('signedIn');
    const action = actionOf(c);
    const record = action && (await credentialOf(c, who));
    if (!action || !record) return notFound(c, p);
    const user = userOf(who);
    if (!user.canRevoke) return forbidden(c, p);
    return c.html(<ConfirmPage p={p} user={user} record={record} action={action} />);
  });

  app.post('/console/credentials/:id/:action', formLimit, signedIn, async (c) => {
    const p = c.get('page');
    const who = c.get('signedIn');
    const form = c.get('form');
    const action = actionOf(c);
    const record = action && (await credentialOf(c, who));
    if (!action || !record) return notFound(c, p);
    const user = userOf(who);
    if (!user.canRevoke) return forbidden(c, p);
    const reasonText = (form.reason ?? '').trim();
    const reason = (action === 'reinstate' ? multiLine(500).optional() : multiLine(500)).safeParse(reasonText || undefined);
    if (!reason.success) {
      return c.html(<ConfirmPage p={p} user={user} record={record} action={action} reason={reasonText} error={reason.error.issues[0]?.message ?? p.m.fixErrors} />, 400);
    }
    const changed = await changeStatus(s, record, action, reason.data ?? null, `token:${who.token.id}`);
    if (!changed.ok) {
      const fresh = (await s.store.getCredential(record.id)) ?? record;
      return c.html(<CredentialDetailPage p={p} user={user} record={fresh} events={await s.store.credentialEvents(record.id)} error={`${p.m.conflict} (${changed.refusal.message})`} />, 409);
    }
    return c.redirect(`${p.base}/console/credentials/${record.id}?done=${action}`, 303);
  });

  app.get('/console/issue', signedIn, async (c) => {
    const p = c.get('page');
    const who = c.get('signedIn');
    const user = userOf(who);
    if (!user.canIssue) return forbidden(c, p);
    return c.html(<IssuePage p={p} user={user} values={{ type: 'Certificate' }} errors={{}} institutes={await issuable(who)} />);
  });

  app.post('/console/issue', formLimit, signedIn, async (c) => {
    const p = c.get('page');
    const who = c.get('signedIn');
    const user = userOf(who);
    if (!user.canIssue) return forbidden(c, p);
    const institutes = await issuable(who);
    const { _csrf: _ignored, ...values } = c.get('form');
    const again = (errors: Record<string, string>, error?: string, status: 400 | 403 | 422 | 429 | 503 = 400) =>
      c.html(<IssuePage p={p} user={user} values={values} errors={errors} error={error} institutes={institutes} />, status);
    if (s.limits.issue.hit(`token:${who.token.id}`) > 0) return again({}, p.m.tooMany, 429);
    const parsed = IssueRequestSchema.safeParse(issueRequestFromForm(values));
    if (!parsed.success) return again(fieldErrors(parsed.error));
    const institute = await issuingInstitute(s.store, who.token, s.clock(), who.token.role === 'admin' ? values.institute || undefined : undefined);
    if (!institute.ok) return again({}, institute.refusal.message, 403);
    try {
      const issued = await issueCredential(s.issuer, institute.value, parsed.data, `token:${who.token.id}`);
      return c.redirect(`${p.base}/console/credentials/${issued.record.id}?done=issued`, 303);
    } catch (error) {
      if (!(error instanceof IssueError)) throw error;
      // The status the API answers for the same refusal (src/http/domain-errors.ts): no signing key is a 503.
      const status = statusOf(apiCodeOf(error.code)) as 400 | 422 | 503;
      return again(error.field ? { [FIELD_OF[error.field] ?? 'form']: error.message } : {}, error.message, status);
    }
  });

  app.get('/console/institutes', signedIn, async (c) => {
    const p = c.get('page');
    const who = c.get('signedIn');
    if (who.token.role !== 'admin') return forbidden(c, p);
    const now = s.clock().getTime();
    const rows = await Promise.all(
      (await s.store.listInstitutes()).map(async (institute) => {
        const periods = await s.store.accreditations(institute.id);
        const accreditedNow = accreditedAt(periods, now);
        return { institute, periods, accreditedNow };
      }),
    );
    return c.html(<InstitutesPage p={p} user={userOf(who)} rows={rows} />);
  });

  app.get('/console/*', (c) => notFound(c, c.get('page')));
  return app;
}
