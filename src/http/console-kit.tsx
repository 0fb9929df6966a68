import type { Context, MiddlewareHandler } from 'hono';
import type { Services } from '../services.js';
import type { ApiScope, Institute } from '../store/port.js';
import { LoginPage, type ConsoleUser } from '../web/console-pages.js';
import { NotFoundPage, type PageContext } from '../web/layout.js';
import type { AppEnv } from './context.js';
import { bodyLimit } from './body-limit.js';
import { currentSession, hasScope, loginCsrf, sameSecret, type SignedIn } from './console-session.js';
import { pageHeaders, setResponseHeaders } from './page-headers.js';

/*
 * What the console's route files share (src/http/console-routes.tsx, console-cohort-routes.tsx):
 * the sign-in guard as middleware, the signed-in user as the pages show it, and the pages that
 * answer instead (sign in, not found, forbidden, a stale form).
 */

/** A console request past the sign-in guard: who is signed in and, for a POST, the form it sent. */
export type ConsoleEnv = { Variables: AppEnv['Variables'] & { signedIn: SignedIn; form: Record<string, string> } };

export const MAX_FORM = 64 * 1024;

/** Console pages are never cached: they show a signed-in user's data. */
export const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  setResponseHeaders(c, { 'Cache-Control': 'no-store' });
};

export { pageHeaders };

export const formLimit = bodyLimit({ maxSize: MAX_FORM, onError: (c) => c.text('the form is too large', 413) });

/** A posted form's text fields (a file field, if any, is left out). */
export async function readForm(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody().catch(() => ({}));
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export const toLogin = (c: Context, p: PageContext) => c.redirect(`${p.base}/console/login`, 303);
export const notFound = (c: Context, p: PageContext) => c.html(<NotFoundPage p={p} />, 404);
export const forbidden = (c: Context, p: PageContext) => c.html(<NotFoundPage p={p} />, 403);

export function consoleKit(s: Services) {
  const userOf = (signedIn: SignedIn): ConsoleUser => ({
    label: signedIn.token.label,
    isMinistry: signedIn.token.role === 'admin',
    csrf: signedIn.session.csrf,
    canIssue: hasScope(signedIn.token, 'issue'),
    canRevoke: hasScope(signedIn.token, 'revoke'),
    canAdmin: hasScope(signedIn.token, 'admin'),
  });

  const csrfFailed = (c: Context, p: PageContext) => c.html(<LoginPage p={p} csrf={loginCsrf(s, c)} error={p.m.csrfFailed} />, 403);

  /** The institutes the ministry may pick to issue for (an institute's key issues for its own only). */
  const issuable = async (signedIn: SignedIn): Promise<Institute[]> =>
    signedIn.token.role === 'admin' ? (await s.store.listInstitutes()).filter((i) => i.status === 'active') : [];

  /**
   * The sign-in guard, as middleware: without a live session the sign-in page answers; a POST
   * whose form does not carry the session's CSRF token is refused (403); with `scope`, a key
   * lacking it is refused (403). Past it, `signedIn` (and for a POST, `form`) are set.
   */
  const signedInOnly = (scope?: ApiScope): MiddlewareHandler<ConsoleEnv> => async (c, next) => {
    const p = c.get('page');
    const signedIn = await currentSession(s, c);
    const form = c.req.method === 'POST' ? await readForm(c) : undefined;
    if (signedIn && form && !sameSecret(form._csrf ?? '', signedIn.session.csrf)) return csrfFailed(c, p);
    if (!signedIn) return toLogin(c, p);
    if (scope && !hasScope(signedIn.token, scope)) return forbidden(c, p);
    c.set('signedIn', signedIn);
    c.set('form', form ?? {});
    await next();
  };

  return { userOf, csrfFailed, issuable, signedInOnly };
}
