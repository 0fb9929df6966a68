import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { zipSync, strToU8 } from 'fflate';
import Papa from 'papaparse';
import type { AppEnv, Services } from '../app.js';
import { parseCsv, parseJsonRows, type ParsedTable } from '../batch/parse.js';
import { runBatch } from '../batch/run.js';
import { validateBatch } from '../batch/validate.js';
import { randomId } from '../crypto/encoding.js';
import { credentialUrlFor, verifyUrlFor } from '../issuer/issue.js';
import { qrSvg } from '../issuer/qr.js';
import { toDateTimeStamp } from '../schemas/dates.js';
import type { BatchRecord, BatchRow } from '../store/cohort-port.js';
import { actsFor, requireScope, requireToken, type AuthVariables } from './auth.js';
import { isJsonContentType, parseJsonText } from './body.js';
import { issuingInstitute } from './credential-routes.js';
import { ApiError, errorBody } from './errors.js';
import { rateLimit } from './rate-limit.js';

export const BATCH_BODY_LIMIT = 10 * 1024 * 1024;
const MAX_ROWS = 20_000;

type BatchEnv = AppEnv & { Variables: AuthVariables };

const flag = (c: Context, name: string) => ['true', '1', 'yes'].includes((c.req.query(name) ?? '').toLowerCase());

async function readTable(c: Context<BatchEnv>, templateGiven: boolean): Promise<ParsedTable> {
  const optional = templateGiven ? (['template'] as const) : [];
  const text = await c.req.text();
  if (isJsonContentType(c)) {
    const json = parseJsonText(text);
    const items = Array.isArray(json) ? json : (json as { rows?: unknown } | null)?.rows;
    if (!Array.isArray(items)) throw new ApiError('invalid_request', 'send a JSON array of rows (or {"rows": [...]})');
    return parseJsonRows(items, { optional });
  }
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel', 'application/octet-stream', ''].includes(type)) {
    throw new ApiError('unsupported_media_type', 'send the rows as text/csv or as an application/json array');
  }
  return parseCsv(text, { optional });
}

const counts = (rows: BatchRow[]) => {
  const by = { pending: 0, issued: 0, existing: 0, failed: 0 };
  for (const r of rows) by[r.status]++;
  return { total: rows.length, ...by };
};

