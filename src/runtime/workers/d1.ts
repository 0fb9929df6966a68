import type { Store } from '../../store/port.js';
import type { Row, Sql, SqlDriver } from '../../store/sql/driver.js';
import { openSqlStore } from '../../store/sql/store.js';

/*
 * The parts of Cloudflare's D1 binding the driver calls, typed structurally so that the
 * core's type-check needs no Workers typings (the live binding satisfies them).
 */
export interface D1Result {
  results?: unknown[];
  meta: { changes?: number };
}
export interface D1PreparedStatement {
  bind(...values: unknown[]): D1PreparedStatement;
  first<T = Row>(): Promise<T | null>;
  all<T = Row>(): Promise<{ results: T[] }>;
  run(): Promise<D1Result>;
}
export interface D1Database {
  prepare(sql: string): D1PreparedStatement;
  /** Runs the statements in order in one transaction: all commit, or none. */
  batch(statements: D1PreparedStatement[]): Promise<D1Result[]>;
}

/**
 * The SqlDriver over a D1 binding: an atomic group is one `batch()`, which D1 runs as one
 * SQLite transaction. D1 binds at most 100 parameters per statement and counts every
 * statement of a batch against a request's query limit; the store's statements keep within
 * both (lists travel as one JSON parameter).
 */
export function d1Driver(db: D1Database): SqlDriver {
  const st = (s: Sql) => db.prepare(s.text).bind(...s.params);
  return {
    async all(s) {
      return (await st(s).all<Row>()).results;
    },
    async first(s) {
      return st(s).first<Row>();
    },
    async run(s) {
      return (await st(s).run()).meta.changes ?? 0;
    },
    async atomic(statements) {
      if (statements.length === 0) return [];
      const results = await db.batch(statements.map(st));
      return results.map((r) => ({ rows: (r.results ?? []) as Row[], changes: r.meta.changes ?? 0 }));
    },
    async close() {
      // The binding belongs to the runtime; there is nothing to close.
    },
  };
}

/** The store on a D1 database whose schema is migrations/ (applied by wrangler). */
export function openD1Store(db: D1Database): Store {
  return openSqlStore(d1Driver(db));
}
