import { webCryptoProvider } from '../../crypto/provider.js';
import type { Store } from '../port.js';
import { createAuditLog } from './audit.js';
import { cohortMethods } from './cohort.js';
import { consoleMethods } from './console.js';
import { didAliasMethods } from './did-aliases.js';
import { credentialMethods } from './credentials.js';
import type { SqlDriver } from './driver.js';
import { instituteMethods } from './institutes.js';
import { statusMethods } from './status.js';
import { walletMethods } from './wallet.js';

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
export function openSqlStore(db: SqlDriver, options: SqlStoreOptions = {}): Store {
  const log = createAuditLog(db, options.sha256 ?? webCryptoProvider.sha256);
  return {
    ...instituteMethods(db, log),
    ...didAliasMethods(db, log),
    ...credentialMethods(db, log),
    ...statusMethods(db, log),
    ...cohortMethods(db, log),
    ...consoleMethods(db),
    ...walletMethods(db, log),
    auditEntries: log.auditEntries,
    close: () => db.close(),
  };
}
