import { webCryptoProvider } from '../../crypto/provider.js';
import type { Store } from '../port.js';
import { createAuditLog } from './audit.js';
import { cohortMethods } from './cohort.js';
import { consoleMethods } from './console.js';
import { didAliasMethods } from './did-aliases.js';
import { credentialMethods } from './credentials.js';
import type { SqlDriver } from './driver.js';
import { insightMethods } from './insight.js';
import { instituteMethods } from './institutes.js';
import { statusMethods } from './status.js';
import { statsMethods } from './stats.js';
import { walletMethods } from './wallet.js';
import { webhookMethods } from './webhooks.js';

export interface SqlStoreOptions {
  /** SHA-256 for the audit chain; Web Crypto unless the runtime has a faster one. */
  sha256?: (data: Uint8Array) => Promise<Uint8Array>;
}

/**
 * The storage port over any SqlDriver whose database has migrations/ applied: every statement
 * is written once, here, for better-sqlite3 and D1 alike. Each multi-statement write is one
 * atomic group of fixed statements (D1 has no interactive transactions); see sql/audit.ts for
 * the audit chain and sql/status.ts for the status compare-and-set.
 */
export function openSqlStore(driver: SqlDriver, options: SqlStoreOptions = {}): Store {
  const watched = watchVerificationWrites(driver);
  const { db, epoch } = watchOutboxWrites(watched.db, watched.epoch);
  const log = createAuditLog(db, options.sha256 ?? webCryptoProvider.sha256);
  return {
    ...instituteMethods(db, log),
    ...didAliasMethods(db, log),
    ...credentialMethods(db, log),
    ...statusMethods(db, log),
    ...cohortMethods(db, log),
    ...consoleMethods(db),
    ...statsMethods(db),
    ...walletMethods(db, log),
    ...insightMethods(db),
    ...webhookMethods(db, log),
    auditEntries: log.auditEntries,
    verificationEpoch: epoch,
    outboxWrites: db.outboxWrites,
    close: () => db.close(),
  };
}

/**
 * Writes to what verifying a stored credential reads: keys, accreditations, institutes and
 * their DIDs, a credential's status (its events and revoked/suspended columns). Issuing,
 * sessions and batches are not among them.
 */
const AFFECTS_VERIFICATION = /\b(issuer_keys|accreditation_periods|institutes|institute_did_aliases|credential_events)\b|\bUPDATE\s+credentials\s+SET\s+(revoked_at|suspended_at)\b/i;
const isWrite = (text: string) => /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(text);

/**
 * Counts the writes that may have put an event in the webhook outbox (sql/webhook-events.ts),
 * so a runtime sends the outbox after a request only when the request may have added to it.
 */
function watchOutboxWrites(db: SqlDriver, epoch: () => number): { db: SqlDriver & { outboxWrites: () => number }; epoch: () => number } {
  let writes = 0;
  const count = (statements: readonly { text: string }[]) => {
    if (statements.some((s) => OUTBOX_WRITE.test(s.text))) writes++;
  };
  return {
    epoch,
    db: {
      ...db,
      run: (s) => (count([s]), db.run(s)),
      atomic: (statements) => (count(statements), db.atomic(statements)),
      outboxWrites: () => writes,
    },
  };
}
const OUTBOX_WRITE = /^\s*INSERT\s+INTO\s+webhook_events\b/i;

/**
 * Counts the writes that can change a stored credential's verification (the cache in
 * src/verifier/stored-cache.ts keys on the count). Counted before and after each such write,
 * so a verification that overlapped one is never kept.
 */
function watchVerificationWrites(db: SqlDriver): { db: SqlDriver; epoch: () => number } {
  let epoch = 0;
  const affects = (text: string) => isWrite(text) && AFFECTS_VERIFICATION.test(text);
  const around = async <T>(hit: boolean, write: () => Promise<T>): Promise<T> => {
    if (!hit) return write();
    epoch++;
    try {
      return await write();
    } finally {
      epoch++;
    }
  };
  return {
    epoch: () => epoch,
    db: {
      ...db,
      run: (s) => around(affects(s.text), () => db.run(s)),
      atomic: (statements) => around(statements.some((s) => affects(s.text)), () => db.atomic(statements)),
    },
  };
}
