import { createHash } from 'node:crypto';
import { verifyAuditChain } from '../../audit/chain.js';
import { loadConfig } from './config.js';
import type { AuditEntry, CredentialRecord, Store } from '../../store/port.js';
import { openSqliteStore } from './sqlite.js';
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

async function* allCredentials(store: Store): AsyncIterable<CredentialRecord> {
  for (let offset = 0; ; offset += 1000) {
    const { credentials } = await store.listCredentials({ instituteId: null, limit: 1000, offset });
    if (credentials.length === 0) return;
    yield* credentials;
  }
}

/**
 * Checks the whole audit ledger of DATABASE_PATH; prints what it found; exit 0 intact, 1
 * broken, 2 error. Beyond the hash chain itself:
 * - every stored credential must have its issue entry in the chain, so deleting the newest
 *   entries (which leaves a shorter chain that is still whole) shows up while their
 *   credentials remain;
 * - `head` ("SEQ:HASH", a head printed by an earlier run and kept elsewhere) must still be in
 *   the chain, which catches a truncation that took the credentials with it.
 */
export async function auditVerifyMain(env: Record<string, string | undefined>, options: { head?: string } = {}): Promise<number> {
  const config = loadConfig(env);
  const kept = options.head === undefined ? null : /^(\d+):([0-9a-f]{64})$/.exec(options.head.trim());
  if (options.head !== undefined && !kept) throw new Error('--head must be SEQ:HASH, as an earlier audit verify printed it');
  const store = openSqliteStore(config.databasePath, readMigrations());
  try {
    const issued = new Set<string>();
    let head: AuditEntry | undefined;
    let keptFound: AuditEntry | undefined;
    async function* watched(): AsyncIterable<AuditEntry> {
      for await (const entry of allEntries(store)) {
        if (entry.action === 'credential.issue') issued.add(entry.target);
        if (kept && entry.seq === Number(kept[1])) keptFound = entry;
        head = entry;
        yield entry;
      }
    }
    const verdict = await verifyAuditChain(watched(), async (text) => createHash('sha256').update(text, 'utf8').digest('hex'));
    if (!verdict.ok) {
      process.stdout.write(`audit ledger BROKEN at entry ${verdict.brokenAt}: ${verdict.reason} (${verdict.checked} entries before it are intact)\n`);
      return 1;
    }
    let unrecorded = 0;
    let example = '';
    for await (const credential of allCredentials(store)) {
      if (issued.has(credential.credentialUrl)) continue;
      unrecorded++;
      example ||= credential.credentialUrl;
    }
    if (unrecorded > 0) {
      process.stdout.write(`audit ledger INCOMPLETE: ${unrecorded} stored credential(s) have no issue entry (for example ${example}); entries were removed from its end\n`);
      return 1;
    }
    if (kept && keptFound?.hash !== kept[2]) {
      process.stdout.write(`audit ledger BROKEN: the kept head #${kept[1]} ${keptFound ? 'has another hash now' : 'is no longer in the ledger'}\n`);
      return 1;
    }
    // The head printed here is what to keep elsewhere (a ministry record, a printout) and pass back as --head.
    process.stdout.write(`audit ledger intact: ${verdict.checked} entries chain correctly, every stored credential's issuance is in it; head ${head ? `${head.seq}:${head.hash}` : '(empty)'}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--head');
  auditVerifyMain(process.env, { head: at > 0 ? process.argv[at + 1] : undefined }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`audit verify failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(2);
    },
  );
}
