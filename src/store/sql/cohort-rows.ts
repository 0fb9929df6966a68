import {
  BatchRecordSchema, BatchRowSchema, TemplateRecordSchema, type BatchListing, type BatchRecord, type BatchRow, type TemplateRecord,
} from '../records.js';
import type { Row } from './driver.js';

/* Row → record mappers for templates and batches. */

export const templateFromRow = (r: Row): TemplateRecord =>
  TemplateRecordSchema.parse({
    instituteId: r.institute_id, code: r.code, version: r.version, json: r.json, createdAt: r.created_at, createdBy: r.created_by,
  });

export const batchFromRow = (r: Row): BatchRecord =>
  BatchRecordSchema.parse({
    id: r.id, instituteId: r.institute_id, idempotencyKey: r.idempotency_key, requestSha256: r.request_sha256 ?? null, state: r.state, actor: r.actor,
    createdAt: r.created_at, updatedAt: r.updated_at, summary: r.summary,
  });

/** A batch with the row counts of the listing queries (n_total, n_pending, …). */
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
