import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { CliError, readInputFile, readTextFile, verifyBody } from './cli-input.js';
import { auditVerifyMain } from './audit-verify.js';
import { startNode } from './start.js';
import { ConfigError, loadConfig } from './config.js';
import type { VerificationReport } from '../../schemas/report.js';
import { verdictOf, VERDICT_LABELS } from '../../verifier/verdict.js';
import { readMigrations } from './migrations.js';
import { backupDatabase, restoreDatabase, RestoreError } from './backup.js';
import { printNotes, type RowNote } from './cli-notes.js';
import { createSkillcertClient, type SkillcertClient } from '../../client/index.js';

const USAGE = `skillcert — signed, verifiable skill certificates

Usage:
  skillcert serve                                  start the HTTP service (same as npm start)
  skillcert verify <file.json | badge.png | JWT | URL>  verify a credential (or a baked badge); exit 0 valid, 1 not, 2 error
  skillcert institutes list
  skillcert institutes create --slug S --name N [--name-km K] [--url U] [--accredited-from YYYY-MM-DD]
  skillcert keys generate [--out FILE]             new secrets for a deployment (ADMIN_TOKEN, KEY_ENCRYPTION_KEY,
                                                   INSTITUTE_PRIVATE_JWK), as NAME=value lines (.dev.vars)
  skillcert keys list [--institute SLUG]
  skillcert keys rotate [--institute SLUG]
  skillcert templates create <template.json> [--institute SLUG]
  skillcert templates list [--institute SLUG]
  skillcert issue --csv FILE [--template CODE] [--dry-run] [--valid-rows-only] [--institute SLUG]
                 [--results FILE] [--qr FILE]      issue a cohort: problems by row first, then a progress
                                                   bar, a summary, a results CSV and a ZIP of QR codes;
                                                   re-running the same file issues nothing new
  skillcert backup --out FILE                      a consistent copy of the database (DATABASE_PATH), also
                                                   while the service runs and issues
  skillcert restore FILE [--force]                 checks a backup (integrity, migrations, audit ledger) and
                                                   makes it the database at DATABASE_PATH; refuses a database
                                                   in use, and one newer than the backup unless --force
  skillcert audit verify [--head SEQ:HASH]         check the audit ledger's hash chain, that every stored
                                                   credential's issuance is in it, and a head kept earlier

Options:
  --server URL --token T    act on a running server instead of the local database
  --json                    print the raw JSON answer

The local database, keys and token come from the same environment as the server
(DATABASE_PATH, KEYS_DIR, ADMIN_TOKEN; see README).`;


/** What a call answered: its status and body (JSON parsed; files as bytes). */
interface Answer {
  status: number;
  body: any;
}

/** Bytes sent as they are (a CSV file, a badge image) rather than as JSON. */
const asIs = (body: unknown) => body as BodyInit;
/** Flags that stand alone; every other known flag takes a value. */
const SWITCHES = new Set(['help', 'json', 'dry-run', 'valid-rows-only', 'force']);
const VALUED = new Set([
  'server', 'token', 'institute', 'slug', 'name', 'name-km', 'url', 'contact', 'accredited-from',
  'template', 'csv', 'results', 'qr', 'out', 'head',
]);

/**
 * The command line as words and flags. A flag the CLI does not know is an error, not ignored:
 * a mistyped `--dryrun` must not issue a cohort for real.
 */
function parseArgs(args: string[]): { positional: string[]; flags: Record<string, string | true> } {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const name = a.slice(2);
    if (SWITCHES.has(name)) flags[name] = true;
    else if (VALUED.has(name)) {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw new CliError(`--${name} needs a value`);
      flags[name] = value;
      i++;
    } else throw new CliError(`unknown option --${name}; run skillcert help`);
  }
  return { positional, flags };
}

/**
 * The typed API client (src/client/), talking to a running server or to the app built on the
 * local database: the same routes either way.
 */
async function connect(flags: Record<string, string | true>, env: Record<string, string | undefined>): Promise<{ api: SkillcertClient; close: () => Promise<void> }> {
  if (typeof flags.server === 'string') {
    const server = flags.server.replace(/\/+$/, '');
    const token = typeof flags.token === 'string' ? flags.token : env.SKILLCERT_TOKEN;
    const reach = (request: Request) => fetch(request).catch(() => {
      throw new CliError(`cannot reach ${server}`);
    });
    return { api: createSkillcertClient({ baseUrl: server, token, fetch: reach }), close: async () => {} };
  }
  const config = loadConfig(env);
  const { app, store } = await startNode(config, () => {});
  const tokenFile = resolve(join(config.keysDir, 'admin-token'));
  const token = config.adminToken ?? (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined);
  const api = createSkillcertClient({ baseUrl: config.publicUrl, token, fetch: async (request) => app.request(request) });
  // Closing the store writes what the command counted (a verification) first (startNode).
  return { api, close: () => store.close() };
}

