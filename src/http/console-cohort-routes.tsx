import { Hono, type Context } from 'hono';
import { bodyLimit } from './body-limit.js';
import type { Services } from '../services.js';
import { SAMPLE_CLASS_LIST_NAME, sampleClassList } from '../batch/sample.js';
import { batchCounts, MAX_BATCH_ROWS, submitBatch, type Submission } from '../batch/submit.js';
import { batchFingerprint, continueInBackground, decodeBatchFile, parseBatchFile, startBatch } from '../domain/batch-jobs.js';
import { actsFor, issuingInstitute } from '../domain/tenancy.js';
import type { BatchRecord } from '../store/port.js';
import type { Institute } from '../store/port.js';
import { CohortBatchPage, CohortCheckPage, CohortUploadPage, type CheckedFile } from '../web/cohort-pages.js';
import { pick } from '../web/i18n.js';
import type { PageContext } from '../web/layout.js';
import { keepAliveOf } from './background.js';
import { BATCH_BODY_LIMIT, qrZipResponse, resultsCsvResponse } from './batch-downloads.js';
import { consoleKit, notFound, type ConsoleEnv } from './console-kit.js';
import { newSecret, type SignedIn } from './console-session.js';

const RECENT = 20;
const UPLOAD_ID = /^[1-9A-HJ-NP-Za-km-z]{20,60}$/;

/**
 * The console's cohort issuing: upload a class list, see every problem by row (a dry run,
 * nothing signed), then issue it as a batch job and watch its progress; download the results
 * sheet and the QR codes. The same submission path as POST /api/v1/batches.
 */
export function consoleCohortRoutes(s: Services): Hono<ConsoleEnv> {
  const app = new Hono<ConsoleEnv>();
  const kit = consoleKit(s);
  // Signed in with a key that may issue (src/http/console-kit.tsx); a POST's CSRF token checked.
  const issuer = kit.signedInOnly('issue');
  // The file comes as multipart: its limit is the batch API's, plus room for the form around it.
  const uploadLimit = bodyLimit({ maxSize: BATCH_BODY_LIMIT + 64 * 1024, onError: (c) => c.text('the file is too large', 413) });

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

  app.get('/console/batches', issuer, async (c) => uploadPage(c, c.get('page'), c.get('signedIn'), { template: c.req.query('template')?.slice(0, 64) }));

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
    const institute = await issuingInstitute(s.store, signedIn.token, s.clock(), signedIn.token.role === 'admin' ? file.institute || undefined : undefined);
    if (!institute.ok) return uploadPage(c, p, signedIn, values, institute.refusal.message, institute.refusal.refused === 'not_permitted' ? 403 : 400);
    const parsed = parseBatchFile(kind, file.text, file.template !== '');
    if (!parsed.ok) return uploadPage(c, p, signedIn, values, parsed.refusal.message, 400);
    if (parsed.value.table.rows.length > MAX_BATCH_ROWS) return uploadPage(c, p, signedIn, values, `at most ${MAX_BATCH_ROWS} rows per batch`, 413);
    const template = file.template || undefined;
    return submitBatch(s, {
      institute: institute.value, actor: `token:${signedIn.token.id}`, table: parsed.value.table, template, dryRun: options.dryRun, validRowsOnly: options.validRowsOnly,
      // A reload or a second click of the same checked upload finds the batch it started.
      idempotencyKey: `console:${options.uploadId}`,
      fingerprint: await batchFingerprint(s.crypto, { kind, text: file.text, template, validRowsOnly: options.validRowsOnly }),
    });
  };

  /** A cohort form's template and institute fields, as the upload page shows them again. */
  const valuesOf = (form: Record<string, string>) => ({ template: (form.template ?? '').trim().slice(0, 64), institute: form.institute ?? '' });

  app.post('/console/batches/check', uploadLimit, issuer, async (c) => {
    const p = c.get('page');
    const signedIn = c.get('signedIn');
    const values = valuesOf(c.get('form'));
    // The file part of the multipart form (the guard read its text fields; the parse is cached).
    const upload = (await c.req.parseBody().catch(() => ({}) as Record<string, unknown>)).file;
    if (!(upload instanceof File) || upload.size === 0) return uploadPage(c, p, signedIn, values, p.m.noFile, 400);
    const text = decodeBatchFile(await upload.arrayBuffer());
    if (!text.ok) return uploadPage(c, p, signedIn, values, text.refusal.message, 400);
    const file = { fileName: upload.name.slice(0, 200), text: text.value, ...values };
    const uploadId = newSecret();
    const outcome = await submit(c, p, signedIn, file, { dryRun: true, validRowsOnly: false, uploadId });
    if (outcome instanceof Response) return outcome;
    if (outcome.kind !== 'dry-run') throw new Error(`a dry run answered ${outcome.kind}`);
    // A check that found problems has done its job: 200, as the API's dry run answers.
    return c.html(
      <CohortCheckPage p={p} user={kit.userOf(signedIn)} file={{ ...file, uploadId }} summary={outcome.summary} problems={outcome.problems} warnings={outcome.warnings} rows={outcome.rows} />,
    );
  });

  app.post('/console/batches', uploadLimit, issuer, async (c) => {
    const p = c.get('page');
    const signedIn = c.get('signedIn');
    const form = c.get('form');
    const values = valuesOf(form);
    const uploadId = form.uploadId ?? '';
    if (!UPLOAD_ID.test(uploadId) || !form.text) return uploadPage(c, p, signedIn, values, p.m.noFile, 400);
    if (s.limits.issue.hit(`token:${signedIn.token.id}`) > 0) return uploadPage(c, p, signedIn, values, p.m.tooMany, 429);
    const file = { fileName: (form.fileName ?? '').slice(0, 200), text: form.text, ...values };
    const validRowsOnly = form.validRowsOnly === '1';
    const outcome = await submit(c, p, signedIn, file, { dryRun: false, validRowsOnly, uploadId });
    if (outcome instanceof Response) return outcome;
    switch (outcome.kind) {
      case 'created':
        await startBatch(s, keepAliveOf(c), outcome.batch.id, true);
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
  const onBatch = (handler: (c: Context, p: PageContext, signedIn: SignedIn, batch: BatchRecord) => Promise<Response>) => async (c: Context<ConsoleEnv>) => {
    const p = c.get('page');
    const signedIn = c.get('signedIn');
    const batch = await batchOf(c, signedIn);
    return batch ? handler(c, p, signedIn, batch) : notFound(c, p);
  };

  app.get('/console/batches/:id', issuer, onBatch(async (c, p, signedIn, batch) => {
    // Where a request issues only a chunk (Workers), the page that watches the batch also
    // drives it on: each refresh issues the next chunk after answering. A run overlapping
    // another issues no row twice (each row's identity is taken once).
    if (batch.state === 'issuing' && s.batchChunkRows !== undefined) {
      continueInBackground(s, keepAliveOf(c), batch.id);
    }
    const rows = await s.store.batchRows(batch.id);
    return c.html(<CohortBatchPage p={p} user={kit.userOf(signedIn)} batch={batch} rows={rows} counts={batchCounts(rows)} />);
  }));
  app.get('/console/batches/:id/results.csv', issuer, onBatch(async (c, _p, _signedIn, batch) => resultsCsvResponse(s, c, batch)));
  app.get('/console/batches/:id/qr.zip', issuer, onBatch(async (c, _p, _signedIn, batch) => qrZipResponse(s, c, batch)));
  return app;
}
