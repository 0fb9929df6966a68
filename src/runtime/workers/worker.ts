import type { Hono } from 'hono';
import { consoleJsonLog } from '../../http/request-log.js';
import { createApp } from '../../app.js';
import type { AppEnv } from '../../http/context.js';
import { fromBase64url, randomId } from '../../crypto/encoding.js';
import { didKeyFromPublicKey } from '../../crypto/multikey.js';
import { webCryptoProvider } from '../../crypto/provider.js';
import { errorBody } from '../../http/errors.js';
import { ensureDefaultInstitute, ensureEnvAdminToken, ensureStoredKey, type Say } from '../../issuer/bootstrap.js';
import { didWebFromUrl, ministryDid } from '../../issuer/did.js';
import { checkPublicUrl, localPublicUrlWarning, moveToPublicUrl } from '../../issuer/did-change.js';
import { createStoreKeyRing } from '../../issuer/key-ring.js';
import { createKeyVault } from '../../issuer/key-vault.js';
import { generateKeyJwk } from '../../issuer/keys.js';
import { loadWorkerConfig, type WorkerConfig } from './config.js';
import { ConfigError } from '../../schemas/env.js';
import { toDateTimeStamp } from '../../schemas/dates.js';
import { openD1Store, type D1Database } from './d1.js';
import type { Store } from '../../store/port.js';
import { createRemoteFetcher } from '../../verifier/remote.js';
import { workerPackageAssets } from './assets.js';
import { resumeBatches } from '../../batch/run.js';
import type { IssuerDeps } from '../../issuer/issue.js';
import { createBatchedCounter, type InsightCounter } from '../../insight/counter.js';
import { createWebhookDispatcher, type WebhookDispatcher } from '../../webhooks/dispatch.js';

/*
 * The Cloudflare Workers entry: the same createApp(deps) as the Node server (src/runtime/node/server.ts),
 * over D1 and Web Crypto. Configuration comes from `env` (wrangler.toml [vars] and secrets),
 * validated once per isolate. The first request of an isolate runs the bootstrap that the
 * Node server runs before it listens; every step of it is idempotent, so isolates starting
 * together converge on one institute, one key per DID and one admin token.
 *
 * Not here: a QR PNG (qrcode's browser build, which workerd gets, has no PNG encoder), so
 * deps.qrPng is absent and /qr.png answers that this runtime serves SVG only.
 */

/** The bindings the Worker reads: D1 as DB, the rest strings (see WorkerEnvSchema). */
export interface WorkerEnv {
  DB: D1Database;
  [name: string]: unknown;
}

const BOOT_ATTEMPTS = 3;

/** Creates or loads what the service needs in D1 (see src/runtime/node/start.ts for the Node twin). */
async function bootstrap(store: Store, config: WorkerConfig, now: string, say: Say) {
  const vault = await createKeyVault(config.keyEncryptionKey);
  const localUrl = localPublicUrlWarning(config.publicUrl);
  if (localUrl) say(localUrl);
  // The Node server's rule: a PUBLIC_URL that changes the issuer's DID is refused (every
  // request answers "could not start") unless PUBLIC_URL_CHANGE=confirm; then it is moved to.
  const didChange = await checkPublicUrl(store, config.publicUrl, config.publicUrlChangeConfirmed);
  if (didChange) await moveToPublicUrl(store, vault, didChange, now, say);
  const did = didWebFromUrl(config.publicUrl);
  // The key already in D1 wins over INSTITUTE_PRIVATE_JWK: the secret seeds the first start
  // (to carry the Node server's identity over); rotation afterwards happens in the store.
  const stored = (await store.issuerKeys(did)).find((k) => k.status === 'active');
  const jwk = stored ? undefined : (config.instituteKey ?? (await generateKeyJwk()));
  const didKey = didKeyFromPublicKey(fromBase64url(stored?.publicX ?? (jwk as { x: string }).x));
  const institute = await ensureDefaultInstitute(store, config, didKey, now, say);
  await ensureStoredKey(store, vault, { controller: institute.did, owner: institute.id, now }, jwk);
  await ensureStoredKey(store, vault, { controller: ministryDid(config.publicUrl), owner: 'ministry', now });
  await ensureEnvAdminToken(store, config.adminToken, webCryptoProvider, now);
  return { vault, institute };
}

interface Booted {
  app: Hono<AppEnv>;
  webhooks: WebhookDispatcher;
  outboxWrites: () => number;
  insight: InsightCounter;
  issuer: IssuerDeps;
  chunk: number;
}

