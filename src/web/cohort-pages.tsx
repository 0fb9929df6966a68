import type { FC } from 'hono/jsx';
import type { Problem } from '../batch/parse.js';
import type { DryRunRow, SubmitSummary } from '../batch/submit.js';
import type { BatchListing, BatchRecord, BatchRow } from '../store/port.js';
import type { Institute } from '../store/port.js';
import { ConsoleLayout, Csrf, InstitutePicker, type ConsoleUser } from './console-pages.js';
import { formatDate, formatNumber, pick } from './i18n.js';
import type { PageContext } from './layout.js';
import { problemText } from './problem-text.js';

/** Rows listed on a page; the results file has them all. */
const ROWS_SHOWN = 200;

type Counts = BatchListing['counts'];

const RowStatus: FC<{ p: PageContext; status: string }> = ({ p, status }) => (
  <span class={`pill r-${status}`}>{p.m.rowStatus[status] ?? status}</span>
);

const CountsLine: FC<{ p: PageContext; counts: Counts }> = ({ p, counts }) => (
  <span class="counts">
    {(['issued', 'existing', 'failed', 'pending'] as const)
      .filter((k) => counts[k] > 0)
      .map((k) => (
        <span>
          <RowStatus p={p} status={k} /> {formatNumber(counts[k], p.lang)}{' '}
        </span>
      ))}
  </span>
);

