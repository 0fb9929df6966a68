import { afterEach } from 'vitest';
import { readMigrations } from '../src/runtime/node/migrations.js';
import type { Store } from '../src/store/port.js';
import { openSqliteStore } from '../src/runtime/node/sqlite.js';
import { describeDidMoveStore } from './store-did-move-contract.js';

// The DID move on better-sqlite3; test/workers/store-did-move-d1.test.ts runs it on D1.
const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

describeDidMoveStore('better-sqlite3', async () => {
  const store = openSqliteStore(':memory:', readMigrations());
  opened.push(store);
  return store;
});
