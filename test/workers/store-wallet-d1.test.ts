import { env } from 'cloudflare:test';
import { openD1Store } from '../../src/runtime/workers/d1.js';
import { describeWalletStore } from '../store-wallet-contract.js';
import { emptyDatabase } from './empty-database.js';

// Wallet offers on D1, inside workerd; test/store-wallet-sqlite.test.ts runs the same on better-sqlite3.
describeWalletStore('D1', async () => {
  await emptyDatabase(env.DB);
  return openD1Store(env.DB);
});
