import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { auditVerifyMain } from './node/audit-verify.js';
import { startNode } from './node/start.js';
import { ConfigError, loadConfig } from './schemas/config.js';
import type { VerificationReport } from './schemas/report.js';
import { verdictOf, VERDICT_LABELS } from './verifier/verdict.js';

const USAGE = `skillcert — signed, verifiable skill certificates

Usage:
  skillcert serve                                  start the HTTP service (same as npm start)
  skillcert verify <file.json | JWT | URL>         verify a credential; exit 0 valid, 1 not valid, 2 error
  skillcert institutes list
  skillcert institutes create --slug S --name N [--name-km K] [--url U] [--accredited-from YYYY-MM-DD]
  skillcert keys list [--institute SLUG]
  skillcert keys rotate [--institute SLUG]
  skillcert audit verify                           check the audit ledger's hash chain

Options:
  --server URL --token T    act on a running server instead of the local database
  --json                    print the raw JSON answer

The local database, keys and token come from the same environment as the server
(DATABASE_PATH, KEYS_DIR, ADMIN_TOKEN; see README).`;

/** A command-line failure: printed as one line, exit code 2. */
class CliError extends Error {}

type Call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: any }>;

function parseArgs(args: string[]): { positional: string[]; flags: Record<string, string | true> } {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a.startsWith('--')) {
      const next = args[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        flags[a.slice(2)] = next;
        i++;
      } else flags[a.slice(2)] = true;
    } else positional.push(a);
  }
  return { positional, flags };
}

/** Talks to a running server, or to the app built on the local database: the same routes either way. */
async function connect(flags: Record<string, string | true>, env: Record<string, string | undefined>): Promise<{ call: Call; close: () => Promise<void> }> {
  const parse = async (res: Response) => {
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) as unknown };
    } catch {
      return { status: res.status, body: text };
    }
  };
  if (typeof flags.server === 'string') {
    const server = flags.server.replace(/\/+$/, '');
    const token = typeof flags.token === 'string' ? flags.token : env.SKILLCERT_TOKEN;
    const call: Call = async (method, path, body, headers = {}) =>
      parse(await fetch(`${server}${path}`, {
        method,
        headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).catch(() => {
        throw new CliError(`cannot reach ${server}`);
      }));
    return { call, close: async () => {} };
  }
  const config = loadConfig(env);
  const { app, store } = await startNode(config, () => {});
  const tokenFile = resolve(join(config.keysDir, 'admin-token'));
  const token = config.adminToken ?? (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined);
  const base = new URL(config.publicUrl).pathname.replace(/\/+$/, '');
  const call: Call = async (method, path, body, headers = {}) =>
    parse(await app.request(`${base}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    }));
  return { call, close: () => store.close() };
}

const fail = (res: { status: number; body: any }): never => {
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

/** What to send to the verify API for a command-line argument: a file's contents, a JWT, or a link. */
function verifyBody(input: string): unknown {
  if (existsSync(input)) {
    const text = readFileSync(input, 'utf8').trim();
    return { text };
  }
  return { text: input };
}

async function run(args: string[], env: Record<string, string | undefined>, out: (line: string) => void): Promise<number> {
  const { positional, flags } = parseArgs(args);
  const [command, sub] = positional;
  if (!command || command === 'help' || flags.help) {
    out(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'serve') {
    await import('./server.js');
    return new Promise<number>(() => {});
  }
  if (command === 'audit' && sub === 'verify') {
    if (typeof flags.server === 'string') throw new CliError('audit verify reads the local database; run it where the database is');
    return auditVerifyMain(env);
  }
  const { call, close } = await connect(flags, env);
  try {
    const show = (body: unknown) => out(JSON.stringify(body, null, 2));
    if (command === 'verify') {
      if (!sub) throw new CliError('verify needs a credential file, a JWT or a link');
      const res = await call('POST', '/api/v1/verify', verifyBody(sub));
      if (res.status !== 200) fail(res);
      if (flags.json) show(res.body);
      else printReport(res.body as VerificationReport, out);
      return (res.body as VerificationReport).verified ? 0 : 1;
    }
    if (command === 'institutes' && sub === 'list') {
      const res = await call('GET', '/api/v1/institutes');
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
      const res = await call('POST', '/api/v1/institutes', JSON.parse(JSON.stringify(body)));
      if (res.status !== 201) fail(res);
      if (flags.json) show(res.body);
      else out(`created ${res.body.slug} as ${res.body.did}`);
      return 0;
    }
    if (command === 'keys' && (sub === 'list' || sub === 'rotate')) {
      const slug = typeof flags.institute === 'string' ? flags.institute : 'default';
      const res = sub === 'list'
        ? await call('GET', `/api/v1/institutes/${encodeURIComponent(slug)}`)
        : await call('POST', `/api/v1/institutes/${encodeURIComponent(slug)}/keys/rotate`);
      if (res.status !== 200 && res.status !== 201) fail(res);
      if (flags.json) show(res.body);
      else {
        for (const k of res.body.keys) out(`${k.id}${k.compromisedAt ? `  COMPROMISED since ${k.compromisedAt}` : ''}`);
        if (res.body.activeKey) out(`active: ${res.body.activeKey}`);
      }
      return 0;
    }
    throw new CliError(`unknown command "${positional.join(' ')}"; run skillcert help`);
  } finally {
    await close();
  }
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
