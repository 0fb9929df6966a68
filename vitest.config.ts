import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'src/**/*.test.ts'],
    // test/workers/ runs inside workerd: npm run test:workers (vitest.workers.config.ts).
    exclude: ['test/workers/**', '**/node_modules/**'],
    testTimeout: 20000,
    pool: 'forks',
  },
});
