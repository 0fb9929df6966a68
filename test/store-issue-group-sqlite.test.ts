import { afterEach } from 'vitest';
import { readMigrations } from '../src/runtime/node/migrations.js';
import type { Store } from '../src/store/port.js';
import { openSqliteStore } from '../src/runtime/node/sqlite.js';
import { describeIssueGroupStore } from './store-issue-group-contract.js';

// The group write on better-sqlite3; test/workers/store-issue-group-d1.test.ts runs it on D1.
const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

describeIssueGroupStore('better-sqlite3', async () => {
  const store = openSqliteStore(':memory:', readMigrations());
  opened.push(store);
  return store;
});
