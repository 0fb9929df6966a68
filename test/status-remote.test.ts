import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { bitstringOf, encodeList } from '../src/issuer/bitstring.js';
import { loadSigningKey, type SigningKey } from '../src/issuer/keys.js';
import { addDataIntegrityProof, signVcJwt } from '../src/issuer/secure.js';
import { didKeyFromPublicKey } from '../src/crypto/multikey.js';
import { fromBase64url } from '../src/crypto/encoding.js';
import { nodeCryptoProvider } from '../src/runtime/node/crypto.js';
import { createRemoteFetcher, RemoteFetchError, type RemoteFetcher } from '../src/verifier/remote.js';
import { MAX_REMOTE_LIST_BYTES, MAX_STATUS_ENTRIES } from '../src/verifier/status.js';
import { COVERING_STATUS_MESSAGE } from '../src/issuer/status-list.js';
import { verdictOf } from '../src/verifier/verdict.js';
import { makeTestApp, OTHER_KEY, TEST_KEY, verifyBody } from './helpers.js';

const LIST_URL = 'https://status.issuer-b.example/lists/7';
const didKeyOf = (x: string) => didKeyFromPublicKey(fromBase64url(x));

async function didKeySigner(jwk = OTHER_KEY): Promise<SigningKey> {
  const did = didKeyOf(jwk.x);
  const key = await loadSigningKey(jwk, did, nodeCryptoProvider);
  // did:key verification methods are did:key:z…#z…
  return { ...key, id: `${did}#${did.slice('did:key:'.length)}` };
}

async function listCredential(key: SigningKey, setIndexes: number[], purpose = 'revocation', issuer = key.controller, size = 131072) {
  const unsecured = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: LIST_URL,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer,
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: { id: `${LIST_URL}#list`, type: 'BitstringStatusList', statusPurpose: purpose, encodedList: await encodeList(bitstringOf(size, setIndexes)) },
  };
  return addDataIntegrityProof(unsecured, key, '2026-01-01T00:00:00Z', nodeCryptoProvider);
}

