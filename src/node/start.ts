import { lookup } from 'node:dns/promises';
import { createApp } from '../app.js';
import { fromBase64url } from '../crypto/encoding.js';
import { didKeyFromPublicKey } from '../crypto/multikey.js';
import { createKeyRing } from '../issuer/key-ring.js';
import { loadSigningKey } from '../issuer/keys.js';
import { qrPng } from '../issuer/qr.js';
import type { ServiceConfig } from '../schemas/config.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import { openSqliteStore } from '../store/sqlite.js';
import { createRemoteFetcher } from '../verifier/remote.js';
import { ensureAdminToken, ensureDatabaseDir, ensureDefaultInstitute, ensureInstituteKey, type Say } from './bootstrap.js';
import { nodeCryptoProvider } from './crypto.js';
import { readMigrations } from './migrations.js';

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

  const jwk = await ensureInstituteKey(config.keysDir, say);
  const didKey = didKeyFromPublicKey(fromBase64url(jwk.x));
  const institute = await ensureDefaultInstitute(store, config, didKey, now, say);
  // One key, two identifiers: did:web for everyday credentials, did:key for verifiers (and
  // conformance suites) that resolve nothing over the network.
  const key = await loadSigningKey(jwk, institute.did, crypto);
  const keyAsDidKey = await loadSigningKey(jwk, didKey, crypto);
  await ensureAdminToken(store, config, crypto, now, say);

  const app = createApp({
    store,
    keys: createKeyRing([key, keyAsDidKey]),
    crypto,
    clock,
    publicUrl: config.publicUrl,
    qrPng,
    vcApiOpen: config.vcApiAuth === 'none',
    remoteFetch: createRemoteFetcher({
      ...config.remoteFetch,
      resolveHost: async (host) => (await lookup(host, { all: true })).map((a) => a.address),
    }),
    logError: (message, error) => console.error(message, error instanceof Error ? error.stack : error),
  });
  return { app, store, institute, jwk, key, didKey };
}
