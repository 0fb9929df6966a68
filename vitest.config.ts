import { defineConfig } from 'vitest/config';

/*
 * The Node suite in two projects (test/workers/ runs inside workerd: npm run test:workers,
 * vitest.workers.config.ts).
 *
 * - `logic`: files that only call the code in process (the app through app.request, the
 *   store, the verifier). They share their worker's module graph (isolate: false): the
 *   libraries (jsonld, jose, zod, hono, the contexts) are imported once per worker, not once
 *   per file, which was 40 % of the suite's time. Such a file must leave nothing behind: no
 *   stubbed globals, spies restored, servers closed.
 * - `isolated`: each file in a fresh process, as before: files that start servers, spawn the
 *   CLI or vitest itself, stub globals or check what importing a module does; 60 s a test.
 * - `browser`: Chromium against a served app, isolated, with 60 s a test (pages under load).
 */
const ISOLATED = [
  'test/browser-skip.test.ts',
  'test/server-start.test.ts',
  'test/cli.test.ts',
  'test/cli-files.test.ts',
  'test/batch-crash.test.ts',
  'test/webhook-crash.test.ts',
  'test/database-files.test.ts',
  'test/body-limit-node.test.ts',
  'test/worker-dev.test.ts',
  'test/readme-examples.test.ts',
  // Stubs or spies on process-wide objects (fetch, process.stdout), or imports a module to see what importing does.
  'test/global-scope.test.ts',
  'test/interop-dcc.test.ts',
  'test/compat-dcc.test.ts',
  'test/federation-dcc.test.ts',
  'test/audit.test.ts',
  // Start the compiled server (and nginx), send it signals, kill it mid-backup.
  'test/backup-restore.test.ts',
  'test/shutdown.test.ts',
  'test/reverse-proxy.test.ts',
  'test/ops-logs-metrics.test.ts',
];
/** Chromium against a served app: isolated too, and a page under load may take longer than 20 s. */
const BROWSER = ['test/browser/**/*.test.ts'];

const ALL = ['test/**/*.test.ts', 'test/**/*.test.tsx', 'src/**/*.test.ts'];
const NEVER = ['test/workers/**', '**/node_modules/**'];
const SCALAR_BUNDLE = /\/@scalar\/api-reference\/dist\/browser\/standalone\.js$/;

export default defineConfig({
  plugins: [
    {
      // As wrangler.toml's Text rule does for the Worker: Scalar's browser bundle is imported
      // as its text (src/runtime/workers/assets.ts), never run. Read when imported rather than
      // inlined: vite would otherwise parse a 3.5 MB string literal on every import.
      name: 'scalar-bundle-as-text',
      enforce: 'pre',
      load(id) {
        if (SCALAR_BUNDLE.test(id)) return { code: `import { readFileSync } from 'node:fs';\nexport default readFileSync(${JSON.stringify(id)}, 'utf8');`, map: null };
        return undefined;
      },
    },
  ],
  test: {
    testTimeout: 20000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'logic', include: ALL, exclude: [...NEVER, ...ISOLATED, ...BROWSER], isolate: false },
      },
      {
        extends: true,
        // A spawned process (the CLI, the server, vitest itself) starts tsx first: seconds alone, tens of seconds on a loaded machine.
        test: { name: 'isolated', include: ISOLATED, exclude: NEVER, isolate: true, testTimeout: 60000 },
      },
      {
        extends: true,
        test: { name: 'browser', include: BROWSER, exclude: NEVER, isolate: true, testTimeout: 60000 },
      },
    ],
    server: { deps: { inline: [SCALAR_BUNDLE] } },
  },
});