/** Where a registrar picks the class list; below, the cohorts issued so far. */
export const CohortUploadPage: FC<{
  p: PageContext;
  user: ConsoleUser;
  institutes: Institute[];
  templates: string[];
  batches: BatchListing[];
  /** Institute names by id, where the list spans institutes (the ministry's). */
  instituteNames?: Map<string, string>;
  values: { template?: string; institute?: string };
  error?: string;
}> = ({ p, user, institutes, templates, batches, instituteNames, values, error }) => (
  <ConsoleLayout p={p} user={user} title={p.m.cohorts}>
    <h1>{p.m.cohortTitle}</h1>
    {error && <p class="notice bad" role="alert">{error}</p>}
    <form method="post" action={`${p.base}/console/batches/check`} enctype="multipart/form-data" class="card">
      <Csrf token={user.csrf} />
      <p class="small">{p.m.cohortHint}</p>
      {user.isMinistry && <InstitutePicker p={p} institutes={institutes} chosen={values.institute} />}
      <label for="file">{p.m.csvFileLabel}</label>
      <input type="file" id="file" name="file" accept=".csv,text/csv" required />
      <label for="template">{p.m.templateLabel}</label>
      <input type="text" id="template" name="template" value={values.template ?? ''} list="template-codes" autocomplete="off" spellcheck={false} />
      <datalist id="template-codes">
        {templates.map((code) => (
          <option value={code} />
        ))}
      </datalist>
      <p class="small">
        {p.m.columnsHelp} <a href={`${p.base}/console/batches/sample.csv`} download id="sample-csv">{p.m.sampleCsv}</a>
      </p>
      <p class="btns">
        <button type="submit" class="btn">{p.m.checkButton}</button>
      </p>
    </form>
    <h2>{p.m.recentCohorts}</h2>
    {batches.length === 0 ? (
      <p>{p.m.noCohorts}</p>
    ) : (
      <table class="stack">
        <thead>
          <tr>
            <th>{p.m.uploaded}</th>
            {instituteNames && <th>{p.m.institutes}</th>}
            <th>{p.m.rowsWord}</th>
            <th>{p.m.status}</th>
          </tr>
        </thead>
        <tbody>
          {batches.map((b) => (
            <tr data-batch={b.id}>
              <td data-label={p.m.uploaded}>
                <a href={`${p.base}/console/batches/${b.id}`}>{formatDate(b.createdAt, p.lang)}</a>
                <br />
                <span class="code small">{b.id}</span>
              </td>
              {instituteNames && <td data-label={p.m.institutes}>{instituteNames.get(b.instituteId) ?? b.instituteId}</td>}
              <td data-label={p.m.rowsWord}>{formatNumber(b.counts.total, p.lang)}</td>
              <td data-label={p.m.status}>
                <strong>{p.m.cohortState[b.state]}</strong> <CountsLine p={p} counts={b.counts} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </ConsoleLayout>
);

export interface CheckedFile {
  fileName: string;
  /** The file's text, posted back on issuing so that what is issued is what was checked (it is checked again). */
  text: string;
  template: string;
  institute: string;
  /** Names this upload: issuing it twice (a double click, a reload) issues it once. */
  uploadId: string;
}

/** A table of a batch file's notes (problems or warnings) by row and column, in the page's language. */
const NotesTable: FC<{ p: PageContext; id: string; title: string; lead: string; notes: Problem[] }> = ({ p, id, title, lead, notes }) => (
  <section>
    <h2>{title}</h2>
    <p>{lead}</p>
    <table id={id}>
      <thead>
        <tr>
          <th>{p.m.rowNo}</th>
          <th>{p.m.column}</th>
          <th>{p.m.problem}</th>
        </tr>
      </thead>
      <tbody>
        {notes.map((x) => (
          <tr data-row={x.row}>
            <td>{formatNumber(x.row, p.lang)}</td>
            <td>{x.column ?? '—'}</td>
            <td>{problemText(p.lang, x.message)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </section>
);

/** The dry run: every problem by row and column, warnings, the rows that are ready, and the way on. */
export const CohortCheckPage: FC<{
  p: PageContext;
  user: ConsoleUser;
  file: CheckedFile;
  summary: SubmitSummary;
  problems: Problem[];
  /** Rows that would issue, but whose certificates would not read as expected (not accredited on the date). */
  warnings: Problem[];
  rows: DryRunRow[];
  error?: string;
}> = ({ p, user, file, summary, problems, warnings, rows, error }) => {
  const { m, lang } = p;
  const n = (x: number) => formatNumber(x, lang);
  const Issue: FC<{ validOnly: boolean; label: string }> = ({ validOnly, label }) => (
    <form method="post" action={`${p.base}/console/batches`} enctype="multipart/form-data" class="inline">
      <Csrf token={user.csrf} />
      <input type="hidden" name="text" value={file.text} />
      <input type="hidden" name="fileName" value={file.fileName} />
      <input type="hidden" name="template" value={file.template} />
      <input type="hidden" name="institute" value={file.institute} />
      <input type="hidden" name="uploadId" value={file.uploadId} />
      {validOnly && <input type="hidden" name="validRowsOnly" value="1" />}
      <button type="submit" class="btn">{label}</button>
    </form>
  );
  const shown = rows.slice(0, ROWS_SHOWN);
  return (
    <ConsoleLayout p={p} user={user} title={m.checkTitle}>
      <h1>{m.checkTitle}</h1>
      <p class="code">{file.fileName}</p>
      {error && <p class="notice bad" role="alert">{error}</p>}
      <p class={`notice ${problems.length ? 'bad' : ''}`} role="status" id="check-summary">
        {m.checkSummary(summary.rows, summary.valid, summary.invalid)}
        {summary.alreadyIssued > 0 && summary.toIssue > 0 && <> {m.alreadyIssuedLine(summary.alreadyIssued)}</>}
        {summary.valid > 0 && summary.toIssue === 0 && <> <strong id="nothing-new">{m.allIssuedBefore(summary.valid)}</strong></>}
      </p>
      {problems.length > 0 && (
        <section>
          <h2>{m.problemsTitle}</h2>
          <p>{m.fixAndUpload}</p>
          <table id="problems" class="stack">
            <thead>
              <tr>
                <th>{m.rowNo}</th>
                <th>{m.column}</th>
                <th>{m.problem}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((x) => (
                <tr data-row={x.row}>
                  <td data-label={m.rowNo}>{n(x.row)}</td>
                  <td data-label={m.column}>{x.column ?? '—'}</td>
                  <td data-label={m.problem}>{problemText(lang, x.message)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {warnings.length > 0 && <NotesTable p={p} id="warnings" title={m.warningsTitle} lead={m.warningsLead} notes={warnings} />}
      <p class="btns">
        {/* Only rows not issued before would be signed: no button for a batch of none. */}
        {summary.toIssue > 0 && problems.length === 0 && <Issue validOnly={false} label={m.issueAll(summary.toIssue)} />}
        {summary.toIssue > 0 && problems.length > 0 && <Issue validOnly label={m.issueValidOnly(summary.toIssue)} />}
        <a class="btn secondary" href={`${p.base}/console/batches`}>{m.uploadAgain}</a>
      </p>
      {summary.valid === 0 && <p>{m.nothingToIssue}</p>}
      {rows.length > 0 && (
        <section>
          <h2>{m.readyRows}</h2>
          <table id="ready" class="stack">
            <thead>
              <tr>
                <th>{m.rowNo}</th>
                <th>{m.studentId}</th>
                <th>{m.learner}</th>
                <th>{m.templateWord}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr data-row={r.row}>
                  <td data-label={m.rowNo}>{n(r.row)}</td>
                  <td data-label={m.studentId}>{r.studentId ?? '—'}</td>
                  <td data-label={m.learner}>{r.name}</td>
                  <td data-label={m.templateWord}>
                    <span class="code">{r.template}</span>
                    {r.existingCredentialId && (
                      <>
                        {' '}
                        <RowStatus p={p} status="existing" />
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length > shown.length && <p class="small">{m.moreRows(rows.length - shown.length)}</p>}
        </section>
      )}
    </ConsoleLayout>
  );
};

/** A cohort being issued, then issued: progress (refreshing itself meanwhile), each row's outcome, the files. */
export const CohortBatchPage: FC<{ p: PageContext; user: ConsoleUser; batch: BatchRecord; rows: BatchRow[]; counts: Counts }> = ({
  p, user, batch, rows, counts,
}) => {
  const { m, lang } = p;
  const done = counts.total - counts.pending;
  const issuing = batch.state === 'issuing';
  // Rows that need a look come first: failed ones, then the rest in file order.
  const ordered = [...rows.filter((r) => r.status === 'failed'), ...rows.filter((r) => r.status !== 'failed')];
  const shown = ordered.slice(0, ROWS_SHOWN);
  return (
    <ConsoleLayout p={p} user={user} title={m.cohorts} refresh={issuing ? 2 : undefined}>
      <h1>
        {m.cohortTitle} <span class="code small">{batch.id}</span>
      </h1>
      <section class="card" aria-live="polite">
        <p>
          <strong id="batch-state">{m.cohortState[batch.state]}</strong> · {formatDate(batch.createdAt, lang)}
        </p>
        <progress id="batch-progress" max={counts.total} value={done} aria-label={m.progressLine(done, counts.total)}></progress>
        <p id="batch-counts">
          {m.progressLine(done, counts.total)} · <CountsLine p={p} counts={counts} />
        </p>
        {issuing && <p class="small">{m.autoRefresh}</p>}
        {!issuing && (
          <p class="btns">
            <a class="btn" href={`${p.base}/console/batches/${batch.id}/results.csv`} download>{m.downloadResults}</a>
            <a class="btn secondary" href={`${p.base}/console/batches/${batch.id}/qr.zip`} download>{m.downloadQr}</a>
          </p>
        )}
        {!issuing && user.canIssue && counts.issued + counts.existing > 0 && (
          <form method="post" action={`${p.base}/console/batches/${batch.id}/wallet-offers`} id="cohort-wallet-offers">
            <Csrf token={user.csrf} />
            <p class="btns"><button type="submit" class="btn secondary">{m.walletCohort}</button></p>
            <p class="small">{m.walletCohortNote}</p>
          </form>
        )}
      </section>
      <table id="batch-rows" class="stack">
        <thead>
          <tr>
            <th>{m.rowNo}</th>
            <th>{m.studentId}</th>
            <th>{m.learner}</th>
            <th>{m.status}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr data-row={r.rowNo}>
              <td data-label={m.rowNo}>{formatNumber(r.rowNo, lang)}</td>
              <td data-label={m.studentId}>{r.studentId ?? '—'}</td>
              <td data-label={m.learner}>{r.credentialId ? <a href={`${p.base}/console/credentials/${r.credentialId}`}>{r.learnerName}</a> : r.learnerName}</td>
              <td data-label={m.status}>
                <RowStatus p={p} status={r.status} />
                {r.error && <span class="field-err"> {r.error}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {ordered.length > shown.length && <p class="small">{m.moreRows(ordered.length - shown.length)}</p>}
    </ConsoleLayout>
  );
};
