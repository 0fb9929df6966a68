import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { createApp } from '../src/app.js';
import { hashToken } from '../src/crypto/tokens.js';
import { nodeCryptoProvider } from '../src/runtime/node/crypto.js';
import { startNode } from '../src/runtime/node/start.js';
import { loadConfig, type ServiceConfig } from '../src/runtime/node/config.js';
import type { Store } from '../src/store/port.js';
import { authJson, sampleRequest } from './helpers.js';

const FIRST_START = '2026-03-01T10:00:00Z';
const SECOND_START = '2026-03-02T10:00:00Z';
const ENV_TOKEN = 'env-admin-token-abcdefghijklmnopqrstuvwxyz';

let dir: string;
let lines: string[];
const say = (line: string) => { lines.push(line); };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'skillcert-bootstrap-'));
  lines = [];
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const configFor = (env: Record<string, string> = {}): ServiceConfig =>
  loadConfig({ KEYS_DIR: join(dir, 'keys'), DATABASE_PATH: join(dir, 'skillcert.db'), ...env });
const modeOf = (path: string) => statSync(path).mode & 0o777;
const keyPath = () => join(dir, 'keys', 'default-institute.private.jwk.json');
const tokenPath = () => join(dir, 'keys', 'admin-token');

/** One start of the Node entry file, minus the listening socket. */
async function start(env: Record<string, string> = {}, now = FIRST_START) {
  const config = configFor(env);
  const { store, jwk, key, app } = await startNode(config, say, () => new Date(now));
  return { config, store, jwk, key, app };
}

const issueStatus = async (app: ReturnType<typeof createApp>, token: string) =>
  (await app.request('/api/v1/credentials', authJson(sampleRequest(), token))).status;

async function stop(store: Store) {
  await store.close();
}

describe('the first start generates the institute key and the admin token as private files', () => {
  it('writes the key file with mode 0600 and loads a usable Ed25519 key', async () => {
    const { store, jwk } = await start();
    expect(modeOf(keyPath())).toBe(0o600);
    expect(JSON.parse(readFileSync(keyPath(), 'utf8'))).toEqual(jwk);
    expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    await stop(store);
  });

  it('writes the generated admin token with mode 0600, and that token can issue', async () => {
    const { store, app } = await start();
    expect(modeOf(tokenPath())).toBe(0o600);
    const token = readFileSync(tokenPath(), 'utf8').trim();
    expect(token).toMatch(/^sk_/);
    expect(await issueStatus(app, token)).toBe(201);
    await stop(store);
  });
});

describe('a second start reuses what the first one generated', () => {
  it('keeps the same key and the same admin token', async () => {
    const first = await start();
    const token = readFileSync(tokenPath(), 'utf8').trim();
    await stop(first.store);

    const second = await start({}, SECOND_START);
    expect(second.jwk).toEqual(first.jwk);
    expect(second.key.id).toBe(first.key.id);
    expect(readFileSync(tokenPath(), 'utf8').trim()).toBe(token);
    expect(await issueStatus(second.app, token)).toBe(201);
    await stop(second.store);
  });

  it('does not announce a new key or token on the second start', async () => {
    await stop((await start()).store);
    lines = [];
    await stop((await start({}, SECOND_START)).store);
    expect(lines.join('\n')).not.toMatch(/Generated/);
  });
});

