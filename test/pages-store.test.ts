import { readMigrations } from '../src/runtime/node/migrations.js';
import { openSqliteStore } from '../src/runtime/node/sqlite.js';
import { describeConsoleStore } from './store-console-contract.js';

describeConsoleStore('SQLite', async () => openSqliteStore(':memory:', readMigrations()));
