import type { CohortStore } from './port.js';
import {
  BATCH_INSERT, BATCH_ROW_INSERT, ISSUED_ROWS_AMONG, ONE_BATCH_LISTING, RECENT_BATCHES, TEMPLATE_CURRENT, TEMPLATE_UPSERT, TEMPLATE_VERSION_INSERT,
  batchFromRow, batchListingFromRow, batchRowFromRow, issuedRowsMap, batchRowValues, batchValues, templateFromRow,
} from './cohort-rows.js';
import type { D1Database, D1PreparedStatement, D1Result } from './d1.js';
import type { AuditInput } from './port.js';
import type { Row } from './rows.js';

const ROWS_PER_BATCH_CALL = 500; // keeps one D1 batch() well inside its limits

/**
 * Templates and batch jobs on D1. `write` runs statements (and a chained audit entry) as one
 * batch(). A batch job's rows that do not fit one call are written in further calls after
 * the batch record, which stays unseen by the resumer until its rows are all in: it is
 * created with state 'issuing' only in the last call.
 */
export function d1CohortMethods(
  db: D1Database,
  st: (sql: string, ...values: unknown[]) => D1PreparedStatement,
  write: (statements: D1PreparedStatement[], audit: AuditInput | undefined) => Promise<D1Result[]>,
): CohortStore {
  const first = async (stmt: D1PreparedStatement) => (await stmt.first<Row>()) ?? undefined;
  const all = async (stmt: D1PreparedStatement) => (await stmt.all<Row>()).results;
  return {
    async saveTemplateVersion(t, audit) {
      await write([
        st(TEMPLATE_VERSION_INSERT, t.instituteId, t.code, t.version, t.json, t.createdAt, t.createdBy),
        st(TEMPLATE_UPSERT, t.instituteId, t.code, t.version, t.createdAt, t.createdAt),
      ], audit);
    },
    async getTemplate(instituteId, code, version) {
      const r = version === undefined
        ? await first(st(`${TEMPLATE_CURRENT} WHERE t.institute_id = ? AND t.code = ?`, instituteId, code))
        : await first(st('SELECT * FROM template_versions WHERE institute_id = ? AND code = ? AND version = ?', instituteId, code, version));
      return r ? templateFromRow(r) : null;
    },
    async listTemplates(instituteId) {
      return (await all(st(`${TEMPLATE_CURRENT} WHERE t.institute_id = ? ORDER BY t.code`, instituteId))).map(templateFromRow);
    },
    async createBatch(b, rows, audit) {
      const chunks: D1PreparedStatement[][] = [];
      for (let i = 0; i < rows.length; i += ROWS_PER_BATCH_CALL) {
        chunks.push(rows.slice(i, i + ROWS_PER_BATCH_CALL).map((r) => st(BATCH_ROW_INSERT, ...batchRowValues(r))));
      }
      // Rows first (batch_rows has no foreign key to batches for this reason), then the batch
      // record with the audit entry: until it exists, nothing resumes or reports the job.
      for (const chunk of chunks) await db.batch(chunk);
      await write([st(BATCH_INSERT, ...batchValues(b))], audit);
    },
    async getBatch(id) {
      const r = await first(st('SELECT * FROM batches WHERE id = ?', id));
      return r ? batchFromRow(r) : null;
    },
    async getBatchByIdempotencyKey(instituteId, key) {
      const r = await first(st('SELECT * FROM batches WHERE institute_id = ? AND idempotency_key = ?', instituteId, key));
      return r ? batchFromRow(r) : null;
    },
    async batchRows(batchId) {
      return (await all(st('SELECT * FROM batch_rows WHERE batch_id = ? ORDER BY row_no', batchId))).map(batchRowFromRow);
    },
    async batchListing(id) {
      const r = await first(st(ONE_BATCH_LISTING, id));
      return r ? batchListingFromRow(r) : null;
    },
    async recentBatches(instituteId, limit) {
      return (await all(st(RECENT_BATCHES, instituteId, instituteId, limit))).map(batchListingFromRow);
    },
    async unfinishedBatches() {
      return (await all(st(`SELECT * FROM batches WHERE state = 'issuing' ORDER BY created_at`))).map(batchFromRow);
    },
    async markBatchRow({ batchId, rowNo }, status, credentialId, error) {
      // A row's outcome is written once: a second, concurrent run of the batch cannot overwrite it.
      await st(`UPDATE batch_rows SET status = ?, credential_id = ?, error = ? WHERE batch_id = ? AND row_no = ? AND status = 'pending'`, status, credentialId, error, batchId, rowNo).run();
    },
    async finishBatch(id, at) {
      await st(`UPDATE batches SET state = 'done', updated_at = ? WHERE id = ?`, at, id).run();
    },
    async issuedRow(instituteId, rowKey) {
      const r = await first(st('SELECT credential_id FROM issued_rows WHERE institute_id = ? AND row_key = ?', instituteId, rowKey));
      return r ? String(r.credential_id) : null;
    },
    async issuedRows(instituteId, rowKeys) {
      return rowKeys.length ? issuedRowsMap(await all(st(ISSUED_ROWS_AMONG, instituteId, JSON.stringify(rowKeys)))) : new Map();
    },
  };
}