async function boot(env: WorkerEnv, clock: () => Date): Promise<Booted> {
  const config = loadWorkerConfig(env);
  const store = openD1Store(env.DB);
  const say: Say = (line) => console.log(line);
  let booted: Awaited<ReturnType<typeof bootstrap>> | undefined;
  for (let attempt = 1; !booted; attempt++) {
    try {
      booted = await bootstrap(store, config, toDateTimeStamp(clock()), say);
    } catch (error) {
      // Another isolate may have created the same row first (a UNIQUE index refused ours):
      // running the idempotent steps again picks up what it made.
      if (attempt >= BOOT_ATTEMPTS) throw error;
    }
  }
  const crypto = webCryptoProvider;
  const keys = createStoreKeyRing({ store, vault: booted.vault, crypto });
  const logError = (message: string, error: unknown) => console.error(message, error instanceof Error ? error.stack : error);
  const insight = createBatchedCounter({ write: (increments) => store.addInsightCounts(increments), clock, onError: logError });
  // No DNS API in workerd: names are checked as written; Cloudflare's edge reaches no private address anyway.
  const webhooks = createWebhookDispatcher({ store, vault: booted.vault, clock, publicUrl: config.publicUrl, policy: {}, logError });
  const app = createApp({
    store,
    insight,
    webhooks,
    keys,
    batchChunkRows: config.batchChunkRows,
    vault: booted.vault,
    crypto,
    clock,
    publicUrl: config.publicUrl,
    rateLimits: config.rateLimits,
    walletOfferDays: config.walletOfferDays,
    ministryName: config.ministryName,
    trustedRegistries: config.trustedRegistries,
    vcApiOpen: config.vcApiAuth === 'none',
    packageAsset: workerPackageAssets,
    // Per isolate: a Worker's rate limits are approximate (each isolate counts on its own).
    clientAddress: (c) => c.req.header('cf-connecting-ip') ?? 'unknown',
    // No DNS API in workerd; Cloudflare's edge does not route to private addresses anyway.
    remoteFetch: createRemoteFetcher(config.remoteFetch),
    logError,
    // The same fields as the Node log, as one JSON line per request (Workers Logs, wrangler tail).
    log: consoleJsonLog(),
    readiness: async () => {
      try {
        await store.getDefaultInstitute();
        return [{ name: 'database', ok: true, message: 'ok' }];
      } catch (error) {
        return [{ name: 'database', ok: false, message: error instanceof Error ? error.message : String(error) }];
      }
    },
  });
  return { app, webhooks, outboxWrites: () => store.outboxWrites(), insight, issuer: { store, keys, crypto, clock, publicUrl: config.publicUrl }, chunk: config.batchChunkRows };
}

/** The Worker's handler; the app is built once per isolate, on its first request. */
export function createWorker(clock: () => Date = () => new Date()) {
  let app: Promise<Booted> | undefined;
  const booted = (env: WorkerEnv) =>
    (app ??= boot(env, clock).catch((error: unknown) => {
      app = undefined;
      throw error;
    }));
  return {
    async fetch(request: Request, env: WorkerEnv, ctx?: ExecutionContextLike): Promise<Response> {
      let built: Booted;
      try {
        built = await booted(env);
      } catch (error) {
        const requestId = randomId();
        // The log names bad variables or failed steps, never a secret's value; the answer is the
        // server's state (503 unavailable, as every server-side refusal), not the caller's fault.
        console.error(`request ${requestId}: skillcert could not start:`, error instanceof Error ? error.message : error);
        const message = error instanceof ConfigError
          ? 'the service is not set up: its configuration is incomplete or invalid (the operator\'s log names what); quote the requestId when reporting it'
          : 'the service could not start; quote the requestId when reporting it';
        return Response.json(errorBody('unavailable', message, requestId), { status: 503 });
      }
      const outboxBefore = built.outboxWrites();
      const response = await built.app.fetch(request, env, ctx as never);
      // What the request counted is written after the response, off its critical path (one
      // statement group; nothing when it counted nothing).
      if (built.insight.pending > 0) {
        const flushed = built.insight.flush();
        if (ctx) ctx.waitUntil(flushed);
        else await flushed;
      }
      // A write that may have queued webhook events: they go out after the response (the cron
      // trigger sends what this misses, and the retries). Other requests cost the outbox nothing.
      if (ctx && built.outboxWrites() !== outboxBefore) {
        ctx.waitUntil(built.webhooks.drain(3).catch((error: unknown) => console.error('webhook round failed', error)));
      }
      return response;
    },
    /**
     * The cron trigger (wrangler.toml): continues, a chunk at a time, every batch a request
     * left unfinished, so a large cohort completes without any one invocation running long.
     */
    async scheduled(_event: unknown, env: WorkerEnv, ctx?: ExecutionContextLike): Promise<void> {
      const { issuer, chunk, webhooks } = await booted(env);
      const work = Promise.all([
        resumeBatches(issuer, (line) => console.log(line), chunk),
        // The webhook outbox: new events, and the retries that fell due.
        webhooks.drain(10).catch((error: unknown) => console.error('webhook round failed', error)),
      ]);
      ctx?.waitUntil(work);
      await work;
    },
  };
}

/** The part of Workers' ExecutionContext skillcert uses. */
interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException?(): void;
}

export default createWorker();
