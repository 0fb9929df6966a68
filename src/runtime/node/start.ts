import { lookup } from 'node:dns/promises';
import { getConnInfo } from '@hono/node-server/conninfo';
import { readDeclaredBody } from './request-body.js';
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
import type { BatchControl } from '../../issuer/issue.js';
import { createLogger, pinoRequestLog } from './logger.js';
import { createMetrics } from './metrics.js';
import { openDatabaseOps, type DatabaseOps } from './database-ops.js';
import { clientOf, parseTrustProxy } from './trust-proxy.js';
import type { ReadyCheck } from '../../ops-ports.js';
import type { Logger } from 'pino';

/** What only a serving process has: its log, metrics, readiness, and its hold on batch runs. */
export interface Serving {
  logger: Logger;
  ops: DatabaseOps;
  batches: BatchControl & { stop(): void };
  /** Background jobs by name (scheduled backups): /ready fails while one is failing. */
  jobs: Map<string, { ok: boolean; message: string }>;
  /** Set once a shutdown has begun: /ready answers 503 so the load balancer stops sending. */
  stopping: boolean;
}
import { createBatchedCounter } from '../../insight/counter.js';
import { createWebhookDispatcher } from '../../webhooks/dispatch.js';

/** How often the Node server writes the insight counters it has added up. */
export const INSIGHT_FLUSH_MS = 5_000;

/**
 * Everything the Node server does before it listens: open SQLite (migrations applied), load
 * or generate the institute key, create or update the default institute, make sure an admin
 * token exists, and build the app.
 */
export async function startNode(config: ServiceConfig, say: Say, clock: () => Date = () => new Date(), options: { serve?: boolean } = {}) {
  const trust = parseTrustProxy(config.trustProxy);
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
  const abort = new AbortController();
  const serving: Serving | undefined = options.serve
    ? {
        logger: createLogger({ level: config.logLevel }),
        ops: openDatabaseOps(config.databasePath),
        batches: { signal: abort.signal, running: new Set(), stop: () => abort.abort() },
        jobs: new Map(),
        stopping: false,
      }
    : undefined;
  // A batch a killed (or stopped) process left half-issued finishes before anything new is served.
  await resumeBatches({ store, keys, crypto, clock, publicUrl: config.publicUrl, batches: serving?.batches }, say);
  const metrics = serving && createMetrics({ store, databasePath: config.databasePath, token: config.metricsToken });
  const migrations = readMigrations();
  const readiness = serving && (async (): Promise<ReadyCheck[]> => {
    const check = async (name: string, run: () => unknown): Promise<ReadyCheck> => {
      try {
        const problem = await run();
        return typeof problem === 'string' ? { name, ok: false, message: problem } : { name, ok: true, message: 'ok' };
      } catch (error) {
        return { name, ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    };
    return [
      await check('shutdown', () => (serving.stopping ? 'the service is shutting down' : null)),
      await check('database', () => serving.ops.checkWritable()),
      await check('migrations', () => {
        const gap = serving.ops.migrationGap(migrations);
        if (gap.missing.length) return `not applied: ${gap.missing.join(', ')}`;
        if (gap.unknown.length) return `the database has migrations this version does not know: ${gap.unknown.join(', ')}`;
        return null;
      }),
      await check('keys', async () => ((await keys.activeKey(institute.did)) ? null : 'the default institute has no usable signing key')),
      ...[...serving.jobs].map(([name, job]) => ({ name: `job:${name}`, ...job })),
    ];
  });

  const logError = (message: string, error: unknown) =>
    serving ? serving.logger.error({ err: error instanceof Error ? error : new Error(String(error)) }, message) : console.error(message, error instanceof Error ? error.stack : error);
  // Counts are written every few seconds, and once more at shutdown (server.ts), off every request's path.
  const insight = createBatchedCounter({ write: (increments) => store.addInsightCounts(increments), clock, onError: logError });
  const flushing = setInterval(() => void insight.flush(), INSIGHT_FLUSH_MS);
  flushing.unref();
  const stopInsight = async () => {
    clearInterval(flushing);
    await insight.flush();
  };
  // Whoever closes the store this process opened (the server, the CLI, a test) writes the counts
  // still pending first and stops the timer: a flush after the close lost them, with an error.
  const closeStore = store.close.bind(store);
  store.close = async () => {
    await stopInsight();
    await closeStore();
  };

  const resolveHost = async (host: string) => (await lookup(host, { all: true })).map((a) => a.address);
  const webhookPolicy = { allowLoopbackHttp: config.webhooks.allowLoopbackHttp, resolveHost };
  // One process serves this database: what a killed one was sending is sent again (same webhook-id).
  if (serving) await store.releaseWebhookLeases();
  const webhooks = createWebhookDispatcher({
    store, vault, clock, publicUrl: config.publicUrl, policy: webhookPolicy, timeoutMs: config.webhooks.timeoutMs, logError,
    onAttempt: metrics ? (result) => metrics.webhookAttempt?.(result) : undefined,
  });

  const app = createApp({
    store,
    keys,
    vault,
    insight,
    webhooks,
    webhookPolicy,
    rateLimits: config.rateLimits,
    walletOfferDays: config.walletOfferDays,
    ministryName: config.ministryName,
    trustedRegistries: config.trustedRegistries,
    // A request made in process (the CLI, tests) has no socket: it counts as 'local'. Behind
    // a proxy, only hops TRUST_PROXY names may say who the client is.
    clientAddress: (c) => {
      let socket: string;
      try {
        socket = getConnInfo(c).remote.address ?? 'unknown';
      } catch {
        return 'local';
      }
      return clientOf(trust, socket, (name) => c.req.header(name)).address;
    },
    readBodyText: readDeclaredBody,
    requestIsHttps: (c) => {
      try {
        return clientOf(trust, getConnInfo(c).remote.address ?? '', (name) => c.req.header(name)).https === true;
      } catch {
        return false;
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
      resolveHost,
    }),
    logError,
    // Every write to this database goes through this store or shows in SQLite's data_version:
    // the verification outcome of a stored credential can be kept until one of them changes it.
    cacheStoredVerification: true,
    externalChanges: store.externalChanges,
    log: serving && pinoRequestLog(serving.logger),
    metrics,
    readiness,
    batches: serving?.batches,
  });
  return { app, store, institute, jwk, key, didKey, serving, stopInsight, webhooks };
}