/** Batch issuance from a spreadsheet or a JSON array: validate, persist as a job, issue row by row. */
export function batchRoutes(s: Services): Hono<BatchEnv> {
  const app = new Hono<BatchEnv>();
  const auth = requireToken(s.store, s.crypto, s.clock);

  const rowView = (r: BatchRow) => ({
    row: r.rowNo, studentId: r.studentId, name: r.learnerName, template: `${r.templateCode}@${r.templateVersion}`, status: r.status,
    credentialId: r.credentialId,
    ...(r.credentialId ? { link: credentialUrlFor(s.publicUrl, r.credentialId), verifyUrl: verifyUrlFor(s.publicUrl, r.credentialId) } : {}),
    ...(r.error ? { error: r.error } : {}),
  });
  const batchView = async (b: BatchRecord) => {
    const rows = await s.store.batchRows(b.id);
    return {
      id: b.id, state: b.state, createdAt: b.createdAt, updatedAt: b.updatedAt, counts: counts(rows),
      validation: JSON.parse(b.summary) as unknown, rows: rows.map(rowView),
      links: {
        self: `${s.publicUrl}/api/v1/batches/${b.id}`,
        results: `${s.publicUrl}/api/v1/batches/${b.id}/results.csv`,
        qrZip: `${s.publicUrl}/api/v1/batches/${b.id}/qr.zip`,
      },
    };
  };
  const findBatch = async (c: Context<BatchEnv>): Promise<BatchRecord> => {
    const batch = await s.store.getBatch(c.req.param('id') ?? '');
    if (!batch || !actsFor(c.get('token'), batch.instituteId)) throw new ApiError('not_found', 'no batch with this id');
    return batch;
  };

  app.post(
    '/api/v1/batches',
    bodyLimit({ maxSize: BATCH_BODY_LIMIT, onError: () => { throw new ApiError('payload_too_large', `the file is larger than ${BATCH_BODY_LIMIT / 1024 / 1024} MB`); } }),
    auth,
    requireScope('issue'),
    rateLimit<BatchEnv>(s.limits.issue, (c) => `token:${c.get('token').id}`),
    async (c) => {
      const token = c.get('token');
      const institute = await issuingInstitute(s, token, c.req.query('institute'));
      const key = c.req.header('idempotency-key')?.trim() || null;
      if (key && key.length > 200) throw new ApiError('invalid_request', 'Idempotency-Key: must be at most 200 characters');
      if (key) {
        const earlier = await s.store.getBatchByIdempotencyKey(institute.id, key);
        if (earlier) return c.json(await batchView(earlier), 200);
      }
      const template = c.req.query('template') || undefined;
      const table = await readTable(c, template !== undefined);
      if (table.rows.length > MAX_ROWS) throw new ApiError('payload_too_large', `at most ${MAX_ROWS} rows per batch`);
      const validation = await validateBatch(table, (code) => s.store.getTemplate(institute.id, code), { template, now: s.clock() });
      const existing = new Map<number, string>();
      for (const r of validation.valid) {
        const id = await s.store.issuedRow(institute.id, r.rowKey);
        if (id) existing.set(r.rowNo, id);
      }
      const summary = { ...validation.summary, alreadyIssued: existing.size, toIssue: validation.valid.length - existing.size };

      if (flag(c, 'dryRun')) {
        return c.json({
          dryRun: true, summary, problems: validation.problems,
          rows: validation.valid.map((r) => ({
            row: r.rowNo, studentId: r.studentId, name: r.learnerName, template: `${r.templateCode}@${r.templateVersion}`,
            ...(existing.has(r.rowNo) ? { existingCredentialId: existing.get(r.rowNo) } : {}),
          })),
        });
      }
      if (validation.problems.length > 0 && !flag(c, 'validRowsOnly')) {
        const message = `${validation.problems.length} problem(s) in ${summary.invalid} row(s); nothing was issued. Fix them, or add ?validRowsOnly=true to issue the ${summary.valid} valid row(s)`;
        const details = validation.problems.map((p) => ({ path: `row ${p.row}${p.column ? `, ${p.column}` : ''}`, message: p.message }));
        return c.json({ ...errorBody('unprocessable', message, c.get('requestId'), details), problems: validation.problems, summary }, 422);
      }
      if (validation.valid.length === 0) throw new ApiError('unprocessable', 'the file has no valid rows to issue');

      const now = toDateTimeStamp(s.clock());
      const actor = `token:${token.id}`;
      const batch: BatchRecord = {
        id: randomId(), instituteId: institute.id, idempotencyKey: key, state: 'issuing', actor, createdAt: now, updatedAt: now,
        summary: JSON.stringify({ ...summary, problems: validation.problems }),
      };
      const rows: BatchRow[] = validation.valid.map((r) => ({
        batchId: batch.id, rowNo: r.rowNo, rowKey: r.rowKey, studentId: r.studentId, learnerName: r.learnerName,
        request: JSON.stringify(r.request), templateCode: r.templateCode, templateVersion: r.templateVersion,
        status: 'pending', credentialId: null, error: null,
      }));
      try {
        await s.store.createBatch(batch, rows, {
          at: now, actor, instituteId: institute.id, action: 'batch.create', target: batch.id, details: { rows: rows.length },
        });
      } catch (error) {
        const earlier = key ? await s.store.getBatchByIdempotencyKey(institute.id, key) : null;
        if (earlier) return c.json(await batchView(earlier), 200);
        throw error;
      }
      c.header('Location', `${s.publicUrl}/api/v1/batches/${batch.id}`);
      // Where requests have a CPU budget (Workers), one request issues at most a chunk; the
      // rest continue after the response and on the scheduled resume. The job is stored, so
      // nothing is lost whichever run stops.
      const maxRows = s.batchChunkRows;
      const inBackground = (work: Promise<unknown>) => {
        const logged = work.catch((error: unknown) => s.logError?.(`batch ${batch.id} stopped`, error));
        try {
          c.executionCtx.waitUntil(logged); // Workers: keep the isolate alive for it
        } catch {
          // Node has no execution context; the promise runs on by itself.
        }
      };
      if (flag(c, 'async')) {
        // Answer at once (202) so a client can show progress by polling GET /api/v1/batches/:id.
        inBackground(runBatch(s.issuer, batch.id, { maxRows }));
        return c.json(await batchView(batch), 202);
      }
      const state = await runBatch(s.issuer, batch.id, { maxRows });
      if (state === 'more') inBackground(runBatch(s.issuer, batch.id, { maxRows }));
      return c.json(await batchView((await s.store.getBatch(batch.id)) ?? batch), state === 'more' ? 202 : 201);
    },
  );

  app.get('/api/v1/batches/:id', auth, requireScope('issue'), async (c) => c.json(await batchView(await findBatch(c))));

  // Issues the next chunk of an unfinished batch now (where requests have a CPU budget, a
  // client can drive a large batch to the end this way; the scheduled resume does it too).
  app.post('/api/v1/batches/:id/resume', auth, requireScope('issue'), async (c) => {
    const batch = await findBatch(c);
    await runBatch(s.issuer, batch.id, { maxRows: s.batchChunkRows });
    return c.json(await batchView((await s.store.getBatch(batch.id)) ?? batch));
  });

  app.get('/api/v1/batches/:id/results.csv', auth, requireScope('issue'), async (c) => {
    const batch = await findBatch(c);
    const rows = (await s.store.batchRows(batch.id)).map(rowView);
    const csv = Papa.unparse({
      fields: ['row', 'student id', 'name', 'credential id', 'link', 'verify url', 'status', 'error'],
      data: rows.map((r) => [r.row, r.studentId ?? '', r.name, r.credentialId ?? '', r.link ?? '', r.verifyUrl ?? '', r.status, r.error ?? '']),
    }, { newline: '\r\n' });
    // The BOM makes Excel read the Khmer names as UTF-8.
    return c.body(`\uFEFF${csv}\r\n`, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="batch-${batch.id}-results.csv"`,
    });
  });
  app.get('/api/v1/batches/:id/qr.zip', auth, requireScope('issue'), async (c) => {
    const batch = await findBatch(c);
    const files: Record<string, Uint8Array> = {};
    for (const row of await s.store.batchRows(batch.id)) {
      if (!row.credentialId) continue;
      // Named by student id, as printed on the paper certificate; a clash keeps the row number.
      const base = (row.studentId ?? `row-${row.rowNo}`).replace(/[^\p{L}\p{N}._-]+/gu, '_');
      const name = files[`svg/${base}.svg`] ? `${base}-row${row.rowNo}` : base;
      const url = verifyUrlFor(s.publicUrl, row.credentialId);
      files[`svg/${name}.svg`] = strToU8(await qrSvg(url));
      if (s.qrPng) files[`png/${name}.png`] = await s.qrPng(url);
    }
    // SVG text compresses well; PNGs are compressed already and are stored as they are.
    const zip = zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, { level: k.endsWith('.png') ? 0 : 6 }]])));
    return c.body(zip as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="batch-${batch.id}-qr.zip"`,
    });
  });
  return app;
}
