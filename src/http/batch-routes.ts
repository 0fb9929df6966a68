import { Hono, type Context } from 'hono';
import { bodyLimit } from './body-limit.js';
import type { AppEnv, Services } from '../app.js';
import { parseCsv, parseJsonRows, type ParsedTable } from '../batch/parse.js';
import { batchRowView, offlineQrs, qrZip, resultsCsv } from '../batch/results.js';
import { runBatch } from '../batch/run.js';
import { batchCounts, MAX_BATCH_ROWS, submitBatch } from '../batch/submit.js';
import { toHex, utf8 } from '../crypto/encoding.js';
import type { BatchRecord, BatchRow } from '../store/port.js';
import { actsFor, requireScope, requireToken, type AuthVariables } from './auth.js';
import { isJsonContentType, parseJsonText } from './body.js';
import { issuingInstitute } from './credential-routes.js';
import { tokenInstitute } from './template-routes.js';
import { ApiError, errorBody } from './errors.js';
import { rateLimit } from './rate-limit.js';

export const BATCH_BODY_LIMIT = 10 * 1024 * 1024;

type BatchEnv = AppEnv & { Variables: AuthVariables };

const YES = ['true', '1', 'yes'];
const NO = ['false', '0', 'no', ''];

/**
 * A yes/no query parameter. Anything else is refused rather than read as "no": a mistyped
 * `dryRun=on` must not sign a whole cohort.
 */
const flag = (c: Context, name: string): boolean => {
  const value = (c.req.query(name) ?? '').toLowerCase();
  if (YES.includes(value)) return true;
  if (NO.includes(value)) return false;
  throw new ApiError('invalid_request', `${name}: must be true or false`);
};

/** The query parameters POST /api/v1/batches reads; another (a typo of dryRun, say) is refused before anything is signed. */
const BATCH_PARAMS = new Set(['dryRun', 'validRowsOnly', 'async', 'template', 'institute']);

/** UTF-8 only: a sheet saved in another encoding would otherwise be signed with garbled names. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });
export function decodeBatchFile(bytes: ArrayBuffer): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new ApiError('unprocessable', 'the file is not UTF-8 text: in Excel, save it as "CSV UTF-8 (Comma delimited)" and send it again');
  }
}

/** A batch file as read from a request: which kind, its text, and its rows. */
export interface BatchFile {
  kind: 'csv' | 'json';
  text: string;
  table: ParsedTable;
}

/** Parses a batch file's text: a JSON array of rows (or `{"rows": [...]}`), or CSV. */
export function parseBatchFile(kind: 'csv' | 'json', text: string, templateGiven: boolean): BatchFile {
  const optional = templateGiven ? (['template'] as const) : [];
  if (kind === 'json') {
    const json = parseJsonText(text);
    const items = Array.isArray(json) ? json : (json as { rows?: unknown } | null)?.rows;
    if (!Array.isArray(items)) throw new ApiError('invalid_request', 'send a JSON array of rows (or {"rows": [...]})');
    return { kind, text, table: parseJsonRows(items, { optional }) };
  }
  return { kind, text, table: parseCsv(text, { optional }) };
}

async function readTable(c: Context<BatchEnv>, templateGiven: boolean): Promise<BatchFile> {
  const text = decodeBatchFile(await c.req.arrayBuffer());
  if (isJsonContentType(c)) return parseBatchFile('json', text, templateGiven);
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel', 'application/octet-stream', ''].includes(type)) {
    throw new ApiError('unsupported_media_type', 'send the rows as text/csv or as an application/json array');
  }
  return parseBatchFile('csv', text, templateGiven);
}

/** Runs a batch after the response where it must (Workers keep the isolate alive for it). */
export function inBackground(s: Services, c: Context, batchId: string, work: Promise<unknown>): void {
  const logged = work.catch((error: unknown) => s.logError?.(`batch ${batchId} stopped`, error));
  try {
    c.executionCtx.waitUntil(logged); // Workers: keep the isolate alive for it
  } catch {
    // Node has no execution context; the promise runs on by itself.
  }
}

