import { createHash } from 'node:crypto';
import { verifyAuditChain } from '../audit/chain.js';
import { loadConfig } from '../schemas/config.js';
import type { AuditEntry, Store } from '../store/port.js';
import { openSqliteStore } from '../store/sqlite.js';
import { readMigrations } from './migrations.js';

async function* allEntries(store: Store): AsyncIterable<AuditEntry> {
  let after = 0;
  for (;;) {
    const page = await store.auditEntries({ afterSeq: after, limit: 1000 });
    if (page.length === 0) return;
    yield* page;
    after = (page.at(-1) as AuditEntry).seq;
  }
}

/** Checks the whole audit ledger of DATABASE_PATH; prints one line; exit 0 intact, 1 broken, 2 error. */
export async function auditVerifyMain(env: Record<string, string | undefined>): Promise<number> {
  const config = loadConfig(env);
  const store = openSqliteStore(config.databasePath, readMigrations());
  try {
    const verdict = await verifyAuditChain(allEntries(store), async (text) => createHash('sha256').update(text, 'utf8').digest('hex'));
    if (verdict.ok) {
      // Deleting the newest entries leaves a shorter chain that is still whole; the head
      // printed here is what to keep elsewhere (a ministry record, a printout) to catch that.
      const head = verdict.checked ? (await store.auditEntries({ afterSeq: verdict.checked - 1, limit: 1 }))[0] : undefined;
      process.stdout.write(`audit ledger intact: ${verdict.checked} entries chain correctly; head ${head ? `#${head.seq} ${head.hash}` : '(empty)'}\n`);
      return 0;
    }
    process.stdout.write(`audit ledger BROKEN at entry ${verdict.brokenAt}: ${verdict.reason} (${verdict.checked} entries before it are intact)\n`);
    return 1;
  } finally {
    await store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  auditVerifyMain(process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`audit verify failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(2);
    },
  );
}
