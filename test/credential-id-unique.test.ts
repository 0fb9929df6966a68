import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readMigrations } from '../src/runtime/node/migrations.js';
import { DuplicateCredentialIdError } from '../src/store/port.js';
import { applyMigrations, openSqliteStore } from '../src/runtime/node/sqlite.js';
import { ADMIN_TOKEN, authJson, makeTestApp, sampleRequest, type TestContext } from './helpers.js';

const V2 = 'https://www.w3.org/ns/credentials/v2';
type Json = Record<string, any>;

const issueVc = async (ctx: TestContext, id: string) => {
  const credential = { '@context': [V2], id, type: ['VerifiableCredential'], issuer: ctx.institute.didKey, credentialSubject: { id: 'did:example:x' } };
  const res = await ctx.app.request('/credentials/issue', authJson({ credential, options: { credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' } } }, ADMIN_TOKEN));
  return { status: res.status, body: (await res.json()) as Json };
};

describe('a credential id is issued once through the VC API', () => {
  it('refuses a duplicate credential id with 409 conflict, and stores one credential', async () => {
    const ctx = await makeTestApp();
    const id = `urn:uuid:${crypto.randomUUID()}`;
    expect((await issueVc(ctx, id)).status).toBe(201);
    const again = await issueVc(ctx, id);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'conflict', message: expect.stringContaining(id) });
    expect((await ctx.store.listCredentials({ instituteId: null, limit: 100, offset: 0 })).total).toBe(1);
  });

  it('of ten concurrent issues with one id exactly one is 201, the rest 409', async () => {
    const ctx = await makeTestApp();
    const id = `urn:uuid:${crypto.randomUUID()}`;
    const answers = await Promise.all(Array.from({ length: 10 }, () => issueVc(ctx, id)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, ...Array(9).fill(409)]);
  });

  it('refuses an id that is the URL of a credential issued through the skillcert API', async () => {
    const ctx = await makeTestApp();
    const res = await ctx.app.request('/api/v1/credentials', authJson(sampleRequest()));
    const issued = (await res.json()) as Json;
    expect((await issueVc(ctx, issued.credential.id)).status).toBe(409);
  });
});

describe('migration 0008 on a database that already holds duplicate credential ids', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('applies, keeps both credentials, finds the first by the id, and refuses a third', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skillcert-0008-'));
    dirs.push(dir);
    const path = join(dir, 'db.sqlite');
    const before = readMigrations().filter((m) => m.name < '0008');
    const db = new Database(path);
    applyMigrations(db, before);
    db.prepare(`INSERT INTO institutes (id, slug, name, did, created_at) VALUES ('i', 'default', 'I', 'did:web:x', '2026-01-01T00:00:00Z')`).run();
    const insert = db.prepare(`INSERT INTO credentials (id, credential_url, vc_id, issuer_did, institute_id, di_json, learner_name, achievement_name,
      achievement_key, valid_from, issued_at, issued_by) VALUES (?, ?, 'urn:uuid:twice', 'did:web:x', 'i', '{}', 'n', 'a', 'k', ?, ?, 't')`);
    insert.run('first', 'https://x/credentials/first', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
    insert.run('second', 'https://x/credentials/second', '2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z');
    db.close();

    const store = openSqliteStore(path, readMigrations());
    expect(await store.getCredential('first')).not.toBeNull();
    expect(await store.getCredential('second')).not.toBeNull();
    expect((await store.getCredentialByVcId('urn:uuid:twice'))?.id).toBe('first');
    const third = { ...(await store.getCredential('first'))!, id: 'third', credentialUrl: 'https://x/credentials/third' };
    await expect(store.saveIssuedCredential(third, null)).rejects.toBeInstanceOf(DuplicateCredentialIdError);
    await store.close();
  });
});
