import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CryptoProvider, PrivateKeyJwk } from '../crypto/provider.js';
import { randomId } from '../crypto/encoding.js';
import { generateToken, hashToken } from '../http/auth.js';
import { didWebFromUrl } from '../issuer/did.js';
import { generateKeyJwk, isPrivateKeyJwk } from '../issuer/keys.js';
import type { ServiceConfig } from '../schemas/config.js';
import type { Institute, Store } from '../store/port.js';
import { fromBase64url, toBase64url, randomBytes } from '../crypto/encoding.js';
import { createIssuerKey } from '../issuer/key-ring.js';
import type { KeyVault } from '../issuer/key-vault.js';

export type Say = (line: string) => void;

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

/** Creates the default institute at first start; later starts keep it in step with the environment. */
export async function ensureDefaultInstitute(store: Store, config: ServiceConfig, didKey: string, now: string, say: Say): Promise<Institute> {
  const did = didWebFromUrl(config.publicUrl);
  const { name, nameKm, url } = config.institute;
  const existing = await store.getDefaultInstitute();
  if (!existing) {
    const institute: Institute = {
      id: randomId(), slug: 'default', name, nameKm, url: url ?? null, did, didKey, isDefault: true, createdAt: now,
      contact: null, programmes: [], status: 'active',
    };
    await store.createInstitute(institute, { at: now, actor: 'system', instituteId: institute.id, action: 'institute.create', target: did, details: { slug: 'default', name } });
    // The institute the service starts with is accredited from its creation, so a single-
    // institute deployment verifies as "accredited" out of the box.
    await store.addAccreditation(
      { instituteId: institute.id, validFrom: now, validUntil: null, programmes: [], createdAt: now },
      { at: now, actor: 'system', instituteId: institute.id, action: 'institute.accredit', target: did, details: { validFrom: now } },
    );
    say(`Created the institute "${name}" as ${did}.`);
    return institute;
  }
  const updated: Institute = { ...existing, name, nameKm, url: url ?? null, did, didKey };
  if (existing.did !== did) {
    say(`Warning: PUBLIC_URL changed the issuer DID from ${existing.did} to ${did}; credentials signed under the old DID no longer resolve here.`);
  }
  if (JSON.stringify(updated) !== JSON.stringify(existing)) await store.updateInstitute(updated);
  return updated;
}

/**
 * Makes sure an admin token exists: ADMIN_TOKEN when set, else one generated once, written
 * to KEYS_DIR/admin-token (mode 0600) and printed once. Only its hash goes in the database.
 */
export async function ensureAdminToken(store: Store, config: ServiceConfig, crypto: CryptoProvider, now: string, say: Say): Promise<void> {
  const save = async (token: string, source: 'env' | 'generated') => {
    const tokenHash = await hashToken(token, crypto);
    const existing = await store.findApiTokenByHash(tokenHash);
    if (existing && !existing.revokedAt) return;
    await store.revokeApiTokens({ role: 'admin', source }, now);
    await store.saveApiToken({
      id: randomId(), tokenHash, role: 'admin', instituteId: null, label: `admin (${source})`, source, createdAt: now, revokedAt: null,
      scopes: ['issue', 'revoke', 'admin'], expiresAt: null, lastUsedAt: null,
    });
  };
  if (config.adminToken) {
    await store.revokeApiTokens({ role: 'admin', source: 'generated' }, now);
    await save(config.adminToken, 'env');
    return;
  }
  await store.revokeApiTokens({ role: 'admin', source: 'env' }, now);
  const path = resolve(join(config.keysDir, 'admin-token'));
  if (existsSync(path)) {
    const token = readFileSync(path, 'utf8').trim();
    if (token.length < 24) throw new Error(`${path} does not hold a token; delete it to generate a new one`);
    await save(token, 'generated');
    return;
  }
  const token = generateToken();
  writePrivateFile(path, `${token}\n`);
  await save(token, 'generated');
  say(`Generated an admin token (shown once; also in ${path}, mode 0600):\n\n    ${token}\n`);
}

export function ensureDatabaseDir(databasePath: string): void {
  if (databasePath !== ':memory:') mkdirSync(dirname(resolve(databasePath)), { recursive: true });
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

/** Makes sure `did` has a key in the store: the given one (imported) or a new one. */
export async function ensureStoredKey(
  store: Store,
  vault: KeyVault,
  params: { controller: string; owner: string; now: string },
  jwk?: PrivateKeyJwk,
): Promise<void> {
  if ((await store.issuerKeys(params.controller)).length > 0) return;
  await createIssuerKey(store, vault, {
    ...params,
    audit: { at: params.now, actor: 'system', instituteId: params.owner === 'ministry' ? null : params.owner, action: 'key.create', target: params.controller },
  }, jwk);
}