describe('ADMIN_TOKEN from the environment replaces the generated token', () => {
  it('accepts ADMIN_TOKEN and refuses the generated token it revoked', async () => {
    await stop((await start()).store);
    const generated = readFileSync(tokenPath(), 'utf8').trim();

    const { store, app } = await start({ ADMIN_TOKEN: ENV_TOKEN }, SECOND_START);
    expect(await issueStatus(app, ENV_TOKEN)).toBe(201);
    expect(await issueStatus(app, generated)).toBe(401);
    expect((await store.findApiTokenByHash(await hashToken(generated, nodeCryptoProvider)))?.revokedAt).toBe(SECOND_START);
    await stop(store);
  });

  it('a revoked ADMIN_TOKEN stops the start with a clear error, not a database constraint', async () => {
    const first = await start({ ADMIN_TOKEN: ENV_TOKEN });
    await first.store.revokeApiTokens({ role: 'admin', source: 'env' }, SECOND_START);
    await stop(first.store);
    await expect(start({ ADMIN_TOKEN: ENV_TOKEN }, SECOND_START)).rejects.toThrow('ADMIN_TOKEN was revoked; set a new one');
  });

  it('going back from ADMIN_TOKEN to a generated token makes a new one: the revoked file token stays dead', async () => {
    await stop((await start()).store);
    const old = readFileSync(tokenPath(), 'utf8').trim();
    await stop((await start({ ADMIN_TOKEN: ENV_TOKEN }, SECOND_START)).store);
    const { store, app } = await start({}, SECOND_START);
    const fresh = readFileSync(tokenPath(), 'utf8').trim();
    expect(fresh).not.toBe(old);
    expect(modeOf(tokenPath())).toBe(0o600);
    expect(lines.join('\n')).toContain(fresh);
    expect(await issueStatus(app, fresh)).toBe(201);
    expect(await issueStatus(app, old)).toBe(401);
    expect(await issueStatus(app, ENV_TOKEN)).toBe(401);
    await stop(store);
  });

  it('a first start with ADMIN_TOKEN writes no token file', async () => {
    const { store, app } = await start({ ADMIN_TOKEN: ENV_TOKEN });
    expect(readdirSync(join(dir, 'keys'))).not.toContain('admin-token');
    expect(await issueStatus(app, ENV_TOKEN)).toBe(201);
    await stop(store);
  });
});

describe('the database holds only the hash of an admin token', () => {
  it.each([
    ['the generated token', {}],
    ['ADMIN_TOKEN from the environment', { ADMIN_TOKEN: ENV_TOKEN }],
  ])('the database files contain the SHA-256 of %s but never the token', async (_case, env: Record<string, string>) => {
    const { store } = await start(env);
    const token = env.ADMIN_TOKEN ?? readFileSync(tokenPath(), 'utf8').trim();
    const hash = await hashToken(token, nodeCryptoProvider);
    await stop(store);

    const bytes = Buffer.concat(
      readdirSync(dir).filter((f) => f.startsWith('skillcert.db')).map((f) => readFileSync(join(dir, f))),
    );
    expect(bytes.includes(Buffer.from(hash))).toBe(true);
    expect(bytes.includes(Buffer.from(token))).toBe(false);
  });
});

describe('a start stopped between creating the default institute and accrediting it', () => {
  it('is finished by the next start: the institute is accredited from its creation', async () => {
    const first = await start();
    const institute = (await first.store.getDefaultInstitute())!;
    // As if the process had died right after createInstitute.
    const raw = new Database(first.config.databasePath);
    raw.prepare('DELETE FROM accreditation_periods WHERE institute_id = ?').run(institute.id);
    raw.close();
    expect(await first.store.accreditations(institute.id)).toEqual([]);
    await stop(first.store);

    const { store } = await start({}, SECOND_START);
    expect((await store.accreditations(institute.id)).map((p) => [p.validFrom, p.validUntil])).toEqual([[institute.createdAt, null]]);
    await stop(store);
    // and a later start adds nothing more
    const third = await start({}, SECOND_START);
    expect(await third.store.accreditations(institute.id)).toHaveLength(1);
    await stop(third.store);
  });
});

describe('closing the store the Node entry opened', () => {
  it('writes the insight counts still pending first (a verification counted just before the close is kept)', async () => {
    const { store, app } = await start({ ADMIN_TOKEN: ENV_TOKEN });
    const issued = await app.request('/api/v1/credentials', authJson(sampleRequest(), ENV_TOKEN));
    expect(issued.status).toBe(201);
    const { id } = (await issued.json()) as { id: string };
    expect((await app.request(`/v/${id}`)).status).toBe(200);
    // Closed at once, as a test or the CLI does: no flush has run yet.
    await stop(store);
    const db = new Database(join(dir, 'skillcert.db'), { readonly: true });
    try {
      const counted = db.prepare('SELECT event, channel, SUM(n) AS n FROM insight_counts WHERE credential_id = ? GROUP BY event, channel').all(id);
      expect(counted).toEqual(expect.arrayContaining([expect.objectContaining({ channel: 'qr-page', n: 1 })]));
    } finally {
      db.close();
    }
  });
});
