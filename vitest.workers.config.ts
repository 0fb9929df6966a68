import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { WORKER_TEST_SECRETS } from './test/workers/secrets.js';
import { workerTestOutbound } from './test/workers/outbound.js';

/*
 * The Workers suite: tests under test/workers/ run inside workerd (Miniflare), against the
 * Worker built from wrangler.toml (src/runtime/workers/worker.ts) with a local D1. Run: npm run test:workers.
 * Offline: set WRANGLER_SEND_METRICS=false and CLOUDFLARE_CF_FETCH_ENABLED=false.
 */
const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The Worker the HTTP tests call (SELF) is the bundle `wrangler deploy` would upload, built
 * here by wrangler itself: the pool's own module loader does not apply the `browser` field to
 * relative requires inside CommonJS packages (jsonld and rdf-canonize would load their Node
 * builds), while wrangler's bundler does. So the suite tests exactly what is deployed.
 */
function buildWorker(): string {
  const outdir = `${root}.wrangler/test-build`;
  const wrangler = createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js');
  execFileSync(process.execPath, [wrangler, 'deploy', '--dry-run', '--outdir', outdir, '--config', `${root}wrangler.toml`], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  });
  return `${outdir}/worker.js`;
}

export default defineConfig(async () => ({
  plugins: [
    {
      // wrangler.toml's Text rule, for the modules the test files import themselves: Scalar's
      // browser bundle is the text the Worker serves at /docs, never run.
      name: 'scalar-bundle-as-text',
      enforce: 'pre' as const,
      load(id: string) {
        const asText = /\/@scalar\/api-reference\/dist\/browser\/standalone\.js$/.test(id)
          // The same Text modules as wrangler's build emits them beside worker.js (named by hash), which worker.js imports.
          || /\/\.wrangler\/test-build\/[0-9a-f]{40}-[^/]+\.js$/.test(id);
        if (asText) return { code: `export default ${JSON.stringify(readFileSync(id, 'utf8'))};`, map: null };
        return undefined;
      },
    },
    cloudflareTest({
      main: buildWorker(),
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        // Secrets and the migrations the setup file applies; test fixtures only.
        // BATCH_CHUNK_ROWS small, so the tests see a batch continue across requests and cron runs.
        bindings: { ...WORKER_TEST_SECRETS, BATCH_CHUNK_ROWS: '2', TEST_MIGRATIONS: await readD1Migrations(fileURLToPath(new URL('./migrations', import.meta.url))) },
        // A webhook receiver the Worker's deliveries reach (test/workers/outbound.ts).
        outboundService: workerTestOutbound,
      },
    }),
  ],
  test: {
    include: ['test/workers/**/*.test.ts'],
    setupFiles: ['test/workers/apply-migrations.ts'],
    // The files share one D1 database, which the contract suite empties before each test.
    fileParallelism: false,
    testTimeout: 30_000,
  },
}));