async function credentialWithRemoteStatus(key: SigningKey, index: number, entryExtra: Record<string, unknown> = {}) {
  const unsecured = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: 'urn:uuid:0b6c1d6e-8f5a-4f5e-9a55-1c2a3b4c5d6e',
    type: ['VerifiableCredential'],
    issuer: key.controller,
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:learner', name: 'Chan Sophea' },
    credentialStatus: { id: `${LIST_URL}#${index}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(index), statusListCredential: LIST_URL, ...entryExtra },
  };
  return addDataIntegrityProof(unsecured, key, '2026-01-01T00:00:00Z', nodeCryptoProvider);
}

async function verifierWith(remote: RemoteFetcher) {
  const ctx = await makeTestApp();
  return { ...ctx, app: createApp({ ...ctx.deps, remoteFetch: remote }) };
}

const serving = (body: string, counter?: { n: number }): RemoteFetcher => async (url) => {
  if (counter) counter.n++;
  return { url, contentType: 'application/vc', body };
};

const revocationCheck = (report: any) => report.checks.find((c: any) => c.id === 'revocation');

describe("another issuer's status list", () => {
  it('is fetched, verified and read: a set bit fails the check, a clear bit passes', async () => {
    const key = await didKeySigner();
    const list = JSON.stringify(await listCredential(key, [42]));
    const ctx = await verifierWith(serving(list));
    const revoked = await verifyBody(ctx, { credential: await credentialWithRemoteStatus(key, 42) });
    expect(revoked.body.verified).toBe(false);
    expect(revocationCheck(revoked.body).status).toBe('failed');
    const fine = await verifyBody(ctx, { credential: await credentialWithRemoteStatus(key, 43) });
    expect(revocationCheck(fine.body).status).toBe('passed');
    // Everything but accreditation passes: this did:key issuer is in no registry.
    expect(fine.body.checks.filter((c: any) => c.status !== 'passed').map((c: any) => c.id)).toEqual(['accreditation']);
  });

  it('whose entry says a set bit means "revoked or suspended" (as skillcert writes it) reads as REVOKED OR SUSPENDED, not REVOKED', async () => {
    const key = await didKeySigner();
    const ctx = await verifierWith(serving(JSON.stringify(await listCredential(key, [42]))));
    const either = { statusMessage: COVERING_STATUS_MESSAGE };
    const set = (await verifyBody(ctx, { credential: await credentialWithRemoteStatus(key, 42, either) })).body;
    expect(revocationCheck(set)).toMatchObject({ status: 'failed', code: 'revoked_or_suspended' });
    expect(verdictOf(set)).toBe('revoked-or-suspended');
    const clear = (await verifyBody(ctx, { credential: await credentialWithRemoteStatus(key, 43, either) })).body;
    expect(clear.checks.filter((c: any) => c.id === 'revocation' || c.id === 'suspension').map((c: any) => [c.id, c.status])).toEqual([['revocation', 'passed'], ['suspension', 'passed']]);
    // The same bit without the message is a revocation, as the specification defines it.
    expect(revocationCheck((await verifyBody(ctx, { credential: await credentialWithRemoteStatus(key, 42) })).body)).toMatchObject({ code: 'revoked' });
  });

  it('the /verify page says REVOKED OR SUSPENDED for it, in English and in Khmer', async () => {
    const key = await didKeySigner();
    const ctx = await verifierWith(serving(JSON.stringify(await listCredential(key, [42]))));
    const text = JSON.stringify(await credentialWithRemoteStatus(key, 42, { statusMessage: COVERING_STATUS_MESSAGE }));
    for (const [lang, word] of [['en', 'REVOKED OR SUSPENDED'], ['km', 'ត្រូវបាន\u200bដកហូត\u200bឬ\u200bផ្អាក']]) {
      const res = await ctx.app.request('/verify', { method: 'POST', body: new URLSearchParams({ text }), headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: `sc_lang=${lang}` } });
      const html = await res.text();
      expect(html).toContain('data-verdict="revoked-or-suspended"');
      expect(html.replace(/<wbr\/?>|<\/?span[^>]*>/g, '\u200b').replace(/\u200b+/g, '\u200b')).toContain(word);
    }
  });

  it('that expands past 2 MB (a few KB of gzip, signed by anyone) leaves the status unknown and is not kept', async () => {
    const key = await didKeySigner();
    const list = JSON.stringify(await listCredential(key, [42], 'revocation', key.controller, (MAX_REMOTE_LIST_BYTES + 1024) * 8));
    expect(list.length).toBeLessThan(64 * 1024);
    const counter = { n: 0 };
    const ctx = await verifierWith(serving(list, counter));
    for (let i = 0; i < 2; i++) {
      const report = await verifyBody(ctx, { credential: await credentialWithRemoteStatus(key, 42) });
      expect(revocationCheck(report.body)).toMatchObject({ status: 'failed', code: 'status_unknown' });
      expect(revocationCheck(report.body).message).toContain('expands past 2 MB');
    }
    expect(counter.n, 'a refused list is not cached').toBe(2);
  });

  it('is not fetched at all for a credential with more status entries than any issuer needs', async () => {
    const key = await didKeySigner();
    const counter = { n: 0 };
    const ctx = await verifierWith(serving(JSON.stringify(await listCredential(key, [])), counter));
    const base = await credentialWithRemoteStatus(key, 1);
    const { proof: _proof, ...unsecured } = base as Record<string, unknown>;
    const entries = Array.from({ length: MAX_STATUS_ENTRIES + 1 }, (_, i) => ({
      id: `${LIST_URL}#${i}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(i), statusListCredential: `${LIST_URL}?n=${i}`,
    }));
    const credential = await addDataIntegrityProof({ ...unsecured, credentialStatus: entries }, key, '2026-01-01T00:00:00Z', nodeCryptoProvider);
    const report = await verifyBody(ctx, { credential });
    expect(revocationCheck(report.body)).toMatchObject({ status: 'failed', code: 'status_unknown' });
    expect(report.body.verified).toBe(false);
    expect(counter.n).toBe(0);
  });

  it('is cached for its TTL, not fetched for every verification', async () => {
    const key = await didKeySigner();
    const counter = { n: 0 };
    const ctx = await verifierWith(serving(JSON.stringify(await listCredential(key, [])), counter));
    for (let i = 0; i < 3; i++) await verifyBody(ctx, { credential: await credentialWithRemoteStatus(key, i) });
    expect(counter.n).toBe(1);
    ctx.clock.now = new Date(ctx.clock.now.getTime() + 6 * 60 * 1000);
    await verifyBody(ctx, { credential: await credentialWithRemoteStatus(key, 9) });
    expect(counter.n).toBe(2);
  });

  it('accepts a list served as vc+jwt', async () => {
    const key = await didKeySigner();
    const { proof: _p, ...unsecured } = await listCredential(key, [5]);
    const ctx = await verifierWith(serving(await signVcJwt(unsecured, key)));
    const report = (await verifyBody(ctx, { credential: await credentialWithRemoteStatus(key, 5) })).body;
    expect(revocationCheck(report).status).toBe('failed');
  });

  it('a list whose proof is broken makes the check fail, never pass', async () => {
    const key = await didKeySigner();
    const list = await listCredential(key, [42]);
    (list.credentialSubject as any).encodedList = await encodeList(bitstringOf(131072, []));
    const ctx = await verifierWith(serving(JSON.stringify(list)));
    const report = (await verifyBody(ctx, { credential: await credentialWithRemoteStatus(key, 42) })).body;
    expect(report.verified).toBe(false);
    expect(revocationCheck(report).status).toBe('failed');
    expect(revocationCheck(report).message).toMatch(/does not verify/);
  });

  it('a list signed by another issuer makes the check fail', async () => {
    const key = await didKeySigner(OTHER_KEY);
    const stranger = await didKeySigner(TEST_KEY);
    const ctx = await verifierWith(serving(JSON.stringify(await listCredential(stranger, []))));
    const report = (await verifyBody(ctx, { credential: await credentialWithRemoteStatus(key, 1) })).body;
    expect(report.verified).toBe(false);
    expect(revocationCheck(report).message).toMatch(/not by the credential's issuer/);
  });

  it('a list that cannot be fetched makes the check fail', async () => {
    const key = await didKeySigner();
    const ctx = await verifierWith(async () => {
      throw new RemoteFetchError('ERR_REMOTE_TIMEOUT', 'did not answer within 5000 ms');
    });
    const report = (await verifyBody(ctx, { credential: await credentialWithRemoteStatus(key, 1) })).body;
    expect(report.verified).toBe(false);
    expect(revocationCheck(report).status).toBe('failed');
  });

  it('a list for another purpose makes the check fail', async () => {
    const key = await didKeySigner();
    const ctx = await verifierWith(serving(JSON.stringify(await listCredential(key, [], 'suspension'))));
    const report = (await verifyBody(ctx, { credential: await credentialWithRemoteStatus(key, 1) })).body;
    expect(revocationCheck(report).status).toBe('failed');
  });
});

