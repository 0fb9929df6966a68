import { serve } from '@hono/node-server';
import { ConfigError, loadConfig } from './schemas/config.js';
import { startNode } from './node/start.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const { app, store, institute, key, didKey } = await startNode(config, say);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => {
    say(`skillcert is listening on http://${config.host}:${config.port} (public URL ${config.publicUrl})`);
    say(`Issuer ${institute.did}, key ${key.id}`);
    say(`The same key as did:key: ${didKey}`);
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
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  console.error(`skillcert cannot start: ${message}`);
  process.exit(1);
});
