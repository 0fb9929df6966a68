import type { Context } from 'hono';
import { qrZip, resultsCsv } from '../batch/results.js';
import type { Services } from '../services.js';
import type { BatchRecord } from '../store/port.js';

/*
 * What the batch API (src/http/batch-routes.ts) and the console's cohort pages
 * (src/http/console-cohort-routes.tsx) answer alike: the upload limit and the two downloads.
 */

export const BATCH_BODY_LIMIT = 10 * 1024 * 1024;

/** A batch's results sheet as a download. */
export async function resultsCsvResponse(s: Services, c: Context, batch: BatchRecord): Promise<Response> {
  return c.body(resultsCsv(s.publicUrl, await s.store.batchRows(batch.id)), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="batch-${batch.id}-results.csv"`,
  });
}

/** A batch's QR codes as a ZIP download. */
export async function qrZipResponse(s: Services, c: Context, batch: BatchRecord): Promise<Response> {
  const zip = await qrZip(s.publicUrl, await s.store.batchRows(batch.id), s.qrPng);
  return c.body(zip as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': 'application/zip',
    'Content-Disposition': `attachment; filename="batch-${batch.id}-qr.zip"`,
  });
}
