import { applyD1Migrations, env } from 'cloudflare:test';

// Runs before each test file; applies only what is not applied yet, as `wrangler d1 migrations apply` does.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