describe('remote fetch guard', () => {
  const guarded = (resolveHost?: (h: string) => Promise<string[]>) =>
    createRemoteFetcher({ timeoutMs: 1000, maxBytes: 1024, allowPrivate: false, resolveHost }, async () => {
      throw new Error('the network must not be reached');
    });

  it.each([
    'https://127.0.0.1/list', 'https://10.1.2.3/list', 'https://192.168.1.1/list', 'https://172.16.0.5/list',
    'https://169.254.169.254/latest/meta-data', 'https://[::1]/list', 'https://localhost/list', 'https://printer.local/list',
    'http://status.example.org/list', 'https://user:pw@status.example.org/list',
  ])('refuses %s', async (url) => {
    await expect(guarded()(url, 'application/vc')).rejects.toMatchObject({ code: 'ERR_REMOTE_REFUSED' });
  });

  it('refuses a public name that resolves to a private address', async () => {
    await expect(guarded(async () => ['10.0.0.7'])('https://status.example.org/list', 'application/vc')).rejects.toMatchObject({ code: 'ERR_REMOTE_REFUSED' });
  });

  it('refuses a redirect to a private address', async () => {
    const fetcher = createRemoteFetcher({ timeoutMs: 1000, maxBytes: 1024, allowPrivate: false }, async () =>
      new Response(null, { status: 302, headers: { location: 'https://127.0.0.1/admin' } }));
    await expect(fetcher('https://status.example.org/list', 'application/vc')).rejects.toMatchObject({ code: 'ERR_REMOTE_REFUSED' });
  });

  it('refuses a response over the size cap', async () => {
    const fetcher = createRemoteFetcher({ timeoutMs: 1000, maxBytes: 1024, allowPrivate: false }, async () => new Response('x'.repeat(5000)));
    await expect(fetcher('https://status.example.org/list', 'application/vc')).rejects.toMatchObject({ code: 'ERR_REMOTE_TOO_LARGE' });
  });

  it('a private address is allowed only by explicit configuration', async () => {
    const fetcher = createRemoteFetcher({ timeoutMs: 1000, maxBytes: 1024, allowPrivate: true }, async () => new Response('{}'));
    await expect(fetcher('http://127.0.0.1:9/list', 'application/vc')).resolves.toMatchObject({ body: '{}' });
  });
});

describe('an unknown status is not reported as revoked', () => {
  it('marks a set bit as revoked, and an unreachable list as status_unknown, with distinct verdicts', async () => {
    const { verdictOf } = await import('../src/verifier/verdict.js');
    const key = await didKeySigner();
    const revokedCtx = await verifierWith(serving(JSON.stringify(await listCredential(key, [7]))));
    const revoked = (await verifyBody(revokedCtx, { credential: await credentialWithRemoteStatus(key, 7) })).body;
    expect(revocationCheck(revoked).code).toBe('revoked');
    expect(verdictOf(revoked)).toBe('revoked');

    const downCtx = await verifierWith(async () => {
      throw new RemoteFetchError('ERR_REMOTE_TIMEOUT', 'did not answer within 5000 ms');
    });
    const unknown = (await verifyBody(downCtx, { credential: await credentialWithRemoteStatus(key, 7) })).body;
    expect(unknown.verified).toBe(false);
    expect(revocationCheck(unknown).code).toBe('status_unknown');
    expect(verdictOf(unknown)).toBe('status-unknown');
  });
});
