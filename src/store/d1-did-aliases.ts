import type { D1PreparedStatement, D1Result } from './d1.js';
import type { AuditInput, DidMove, Store } from './port.js';
import { ADD_ALIAS, ADD_KEY, ALIASES_OF, DROP_ALIAS, MOVE_INSTITUTE, MOVED_ROW } from './did-aliases-sql.js';

type AliasMethods = Pick<Store, 'instituteDidAliases' | 'moveInstituteDid'>;
type Write = (statements: D1PreparedStatement[], audit: AuditInput | undefined, options: { guardAudit?: boolean }) => Promise<D1Result[]>;

/**
 * An institute's former DIDs on D1: the move is one batch, each statement after the first
 * guarded in SQL on the first having changed the institute (see src/store/did-aliases-sql.ts).
 */
export function d1DidAliasMethods(st: (sql: string, ...values: unknown[]) => D1PreparedStatement, write: Write): AliasMethods {
  return {
    async instituteDidAliases(instituteId) {
      const { results } = await st(ALIASES_OF, instituteId).all<{ did: string }>();
      return results.map((r) => r.did);
    },
    async moveInstituteDid(m, audit) {
      const p = [m.instituteId, m.from, m.to, m.at] as const;
      // D1 wants exactly as many values as the statement's highest ?N.
      const bound = (sql: string, ...values: unknown[]) => st(sql, ...values.slice(0, Math.max(...[...sql.matchAll(/\?(\d+)/g)].map((x) => Number(x[1])))));
      const statements = [bound(MOVE_INSTITUTE, ...p), bound(ADD_ALIAS, ...p), bound(DROP_ALIAS, ...p)];
      if (m.key) statements.push(bound(ADD_KEY, ...p, m.key.id, m.key.owner, m.key.publicX, m.key.sealedPrivate, m.key.createdAt));
      statements.push(bound(MOVED_ROW, ...p));
      const results = await write(statements, audit, { guardAudit: true });
      return (results[1]?.meta.changes ?? 0) === 1;
    },
  };
}
