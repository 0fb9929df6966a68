import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from './config.js';
import { listenFirst } from './listen.js';
import { startNode } from './start.js';

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
    started = await startNode(config, say);
  } catch (error) {
    failed(error);
    server.close();
    throw error;
  }
  const { store, institute, key, didKey } = started;
  ready(started.app);
  if (config.vcApiAuth === 'none') say('Warning: VC_API_AUTH=none: anyone can issue and change status through /credentials/*. Conformance runs only.');
  say(`skillcert is listening on ${tls ? 'https' : 'http'}://${config.host}:${config.port} (public URL ${config.publicUrl})`);
  say(`Issuer ${institute.did}, key ${key.id}`);
  say(`The same key as did:key: ${didKey}`);
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
