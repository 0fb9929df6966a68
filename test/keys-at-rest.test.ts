import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fromBase64url } from '../src/crypto/encoding.js';
import { createKeyVault, KeyVaultError } from '../src/issuer/key-vault.js';
import { MINISTRY_KEY, TEST_KEK, TEST_KEY, makeTestApp, type TestContext } from './helpers.js';
import { call, createInstitute, createKey } from './tenants.js';

const dirs: string[] = [];
const open: TestContext[] = [];
afterEach(async () => {
  for (const ctx of open.splice(0)) await ctx.store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A test app on a database file in a fresh temporary folder. */
async function fileApp(): Promise<{ ctx: TestContext; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'skillcert-keys-'));
  dirs.push(dir);
  const path = join(dir, 'skillcert.db');
  const ctx = await makeTestApp({ databasePath: path });
  open.push(ctx);
  return { ctx, path };
}

/** Every byte SQLite has written for the database: the file, its WAL and its shared memory. */
const databaseBytes = (path: string): Buffer =>
  Buffer.concat([path, `${path}-wal`, `${path}-shm`].filter((p) => existsSync(p)).map((p) => readFileSync(p)));

/** The forms a leaked private key could take in the file: base64url (the JWK `d`), standard base64, hex, raw. */
function leaks(bytes: Buffer, d: string): string[] {
  const raw = Buffer.from(fromBase64url(d));
  const forms: Array<[string, Buffer]> = [
    ['base64url', Buffer.from(d)],
    ['base64', Buffer.from(raw.toString('base64').replace(/=+$/, ''))],
    ['hex', Buffer.from(raw.toString('hex'))],
    ['raw bytes', raw],
  ];
  return forms.filter(([, needle]) => bytes.includes(needle)).map(([form]) => form);
}

async function privateHalves(ctx: TestContext, dids: string[]): Promise<Array<{ id: string; sealed: string; d: string }>> {
  const vault = await createKeyVault(TEST_KEK);
  const records = (await Promise.all(dids.map((did) => ctx.store.issuerKeys(did)))).flat();
  return Promise.all(records.map(async (r) => ({ id: r.id, sealed: r.sealedPrivate, d: await vault.open(r.sealedPrivate, r.id) })));
}

describe('private keys at rest', () => {
  it('no private key appears in the clear in the database file, before or after a checkpoint', async () => {
    const { ctx, path } = await fileApp();
    const alpha = await createInstitute(ctx, 'alpha');
    const key = await createKey(ctx, 'alpha', ['admin']);
    expect((await call(ctx, 'POST', '/api/v1/institutes/alpha/keys/rotate', { token: key.key })).status).toBe(201);
    const halves = await privateHalves(ctx, [alpha.did, ctx.institute.did, 'did:web:localhost%3A8787:ministry']);
    expect(halves).toHaveLength(4);
    const ds = [...halves.map((h) => h.d), TEST_KEY.d, MINISTRY_KEY.d];

    const live = databaseBytes(path);
    // The right bytes are being searched: the public halves are stored in the clear.
    expect(live.includes(Buffer.from(alpha.keys[0].id))).toBe(true);
    for (const d of ds) expect(leaks(live, d), `private key ${d.slice(0, 4)}… in the live files`).toEqual([]);

    await ctx.store.close();
    const checkpointed = databaseBytes(path);
    for (const d of ds) expect(leaks(checkpointed, d), `private key ${d.slice(0, 4)}… after close`).toEqual([]);
  });

  it('the API and the DID documents never show a private half', async () => {
    const { ctx } = await fileApp();
    const alpha = await createInstitute(ctx, 'alpha');
    const [half] = await privateHalves(ctx, [alpha.did]);
    const shown = [
      JSON.stringify(alpha),
      JSON.stringify((await call(ctx, 'GET', '/api/v1/institutes/alpha')).body),
      JSON.stringify((await call(ctx, 'GET', '/issuers/alpha/did.json', { token: null })).body),
      JSON.stringify((await call(ctx, 'GET', '/registry.json', { token: null })).body),
      JSON.stringify((await call(ctx, 'GET', '/api/v1/audit')).body),
    ];
    for (const text of shown) {
      expect(text).not.toContain(half!.d);
      expect(text).not.toContain(half!.sealed);
    }
  });

  it('a sealed key cannot be opened with another key-encryption key (KeyVaultError)', async () => {
    const { ctx } = await fileApp();
    const alpha = await createInstitute(ctx, 'alpha');
    const { id, sealed } = (await privateHalves(ctx, [alpha.did]))[0]!;
    const other = await createKeyVault(new Uint8Array(32).fill(8));
    const error = await other.open(sealed, id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyVaultError);
    expect((error as KeyVaultError).code).toBe('ERR_KEY_VAULT');
    expect((error as Error).message).not.toContain(sealed);
  });

  it('a sealed key moved to another key id, or altered, cannot be opened either', async () => {
    const { ctx } = await fileApp();
    const alpha = await createInstitute(ctx, 'alpha');
    const { id, sealed } = (await privateHalves(ctx, [alpha.did]))[0]!;
    const vault = await createKeyVault(TEST_KEK);
    await expect(vault.open(sealed, `${id}x`)).rejects.toBeInstanceOf(KeyVaultError);
    const [version, iv, ct] = sealed.split('.') as [string, string, string];
    const flipped = `${version}.${iv}.${ct.slice(0, -2)}${ct.at(-2) === 'A' ? 'B' : 'A'}${ct.at(-1)}`;
    await expect(vault.open(flipped, id)).rejects.toBeInstanceOf(KeyVaultError);
    await expect(vault.open(`v0.${iv}.${ct}`, id)).rejects.toBeInstanceOf(KeyVaultError);
  });

  it('each seal of the same key differs (a fresh IV), and a key-encryption key must be 32 bytes (TypeError)', async () => {
    const vault = await createKeyVault(TEST_KEK);
    const a = await vault.seal(TEST_KEY.d, 'k1');
    const b = await vault.seal(TEST_KEY.d, 'k1');
    expect(a).not.toBe(b);
    expect(await vault.open(a, 'k1')).toBe(TEST_KEY.d);
    await expect(createKeyVault(new Uint8Array(16))).rejects.toBeInstanceOf(TypeError);
  });
});
