import type { MiddlewareHandler } from 'hono';
import type { CryptoProvider } from '../crypto/provider.js';
import { constantTimeEqual, randomBytes, toBase58, toHex, utf8 } from '../crypto/encoding.js';
import type { ApiToken, Store } from '../store/port.js';
import { ApiError } from './errors.js';

/** `sk_` + 32 random bytes in base58: what `ADMIN_TOKEN` generation and institute keys hand out. */
export const generateToken = (): string => `sk_${toBase58(randomBytes(32))}`;

export async function hashToken(token: string, crypto: CryptoProvider): Promise<string> {
  return toHex(await crypto.sha256(utf8(token)));
}

export interface AuthVariables {
  token: ApiToken;
}

/**
 * Requires `Authorization: Bearer <token>`. Tokens are looked up by SHA-256 and the stored
 * hash is compared in constant time, so neither the token nor its hash leaks by timing.
 */
export function requireToken(store: Store, crypto: CryptoProvider): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+([\x21-\x7e]{1,512})$/i.exec(header.trim());
    if (!match) throw new ApiError('unauthorized', 'send Authorization: Bearer <token>');
    const hash = await hashToken(match[1] as string, crypto);
    const token = await store.findApiTokenByHash(hash);
    if (!token || token.revokedAt || !constantTimeEqual(utf8(token.tokenHash), utf8(hash))) {
      throw new ApiError('unauthorized', 'the token is not valid');
    }
    c.set('token', token);
    await next();
  };
}
