import type { Context } from 'hono';
import { offlineQrs, qrZip, resultsCsv } from '../batch/results.js';
import type { Services } from '../services.js';
import type { BatchRecord, BatchRow } from '../store/port.js';

/*
 * What the batch API (src/http/batch-routes.ts) and the console's cohort pages
 * (src/http/console-cohort-routes.tsx) answer alike: the upload limit and the two downloads.
 */

export const BATCH_BODY_LIMIT = 10 * 1024 * 1024;

/** The offline QR of each issued credential of a batch's rows (one store query). */
async function batchOfflineQrs(s: Services, rows: readonly BatchRow[]) {
  const ids = rows.map((r) => r.credentialId).filter((id): id is string => id !== null);
  return offlineQrs(s.publicUrl, await s.store.credentialJwts(ids));
}

/** A batch's results sheet as a download (with each credential's offline QR fit). */
export async function resultsCsvResponse(s: Services, c: Context, batch: BatchRecord): Promise<Response> {
  const rows = await s.store.batchRows(batch.id);
  return c.body(resultsCsv(s.publicUrl, rows, undefined, await batchOfflineQrs(s, rows)), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="batch-${batch.id}-results.csv"`,
  });
}

/** A batch's QR codes as a ZIP download (the offline QR where the credential fits). */
export async function qrZipResponse(s: Services, c: Context, batch: BatchRecord): Promise<Response> {
  const rows = await s.store.batchRows(batch.id);
  const zip = await qrZip(s.publicUrl, rows, s.qrPng, undefined, await batchOfflineQrs(s, rows));
  return c.body(zip as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': 'application/zip',
    'Content-Disposition': `attachment; filename="batch-${batch.id}-qr.zip"`,
  });
}
