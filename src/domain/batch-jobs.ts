import { parseCsv, parseJsonRows, type ParsedTable } from '../batch/parse.js';
import { runBatch } from '../batch/run.js';
import { toHex, utf8 } from '../crypto/encoding.js';
import type { CryptoProvider } from '../crypto/provider.js';
import type { IssuerDeps } from '../issuer/issue.js';
import { parseBoundedJson } from '../schemas/json-bounds.js';
import { ok, refuse, type Outcome } from './refusal.js';

/*
 * Class lists as batch jobs: reading the file, naming the request, and running the stored job
 * (start, continue in the background, resume). The API (src/http/batch-routes.ts) and the
 * console (src/http/console-cohort-routes.tsx) both go through here.
 */

/** A batch file as read: which kind, its text, and its rows. */
export interface BatchFile {
  kind: 'csv' | 'json';
  text: string;
  table: ParsedTable;
}

/** UTF-8 only: a sheet saved in another encoding would otherwise be signed with garbled names. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function decodeBatchFile(bytes: ArrayBuffer): Outcome<string> {
  try {
    return ok(UTF8.decode(bytes));
  } catch {
    return refuse('unprocessable', 'the file is not UTF-8 text: in Excel, save it as "CSV UTF-8 (Comma delimited)" and send it again');
  }
}

/** Parses a batch file's text: a JSON array of rows (or `{"rows": [...]}`), or CSV. */
export function parseBatchFile(kind: 'csv' | 'json', text: string, templateGiven: boolean): Outcome<BatchFile> {
  const optional = templateGiven ? (['template'] as const) : [];
  if (kind === 'json') {
    const json = parseBoundedJson(text);
    if (!json.ok) {
      return json.problem === 'too-deep' ? refuse('invalid_input', `the request body is refused: ${json.message}`) : refuse('malformed', 'the request body is not valid JSON');
    }
    const items = Array.isArray(json.value) ? json.value : (json.value as { rows?: unknown } | null)?.rows;
    if (!Array.isArray(items)) return refuse('invalid_input', 'send a JSON array of rows (or {"rows": [...]})');
    return ok({ kind, text, table: parseJsonRows(items, { optional }) });
  }
  return ok({ kind, text, table: parseCsv(text, { optional }) });
}

/** SHA-256 (hex) of a batch request: the file and the options that change what it issues (an Idempotency-Key names one). */
export async function batchFingerprint(crypto: CryptoProvider, parts: { kind: 'csv' | 'json'; text: string; template?: string; validRowsOnly: boolean }): Promise<string> {
  return toHex(await crypto.sha256(utf8(JSON.stringify([parts.kind, parts.template ?? null, parts.validRowsOnly, parts.text]))));
}

export interface BatchRunner {
  issuer: IssuerDeps;
  /** Rows one run issues where requests have a CPU budget (Workers); the rest continue on the next. */
  batchChunkRows?: number;
  logError?: (message: string, error: unknown) => void;
}

/**
 * Where work may go on after the response: Workers' `waitUntil`; on Node the promise simply
 * runs on. The HTTP layer passes the request's (src/http/background.ts).
 */
export type KeepAlive = (work: Promise<unknown>) => void;

/** Runs (the next chunks of) a batch after the response; a failure is logged, and the job stays stored to be resumed. */
export function continueInBackground(runner: BatchRunner, keepAlive: KeepAlive, batchId: string): void {
  const work = runBatch(runner.issuer, batchId, { maxRows: runner.batchChunkRows })
    .catch((error: unknown) => runner.logError?.(`batch ${batchId} stopped`, error));
  keepAlive(work);
}

/**
 * Starts issuing a stored batch: in the background when asked (a client polls for progress),
 * else within the request. Where requests have a CPU budget (Workers), one request issues
 * at most a chunk; the rest continue after the response and on the scheduled resume. The
 * job is stored, so nothing is lost whichever run stops.
 */
export async function startBatch(runner: BatchRunner, keepAlive: KeepAlive, batchId: string, background: boolean): Promise<'done' | 'more'> {
  if (background) {
    continueInBackground(runner, keepAlive, batchId);
    return 'more';
  }
  const state = await runBatch(runner.issuer, batchId, { maxRows: runner.batchChunkRows });
  if (state === 'more') continueInBackground(runner, keepAlive, batchId);
  return state;
}

/** Issues the next chunk of an unfinished batch now (a client or the console driving a large batch to the end). */
export const resumeBatch = (runner: BatchRunner, batchId: string): Promise<'done' | 'more'> =>
  runBatch(runner.issuer, batchId, { maxRows: runner.batchChunkRows });
