import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startNode } from '../src/runtime/node/start.js';
import { loadConfig } from '../src/runtime/node/config.js';
import { authJson, sampleRequest, type IssueResponse } from './helpers.js';

/*
 * PUBLIC_URL names the issuer's did:web. A start with another PUBLIC_URL (or another PORT and
 * no PUBLIC_URL) used to rewrite the stored DID, even when that start then failed, and every
 * credential issued before turned "not accredited". Now it is refused unless confirmed, and a
 * confirmed move keeps what was issued before verifying.
 */

const TOKEN = 'public-url-admin-token-0123456789abcdef';
const OLD_URL = 'http://localhost:8787';
const OLD_DID = 'did:web:localhost%3A8787';
const NEW_URL = 'https://certs.example.gov.kh';
const NEW_DID = 'did:web:certs.example.gov.kh';

let dir: string;
let lines: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'skillcert-public-url-'));
  lines = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const dbPath = () => join(dir, 'skillcert.db');
const start = (env: Record<string, string>, now = '2026-03-01T10:00:00Z') =>
  startNode(loadConfig({ DATABASE_PATH: dbPath(), KEYS_DIR: join(dir, 'keys'), ADMIN_TOKEN: TOKEN, ...env }), (l) => lines.push(l), () => new Date(now));

/** What a failed start must not have changed: the institutes, keys, aliases and audit ledger. */
function snapshot() {
  const db = new Database(dbPath(), { readonly: true });
  try {
    return {
      institutes: db.prepare('SELECT id, did FROM institutes ORDER BY id').all(),
      keys: db.prepare('SELECT id, controller, status FROM issuer_keys ORDER BY id').all(),
      audit: db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq').all(),
      aliases: db.prepare('SELECT * FROM institute_did_aliases').all(),
    };
  } finally {
    db.close();
  }
}

async function issueUnder(env: Record<string, string>): Promise<IssueResponse> {
  const { app, store } = await start(env);
  const res = await app.request('/api/v1/credentials', authJson({ ...sampleRequest(), validFrom: '2026-03-01T10:00:00Z' }, TOKEN));
  expect(res.status).toBe(201);
  const issued = (await res.json()) as IssueResponse;
  await store.close();
  return issued;
}

const checks = (report: { checks: Array<{ id: string; status: string }> }) => Object.fromEntries(report.checks.map((c) => [c.id, c.status]));

describe('a start with another PUBLIC_URL is refused unless the change is confirmed', () => {
  it('refuses a changed PUBLIC_URL with one line naming both DIDs and PUBLIC_URL_CHANGE=confirm, and writes nothing', async () => {
    await issueUnder({ PUBLIC_URL: OLD_URL });
    const before = snapshot();
    const error = await start({ PUBLIC_URL: NEW_URL }).then(() => null, (e: Error) => e);
    expect(error?.message).toContain(OLD_DID);
    expect(error?.message).toContain(NEW_DID);
    expect(error?.message).toContain('PUBLIC_URL_CHANGE=confirm');
    expect(error?.message).not.toContain('\n');
    expect(snapshot()).toEqual(before);
  });

  it('treats another PORT without PUBLIC_URL as the change it is', async () => {
    await issueUnder({ PORT: '8787' });
    const before = snapshot();
    await expect(start({ PORT: '18789' })).rejects.toThrow(/did:web:localhost%3A18789/);
    expect(snapshot()).toEqual(before);
  });

  it('starts as before when PUBLIC_URL is unchanged, and says a leftover PUBLIC_URL_CHANGE=confirm should go', async () => {
    await issueUnder({ PUBLIC_URL: NEW_URL });
    const { store, institute } = await start({ PUBLIC_URL: NEW_URL, PUBLIC_URL_CHANGE: 'confirm' });
    expect(institute.did).toBe(NEW_DID);
    expect(lines.join('\n')).toMatch(/PUBLIC_URL_CHANGE=confirm is set, but PUBLIC_URL did not change the issuer/);
    await store.close();
  });
});

