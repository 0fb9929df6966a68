import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CryptoProvider, PrivateKeyJwk } from '../../crypto/provider.js';
import { randomId } from '../../crypto/encoding.js';
import { generateToken, hashToken } from '../../http/auth.js';
import { generateKeyJwk, isPrivateKeyJwk } from '../../issuer/keys.js';
import type { ServiceConfig } from './config.js';
import type { Store } from '../../store/port.js';
import { fromBase64url, toBase64url, randomBytes } from '../../crypto/encoding.js';

// The runtime-agnostic steps live in ../issuer/bootstrap.ts, shared with the Worker.
export { ensureDefaultInstitute, ensureStoredKey, type Say } from '../../issuer/bootstrap.js';
import { ensureEnvAdminToken, type Say } from '../../issuer/bootstrap.js';

const PRIVATE = 0o600;

function writePrivateFile(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, content, { mode: PRIVATE, flag: 'wx' });
  chmodSync(path, PRIVATE);
}

/** Loads the default institute's private key from KEYS_DIR, generating it on first start. */
export async function ensureInstituteKey(keysDir: string, say: Say): Promise<PrivateKeyJwk> {
  const path = resolve(join(keysDir, 'default-institute.private.jwk.json'));
  if (!existsSync(path)) {
    const jwk = await generateKeyJwk();
    writePrivateFile(path, `${JSON.stringify(jwk)}\n`);
    say(`Generated the institute's Ed25519 signing key in ${path} (mode 0600). Back it up; never commit it.`);
    return jwk;
  }
  if ((statSync(path).mode & 0o077) !== 0) say(`Warning: ${path} is readable by other users; run chmod 600 on it.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new Error(`${path} is not valid JSON; restore it from a backup`);
  }
  if (!isPrivateKeyJwk(parsed)) throw new Error(`${path} does not hold an Ed25519 private JWK`);
  return { kty: 'OKP', crv: 'Ed25519', x: parsed.x, d: parsed.d };
}

/**
 * Makes sure an admin token exists: ADMIN_TOKEN when set, else one generated once, written
 * to KEYS_DIR/admin-token (mode 0600) and printed once. Only its hash goes in the database.
 */
export async function ensureAdminToken(store: Store, config: ServiceConfig, crypto: CryptoProvider, now: string, say: Say): Promise<void> {
  // ADMIN_TOKEN: the rule the Worker follows too (a revoked one is refused with a clear error).
  if (config.adminToken) return ensureEnvAdminToken(store, config.adminToken, crypto, now);
  await store.revokeApiTokens({ role: 'admin', source: 'env' }, now);
  const path = resolve(join(config.keysDir, 'admin-token'));
  if (existsSync(path)) {
    const token = readFileSync(path, 'utf8').trim();
    if (token.length < 24) throw new Error(`${path} does not hold a token; delete it to generate a new one`);
    const existing = await store.findApiTokenByHash(await hashToken(token, crypto));
    if (existing && !existing.revokedAt) return;
    // A token revoked meanwhile (an ADMIN_TOKEN set since, or an admin's revocation) is not
    // brought back: a new one is generated in its place.
    if (!existing) {
      await saveGeneratedToken(store, await hashToken(token, crypto), now);
      return;
    }
    rmSync(path);
  }
  const token = generateToken();
  writePrivateFile(path, `${token}\n`);
  await saveGeneratedToken(store, await hashToken(token, crypto), now);
  say(`Generated an admin token (shown once; also in ${path}, mode 0600):\n\n    ${token}\n`);
}

async function saveGeneratedToken(store: Store, tokenHash: string, now: string): Promise<void> {
  await store.revokeApiTokens({ role: 'admin', source: 'generated' }, now);
  await store.saveApiToken({
    id: randomId(), tokenHash, role: 'admin', instituteId: null, label: 'admin (generated)', source: 'generated', createdAt: now, revokedAt: null,
    scopes: ['issue', 'revoke', 'admin'], expiresAt: null, lastUsedAt: null,
  });
}

/** Creates the database's folder, 0700 (a folder that exists is left as it is: the files in it are 0600). */
export function ensureDatabaseDir(databasePath: string): void {
  if (databasePath !== ':memory:') mkdirSync(dirname(resolve(databasePath)), { recursive: true, mode: 0o700 });
}

/**
 * The key-encryption key that seals private keys in the database: KEY_ENCRYPTION_KEY
 * (32 bytes, base64url) when set, else KEYS_DIR/kek, generated once (mode 0600). Losing it
 * means losing every key in the database: back it up apart from the database.
 */
export function ensureKek(config: ServiceConfig, say: Say): Uint8Array {
  if (config.keyEncryptionKey) return config.keyEncryptionKey;
  const path = resolve(join(config.keysDir, 'kek'));
  if (!existsSync(path)) {
    writePrivateFile(path, `${toBase64url(randomBytes(32))}\n`);
    say(`Generated the key-encryption key in ${path} (mode 0600). Back it up apart from the database.`);
  }
  const kek = fromBase64url(readFileSync(path, 'utf8').trim());
  if (kek.length !== 32) throw new Error(`${path} must hold 32 bytes in base64url`);
  return kek;
}
