import { serve } from '@hono/node-server';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { ConfigError, loadConfig } from './schemas/config.js';
import { startNode } from './node/start.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const { app, store, institute, key, didKey } = await startNode(config, say);
  const tls = config.tls && { key: readFileSync(config.tls.keyPath), cert: readFileSync(config.tls.certPath) };
  const options = tls
    ? { fetch: app.fetch, port: config.port, hostname: config.host, createServer: createHttpsServer, serverOptions: tls }
    : { fetch: app.fetch, port: config.port, hostname: config.host };
  if (config.vcApiAuth === 'none') say('Warning: VC_API_AUTH=none: anyone can issue and change status through /credentials/*. Conformance runs only.');
  const server = serve(options, () => {
    say(`skillcert is listening on ${tls ? 'https' : 'http'}://${config.host}:${config.port} (public URL ${config.publicUrl})`);
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
