import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from './config.js';
import { listenFirst } from './listen.js';
import { startNode } from './start.js';
import { gracefulShutdown } from './shutdown.js';
import { markServing, scheduleBackups } from './backup.js';
import { runWebhookRounds } from '../../webhooks/loop.js';

/** How often the server sends the webhook outbox: a new event goes out within about this long. */
const WEBHOOK_ROUND_MS = 1_000;

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const tls = config.tls && { key: readFileSync(config.tls.keyPath), cert: readFileSync(config.tls.certPath) };
  // The socket first: a port in use or a bad HOST stops the start before anything is written.
  let ready!: (app: Awaited<ReturnType<typeof startNode>>['app']) => void;
  let failed!: (error: unknown) => void;
  const app = new Promise<Awaited<ReturnType<typeof startNode>>['app']>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });
  const server = await listenFirst({ host: config.host, port: config.port, tls }, app);
  let started: Awaited<ReturnType<typeof startNode>>;
  try {
    started = await startNode(config, say, undefined, { serve: true });
  } catch (error) {
    failed(error);
    server.close();
    throw error;
  }
  const { store, institute, key, didKey, stopInsight, webhooks } = started;
  const serving = started.serving!;
  const unmark = markServing(config.databasePath);
  const backups = config.backup ? scheduleBackups({ ...config.backup, databasePath: config.databasePath, ops: serving.ops, jobs: serving.jobs, logger: serving.logger }) : null;
  // The webhook outbox goes out every second (src/webhooks/loop.ts); /ready names it if a round fails.
  const webhookRounds = runWebhookRounds(webhooks, {
    everyMs: WEBHOOK_ROUND_MS,
    report: (ok, message) => serving.jobs.set('webhooks', { ok, message }),
    onError: (message, error) => serving.logger.error({ err: error }, message),
  });
  ready(started.app);
  if (config.vcApiAuth === 'none') say('Warning: VC_API_AUTH=none: anyone can issue and change status through /credentials/*. Conformance runs only.');
  say(`skillcert is listening on ${tls ? 'https' : 'http'}://${config.host}:${config.port} (public URL ${config.publicUrl})`);
  say(`Issuer ${institute.did}, key ${key.id}`);
  say(`The same key as did:key: ${didKey}`);
  const stop = gracefulShutdown({
    server,
    graceMs: config.shutdownGraceMs,
    begin: () => {
      serving.stopping = true;
      serving.batches.stop();
      backups?.stop();
    },
    running: () => [...serving.batches.running, ...(backups ? [backups.current()] : []), webhookRounds.stop()],
    finish: async () => {
      // The counters added up since the last flush are written before the database closes.
      await stopInsight();
      serving.ops.checkpoint();
      serving.ops.close();
      await store.close();
      unmark();
    },
    log: (message, fields) => serving.logger.info(fields ?? {}, message),
  });
  const exit = (signal: string) =>
    void stop(signal).then(
      () => serving.logger.flush(() => process.exit(0)),
      (error: unknown) => {
        serving.logger.error({ err: error }, 'shutdown failed');
        serving.logger.flush(() => process.exit(1));
      },
    );
  process.on('SIGINT', () => exit('SIGINT'));
  process.on('SIGTERM', () => exit('SIGTERM'));
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  console.error(`skillcert cannot start: ${message}`);
  process.exit(1);
});