describe('a confirmed PUBLIC_URL change moves the issuer and keeps what was issued before verifying', () => {
  it('issues under the new DID, and a credential of the old DID still verifies: proof, accreditation and status', async () => {
    const old = await issueUnder({ PUBLIC_URL: OLD_URL });
    const { app, store, institute } = await start({ PUBLIC_URL: NEW_URL, PUBLIC_URL_CHANGE: 'confirm' }, '2026-03-02T10:00:00Z');
    try {
      expect(institute.did).toBe(NEW_DID);
      expect(lines.join('\n')).toContain(`Moved the issuer from ${OLD_DID} to ${NEW_DID}`);
      const verify = async (body: unknown) =>
        (await (await app.request('/api/v1/verify', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json()) as {
          verified: boolean; checks: Array<{ id: string; status: string }>;
        };
      for (const body of [{ credential: old.credential }, { jwt: old.jwt }]) {
        const report = await verify(body);
        expect(checks(report)).toMatchObject({ proof: 'passed', accreditation: 'passed', revocation: 'passed', suspension: 'passed' });
        expect(report.verified).toBe(true);
      }
      // Revoking it still reaches its status list under the old PUBLIC_URL.
      expect((await app.request(`/api/v1/credentials/${old.id}/revoke`, authJson({ reason: 'issued by mistake' }, TOKEN))).status).toBe(200);
      expect(checks(await verify({ jwt: old.jwt })).revocation).toBe('failed');

      const fresh = await app.request('/api/v1/credentials', authJson({ ...sampleRequest(), validFrom: '2026-03-02T10:00:00Z' }, TOKEN));
      const issued = (await fresh.json()) as IssueResponse;
      expect((issued.credential.issuer as { id: string }).id).toBe(NEW_DID);
      expect((await verify({ credential: issued.credential })).verified).toBe(true);

      const registry = (await (await app.request('/registry.json')).json()) as { institutes: Array<{ slug: string; dids: string[] }> };
      expect(registry.institutes.find((i) => i.slug === 'default')?.dids).toEqual(expect.arrayContaining([NEW_DID, OLD_DID]));
      const did = (await (await app.request('/.well-known/did.json')).json()) as { id: string; verificationMethod: unknown[] };
      expect(did.id).toBe(NEW_DID);
      expect(did.verificationMethod).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('records the move in the audit ledger, once: the next start with the same PUBLIC_URL needs no confirmation', async () => {
    await issueUnder({ PUBLIC_URL: OLD_URL });
    const moved = await start({ PUBLIC_URL: NEW_URL, PUBLIC_URL_CHANGE: 'confirm' });
    await moved.store.close();
    const again = await start({ PUBLIC_URL: NEW_URL });
    expect(again.institute.did).toBe(NEW_DID);
    await again.store.close();
    const db = new Database(dbPath(), { readonly: true });
    const moves = db.prepare(`SELECT target, details FROM audit_log WHERE action = 'institute.did_change'`).all();
    db.close();
    expect(moves).toEqual([{ target: NEW_DID, details: JSON.stringify({ from: OLD_DID, to: NEW_DID }) }]);
  });
});

describe('the keys of the DID an institute had stay under its control after a move', () => {
  it('lists them with the new ones, and marking the key compromised marks it under the old DID too', async () => {
    const old = await issueUnder({ PUBLIC_URL: OLD_URL });
    const { app, store } = await start({ PUBLIC_URL: NEW_URL, PUBLIC_URL_CHANGE: 'confirm' }, '2026-03-02T10:00:00Z');
    try {
      const auth = { Authorization: `Bearer ${TOKEN}` };
      const listed = (await (await app.request('/api/v1/institutes/default/keys', { headers: auth })).json()) as {
        keys: Array<{ id: string; controller: string; publicKeyMultibase: string }>;
      };
      expect(listed.keys.map((k) => k.controller)).toEqual([NEW_DID, OLD_DID]);
      expect(new Set(listed.keys.map((k) => k.publicKeyMultibase)).size).toBe(1);
      const marked = await app.request('/api/v1/institutes/default/keys/compromised', authJson({ keyId: listed.keys[0]!.id, since: '2026-02-01T00:00:00Z' }, TOKEN));
      expect(marked.status).toBe(200);
      const report = (await (await app.request('/api/v1/verify', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ jwt: old.jwt }) })).json()) as {
        verified: boolean; checks: Array<{ id: string; status: string }>;
      };
      expect(report.verified).toBe(false);
      expect(checks(report).proof).toBe('failed');
    } finally {
      await store.close();
    }
  });
});

describe('a PUBLIC_URL only this machine can open is warned about at start', () => {
  it.each([['http://localhost:8787'], ['http://127.0.0.1:8787'], ['http://[::1]:8787']])('warns for %s', async (url) => {
    const { store } = await start({ PUBLIC_URL: url });
    expect(lines.filter((l) => l.startsWith('Warning: PUBLIC_URL'))).toHaveLength(1);
    expect(lines.join('\n')).toMatch(/QR codes/);
    await store.close();
  });

  it('does not warn for a public address', async () => {
    const { store } = await start({ PUBLIC_URL: NEW_URL });
    expect(lines.filter((l) => l.startsWith('Warning: PUBLIC_URL'))).toEqual([]);
    await store.close();
  });
});
