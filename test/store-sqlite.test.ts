import { afterEach } from 'vitest';
import { readMigrations } from '../src/runtime/node/migrations.js';
import type { Store } from '../src/store/port.js';
import { openSqliteDriver, openSqliteStore } from '../src/runtime/node/sqlite.js';
import { describeStoreWrites } from './store-writes-contract.js';
import { describeStore } from './store-contract.js';
import { describeCohortStore } from './store-cohort-contract.js';
import { describeCredentialIdStore } from './store-credential-id-contract.js';
import { describeCompatibilityStore } from './store-compat-contract.js';

// The storage port's contract on better-sqlite3; test/workers/store-d1.test.ts runs it on D1.
const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

describeStore('better-sqlite3', async () => {
  const store = openSqliteStore(':memory:', readMigrations());
  opened.push(store);
  return store;
});

describeCohortStore('better-sqlite3', async () => {
  const store = openSqliteStore(':memory:', readMigrations());
  opened.push(store);
  return store;
});

describeCredentialIdStore('better-sqlite3', async () => {
  const store = openSqliteStore(':memory:', readMigrations());
  opened.push(store);
  return store;
});

describeCompatibilityStore('better-sqlite3', async () => {
  const store = openSqliteStore(':memory:', readMigrations());
  opened.push(store);
  return store;
});

// How the store writes (killed halfway, racing writers, many rows), on better-sqlite3; test/workers/store-d1.test.ts runs it on D1.
describeStoreWrites('better-sqlite3', async () => openSqliteDriver(':memory:', readMigrations()));
