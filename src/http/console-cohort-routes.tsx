import type { Context, Hono } from 'hono';
import { bodyLimit } from './body-limit.js';
import type { AppEnv, Services } from '../app.js';
import { runBatch } from '../batch/run.js';
import { SAMPLE_CLASS_LIST_NAME, sampleClassList } from '../batch/sample.js';
import { batchCounts, MAX_BATCH_ROWS, submitBatch, type Submission } from '../batch/submit.js';
import type { BatchRecord } from '../store/port.js';
import type { Institute } from '../store/port.js';
import { CohortBatchPage, CohortCheckPage, CohortUploadPage, type CheckedFile } from '../web/cohort-pages.js';
import type { ConsoleUser } from '../web/console-pages.js';
import { pick } from '../web/i18n.js';
import type { PageContext } from '../web/layout.js';
import { actsFor } from './auth.js';
import {
  BATCH_BODY_LIMIT, batchFingerprint, decodeBatchFile, inBackground, parseBatchFile, qrZipResponse, resultsCsvResponse, startBatch, type BatchFile,
} from './batch-routes.js';
import { hasScope, newSecret, type SignedIn } from './console-session.js';
import { issuingInstitute } from './credential-routes.js';
import { ApiError } from './errors.js';
import { contextOf } from './page-routes.js';

/** What the cohort pages borrow from the console: its session checks and page answers. */
export interface ConsoleKit {
  session(c: Context, form?: Record<string, unknown>): Promise<SignedIn | null | 'csrf'>;
  userOf(signedIn: SignedIn): ConsoleUser;
  issuable(signedIn: SignedIn): Promise<Institute[]>;
  toLogin(c: Context, p: PageContext): Response;
  notFound(c: Context, p: PageContext): Response | Promise<Response>;
  forbidden(c: Context, p: PageContext): Response | Promise<Response>;
  csrfFailed(c: Context, p: PageContext): Response | Promise<Response>;
}

const RECENT = 20;
const UPLOAD_ID = /^[1-9A-HJ-NP-Za-km-z]{20,60}$/;

/**
 * The console's cohort issuing: upload a class list, see every problem by row (a dry run,
 * nothing signed), then issue it as a batch job and watch its progress; download the results
 * sheet and the QR codes. The same submission path as POST /api/v1/batches.
 */
