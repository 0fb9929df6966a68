import type { MiddlewareHandler } from 'hono';
import type { CryptoProvider } from '../crypto/provider.js';
import { constantTimeEqual, utf8 } from '../crypto/encoding.js';
import { hashToken } from '../crypto/tokens.js';
import type { ApiScope, ApiToken, Store } from '../store/port.js';
import { ApiError } from './errors.js';


export interface AuthVariables {
  token: ApiToken;
}

/**
 * Requires `Authorization: Bearer <token>`. Tokens are looked up by SHA-256 and the stored
 * hash is compared in constant time, so neither the token nor its hash leaks by timing.
 */
export function requireToken(
  store: Store,
  crypto: CryptoProvider,
  clock: () => Date = () => new Date(),
): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+([\x21-\x7e]{1,512})$/i.exec(header.trim());
    if (!match) throw new ApiError('unauthorized', 'send Authorization: Bearer <token>');
    const hash = await hashToken(match[1] as string, crypto);
    const token = await store.findApiTokenByHash(hash);
    if (!token || token.revokedAt || !constantTimeEqual(utf8(token.tokenHash), utf8(hash))) {
      throw new ApiError('unauthorized', 'the token is not valid');
    }
    const now = clock();
    if (token.expiresAt && Date.parse(token.expiresAt) <= now.getTime()) throw new ApiError('unauthorized', 'the token has expired');
    // Last use is recorded at most once a minute per token, off the request's critical path.
    if (!token.lastUsedAt || now.getTime() - Date.parse(token.lastUsedAt) > 60_000) {
      await store.touchApiToken(token.id, now.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    }
    c.set('token', token);
    await next();
  };
}

/** Refuses a token without `scope` (403). The ministry's admin token has every scope. */
export function requireScope(scope: ApiScope): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    const token = c.get('token');
    if (token.role !== 'admin' && !token.scopes.includes(scope) && !token.scopes.includes('admin')) {
      throw new ApiError('forbidden', `this key lacks the "${scope}" scope`);
    }
    await next();
  };
}