/** The status and body of a client call; files are kept byte for byte (a results sheet's BOM, which Excel needs, a ZIP). */
async function answer(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<Answer> {
  const { data, error, response } = await call;
  const body = data ?? error;
  return { status: response.status, body: body instanceof ArrayBuffer ? new Uint8Array(body) : body };
}

const fail = (res: Answer): never => {
  throw new CliError(res.body?.error ? `${res.body.error.message} (${res.body.error.code}, HTTP ${res.status})` : `HTTP ${res.status}`);
};

function printReport(report: VerificationReport, out: (line: string) => void): void {
  out(`${VERDICT_LABELS[verdictOf(report)]}`);
  const c = report.credential;
  if (c) {
    if (c.learner.name) out(`  learner      ${c.learner.name}${c.learner.nameKm ? ` · ${c.learner.nameKm}` : ''}`);
    if (c.achievement?.name) out(`  achievement  ${c.achievement.name}${c.achievement.code ? ` (${c.achievement.code})` : ''}`);
    out(`  issuer       ${c.issuer.name ?? c.issuer.id}`);
    if (c.validFrom) out(`  valid        from ${c.validFrom}${c.validUntil ? ` until ${c.validUntil}` : ''}`);
  }
  for (const check of report.checks) out(`  ${check.status === 'passed' ? '✓' : check.status === 'failed' ? '✗' : '–'} ${check.id.padEnd(13)} ${check.message}`);
}

async function run(args: string[], env: Record<string, string | undefined>, out: (line: string) => void): Promise<number> {
  const { positional, flags } = parseArgs(args);
  const [command, sub] = positional;
  if (command === 'help' || flags.help) {
    out(USAGE);
    return 0;
  }
  if (!command) {
    out(USAGE);
    return 2;
  }
  if (command === 'serve') {
    await import('./server.js');
    return new Promise<number>(() => {});
  }
  if (command === 'keys' && sub === 'generate') return generateSecrets(flags, out);
  if (command === 'backup') {
    if (typeof flags.out !== 'string') throw new CliError('backup needs --out FILE');
    const config = loadConfig(env);
    if (!existsSync(config.databasePath)) throw new CliError(`there is no database at ${config.databasePath} (DATABASE_PATH)`);
    const { path, bytes } = await backupDatabase({ databasePath: config.databasePath, out: flags.out });
    out(`backup written: ${path} (${bytes} bytes). It holds the keys sealed: keep KEY_ENCRYPTION_KEY (or ${join(config.keysDir, 'kek')}) elsewhere, not beside it.`);
    return 0;
  }
  if (command === 'restore') {
    if (!sub) throw new CliError('restore needs the backup file');
    const config = loadConfig(env);
    try {
      const { replaced } = await restoreDatabase({
        file: sub, target: config.databasePath, migrations: readMigrations(), force: flags.force === true, say: out,
        auditCheck: async (path) => (await auditVerifyMain({ ...env, DATABASE_PATH: path })) === 0,
      });
      out(`restored ${sub} as ${config.databasePath}${replaced ? `; the database it replaced is kept as ${replaced}` : ''}`);
      return 0;
    } catch (error) {
      if (error instanceof RestoreError) throw new CliError(error.message);
      throw error;
    }
  }
  if (command === 'audit' && sub === 'verify') {
    if (typeof flags.server === 'string') throw new CliError('audit verify reads the local database; run it where the database is');
    return auditVerifyMain(env, { head: typeof flags.head === 'string' ? flags.head : undefined });
  }
  const { api, close } = await connect(flags, env);
  try {
    const show = (body: unknown) => out(JSON.stringify(body, null, 2));
    if (command === 'verify') {
      if (!sub) throw new CliError('verify needs a credential file, a JWT or a link');
      const body = verifyBody(sub);
      const res = await answer('image' in body
        ? api.POST('/api/v1/verify', { body: asIs(body.image) as never, bodySerializer: (b) => b as BodyInit, headers: { 'Content-Type': body.type } })
        : api.POST('/api/v1/verify', { body }));
      if (res.status !== 200) fail(res);
      if (flags.json) show(res.body);
      else printReport(res.body as VerificationReport, out);
      return (res.body as VerificationReport).verified ? 0 : 1;
    }
    if (command === 'institutes' && sub === 'list') {
      const res = await answer(api.GET('/api/v1/institutes'));
      if (res.status !== 200) fail(res);
      if (flags.json) show(res.body);
      else for (const i of res.body.institutes) out(`${i.slug.padEnd(16)} ${i.status.padEnd(10)} ${i.did}  ${i.name}`);
      return 0;
    }
    if (command === 'institutes' && sub === 'create') {
      const body = {
        slug: flags.slug, name: flags.name, nameKm: flags['name-km'], url: flags.url, contact: flags.contact,
        accreditedFrom: flags['accredited-from'],
      };
      const res = await answer(api.POST('/api/v1/institutes', { body: JSON.parse(JSON.stringify(body)) as never }));
      if (res.status !== 201) fail(res);
      if (flags.json) show(res.body);
      else out(`created ${res.body.slug} as ${res.body.did}`);
      return 0;
    }
    if (command === 'keys' && (sub === 'list' || sub === 'rotate')) {
      const slug = typeof flags.institute === 'string' ? flags.institute : 'default';
      const res = sub === 'list'
        ? await answer(api.GET('/api/v1/institutes/{slug}', { params: { path: { slug } } }))
        : await answer(api.POST('/api/v1/institutes/{slug}/keys/rotate', { params: { path: { slug } } }));
      if (res.status !== 200 && res.status !== 201) fail(res);
      if (flags.json) show(res.body);
      else {
        for (const k of res.body.keys) out(`${k.id}${k.compromisedAt ? `  COMPROMISED since ${k.compromisedAt}` : ''}`);
        if (res.body.activeKey) out(`active: ${res.body.activeKey}`);
      }
      return 0;
    }
    if (command === 'templates' && (sub === 'create' || sub === 'list')) {
      const query = typeof flags.institute === 'string' ? { institute: flags.institute } : {};
      if (sub === 'list') {
        const res = await answer(api.GET('/api/v1/templates', { params: { query } }));
        if (res.status !== 200) fail(res);
        if (flags.json) show(res.body);
        else for (const t of res.body.templates) out(`${String(t.code).padEnd(16)} v${t.version}  ${t.name}${t.nameKm ? ` · ${t.nameKm}` : ''}`);
        return 0;
      }
      const file = positional[2];
      if (!file) throw new CliError('templates create needs a template JSON file');
      const text = readTextFile(file);
      let template: unknown;
      try {
        template = JSON.parse(text);
      } catch {
        throw new CliError(`${file} is not valid JSON`);
      }
      const res = await answer(api.POST('/api/v1/templates', { params: { query }, body: template as never }));
      if (res.status !== 201) fail(res);
      out(`created template ${res.body.code} v${res.body.version}`);
      return 0;
    }
    if (command === 'issue') return await issueCohort(api, flags, out);
    throw new CliError(`unknown command "${positional.join(' ')}"; run skillcert help`);
  } finally {
    await close();
  }
}

/**
 * New secrets for a deployment, as `NAME=value` lines (the format of .dev.vars and of
 * `wrangler secret put` input): an admin token, the key that seals private keys at rest, and
 * an institute signing key. Written to --out with mode 0600 when given, else printed.
 */
function generateSecrets(flags: Record<string, string | true>, out: (line: string) => void): number {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' }) as { x: string; d: string };
  const lines = [
    `ADMIN_TOKEN=${randomBytes(32).toString('base64url')}`,
    `KEY_ENCRYPTION_KEY=${randomBytes(32).toString('base64url')}`,
    `INSTITUTE_PRIVATE_JWK=${JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d })}`,
  ];
  if (typeof flags.out === 'string') {
    if (existsSync(flags.out)) throw new CliError(`${flags.out} exists; secrets are never overwritten`);
    writeFileSync(flags.out, `${lines.join('\n')}\n`, { mode: 0o600, flag: 'wx' });
    out(`wrote ${lines.length} secrets to ${flags.out} (mode 0600); keep a copy of KEY_ENCRYPTION_KEY apart from the database`);
  } else for (const line of lines) out(line);
  return 0;
}

const bar = (done: number, total: number, width = 30): string => {
  const filled = total ? Math.round((done / total) * width) : width;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
};

/**
 * Issues a cohort from a CSV: a dry run first (every problem, by row), then the batch itself,
 * with a progress bar while the server works. The Idempotency-Key is the file's own digest,
 * so running the same file again reports the same batch and issues nothing new.
 */
async function issueCohort(api: SkillcertClient, flags: Record<string, string | true>, out: (line: string) => void): Promise<number> {
  const file = flags.csv;
  if (typeof file !== 'string') throw new CliError('issue needs --csv FILE');
  const bytes = readInputFile(file);
  const params: { template?: string; institute?: string; validRowsOnly?: 'true' } = {};
  if (typeof flags.template === 'string') params.template = flags.template;
  if (typeof flags.institute === 'string') params.institute = flags.institute;
  const send = (query: Record<string, string>, headers: Record<string, string> = {}) => answer(api.POST('/api/v1/batches', {
    params: { query: { ...params, ...query } }, body: asIs(bytes) as never, bodySerializer: (b) => b as BodyInit, headers: { 'Content-Type': 'text/csv', ...headers },
  }));
  const dry = await send({ dryRun: 'true' });
  if (dry.status !== 200) fail(dry);
  if (flags.json && flags['dry-run']) {
    out(JSON.stringify(dry.body, null, 2));
    return (dry.body as { problems: unknown[] }).problems.length ? 1 : 0;
  }
  const { summary, problems, warnings = [] } = dry.body as { summary: Record<string, number>; problems: RowNote[]; warnings?: RowNote[] };
  out(`rows: ${summary.rows ?? '?'}  valid: ${summary.valid}  with problems: ${summary.invalid}  already issued: ${summary.alreadyIssued}  to issue: ${summary.toIssue}`);
  printNotes(out, problems, 'problem');
  // Rows that would issue, but not as expected (e.g. a completion date the institute was not accredited on).
  printNotes(out, warnings, 'warning');
  if (flags['dry-run']) return problems.length ? 1 : 0;
  if (problems.length && !flags['valid-rows-only']) {
    out('nothing issued: fix the rows above, or pass --valid-rows-only to issue the valid rows');
    return 1;
  }
  if (flags['valid-rows-only']) params.validRowsOnly = 'true';
  // The key names this file with these options: the server refuses one key for two requests.
  const digest = createHash('sha256').update(`${flags.template ?? ''}\n${flags.institute ?? ''}\n${flags['valid-rows-only'] ? 'valid-rows-only' : ''}\n`).update(bytes).digest('hex');
  const started = await send({ async: 'true' }, { 'Idempotency-Key': `cli-${digest}` });
  if (started.status !== 201 && started.status !== 202 && started.status !== 200) fail(started);
  let batch = started.body;
  const tty = process.stdout.isTTY;
  while (batch.state === 'issuing') {
    const c = batch.counts;
    if (tty) process.stdout.write(`\r${bar(c.total - c.pending, c.total)}`);
    await new Promise((r) => setTimeout(r, 300));
    const next = await answer(api.GET('/api/v1/batches/{id}', { params: { path: { id: batch.id }, query: { rows: 'false' } } }));
    if (next.status !== 200) fail(next);
    batch = next.body;
  }
  if (tty) process.stdout.write(`\r${bar(batch.counts.total, batch.counts.total)}\n`);
  const c = batch.counts;
  if (started.status === 200) {
    // The server answered with the batch this same file started before: nothing was signed now.
    out(`batch ${batch.id}: this file was sent before (${batch.createdAt}); nothing new was issued`);
    out(`  that batch issued ${c.issued}   already issued ${c.existing}   failed ${c.failed}   total ${c.total}`);
  } else {
    out(`batch ${batch.id}: ${batch.state}`);
    out(`  issued ${c.issued}   already issued ${c.existing}   failed ${c.failed}   total ${c.total}`);
  }
  const results = await answer(api.GET('/api/v1/batches/{id}/results.csv', { params: { path: { id: batch.id } }, parseAs: 'arrayBuffer' }));
  const target = typeof flags.results === 'string' ? flags.results : `${file.replace(/\.csv$/i, '')}.results.csv`;
  if (results.status === 200 && results.body instanceof Uint8Array) {
    writeFileSync(target, results.body);
    out(`  results: ${target}`);
  }
  const qr = await answer(api.GET('/api/v1/batches/{id}/qr.zip', { params: { path: { id: batch.id } }, parseAs: 'arrayBuffer' }));
  const qrTarget = typeof flags.qr === 'string' ? flags.qr : `${file.replace(/\.csv$/i, '')}.qr.zip`;
  if (qr.status === 200 && qr.body instanceof Uint8Array) {
    writeFileSync(qrTarget, qr.body);
    out(`  QR codes: ${qrTarget}`);
  } else out(`  QR codes: ${batch.links?.qrZip ?? ''}`);
  return c.failed > 0 ? 1 : 0;
}

/** Runs the CLI; errors are one line on stderr and exit code 2, never a stack trace. */
export async function main(args: string[], env: Record<string, string | undefined>, out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  try {
    return await run(args, env, out);
  } catch (error) {
    const message = error instanceof CliError || error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
    process.stderr.write(`skillcert: ${message}\n`);
    return 2;
  }
}
