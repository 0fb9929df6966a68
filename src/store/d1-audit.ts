import { auditPreimage, GENESIS_HASH } from '../audit/chain.js';
import { toHex, utf8 } from '../crypto/encoding.js';
import type { D1Database, D1PreparedStatement } from './d1.js';
import type { AuditInput } from './port.js';

/*
 * The audit chain on D1. There are no interactive transactions: an entry's seq and prev_hash
 * are read first, then inserted in the same batch as the change it records. Two writers that
 * read the same head collide on the seq's unique index; the loser reads the head again and
 * runs its whole batch again.
 */

const AUDIT_RETRIES = 32; // each round of a race lets one writer through, so N concurrent writers need at most N
const AUDIT_INSERT = `INSERT INTO audit_log (seq, at, actor, institute_id, action, target, details, prev_hash, hash)
  SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?`;

const isAuditConflict = (e: unknown): boolean => /UNIQUE constraint failed: audit_log\./.test(String((e as Error)?.message ?? e));

export interface D1AuditChain {
  /**
   * Inserts for entries appended one after another, chained from one read of the head (null
   * where there is no entry). `guarded`: each insert happens only if the statement before it
   * in the batch changed a row.
   */
  statements(audits: Array<AuditInput | undefined>, guarded?: boolean): Promise<Array<D1PreparedStatement | null>>;
  /** Runs `batch` (which reads the head afresh each time) again while it loses a race on the chain. */
  retrying<T>(batch: () => Promise<T>): Promise<T>;
}

export function d1AuditChain(db: D1Database, st: (sql: string, ...values: unknown[]) => D1PreparedStatement): D1AuditChain {
  const sha256hex = async (text: string) => toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text) as Uint8Array<ArrayBuffer>)));
  return {
    async statements(audits, guarded = false) {
      let last = await db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').first<{ seq: number; hash: string }>();
      const out: Array<D1PreparedStatement | null> = [];
      for (const a of audits) {
        if (!a) {
          out.push(null);
          continue;
        }
        const entry = {
          seq: (last?.seq ?? 0) + 1, at: a.at, actor: a.actor, instituteId: a.instituteId, action: a.action, target: a.target,
          details: JSON.stringify(a.details ?? {}),
        };
        const prevHash = last?.hash ?? GENESIS_HASH;
        const hash = await sha256hex(auditPreimage(prevHash, entry));
        out.push(st(`${AUDIT_INSERT}${guarded ? ' WHERE changes() = 1' : ''}`,
          entry.seq, entry.at, entry.actor, entry.instituteId, entry.action, entry.target, entry.details, prevHash, hash));
        last = { seq: entry.seq, hash };
      }
      return out;
    },
    async retrying(batch) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await batch();
        } catch (error) {
          if (!isAuditConflict(error) || attempt >= AUDIT_RETRIES) throw error;
        }
      }
    },
  };
}
