import type { Database as Db } from 'better-sqlite3';
import type { AuditInput, DidMove, Store } from './port.js';
import { ADD_ALIAS, ADD_KEY, ALIASES_OF, DROP_ALIAS, MOVE_INSTITUTE } from './did-aliases-sql.js';

type AliasMethods = Pick<Store, 'instituteDidAliases' | 'moveInstituteDid'>;

// The shared SQL numbers its parameters (?1, ?2, as D1 binds them); better-sqlite3 binds those only by name.
const named = (sql: string) => sql.replace(/\?(\d+)/g, '@p$1');
const bind = (...values: unknown[]) => Object.fromEntries(values.map((v, i) => [`p${i + 1}`, v]));
const params = (m: DidMove) => [m.instituteId, m.from, m.to, m.at] as const;

/** An institute's former DIDs on better-sqlite3: the move is one transaction. */
export function sqliteDidAliasMethods(db: Db, appendAudit: (audit: AuditInput | undefined) => void): AliasMethods {
  const run = (sql: string, ...values: unknown[]) => db.prepare(named(sql)).run(bind(...values)).changes;
  const move = db.transaction((m: DidMove, audit?: AuditInput) => {
    if (run(MOVE_INSTITUTE, ...params(m)) !== 1) return false;
    run(ADD_ALIAS, ...params(m));
    run(DROP_ALIAS, ...params(m));
    if (m.key) run(ADD_KEY, ...params(m), m.key.id, m.key.owner, m.key.publicX, m.key.sealedPrivate, m.key.createdAt);
    appendAudit(audit);
    return true;
  });
  return {
    async instituteDidAliases(instituteId) {
      return db.prepare(ALIASES_OF).pluck().all(instituteId) as string[];
    },
    async moveInstituteDid(m, audit) {
      return move(m, audit);
    },
  };
}
