import { defineConfig } from 'vitest/config';

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
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'src/**/*.test.ts'],
    // test/workers/ runs inside workerd: npm run test:workers (vitest.workers.config.ts).
    exclude: ['test/workers/**', '**/node_modules/**'],
    testTimeout: 20000,
    pool: 'forks',
    server: { deps: { inline: [SCALAR_BUNDLE] } },
  },
});
