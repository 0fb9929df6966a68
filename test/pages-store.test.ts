import { readMigrations } from '../src/node/migrations.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { describeConsoleStore } from './store-console-contract.js';

describeConsoleStore('SQLite', async () => openSqliteStore(':memory:', readMigrations()));
