import { env } from 'cloudflare:test';
import { openD1Store } from '../../src/runtime/workers/d1.js';
import { describeDidMoveStore } from '../store-did-move-contract.js';
import { emptyDatabase } from './empty-database.js';

// The DID move on D1, inside workerd; test/store-did-move-sqlite.test.ts runs it on better-sqlite3.
describeDidMoveStore('D1', async () => {
  await emptyDatabase(env.DB);
  return openD1Store(env.DB);
});
