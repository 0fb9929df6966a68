import { env } from 'cloudflare:test';
import { openD1Store } from '../../src/runtime/workers/d1.js';
import { describeIssueGroupStore } from '../store-issue-group-contract.js';
import { emptyDatabase } from './empty-database.js';

// The group write on D1, inside workerd; test/store-issue-group-sqlite.test.ts runs it on better-sqlite3.
describeIssueGroupStore('D1', async () => {
  await emptyDatabase(env.DB);
  return openD1Store(env.DB);
});
