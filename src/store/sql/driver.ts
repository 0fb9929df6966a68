/*
 * What the one SQL implementation of the store needs from a database: read rows, run a
 * statement, and run a fixed list of statements as one transaction. A driver (better-sqlite3,
 * D1) is a few lines over its library and knows nothing of credentials or audit entries.
 *
 * The list is fixed before it runs, because D1 has no interactive transactions: a statement
 * cannot see an earlier one's result from JavaScript. Where a write depends on an earlier
 * statement, the condition is in SQL (`… WHERE changes() = 1`, see sql/audit.ts).
 */

/** A value both drivers bind. Booleans are written as 0/1, absent values as null. */
export type SqlValue = string | number | null;

/** A result row, by column name; the store parses it with a records.ts schema. */
export type Row = Record<string, unknown>;

/** One statement and its parameters (anonymous `?` placeholders only: D1 and better-sqlite3 both take them). */
export interface Sql {
  readonly text: string;
  readonly params: readonly SqlValue[];
}

/** What one statement of an atomic group gave: its rows (if it returns any) and the rows it changed. */
export interface SqlResult {
  rows: Row[];
  changes: number;
}

export interface SqlDriver {
  all(sql: Sql): Promise<Row[]>;
  /** The first row, or null. */
  first(sql: Sql): Promise<Row | null>;
  /** Runs one statement on its own; the number of rows it changed. */
  run(sql: Sql): Promise<number>;
  /**
   * Runs the statements in order as one transaction: all of them take effect, or (when one
   * fails, which rejects the promise) none. One result per statement, in order.
   */
  atomic(statements: readonly Sql[]): Promise<SqlResult[]>;
  close(): Promise<void>;
}

/** A statement: its text and its parameters, in placeholder order. */
export const sql = (text: string, ...params: SqlValue[]): Sql => ({ text, params });
