import { z } from 'zod';
import type { AuditInput } from './port.js';

/** One version of an achievement template, as stored (the body is validated JSON). */
export const TemplateRecordSchema = z.object({
  instituteId: z.string(),
  code: z.string(),
  version: z.number().int().positive(),
  /** The template body (TemplateBody), JSON text. */
  json: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type TemplateRecord = z.infer<typeof TemplateRecordSchema>;

export const BATCH_ROW_STATUSES = ['pending', 'issued', 'existing', 'failed'] as const;
export type BatchRowStatus = (typeof BATCH_ROW_STATUSES)[number];

export const BatchRecordSchema = z.object({
  id: z.string(),
  instituteId: z.string(),
  idempotencyKey: z.string().nullable(),
  /** SHA-256 (hex) of the file and options it was submitted with; null for batches stored before it was kept. */
  requestSha256: z.string().nullable(),
  state: z.enum(['issuing', 'done']),
  actor: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** JSON text: the validation summary given when the batch was accepted. */
  summary: z.string(),
});
export type BatchRecord = z.infer<typeof BatchRecordSchema>;

export const BatchRowSchema = z.object({
  batchId: z.string(),
  rowNo: z.number().int(),
  rowKey: z.string(),
  studentId: z.string().nullable(),
  learnerName: z.string(),
  /** The validated IssueRequest, JSON text. */
  request: z.string(),
  templateCode: z.string(),
  templateVersion: z.number().int(),
  status: z.enum(BATCH_ROW_STATUSES),
  credentialId: z.string().nullable(),
  error: z.string().nullable(),
});
export type BatchRow = z.infer<typeof BatchRowSchema>;

/** A batch as the console lists it: the record and how far its rows have got. */
export interface BatchListing extends BatchRecord {
  counts: { total: number; pending: number; issued: number; existing: number; failed: number };
}

/** Marks a batch row issued in the same transaction as its credential. */
export interface BatchRowRef {
  batchId: string;
  rowNo: number;
  rowKey: string;
}

/** Templates and batch jobs: the store's part of cohort issuance. */
export interface CohortStore {
  /**
   * Adds a template version and makes it current. Version 1 creates the template; a version
   * already stored (a concurrent edit) throws.
   */
  saveTemplateVersion(template: TemplateRecord, audit?: AuditInput): Promise<void>;
  /** The current version, or the one asked for. */
  getTemplate(instituteId: string, code: string, version?: number): Promise<TemplateRecord | null>;
  /** Current versions, by code. */
  listTemplates(instituteId: string): Promise<TemplateRecord[]>;

  /** Stores a batch job and all its rows (pending) in one transaction. */
  createBatch(batch: BatchRecord, rows: BatchRow[], audit?: AuditInput): Promise<void>;
  getBatch(id: string): Promise<BatchRecord | null>;
  getBatchByIdempotencyKey(instituteId: string, key: string): Promise<BatchRecord | null>;
  batchRows(batchId: string): Promise<BatchRow[]>;
  /** The newest batches first, of one institute or (null) of all, with their row counts. */
  recentBatches(instituteId: string | null, limit: number): Promise<BatchListing[]>;
  /** One batch with its row counts, without reading its rows (for polling progress). */
  batchListing(id: string): Promise<BatchListing | null>;
  /** Batches still issuing (to resume after a restart). */
  unfinishedBatches(): Promise<BatchRecord[]>;
  /** Records a row's outcome when it issued nothing new (existing, failed). */
  markBatchRow(ref: { batchId: string; rowNo: number }, status: BatchRowStatus, credentialId: string | null, error: string | null): Promise<void>;
  finishBatch(id: string, at: string): Promise<void>;
  /** The credential already issued for a row identity of the institute. */
  issuedRow(instituteId: string, rowKey: string): Promise<string | null>;
  /** The credentials already issued for many row identities, in one query (a file of thousands of rows; D1 caps queries per request). */
  issuedRows(instituteId: string, rowKeys: readonly string[]): Promise<Map<string, string>>;
}
