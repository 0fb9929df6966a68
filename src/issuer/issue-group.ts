import type { IssueRequest } from '../schemas/issue-request.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import type { BatchRowRef } from '../store/port.js';
import type { Institute, IssuedCredentialWrite } from '../store/port.js';
import { credentialRequest, IssueError, prepare, signingKeyOf, type IssuerDeps } from './issue.js';
import type { SigningKey } from './keys.js';
import { allocateStatusSlotGroup, SINGLE_ENTRY } from './status.js';

/** One row of a batch group: an API request, and the batch row it issues. */
export interface GroupRow {
  request: IssueRequest;
  batchRow: BatchRowRef;
}

/**
 * Issues batch rows as issueCredential issues each, but with their slots drawn together and
 * the credentials stored in one transaction (all of them or none). Takes as many rows from the
 * front of `rows` as the current status lists have room for (at least one) and returns how
 * many it took, and which of them were refused (IssueError: stored nothing). Errors from the
 * store (a slot or a row taken concurrently) propagate; the caller then issues the rows one
 * at a time, as that path retries and detects races.
 */
export async function issueCredentialGroup(
  deps: IssuerDeps,
  institute: Institute,
  rows: GroupRow[],
  actor: string,
): Promise<{ taken: number; refused: Array<{ row: GroupRow; error: IssueError }> }> {
  const refused: Array<{ row: GroupRow; error: IssueError }> = [];
  let key: SigningKey;
  try {
    key = await signingKeyOf(deps, institute.did);
  } catch (error) {
    if (!(error instanceof IssueError)) throw error;
    return { taken: rows.length, refused: rows.map((row) => ({ row, error })) };
  }
  const slots = await allocateStatusSlotGroup(deps.store, institute, institute.did, toDateTimeStamp(deps.clock()), SINGLE_ENTRY, rows.length);
  const taken = rows.slice(0, slots.length);
  const writes: IssuedCredentialWrite[] = [];
  for (const [i, row] of taken.entries()) {
    try {
      const prepared = await prepare(deps, credentialRequest(deps, institute, row.request, actor, row.batchRow), key, slots[i] ?? {}, toDateTimeStamp(deps.clock()));
      writes.push(prepared.write);
    } catch (error) {
      if (!(error instanceof IssueError)) throw error;
      refused.push({ row, error });
    }
  }
  await deps.store.saveIssuedCredentials(writes);
  return { taken: taken.length, refused };
}

