import { lookup } from 'node:dns/promises';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from '../../app.js';
import { fromBase64url } from '../../crypto/encoding.js';
import { didKeyFromPublicKey } from '../../crypto/multikey.js';
import { createStoreKeyRing } from '../../issuer/key-ring.js';
import type { SigningKey } from '../../issuer/keys.js';
import { createKeyVault } from '../../issuer/key-vault.js';
import { checkPublicUrl, localPublicUrlWarning, moveToPublicUrl, type DidChange } from '../../issuer/did-change.js';
import { ministryDid } from '../../issuer/did.js';
import { qrPng } from './qr-png.js';
import type { ServiceConfig } from './config.js';
import { toDateTimeStamp } from '../../schemas/dates.js';
import { openSqliteStore } from './sqlite.js';
import { createRemoteFetcher } from '../../verifier/remote.js';
import { ensureAdminToken, ensureDatabaseDir, ensureDefaultInstitute, ensureInstituteKey, ensureKek, ensureStoredKey, type Say } from './bootstrap.js';
import { nodeCryptoProvider } from './crypto.js';
import { readMigrations } from './migrations.js';
import { nodePackageAssets } from './assets.js';
import { createShareCardRenderer, createSvgRenderer } from './share-card-png.js';
import { resumeBatches } from '../../batch/run.js';

/**
 * Everything the Node server does before it listens: open SQLite (migrations applied), load
 * or generate the institute key, create or update the default institute, make sure an admin
 * token exists, and build the app.
 */
export async function startNode(config: ServiceConfig, say: Say, clock: () => Date = () => new Date()) {
  ensureDatabaseDir(config.databasePath);
  const store = openSqliteStore(config.databasePath, readMigrations());
  const now = toDateTimeStamp(clock());
  const crypto = nodeCryptoProvider;
  const localUrl = localPublicUrlWarning(config.publicUrl);
  if (localUrl) say(localUrl);
  // Before anything is written: an unconfirmed change of the issuer's DID stops the start here.
  let didChange: DidChange | null;
  try {
    didChange = await checkPublicUrl(store, config.publicUrl, config.publicUrlChangeConfirmed ?? false);
  } catch (error) {
    await store.close();
    throw error;
  }
  if (!didChange && config.publicUrlChangeConfirmed) say('PUBLIC_URL_CHANGE=confirm is set, but PUBLIC_URL did not change the issuer; remove it.');

  const vault = await createKeyVault(ensureKek(config, say));
  if (didChange) await moveToPublicUrl(store, vault, didChange, now, say);
  const jwk = await ensureInstituteKey(config.keysDir, say);
  const didKey = didKeyFromPublicKey(fromBase64url(jwk.x));
  const institute = await ensureDefaultInstitute(store, config, didKey, now, say);
  // The default institute's first key comes from KEYS_DIR (so it survives a lost database);
  // rotated keys and other institutes' keys live sealed in the database.
  await ensureStoredKey(store, vault, { controller: institute.did, owner: institute.id, now }, jwk);
  await ensureStoredKey(store, vault, { controller: ministryDid(config.publicUrl), owner: 'ministry', now });
  await ensureAdminToken(store, config, crypto, now, say);
  const keys = createStoreKeyRing({ store, vault, crypto });
  const key = (await keys.activeKey(institute.did)) as SigningKey;
  // A batch a killed process left half-issued finishes before anything new is served.
  await resumeBatches({ store, keys, crypto, clock, publicUrl: config.publicUrl }, say);

  const app = createApp({
    store,
    keys,
    vault,
    rateLimits: config.rateLimits,
    ministryName: config.ministryName,
    trustedRegistries: config.trustedRegistries,
    // A request made in process (the CLI, tests) has no socket: it counts as 'local'.
    clientAddress: (c) => {
      try {
        return getConnInfo(c).remote.address ?? 'unknown';
      } catch {
        return 'local';
      }
    },
    crypto,
    clock,
    publicUrl: config.publicUrl,
    qrPng,
    shareCardPng: createShareCardRenderer(),
    svgPng: createSvgRenderer(),
    packageAsset: nodePackageAssets(),
    vcApiOpen: config.vcApiAuth === 'none',
    remoteFetch: createRemoteFetcher({
      ...config.remoteFetch,
      resolveHost: async (host) => (await lookup(host, { all: true })).map((a) => a.address),
    }),
    logError: (message, error) => console.error(message, error instanceof Error ? error.stack : error),
  });
  return { app, store, institute, jwk, key, didKey };
}