/**
 * Starts issuing a stored batch: in the background when asked (a client polls for progress),
 * else within the request. Where requests have a CPU budget (Workers), one request issues
 * at most a chunk; the rest continue after the response and on the scheduled resume. The
 * job is stored, so nothing is lost whichever run stops.
 */
export async function startBatch(s: Services, c: Context, batchId: string, background: boolean): Promise<'done' | 'more'> {
  const maxRows = s.batchChunkRows;
  if (background) {
    inBackground(s, c, batchId, runBatch(s.issuer, batchId, { maxRows }));
    return 'more';
  }
  const state = await runBatch(s.issuer, batchId, { maxRows });
  if (state === 'more') inBackground(s, c, batchId, runBatch(s.issuer, batchId, { maxRows }));
  return state;
}

/** A batch's results sheet as a download (the API's and the console's). */
/** The offline QR of each issued credential of a batch's rows (one store query). */
async function batchOfflineQrs(s: Services, rows: readonly BatchRow[]) {
  const ids = rows.map((r) => r.credentialId).filter((id): id is string => id !== null);
  return offlineQrs(s.publicUrl, await s.store.credentialJwts(ids));
}

export async function resultsCsvResponse(s: Services, c: Context, batch: BatchRecord): Promise<Response> {
  const rows = await s.store.batchRows(batch.id);
  return c.body(resultsCsv(s.publicUrl, rows, undefined, await batchOfflineQrs(s, rows)), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="batch-${batch.id}-results.csv"`,
  });
}

/** A batch's QR codes as a ZIP download (the API's and the console's). */
export async function qrZipResponse(s: Services, c: Context, batch: BatchRecord): Promise<Response> {
  const rows = await s.store.batchRows(batch.id);
  const zip = await qrZip(s.publicUrl, rows, s.qrPng, undefined, await batchOfflineQrs(s, rows));
  return c.body(zip as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': 'application/zip',
    'Content-Disposition': `attachment; filename="batch-${batch.id}-qr.zip"`,
  });
}

/** SHA-256 (hex) of a batch request: the file and the options that change what it issues. */
export async function batchFingerprint(s: Services, parts: { kind: 'csv' | 'json'; text: string; template?: string; validRowsOnly: boolean }): Promise<string> {
  return toHex(await s.crypto.sha256(utf8(JSON.stringify([parts.kind, parts.template ?? null, parts.validRowsOnly, parts.text]))));
}

/** Batch issuance from a spreadsheet or a JSON array: validate, persist as a job, issue row by row. */
export function batchRoutes(s: Services): Hono<BatchEnv> {
  const app = new Hono<BatchEnv>();
  const auth = requireToken(s.store, s.crypto, s.clock);

  /** A batch as the API shows it; without its rows (`withRows` false) only the counts are read, for polling. */
  const batchView = async (b: BatchRecord, withRows = true) => {
    const rows = withRows ? await s.store.batchRows(b.id) : null;
    const counts = rows ? batchCounts(rows) : ((await s.store.batchListing(b.id))?.counts ?? batchCounts([]));
    return {
      id: b.id, state: b.state, createdAt: b.createdAt, updatedAt: b.updatedAt, counts,
      validation: JSON.parse(b.summary) as unknown, ...(rows ? { rows: rows.map((r) => batchRowView(s.publicUrl, r)) } : {}),
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
      const unknown = Object.keys(c.req.query()).filter((name) => !BATCH_PARAMS.has(name));
      if (unknown.length) throw new ApiError('invalid_request', `unknown query parameter ${unknown.join(', ')}; this route reads ${[...BATCH_PARAMS].join(', ')}`);
      const token = c.get('token');
      const institute = await issuingInstitute(s, token, c.req.query('institute'));
      const key = c.req.header('idempotency-key')?.trim() || null;
      if (key && key.length > 200) throw new ApiError('invalid_request', 'Idempotency-Key: must be at most 200 characters');
      const template = c.req.query('template') || undefined;
      // Every flag is read before anything is stored: a refused one must leave no job behind.
      const validRowsOnly = flag(c, 'validRowsOnly');
      const dryRun = flag(c, 'dryRun');
      const background = flag(c, 'async');
      const { kind, text, table } = await readTable(c, template !== undefined);
      if (table.rows.length > MAX_BATCH_ROWS) throw new ApiError('payload_too_large', `at most ${MAX_BATCH_ROWS} rows per batch`);
      const outcome = await submitBatch(s, {
        institute, actor: `token:${token.id}`, table, template, idempotencyKey: key, dryRun, validRowsOnly,
        fingerprint: await batchFingerprint(s, { kind, text, template, validRowsOnly }),
      });
      switch (outcome.kind) {
        case 'dry-run':
          return c.json({ dryRun: true, summary: outcome.summary, problems: outcome.problems, warnings: outcome.warnings, rows: outcome.rows });
        case 'has-problems': {
          const { summary, problems } = outcome;
          const message = `${problems.length} problem(s) in ${summary.invalid} row(s); nothing was issued. Fix them, or add ?validRowsOnly=true to issue the ${summary.valid} valid row(s)`;
          const details = problems.map((p) => ({ path: `row ${p.row}${p.column ? `, ${p.column}` : ''}`, message: p.message }));
          return c.json({ ...errorBody('unprocessable', message, c.get('requestId'), details), problems, warnings: outcome.warnings, summary }, 422);
        }
        case 'no-valid-rows':
          throw new ApiError('unprocessable', 'the file has no valid rows to issue');
        case 'key-reused':
          throw new ApiError('idempotency_key_reused',
            `Idempotency-Key "${key}" was used for a different file or options (batch ${outcome.batch.id}); use a new key for a new file`);
        case 'replayed':
          return c.json(await batchView(outcome.batch), 200);
        case 'created': {
          const { batch } = outcome;
          c.header('Location', `${s.publicUrl}/api/v1/batches/${batch.id}`);
          // ?async=true answers at once (202) so a client can show progress by polling GET /api/v1/batches/:id.
          const state = await startBatch(s, c, batch.id, background);
          return c.json(await batchView((await s.store.getBatch(batch.id)) ?? batch), state === 'more' ? 202 : 201);
        }
      }
    },
  );

  // The newest batches of the institute first, with their counts (rows are in each batch's own view).
  app.get('/api/v1/batches', auth, requireScope('issue'), async (c) => {
    const institute = await tokenInstitute(s, c.get('token'), c.req.query('institute'));
    const raw = c.req.query('limit');
    const limit = raw === undefined ? 20 : Number(raw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new ApiError('invalid_request', 'limit: must be a whole number from 1 to 100');
    const batches = await s.store.recentBatches(institute.id, limit);
    return c.json({
      batches: batches.map((b) => ({
        id: b.id, state: b.state, createdAt: b.createdAt, updatedAt: b.updatedAt, counts: b.counts,
        links: { self: `${s.publicUrl}/api/v1/batches/${b.id}`, results: `${s.publicUrl}/api/v1/batches/${b.id}/results.csv` },
      })),
    });
  });

  // ?rows=false: the state and counts only, what a client polling for progress needs.
  app.get('/api/v1/batches/:id', auth, requireScope('issue'), async (c) => c.json(await batchView(await findBatch(c), flag(c, 'rows') || c.req.query('rows') === undefined)));

  // Issues the next chunk of an unfinished batch now (where requests have a CPU budget, a
  // client can drive a large batch to the end this way; the scheduled resume does it too).
  app.post('/api/v1/batches/:id/resume', auth, requireScope('issue'), async (c) => {
    const batch = await findBatch(c);
    await runBatch(s.issuer, batch.id, { maxRows: s.batchChunkRows });
    return c.json(await batchView((await s.store.getBatch(batch.id)) ?? batch));
  });

  app.get('/api/v1/batches/:id/results.csv', auth, requireScope('issue'), async (c) => resultsCsvResponse(s, c, await findBatch(c)));
  app.get('/api/v1/batches/:id/qr.zip', auth, requireScope('issue'), async (c) => qrZipResponse(s, c, await findBatch(c)));
  return app;
}
