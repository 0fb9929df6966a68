import { randomId } from '../crypto/encoding.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import type { AccreditationPeriod, BatchRecord, BatchRow, CohortStore, Institute, Store } from '../store/port.js';
import { describeSpans, judgeAccreditation } from '../verifier/accreditation.js';
import { COLUMNS } from './columns.js';
import type { ParsedTable, Problem } from './parse.js';
import { validateBatch, type BatchSummary, type ValidRow } from './validate.js';

/** What a batch file would issue: the validation summary and how many rows are new. */
export interface SubmitSummary extends BatchSummary {
  alreadyIssued: number;
  toIssue: number;
}

export interface DryRunRow {
  row: number;
  studentId: string | null;
  name: string;
  template: string;
  existingCredentialId?: string;
}

export interface SubmitInput {
  institute: Institute;
  /** Who submits it, as the audit log names them (`token:<id>`). */
  actor: string;
  table: ParsedTable;
  /** SHA-256 (hex) of the file and the options it was sent with: an Idempotency-Key names one request. */
  fingerprint: string;
  /** The template code for rows that name none. */
  template?: string;
  idempotencyKey: string | null;
  dryRun: boolean;
  /** Issue the valid rows even when others have problems. */
  validRowsOnly: boolean;
}

/** The outcome of submitting a batch file: data for the API or the console to show, never an exception. */
export type Submission =
  /** `warnings`: rows that would issue, but not as one might expect (see {@link accreditationWarnings}). */
  | { kind: 'dry-run'; summary: SubmitSummary; problems: Problem[]; warnings: Problem[]; rows: DryRunRow[] }
  /** Problems were found and the caller did not ask to issue the valid rows only: nothing was stored. */
  | { kind: 'has-problems'; summary: SubmitSummary; problems: Problem[]; warnings: Problem[] }
  | { kind: 'no-valid-rows'; summary: SubmitSummary; problems: Problem[] }
  /** The Idempotency-Key was used before for a different file or options. */
  | { kind: 'key-reused'; batch: BatchRecord }
  /** The Idempotency-Key was used before for this same request: its batch, unchanged. */
  | { kind: 'replayed'; batch: BatchRecord }
  /** A new batch job, stored with its pending rows; issuing it is the caller's next step. */
  | { kind: 'created'; batch: BatchRecord };

export const MAX_BATCH_ROWS = 20_000;

/**
 * Validates a batch file against the institute's templates, finds the rows issued before
 * (same learner, template and completion date), and, unless it is a dry run or has
 * problems, stores it as a job: the batch and all its rows, pending, in one transaction.
 * The API and the console both submit through here.
 */
export async function submitBatch(deps: { store: CohortStore & Pick<Store, 'accreditations'>; clock: () => Date }, input: SubmitInput): Promise<Submission> {
  const { store } = deps;
  const { institute, idempotencyKey: key } = input;
  const replay = async (): Promise<Submission | null> => {
    const earlier = key ? await store.getBatchByIdempotencyKey(institute.id, key) : null;
    if (!earlier) return null;
    // Batches stored before fingerprints were kept cannot be compared; they replay as before.
    return { kind: earlier.requestSha256 === null || earlier.requestSha256 === input.fingerprint ? 'replayed' : 'key-reused', batch: earlier };
  };
  if (!input.dryRun) {
    const earlier = await replay();
    if (earlier) return earlier;
  }

  const validation = await validateBatch(input.table, (code) => store.getTemplate(institute.id, code), {
    template: input.template,
    now: deps.clock(),
  });
  const issued = await store.issuedRows(institute.id, validation.valid.map((r) => r.rowKey));
  const existing = new Map<number, string>();
  for (const r of validation.valid) {
    const id = issued.get(r.rowKey);
    if (id) existing.set(r.rowNo, id);
  }
  const summary: SubmitSummary = { ...validation.summary, alreadyIssued: existing.size, toIssue: validation.valid.length - existing.size };
  const { problems } = validation;
  const fresh = validation.valid.filter((r) => !existing.has(r.rowNo));
  const warnings = accreditationWarnings(institute, await store.accreditations(institute.id), fresh, input.table, deps.clock());

  if (input.dryRun) {
    return {
      kind: 'dry-run', summary, problems, warnings,
      rows: validation.valid.map((r) => ({
        row: r.rowNo, studentId: r.studentId, name: r.learnerName, template: `${r.templateCode}@${r.templateVersion}`,
        ...(existing.has(r.rowNo) ? { existingCredentialId: existing.get(r.rowNo) } : {}),
      })),
    };
  }
  if (problems.length > 0 && !input.validRowsOnly) return { kind: 'has-problems', summary, problems, warnings };
  if (validation.valid.length === 0) return { kind: 'no-valid-rows', summary, problems };

  const now = toDateTimeStamp(deps.clock());
  const batch: BatchRecord = {
    id: randomId(), instituteId: institute.id, idempotencyKey: key, requestSha256: input.fingerprint, state: 'issuing', actor: input.actor,
    createdAt: now, updatedAt: now, summary: JSON.stringify({ ...summary, problems, warnings }),
  };
  const rows: BatchRow[] = validation.valid.map((r) => ({
    batchId: batch.id, rowNo: r.rowNo, rowKey: r.rowKey, studentId: r.studentId, learnerName: r.learnerName,
    request: JSON.stringify(r.request), templateCode: r.templateCode, templateVersion: r.templateVersion,
    status: 'pending', credentialId: null, error: null,
  }));
  try {
    await store.createBatch(batch, rows, {
      at: now, actor: input.actor, instituteId: institute.id, action: 'batch.create', target: batch.id, details: { rows: rows.length },
    });
  } catch (error) {
    // The same Idempotency-Key sent twice at once: the first one stored wins.
    const earlier = await replay();
    if (earlier) return earlier;
    throw error;
  }
  return { kind: 'created', batch };
}

/**
 * The rows whose completion date the accreditation rule (judgeAccreditation) would fail:
 * issued now, their certificates would verify as ISSUER NOT ACCREDITED. A warning, not a
 * refusal: the date may be a typo to fix, or right, and then the accreditation must be
 * recorded to cover it (which makes certificates already issued read accredited too).
 */
export function accreditationWarnings(institute: Institute, periods: AccreditationPeriod[], rows: readonly ValidRow[], table: ParsedTable, now: Date): Problem[] {
  const column = table.headers.completionDate ?? COLUMNS.completionDate.label;
  const signedAt = toDateTimeStamp(now);
  return rows.flatMap((r) => {
    const judged = judgeAccreditation(periods, { completedAt: r.request.validFrom, signedAt });
    if (judged.ok || judged.failing !== 'completion') return [];
    return [{
      row: r.rowNo, column,
      message: `${institute.name} was not accredited on ${r.request.validFrom!.slice(0, 10)} (accredited ${describeSpans(periods)}): a certificate with this completion date would verify as ISSUER NOT ACCREDITED. If the date is right, the accreditation must be recorded to cover it (for the default institute: INSTITUTE_ACCREDITED_FROM)`,
    }];
  });
}

/** Counts of a batch's rows by outcome. */
export function batchCounts(rows: readonly BatchRow[]): { total: number; pending: number; issued: number; existing: number; failed: number } {
  const by = { pending: 0, issued: 0, existing: 0, failed: 0 };
  for (const r of rows) by[r.status]++;
  return { total: rows.length, ...by };
}
