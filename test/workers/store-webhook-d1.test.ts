import { env } from 'cloudflare:test';
import { openD1Store } from '../../src/runtime/workers/d1.js';
import { describeWebhookStore } from '../store-webhook-contract.js';
import { emptyDatabase } from './empty-database.js';

// The webhook outbox on D1, inside workerd; test/store-webhook-sqlite.test.ts runs the same on better-sqlite3.
describeWebhookStore('D1', async () => {
  await emptyDatabase(env.DB);
  return openD1Store(env.DB);
});
