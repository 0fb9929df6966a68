import {
  BatchRecordSchema, BatchRowSchema, TemplateRecordSchema, type BatchListing, type BatchRecord, type BatchRow, type TemplateRecord,
} from './port.js';
import type { Row } from './rows.js';

/* Row → record mappers for templates and batches, shared by every SQL adapter. */

export const templateFromRow = (r: Row): TemplateRecord =>
  TemplateRecordSchema.parse({
    instituteId: r.institute_id, code: r.code, version: r.version, json: r.json, createdAt: r.created_at, createdBy: r.created_by,
  });

export const batchFromRow = (r: Row): BatchRecord =>
  BatchRecordSchema.parse({
    id: r.id, instituteId: r.institute_id, idempotencyKey: r.idempotency_key, requestSha256: r.request_sha256 ?? null, state: r.state, actor: r.actor,
    createdAt: r.created_at, updatedAt: r.updated_at, summary: r.summary,
  });

const BATCH_WITH_COUNTS = `SELECT b.*, COUNT(r.row_no) AS n_total,
    COALESCE(SUM(r.status = 'pending'), 0) AS n_pending, COALESCE(SUM(r.status = 'issued'), 0) AS n_issued,
    COALESCE(SUM(r.status = 'existing'), 0) AS n_existing, COALESCE(SUM(r.status = 'failed'), 0) AS n_failed
  FROM batches b LEFT JOIN batch_rows r ON r.batch_id = b.id`;
export const RECENT_BATCHES = `${BATCH_WITH_COUNTS}
  WHERE (? IS NULL OR b.institute_id = ?) GROUP BY b.id ORDER BY b.created_at DESC, b.id LIMIT ?`;
export const ONE_BATCH_LISTING = `${BATCH_WITH_COUNTS} WHERE b.id = ? GROUP BY b.id`;

export const batchListingFromRow = (r: Row): BatchListing => ({
  ...batchFromRow(r),
  counts: {
    total: Number(r.n_total), pending: Number(r.n_pending), issued: Number(r.n_issued), existing: Number(r.n_existing), failed: Number(r.n_failed),
  },
});

export const batchRowFromRow = (r: Row): BatchRow =>
  BatchRowSchema.parse({
    batchId: r.batch_id, rowNo: r.row_no, rowKey: r.row_key, studentId: r.student_id, learnerName: r.learner_name,
    request: r.request, templateCode: r.template_code, templateVersion: r.template_version, status: r.status,
    credentialId: r.credential_id, error: r.error,
  });

export const TEMPLATE_VERSION_INSERT = `INSERT INTO template_versions (institute_id, code, version, json, created_at, created_by)
  VALUES (?, ?, ?, ?, ?, ?)`;
export const TEMPLATE_UPSERT = `INSERT INTO templates (institute_id, code, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (institute_id, code) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at`;
export const TEMPLATE_CURRENT = `SELECT v.* FROM templates t JOIN template_versions v
  ON v.institute_id = t.institute_id AND v.code = t.code AND v.version = t.version`;
export const BATCH_INSERT = `INSERT INTO batches (id, institute_id, idempotency_key, request_sha256, state, actor, created_at, updated_at, summary)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;
export const BATCH_ROW_INSERT = `INSERT INTO batch_rows (batch_id, row_no, row_key, student_id, learner_name, request, template_code,
  template_version, status, credential_id, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
/** The issued rows of an institute among a JSON array of row keys: one statement however many keys. */
export const ISSUED_ROWS_AMONG = `SELECT row_key, credential_id FROM issued_rows
  WHERE institute_id = ? AND row_key IN (SELECT value FROM json_each(?))`;
export const issuedRowsMap = (rows: Row[]): Map<string, string> => new Map(rows.map((r) => [String(r.row_key), String(r.credential_id)]));

export const ISSUED_ROW_INSERT = 'INSERT INTO issued_rows (institute_id, row_key, credential_id) VALUES (?, ?, ?)';
export const BATCH_ROW_ISSUED = `UPDATE batch_rows SET status = 'issued', credential_id = ?, error = NULL WHERE batch_id = ? AND row_no = ?`;

export const batchValues = (b: BatchRecord) => [b.id, b.instituteId, b.idempotencyKey, b.requestSha256, b.state, b.actor, b.createdAt, b.updatedAt, b.summary];
export const batchRowValues = (r: BatchRow) =>
  [r.batchId, r.rowNo, r.rowKey, r.studentId, r.learnerName, r.request, r.templateCode, r.templateVersion, r.status, r.credentialId, r.error];
