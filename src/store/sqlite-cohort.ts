import type { Database as Db, Statement } from 'better-sqlite3';
import type { CohortStore } from './port.js';
import {
  BATCH_INSERT, BATCH_ROW_INSERT, ISSUED_ROWS_AMONG, ONE_BATCH_LISTING, RECENT_BATCHES, TEMPLATE_CURRENT, TEMPLATE_UPSERT, TEMPLATE_VERSION_INSERT,
  batchFromRow, batchListingFromRow, batchRowFromRow, issuedRowsMap, batchRowValues, batchValues, templateFromRow,
} from './cohort-rows.js';
import type { AuditInput } from './port.js';
import type { Row } from './rows.js';

/** Templates and batch jobs on better-sqlite3; `appendAudit` chains an entry inside the caller's transaction. */
export function sqliteCohortMethods(db: Db, appendAudit: (a: AuditInput | undefined) => void): CohortStore {
  const saveVersion = db.transaction((t: Parameters<CohortStore['saveTemplateVersion']>[0], audit?: AuditInput) => {
    db.prepare(TEMPLATE_VERSION_INSERT).run(t.instituteId, t.code, t.version, t.json, t.createdAt, t.createdBy);
    db.prepare(TEMPLATE_UPSERT).run(t.instituteId, t.code, t.version, t.createdAt, t.createdAt);
    appendAudit(audit);
  });
  const createBatch = db.transaction((b: Parameters<CohortStore['createBatch']>[0], rows: Parameters<CohortStore['createBatch']>[1], audit?: AuditInput) => {
    db.prepare(BATCH_INSERT).run(...batchValues(b));
    const insert = db.prepare(BATCH_ROW_INSERT);
    for (const r of rows) insert.run(...batchRowValues(r));
    appendAudit(audit);
  });
  // Prepared once each: a batch looks up and marks rows thousands of times.
  const statements = new Map<string, Statement>();
  const prepared = (sql: string): Statement => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  const rows = (sql: string, ...params: unknown[]) => prepared(sql).all(...params) as Row[];
  const row = (sql: string, ...params: unknown[]) => prepared(sql).get(...params) as Row | undefined;
  return {
    async saveTemplateVersion(t, audit) {
      saveVersion(t, audit);
    },
    async getTemplate(instituteId, code, version) {
      const r = version === undefined
        ? row(`${TEMPLATE_CURRENT} WHERE t.institute_id = ? AND t.code = ?`, instituteId, code)
        : row('SELECT * FROM template_versions WHERE institute_id = ? AND code = ? AND version = ?', instituteId, code, version);
      return r ? templateFromRow(r) : null;
    },
    async listTemplates(instituteId) {
      return rows(`${TEMPLATE_CURRENT} WHERE t.institute_id = ? ORDER BY t.code`, instituteId).map(templateFromRow);
    },
    async createBatch(b, batchRows, audit) {
      createBatch(b, batchRows, audit);
    },
    async getBatch(id) {
      const r = row('SELECT * FROM batches WHERE id = ?', id);
      return r ? batchFromRow(r) : null;
    },
    async getBatchByIdempotencyKey(instituteId, key) {
      const r = row('SELECT * FROM batches WHERE institute_id = ? AND idempotency_key = ?', instituteId, key);
      return r ? batchFromRow(r) : null;
    },
    async batchRows(batchId) {
      return rows('SELECT * FROM batch_rows WHERE batch_id = ? ORDER BY row_no', batchId).map(batchRowFromRow);
    },
    async batchListing(id) {
      const r = row(ONE_BATCH_LISTING, id);
      return r ? batchListingFromRow(r) : null;
    },
    async recentBatches(instituteId, limit) {
      return rows(RECENT_BATCHES, instituteId, instituteId, limit).map(batchListingFromRow);
    },
    async unfinishedBatches() {
      return rows(`SELECT * FROM batches WHERE state = 'issuing' ORDER BY created_at`).map(batchFromRow);
    },
    async markBatchRow({ batchId, rowNo }, status, credentialId, error) {
      // A row's outcome is written once: a second, concurrent run of the batch cannot overwrite it.
      prepared(`UPDATE batch_rows SET status = ?, credential_id = ?, error = ? WHERE batch_id = ? AND row_no = ? AND status = 'pending'`).run(status, credentialId, error, batchId, rowNo);
    },
    async finishBatch(id, at) {
      prepared(`UPDATE batches SET state = 'done', updated_at = ? WHERE id = ?`).run(at, id);
    },
    async issuedRow(instituteId, rowKey) {
      const r = row('SELECT credential_id FROM issued_rows WHERE institute_id = ? AND row_key = ?', instituteId, rowKey);
      return r ? String(r.credential_id) : null;
    },
    async issuedRows(instituteId, rowKeys) {
      return rowKeys.length ? issuedRowsMap(rows(ISSUED_ROWS_AMONG, instituteId, JSON.stringify(rowKeys))) : new Map();
    },
  };
}
