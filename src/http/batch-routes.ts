import { Hono, type Context } from 'hono';
import { bodyLimit } from './body-limit.js';
import type { Services } from '../services.js';
import type { AppEnv } from './context.js';
import { batchRowView } from '../batch/results.js';
import { batchCounts, MAX_BATCH_ROWS, submitBatch } from '../batch/submit.js';
import { batchFingerprint, decodeBatchFile, parseBatchFile, resumeBatch, startBatch, type BatchFile } from '../domain/batch-jobs.js';
import { actsFor, issuingInstitute, tokenInstitute } from '../domain/tenancy.js';
import type { BatchRecord } from '../store/port.js';
import { requireScope, requireToken, type AuthVariables } from './auth.js';
import { keepAliveOf } from './background.js';
import { BATCH_BODY_LIMIT, qrZipResponse, resultsCsvResponse } from './batch-downloads.js';
import { isJsonContentType } from './body.js';
import { valueOr } from './domain-errors.js';
import { ApiError, errorBody } from './errors.js';
import { rateLimit } from './rate-limit.js';

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

async function readTable(c: Context<BatchEnv>, templateGiven: boolean): Promise<BatchFile> {
  const text = valueOr(decodeBatchFile(await c.req.arrayBuffer()));
  if (isJsonContentType(c)) return valueOr(parseBatchFile('json', text, templateGiven));
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel', 'application/octet-stream', ''].includes(type)) {
    throw new ApiError('unsupported_media_type', 'send the rows as text/csv or as an application/json array');
  }
  return valueOr(parseBatchFile('csv', text, templateGiven));
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
      const institute = valueOr(await issuingInstitute(s.store, token, s.clock(), c.req.query('institute')));
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
        fingerprint: await batchFingerprint(s.crypto, { kind, text, template, validRowsOnly }),
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
          const state = await startBatch(s, keepAliveOf(c), batch.id, background);
          return c.json(await batchView((await s.store.getBatch(batch.id)) ?? batch), state === 'more' ? 202 : 201);
        }
      }
    },
  );

  // The newest batches of the institute first, with their counts (rows are in each batch's own view).
  app.get('/api/v1/batches', auth, requireScope('issue'), async (c) => {
    const institute = valueOr(await tokenInstitute(s.store, c.get('token'), c.req.query('institute')));
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
    await resumeBatch(s, batch.id);
    return c.json(await batchView((await s.store.getBatch(batch.id)) ?? batch));
  });

  app.get('/api/v1/batches/:id/results.csv', auth, requireScope('issue'), async (c) => resultsCsvResponse(s, c, await findBatch(c)));
  app.get('/api/v1/batches/:id/qr.zip', auth, requireScope('issue'), async (c) => qrZipResponse(s, c, await findBatch(c)));
  return app;
}
