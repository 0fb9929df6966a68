import { env } from 'cloudflare:test';
import { d1Driver, openD1Store } from '../../src/runtime/workers/d1.js';
import { describeStoreWrites } from '../store-writes-contract.js';
import { describeStore } from '../store-contract.js';
import { describeConsoleStore } from '../store-console-contract.js';
import { describeCohortStore } from '../store-cohort-contract.js';
import { describeCredentialIdStore } from '../store-credential-id-contract.js';
import { describeCompatibilityStore } from '../store-compat-contract.js';
import { emptyDatabase } from './empty-database.js';

// The storage port's contract on D1, inside workerd; test/store-sqlite.test.ts runs it on better-sqlite3.
describeStore('D1', async () => {
  await emptyDatabase(env.DB);
  return openD1Store(env.DB);
});

// The console's listing and session methods on D1 (test/pages-store.test.ts runs them on SQLite).
describeConsoleStore('D1', async () => {
  await emptyDatabase(env.DB);
  return openD1Store(env.DB);
});

// Templates and batches on D1 (test/store-sqlite.test.ts runs them on SQLite).
describeCohortStore('D1', async () => {
  await emptyDatabase(env.DB);
  return openD1Store(env.DB);
});

// A credential id names one credential, on D1 as on SQLite.
describeCredentialIdStore('D1', async () => {
  await emptyDatabase(env.DB);
  return openD1Store(env.DB);
});

// Compatibility settings, P-256 keys and ES256 JWTs on D1, as on SQLite.
describeCompatibilityStore('D1', async () => {
  await emptyDatabase(env.DB);
  return openD1Store(env.DB);
});

// How the store writes (killed halfway, racing writers, many rows), on D1; test/store-sqlite.test.ts runs it on better-sqlite3.
describeStoreWrites('D1', async () => {
  await emptyDatabase(env.DB);
  return d1Driver(env.DB);
});
