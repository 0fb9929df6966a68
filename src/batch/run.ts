import { issueCredential, IssueError, type IssuerDeps } from '../issuer/issue.js';
import { issueCredentialGroup, type GroupRow } from '../issuer/issue-group.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import type { IssueRequest } from '../schemas/issue-request.js';
import { issuingRefusal } from '../issuer/may-issue.js';

/** Rows issued per store transaction: fewer commits, and still a small unit to redo. */
const GROUP_ROWS = 32;

/**
 * Issues a batch's pending rows in groups; each group's transaction stores its credentials,
 * marks their rows issued and takes the rows' identities, all or nothing, so a run killed at
 * any point and run again (on restart) neither repeats nor skips a row. A row whose identity
 * already has a credential (an earlier batch, a concurrent run) is reported as existing.
 * Infrastructure errors stop the run and leave the batch to be resumed.
 */
export function runBatch(deps: IssuerDeps, batchId: string, options: { maxRows?: number } = {}): Promise<'done' | 'more'> {
  const run = runBatchRows(deps, batchId, options);
  const control = deps.batches;
  if (control) {
    control.running.add(run);
    const done = () => void control.running.delete(run);
    run.then(done, done);
  }
  return run;
}

async function runBatchRows(deps: IssuerDeps, batchId: string, options: { maxRows?: number }): Promise<'done' | 'more'> {
  const { maxRows = Infinity } = options;
  const batch = await deps.store.getBatch(batchId);
  if (!batch || batch.state !== 'issuing') return 'done';
  const institute = await deps.store.getInstitute(batch.instituteId);
  if (!institute) throw new Error(`batch ${batchId} names an unknown institute`);
  const rows = await deps.store.batchRows(batchId);
  // Resumed after a restart, the institute may have been suspended or its accreditation ended
  // meanwhile: what is left is refused rather than signed.
  const refusal = await issuingRefusal(deps.store, institute, deps.clock());
  const pending = rows.filter((r) => r.status === 'pending');

  /** One row on its own, retrying a taken slot; a row issued meanwhile by another run is existing. */
  const issueAlone = async ({ request, batchRow }: GroupRow) => {
    try {
      await issueCredential(deps, institute, request, batch.actor, batchRow);
    } catch (error) {
      const raced = await deps.store.issuedRow(institute.id, batchRow.rowKey);
      if (raced) await deps.store.markBatchRow(batchRow, 'existing', raced, null);
      else if (error instanceof IssueError) await deps.store.markBatchRow(batchRow, 'failed', null, error.message);
      else throw error;
    }
  };

  for (let start = 0; start < pending.length; start += GROUP_ROWS) {
    // A bounded run (Workers: CPU limits per request) stops here; the next run picks up.
    if (start >= maxRows) return 'more';
    // Between groups the event loop gets a turn: without it a large batch started "in the
    // background" kept every other request (and a SIGTERM) waiting until its last row.
    if (start > 0) await new Promise((resolve) => setTimeout(resolve, 0));
    // A process shutting down stops between groups: every row is issued or still pending, and
    // the batch resumes on the next start.
    if (deps.batches?.signal.aborted) return 'more';
    const chunk = pending.slice(start, start + Math.min(GROUP_ROWS, maxRows - start));
    let queue: GroupRow[] = [];
    const issued = await deps.store.issuedRows(institute.id, chunk.map((row) => row.rowKey));
    for (const row of chunk) {
      const batchRow = { batchId, rowNo: row.rowNo, rowKey: row.rowKey };
      const existing = issued.get(row.rowKey) ?? null;
      if (refusal && !existing) await deps.store.markBatchRow(batchRow, 'failed', null, refusal);
      else if (existing) await deps.store.markBatchRow(batchRow, 'existing', existing, null);
      else queue.push({ request: JSON.parse(row.request) as IssueRequest, batchRow });
    }
    while (queue.length > 0) {
      let outcome: Awaited<ReturnType<typeof issueCredentialGroup>>;
      try {
        outcome = await issueCredentialGroup(deps, institute, queue, batch.actor);
      } catch (error) {
        // A slot or a row taken concurrently (or any other store refusal): nothing of the
        // group was stored; the rows go one by one, which retries slots and spots races.
        for (const row of queue) await issueAlone(row);
        break;
      }
      for (const { row, error } of outcome.refused) await deps.store.markBatchRow(row.batchRow, 'failed', null, error.message);
      queue = queue.slice(outcome.taken);
    }
  }
  if (pending.length > maxRows) return 'more';
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