export function consoleCohortRoutes(app: Hono<AppEnv>, s: Services, kit: ConsoleKit): void {
  // The file comes as multipart: its limit is the batch API's, plus room for the form around it.
  const uploadLimit = bodyLimit({ maxSize: BATCH_BODY_LIMIT + 64 * 1024, onError: (c) => c.text('the file is too large', 413) });

  /** The signed-in user who may issue, or the page that answers instead. */
  const issuer = async (c: Context, p: PageContext, form?: Record<string, unknown>): Promise<SignedIn | Response> => {
    const signedIn = await kit.session(c, form);
    if (signedIn === 'csrf') return kit.csrfFailed(c, p);
    if (!signedIn) return kit.toLogin(c, p);
    if (!hasScope(signedIn.token, 'issue')) return kit.forbidden(c, p);
    return signedIn;
  };

  const templateCodes = async (signedIn: SignedIn, institutes: Institute[]): Promise<string[]> => {
    const ids = signedIn.token.instituteId ? [signedIn.token.instituteId] : institutes.map((i) => i.id);
    const lists = await Promise.all(ids.map((id) => s.store.listTemplates(id)));
    return [...new Set(lists.flat().map((t) => t.code))].sort();
  };

  const uploadPage = async (c: Context, p: PageContext, signedIn: SignedIn, values: { template?: string; institute?: string } = {}, error?: string, status: 200 | 400 | 403 | 413 | 429 = 200) => {
    const institutes = await kit.issuable(signedIn);
    const ministry = signedIn.token.role === 'admin';
    const batches = await s.store.recentBatches(ministry ? null : signedIn.token.instituteId, RECENT);
    const instituteNames = ministry ? new Map((await s.store.listInstitutes()).map((i) => [i.id, pick(p.lang, i.name, i.nameKm) ?? i.slug])) : undefined;
    return c.html(
      <CohortUploadPage
        p={p} user={kit.userOf(signedIn)} institutes={institutes} templates={await templateCodes(signedIn, institutes)}
        batches={batches} instituteNames={instituteNames} values={values} error={error}
      />,
      status,
    );
  };

  app.get('/console/batches', async (c) => {
    const p = contextOf(s, c);
    const signedIn = await issuer(c, p);
    if (signedIn instanceof Response) return signedIn;
    return uploadPage(c, p, signedIn, { template: c.req.query('template')?.slice(0, 64) });
  });

  // A sample class list to fill in (no data of anyone's: it needs no sign-in).
  app.get('/console/batches/sample.csv', (c) =>
    c.body(sampleClassList(), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${SAMPLE_CLASS_LIST_NAME}"`,
    }),
  );

  /** Parses the file and submits it (a dry run, or for real), answering a refusal as the page to show. */
  const submit = async (
    c: Context, p: PageContext, signedIn: SignedIn, file: Omit<CheckedFile, 'uploadId'>, options: { dryRun: boolean; validRowsOnly: boolean; uploadId: string },
  ): Promise<Submission | Response> => {
    const values = { template: file.template, institute: file.institute };
    const kind = /\.json$/i.test(file.fileName) ? 'json' : 'csv';
    let institute: Institute;
    let parsed: BatchFile;
    try {
      institute = await issuingInstitute(s, signedIn.token, signedIn.token.role === 'admin' ? file.institute || undefined : undefined);
      parsed = parseBatchFile(kind, file.text, file.template !== '');
    } catch (error) {
      if (error instanceof ApiError) return uploadPage(c, p, signedIn, values, error.message, error.code === 'forbidden' ? 403 : 400);
      throw error;
    }
    if (parsed.table.rows.length > MAX_BATCH_ROWS) return uploadPage(c, p, signedIn, values, `at most ${MAX_BATCH_ROWS} rows per batch`, 413);
    const template = file.template || undefined;
    return submitBatch(s, {
      institute, actor: `token:${signedIn.token.id}`, table: parsed.table, template, dryRun: options.dryRun, validRowsOnly: options.validRowsOnly,
      // A reload or a second click of the same checked upload finds the batch it started.
      idempotencyKey: `console:${options.uploadId}`,
      fingerprint: await batchFingerprint(s, { kind, text: file.text, template, validRowsOnly: options.validRowsOnly }),
    });
  };

  /** A cohort form as posted (multipart): its fields, its file if any, and the signed-in issuer it came from. */
  const readCohortForm = async (c: Context, p: PageContext) => {
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const form = Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const values = { template: (form.template ?? '').trim().slice(0, 64), institute: form.institute ?? '' };
    return { body, form, values, signedIn: await issuer(c, p, form) };
  };

  app.post('/console/batches/check', uploadLimit, async (c) => {
    const p = contextOf(s, c);
    const { body, values, signedIn } = await readCohortForm(c, p);
    if (signedIn instanceof Response) return signedIn;
    const upload = body.file;
    if (!(upload instanceof File) || upload.size === 0) return uploadPage(c, p, signedIn, values, p.m.noFile, 400);
    let text: string;
    try {
      text = decodeBatchFile(await upload.arrayBuffer());
    } catch (error) {
      if (error instanceof ApiError) return uploadPage(c, p, signedIn, values, error.message, 400);
      throw error;
    }
    const file = { fileName: upload.name.slice(0, 200), text, ...values };
    const uploadId = newSecret();
    const outcome = await submit(c, p, signedIn, file, { dryRun: true, validRowsOnly: false, uploadId });
    if (outcome instanceof Response) return outcome;
    if (outcome.kind !== 'dry-run') throw new Error(`a dry run answered ${outcome.kind}`);
    // A check that found problems has done its job: 200, as the API's dry run answers.
    return c.html(
      <CohortCheckPage p={p} user={kit.userOf(signedIn)} file={{ ...file, uploadId }} summary={outcome.summary} problems={outcome.problems} warnings={outcome.warnings} rows={outcome.rows} />,
    );
  });

  app.post('/console/batches', uploadLimit, async (c) => {
    const p = contextOf(s, c);
    const { form, values, signedIn } = await readCohortForm(c, p);
    if (signedIn instanceof Response) return signedIn;
    const uploadId = form.uploadId ?? '';
    if (!UPLOAD_ID.test(uploadId) || !form.text) return uploadPage(c, p, signedIn, values, p.m.noFile, 400);
    if (s.limits.issue.hit(`token:${signedIn.token.id}`) > 0) return uploadPage(c, p, signedIn, values, p.m.tooMany, 429);
    const file = { fileName: (form.fileName ?? '').slice(0, 200), text: form.text, ...values };
    const validRowsOnly = form.validRowsOnly === '1';
    const outcome = await submit(c, p, signedIn, file, { dryRun: false, validRowsOnly, uploadId });
    if (outcome instanceof Response) return outcome;
    switch (outcome.kind) {
      case 'created':
        await startBatch(s, c, outcome.batch.id, true);
        return c.redirect(`${p.base}/console/batches/${outcome.batch.id}`, 303);
      case 'replayed':
        return c.redirect(`${p.base}/console/batches/${outcome.batch.id}`, 303);
      case 'has-problems':
      case 'no-valid-rows': {
        // The templates changed since the check, say: show the file's problems as they are now.
        const dry = await submit(c, p, signedIn, file, { dryRun: true, validRowsOnly, uploadId: newSecret() });
        if (dry instanceof Response) return dry;
        if (dry.kind !== 'dry-run') throw new Error(`a dry run answered ${dry.kind}`);
        return c.html(
          <CohortCheckPage p={p} user={kit.userOf(signedIn)} file={{ ...file, uploadId: newSecret() }} summary={dry.summary} problems={dry.problems} warnings={dry.warnings} rows={dry.rows} error={p.m.nothingToIssue} />,
          422,
        );
      }
      case 'key-reused':
      case 'dry-run':
        // An upload id names one checked file; another file under it is not this form's doing.
        return uploadPage(c, p, signedIn, values, p.m.csrfFailed, 400);
    }
  });

  /** The batch in the path, if the signed-in key's institute owns it (the ministry sees all). */
  const batchOf = async (c: Context, signedIn: SignedIn): Promise<BatchRecord | null> => {
    const id = c.req.param('id') ?? '';
    const batch = id.length <= 64 ? await s.store.getBatch(id) : null;
    return batch && actsFor(signedIn.token, batch.instituteId) ? batch : null;
  };

  /** A route on one batch of the signed-in issuer's institute; any other id is a 404. */
  const onBatch = (handler: (c: Context, p: PageContext, signedIn: SignedIn, batch: BatchRecord) => Promise<Response>) => async (c: Context) => {
    const p = contextOf(s, c);
    const signedIn = await issuer(c, p);
    if (signedIn instanceof Response) return signedIn;
    const batch = await batchOf(c, signedIn);
    return batch ? handler(c, p, signedIn, batch) : kit.notFound(c, p);
  };

  app.get('/console/batches/:id', onBatch(async (c, p, signedIn, batch) => {
    // Where a request issues only a chunk (Workers), the page that watches the batch also
    // drives it on: each refresh issues the next chunk after answering. A run overlapping
    // another issues no row twice (each row's identity is taken once).
    if (batch.state === 'issuing' && s.batchChunkRows !== undefined) {
      inBackground(s, c, batch.id, runBatch(s.issuer, batch.id, { maxRows: s.batchChunkRows }));
    }
    const rows = await s.store.batchRows(batch.id);
    return c.html(<CohortBatchPage p={p} user={kit.userOf(signedIn)} batch={batch} rows={rows} counts={batchCounts(rows)} />);
  }));
  app.get('/console/batches/:id/results.csv', onBatch(async (c, _p, _signedIn, batch) => resultsCsvResponse(s, c, batch)));
  app.get('/console/batches/:id/qr.zip', onBatch(async (c, _p, _signedIn, batch) => qrZipResponse(s, c, batch)));
}
