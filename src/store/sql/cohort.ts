import type { BatchRow, CohortStore } from '../port.js';
import { audited, type AuditLog } from './audit.js';
import { batchCompletedEvent } from './webhook-events.js';
import { sql, type Sql, type SqlDriver } from './driver.js';
import { batchFromRow, batchListingFromRow, batchRowFromRow, templateFromRow } from './cohort-rows.js';

const TEMPLATE_CURRENT = `SELECT v.* FROM templates t JOIN template_versions v
  ON v.institute_id = t.institute_id AND v.code = t.code AND v.version = t.version`;
const BATCH_WITH_COUNTS = `SELECT b.*, COUNT(r.row_no) AS n_total,
    COALESCE(SUM(r.status = 'pending'), 0) AS n_pending, COALESCE(SUM(r.status = 'issued'), 0) AS n_issued,
    COALESCE(SUM(r.status = 'existing'), 0) AS n_existing, COALESCE(SUM(r.status = 'failed'), 0) AS n_failed
  FROM batches b LEFT JOIN batch_rows r ON r.batch_id = b.id`;
const BATCH_ROW_INSERT = `INSERT INTO batch_rows (batch_id, row_no, row_key, student_id, learner_name, request, template_code,
    template_version, status, credential_id, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
/** Rows per atomic group: one D1 batch() call each, well inside its limits. */
const ROWS_PER_WRITE = 500;

const rowInsert = (r: BatchRow): Sql =>
  sql(BATCH_ROW_INSERT, r.batchId, r.rowNo, r.rowKey, r.studentId, r.learnerName, r.request, r.templateCode, r.templateVersion, r.status, r.credentialId, r.error);

/** Templates and batch jobs. */
export function cohortMethods(db: SqlDriver, log: AuditLog): CohortStore {
  const batch = async (text: string, ...params: string[]) => {
    const row = await db.first(sql(text, ...params));
    return row ? batchFromRow(row) : null;
  };
  return {
    async saveTemplateVersion(t, audit) {
      await log.write([
        sql('INSERT INTO template_versions (institute_id, code, version, json, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
          t.instituteId, t.code, t.version, t.json, t.createdAt, t.createdBy),
        sql(`INSERT INTO templates (institute_id, code, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (institute_id, code) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at`,
        t.instituteId, t.code, t.version, t.createdAt, t.createdAt),
        audited(audit),
      ]);
    },
    async getTemplate(instituteId, code, version) {
      const row = version === undefined
        ? await db.first(sql(`${TEMPLATE_CURRENT} WHERE t.institute_id = ? AND t.code = ?`, instituteId, code))
        : await db.first(sql('SELECT * FROM template_versions WHERE institute_id = ? AND code = ? AND version = ?', instituteId, code, version));
      return row ? templateFromRow(row) : null;
    },
    async listTemplates(instituteId) {
      return (await db.all(sql(`${TEMPLATE_CURRENT} WHERE t.institute_id = ? ORDER BY t.code`, instituteId))).map(templateFromRow);
    },

    async createBatch(b, rows, audit) {
      const record = [
        sql(`INSERT INTO batches (id, institute_id, idempotency_key, request_sha256, state, actor, created_at, updated_at, summary)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, b.id, b.instituteId, b.idempotencyKey, b.requestSha256, b.state, b.actor, b.createdAt, b.updatedAt, b.summary),
        audited(audit),
      ];
      if (rows.length <= ROWS_PER_WRITE) {
        await log.write([...rows.map(rowInsert), ...record]);
        return;
      }
      // Too many rows for one write: rows first (batch_rows has no foreign key to batches for
      // this reason), then the job with its audit entry. Until the job exists, nothing
      // resumes or lists it, so rows left by a failure halfway are never read.
      for (let i = 0; i < rows.length; i += ROWS_PER_WRITE) await db.atomic(rows.slice(i, i + ROWS_PER_WRITE).map(rowInsert));
      await log.write(record);
    },
    getBatch: (id) => batch('SELECT * FROM batches WHERE id = ?', id),
    getBatchByIdempotencyKey: (instituteId, key) => batch('SELECT * FROM batches WHERE institute_id = ? AND idempotency_key = ?', instituteId, key),
    async batchRows(batchId) {
      return (await db.all(sql('SELECT * FROM batch_rows WHERE batch_id = ? ORDER BY row_no', batchId))).map(batchRowFromRow);
    },
    async batchListing(id) {
      const row = await db.first(sql(`${BATCH_WITH_COUNTS} WHERE b.id = ? GROUP BY b.id`, id));
      return row ? batchListingFromRow(row) : null;
    },
    async recentBatches(instituteId, limit) {
      const rows = await db.all(sql(`${BATCH_WITH_COUNTS} WHERE (? IS NULL OR b.institute_id = ?) GROUP BY b.id ORDER BY b.created_at DESC, b.id LIMIT ?`,
        instituteId, instituteId, limit));
      return rows.map(batchListingFromRow);
    },
    async unfinishedBatches() {
      return (await db.all(sql(`SELECT * FROM batches WHERE state = 'issuing' ORDER BY created_at`))).map(batchFromRow);
    },
    async markBatchRow({ batchId, rowNo }, status, credentialId, error) {
      // A row's outcome is written once: a second, concurrent run of the batch cannot overwrite it.
      await db.run(sql(`UPDATE batch_rows SET status = ?, credential_id = ?, error = ? WHERE batch_id = ? AND row_no = ? AND status = 'pending'`,
        status, credentialId, error, batchId, rowNo));
    },
    async finishBatch(id, at) {
      // Finished once: the event only when this write finished it.
      await db.atomic([sql(`UPDATE batches SET state = 'done', updated_at = ? WHERE id = ? AND state <> 'done'`, at, id), batchCompletedEvent(id, at)]);
    },
    async issuedRow(instituteId, rowKey) {
      const row = await db.first(sql('SELECT credential_id FROM issued_rows WHERE institute_id = ? AND row_key = ?', instituteId, rowKey));
      return row ? String(row.credential_id) : null;
    },
    async issuedRows(instituteId, rowKeys) {
      if (rowKeys.length === 0) return new Map();
      // The keys travel as one JSON parameter: one query for a file of thousands of rows.
      const rows = await db.all(sql('SELECT row_key, credential_id FROM issued_rows WHERE institute_id = ? AND row_key IN (SELECT value FROM json_each(?))',
        instituteId, JSON.stringify(rowKeys)));
      return new Map(rows.map((r) => [String(r.row_key), String(r.credential_id)]));
    },
  };
}
