import type { CryptoProvider } from './provider.js';
import { randomBytes, toBase58, toHex, utf8 } from './encoding.js';

/** `sk_` + 32 random bytes in base58: what `ADMIN_TOKEN` generation and institute keys hand out. */
export const generateToken = (): string => `sk_${toBase58(randomBytes(32))}`;

/** The SHA-256 (hex) under which a token is stored and looked up; the token itself is never stored. */
export async function hashToken(token: string, crypto: CryptoProvider): Promise<string> {
  return toHex(await crypto.sha256(utf8(token)));
}
