import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Services } from '../services.js';
import { constantTimeEqual, randomBytes, toBase58, toHex, utf8 } from '../crypto/encoding.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import type { ApiScope, ApiToken, ConsoleSession } from '../store/port.js';

/*
 * Console sessions are kept server-side (console_sessions): the cookie holds only a random
 * id, the store keeps its SHA-256. Server-side rather than a signed cookie because signing
 * out, and revoking or expiring the API key a session was opened with, must end it at once,
 * and because the service has no cookie-signing secret to manage. Each session carries its
 * own CSRF token, which every console form posts back.
 */

export const SESSION_COOKIE = 'sc_session';
export const LOGIN_CSRF_COOKIE = 'sc_login_csrf';
export const SESSION_HOURS = 8;

const sha256Hex = async (s: Services, text: string) => toHex(await s.crypto.sha256(utf8(text)));
const cookiePath = (s: Services) => `${new URL(s.publicUrl).pathname.replace(/\/+$/, '')}/console`;
const secure = (s: Services, c: Context) =>
  s.publicUrl.startsWith('https:') || new URL(c.req.url).protocol === 'https:' || (s.requestIsHttps?.(c) ?? false);

export const newSecret = (): string => toBase58(randomBytes(32));

/** Equal strings, compared in constant time. */
export const sameSecret = (a: string, b: string): boolean => a.length > 0 && constantTimeEqual(utf8(a), utf8(b));

export interface SignedIn {
  session: ConsoleSession;
  token: ApiToken;
}

/** The API key a pasted secret names, if it is live (not revoked, not expired). */
export async function liveToken(s: Services, tokenHash: string): Promise<ApiToken | null> {
  const token = await s.store.findApiTokenByHash(tokenHash);
  if (!token || token.revokedAt || !constantTimeEqual(utf8(token.tokenHash), utf8(tokenHash))) return null;
  if (token.expiresAt && Date.parse(token.expiresAt) <= s.clock().getTime()) return null;
  return token;
}

/** Opens a session for a live key and sets its cookie (httpOnly, SameSite=Strict, Secure over https). */
export async function openSession(s: Services, c: Context, token: ApiToken): Promise<void> {
  const now = s.clock();
  await s.store.deleteExpiredSessions(toDateTimeStamp(now));
  const id = newSecret();
  await s.store.saveSession({
    idHash: await sha256Hex(s, id),
    tokenHash: token.tokenHash,
    csrf: newSecret(),
    createdAt: toDateTimeStamp(now),
    expiresAt: toDateTimeStamp(new Date(now.getTime() + SESSION_HOURS * 3_600_000)),
  });
  setCookie(c, SESSION_COOKIE, id, { path: cookiePath(s), httpOnly: true, sameSite: 'Strict', secure: secure(s, c), maxAge: SESSION_HOURS * 3600 });
  deleteCookie(c, LOGIN_CSRF_COOKIE, { path: cookiePath(s) });
}

/** The request's session and its key, or null when there is none, it expired, or the key died. */
export async function currentSession(s: Services, c: Context): Promise<SignedIn | null> {
  const id = getCookie(c, SESSION_COOKIE);
  if (!id || id.length > 100) return null;
  const session = await s.store.getSession(await sha256Hex(s, id), toDateTimeStamp(s.clock()));
  if (!session) return null;
  const token = await liveToken(s, session.tokenHash);
  return token ? { session, token } : null;
}

export async function closeSession(s: Services, c: Context, session: ConsoleSession): Promise<void> {
  await s.store.deleteSession(session.idHash);
  deleteCookie(c, SESSION_COOKIE, { path: cookiePath(s), secure: secure(s, c), httpOnly: true, sameSite: 'Strict' });
}

/** The sign-in form's CSRF token: a double-submit cookie, as there is no session yet. */
export function loginCsrf(s: Services, c: Context): string {
  const existing = getCookie(c, LOGIN_CSRF_COOKIE);
  if (existing && /^[1-9A-HJ-NP-Za-km-z]{20,60}$/.test(existing)) return existing;
  const fresh = newSecret();
  setCookie(c, LOGIN_CSRF_COOKIE, fresh, { path: cookiePath(s), httpOnly: true, sameSite: 'Strict', secure: secure(s, c), maxAge: 3600 });
  return fresh;
}

export const hashSecret = sha256Hex;

/** Whether a key may do what the API's requireScope would let it. */
export const hasScope = (token: ApiToken, scope: ApiScope): boolean =>
  token.role === 'admin' || token.scopes.includes(scope) || token.scopes.includes('admin');
