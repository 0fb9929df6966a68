import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { qrPng } from './issuer/qr.js';
import { loadSigningKey } from './issuer/keys.js';
import { createKeyRing } from './issuer/key-ring.js';
import { toDateTimeStamp } from './schemas/dates.js';
import { ConfigError, loadConfig } from './schemas/config.js';
import { openSqliteStore } from './store/sqlite.js';
import { ensureAdminToken, ensureDatabaseDir, ensureDefaultInstitute, ensureInstituteKey } from './node/bootstrap.js';
import { nodeCryptoProvider } from './node/crypto.js';
import { readMigrations } from './node/migrations.js';
import { lookup } from 'node:dns/promises';
import { createRemoteFetcher } from './verifier/remote.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  ensureDatabaseDir(config.databasePath);
  const store = openSqliteStore(config.databasePath, readMigrations());
  const now = toDateTimeStamp(new Date());
  const crypto = nodeCryptoProvider;

  const institute = await ensureDefaultInstitute(store, config, now, say);
  const jwk = await ensureInstituteKey(config.keysDir, say);
  const key = await loadSigningKey(jwk, institute.did, crypto);
  await ensureAdminToken(store, config, crypto, now, say);

  const app = createApp({
    store,
    keys: createKeyRing([key]),
    crypto,
    clock: () => new Date(),
    publicUrl: config.publicUrl,
    qrPng,
    remoteFetch: createRemoteFetcher({
      ...config.remoteFetch,
      resolveHost: async (host) => (await lookup(host, { all: true })).map((a) => a.address),
    }),
    logError: (message, error) => console.error(message, error instanceof Error ? error.stack : error),
  });

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => {
    say(`skillcert is listening on http://${config.host}:${config.port} (public URL ${config.publicUrl})`);
    say(`Issuer ${institute.did}, key ${key.id}`);
  });
  const stop = () => {
    server.close(() => {
      void store.close().then(() => process.exit(0));
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`skillcert cannot start: ${error.message}`);
  } else {
    console.error(`skillcert cannot start: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
});
