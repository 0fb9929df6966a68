import { auditPreimage, GENESIS_HASH } from '../../audit/chain.js';
import { toHex, utf8 } from '../../crypto/encoding.js';
import type { AuditInput, Store } from '../port.js';
import { sql, type Sql, type SqlDriver, type SqlResult } from './driver.js';
import { auditFromRow } from './rows.js';

/*
 * The hash chain of the audit log, for every driver. An entry's hash covers the previous
 * entry's hash, so an append needs the chain's head; with no interactive transactions (D1),
 * the head is read before the write, and the entry is inserted with seq = head + 1 as one
 * statement of the write's atomic group. If another writer appended meanwhile, that seq (the
 * primary key) is taken, the whole group fails, and it runs again from a fresh read of the
 * head (optimistic concurrency). Entries are never deleted, so a free seq means nothing was
 * appended after the entry we chained to. On better-sqlite3 the same holds: other requests
 * of the process may run between the read and the transaction.
 */

const RETRIES = 32; // each round of a race lets one writer through, so N concurrent writers need at most N
const HEAD = sql('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
const INSERT = `INSERT INTO audit_log (seq, at, actor, institute_id, action, target, details, prev_hash, hash)
  SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?`;
/** `changes()` is the row count of the statement completed just before, in the same transaction. */
const GUARDED_INSERT = `${INSERT} WHERE changes() = 1`;

const isChainConflict = (e: unknown): boolean => /UNIQUE constraint failed: audit_log\./.test(String((e as Error)?.message ?? e));

/** An audit entry among a write's statements. `guarded`: written only if the statement before it changed a row. */
export interface AuditStep {
  audit: AuditInput;
  guarded: boolean;
}
/** One step of a write: a statement, an audit entry, or nothing (an entry the caller did not ask for). */
export type Step = Sql | AuditStep | null;

export const audited = (audit: AuditInput | undefined, guarded = false): AuditStep | null => (audit ? { audit, guarded } : null);

const isAudit = (s: Step): s is AuditStep => s !== null && 'audit' in s;

export interface AuditLog {
  /**
   * Runs the steps as one atomic group, the audit entries chained in order after the head;
   * again, from a fresh head, while another writer takes the seq first. Results line up with
   * the steps (an empty one for a null step).
   */
  write(steps: readonly Step[]): Promise<SqlResult[]>;
  auditEntries: Store['auditEntries'];
}

export function createAuditLog(db: SqlDriver, sha256: (data: Uint8Array) => Promise<Uint8Array>): AuditLog {
  /** The steps as statements, each audit entry chained to the one before it, from the head. */
  const chained = async (steps: readonly Step[]): Promise<Sql[]> => {
    const head = await db.first(HEAD);
    let last = head ? { seq: Number(head.seq), hash: String(head.hash) } : { seq: 0, hash: GENESIS_HASH };
    const out: Sql[] = [];
    for (const s of steps) {
      if (!isAudit(s)) {
        if (s) out.push(s);
        continue;
      }
      const a = s.audit;
      const entry = { seq: last.seq + 1, at: a.at, actor: a.actor, instituteId: a.instituteId, action: a.action, target: a.target, details: JSON.stringify(a.details ?? {}) };
      const hash = toHex(await sha256(utf8(auditPreimage(last.hash, entry))));
      out.push(sql(s.guarded ? GUARDED_INSERT : INSERT, entry.seq, entry.at, entry.actor, entry.instituteId, entry.action, entry.target, entry.details, last.hash, hash));
      last = { seq: entry.seq, hash };
    }
    return out;
  };
  /** Results of the non-null steps, spread back over every step. */
  const lineUp = (steps: readonly Step[], results: SqlResult[]): SqlResult[] => {
    let k = 0;
    return steps.map((s) => (s ? (results[k++] as SqlResult) : { rows: [], changes: 0 }));
  };

  // Audited writes of this store (one process, one isolate) take turns: at once, all but one
  // would lose the race for the seq and start again, which grows with the square of the
  // writers. The retry is for writers elsewhere: another isolate, the CLI on the same file.
  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(write: () => Promise<T>): Promise<T> => {
    const done = turn.then(write, write);
    turn = done.catch(() => undefined);
    return done;
  };
  const appendRetrying = async (steps: readonly Step[]): Promise<SqlResult[]> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return lineUp(steps, await db.atomic(await chained(steps)));
      } catch (error) {
        if (!isChainConflict(error) || attempt >= RETRIES) throw error;
      }
    }
  };

  return {
    async write(steps) {
      if (!steps.some(isAudit)) return lineUp(steps, await db.atomic(steps.filter((s): s is Sql => s !== null)));
      return inTurn(() => appendRetrying(steps));
    },
    async auditEntries({ instituteId, afterSeq = 0, limit }) {
      const rows = instituteId
        ? await db.all(sql('SELECT * FROM audit_log WHERE institute_id = ? AND seq > ? ORDER BY seq LIMIT ?', instituteId, afterSeq, limit))
        : await db.all(sql('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?', afterSeq, limit));
      return rows.map(auditFromRow);
    },
  };
}
