import { afterEach } from 'vitest';
import { readMigrations } from '../src/runtime/node/migrations.js';
import type { Store } from '../src/store/port.js';
import { openSqliteStore } from '../src/runtime/node/sqlite.js';
import { describeWebhookStore } from './store-webhook-contract.js';

// The webhook outbox on better-sqlite3; test/workers/store-webhook-d1.test.ts runs the same on D1.
const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

describeWebhookStore('better-sqlite3', async () => {
  const store = openSqliteStore(':memory:', readMigrations());
  opened.push(store);
  return store;
});
