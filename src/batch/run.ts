import { issueCredential, IssueError, type IssuerDeps } from '../issuer/issue.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import type { IssueRequest } from '../schemas/issue-request.js';
import { issuingRefusal } from '../issuer/may-issue.js';

export interface BatchProgress {
  done: number;
  total: number;
}

/**
 * Issues a batch's pending rows one by one; each credential's transaction also marks its row
 * issued and takes the row's identity, so a run killed at any point and run again (on
 * restart) neither repeats nor skips a row. A row whose identity already has a credential
 * (an earlier batch, a concurrent run) is reported as existing. Infrastructure errors stop the
 * run and leave the batch to be resumed.
 */
export async function runBatch(
  deps: IssuerDeps,
  batchId: string,
  options: { maxRows?: number; onProgress?: (p: BatchProgress) => void } = {},
): Promise<'done' | 'more'> {
  const { maxRows = Infinity, onProgress } = options;
  const batch = await deps.store.getBatch(batchId);
  if (!batch || batch.state !== 'issuing') return 'done';
  const institute = await deps.store.getInstitute(batch.instituteId);
  if (!institute) throw new Error(`batch ${batchId} names an unknown institute`);
  const rows = await deps.store.batchRows(batchId);
  // Resumed after a restart, the institute may have been suspended or its accreditation ended
  // meanwhile: what is left is refused rather than signed.
  const refusal = await issuingRefusal(deps.store, institute, deps.clock());
  let done = rows.filter((r) => r.status !== 'pending').length;
  let handled = 0;
  for (const row of rows) {
    if (row.status !== 'pending') continue;
    // A bounded run (Workers: CPU limits per request) stops here; the next run picks up.
    if (handled++ >= maxRows) return 'more';
    const ref = { batchId, rowNo: row.rowNo, rowKey: row.rowKey };
    const existing = await deps.store.issuedRow(institute.id, row.rowKey);
    if (refusal && !existing) {
      await deps.store.markBatchRow(ref, 'failed', null, refusal);
    } else if (existing) {
      await deps.store.markBatchRow(ref, 'existing', existing, null);
    } else {
      try {
        await issueCredential(deps, institute, JSON.parse(row.request) as IssueRequest, batch.actor, ref);
      } catch (error) {
        const raced = await deps.store.issuedRow(institute.id, row.rowKey);
        if (raced) await deps.store.markBatchRow(ref, 'existing', raced, null);
        else if (error instanceof IssueError) await deps.store.markBatchRow(ref, 'failed', null, error.message);
        else throw error;
      }
    }
    onProgress?.({ done: ++done, total: rows.length });
  }
  await deps.store.finishBatch(batchId, toDateTimeStamp(deps.clock()));
  return 'done';
}

/** Resumes every batch a stopped process left issuing (call once at start, before serving). */
export async function resumeBatches(deps: IssuerDeps, log?: (message: string) => void, maxRowsEach?: number): Promise<number> {
  const unfinished = await deps.store.unfinishedBatches();
  for (const batch of unfinished) {
    log?.(`resuming batch ${batch.id}`);
    await runBatch(deps, batch.id, { maxRows: maxRowsEach });
  }
  return unfinished.length;
}
