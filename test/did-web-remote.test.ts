import { beforeAll, describe, expect, it } from 'vitest';
import { MULTIKEY_V1_CONTEXT, DID_V1_CONTEXT } from '../src/jsonld/contexts.js';
import { createRemoteFetcher } from '../src/verifier/remote.js';
import { credentialV2, didWebSigner, signWithDigitalBazaar, altered, type Json } from './foreign-issuers.js';
import { makeTestApp, type TestContext } from './helpers.js';

/*
 * Another host's did:web issuer: its DID document is fetched through the guarded remote
 * fetcher (https only, no private addresses, timeout, size cap), here over a fake network, so
 * the guards run as in production. A key the document does not list for assertions, or a
 * document that cannot be read, never passes.
 */

const DID = 'did:web:certs.other-ministry.example:issuers:poly';
const DOC_URL = 'https://certs.other-ministry.example/issuers/poly/did.json';

async function appServing(documents: Record<string, unknown>, requests: string[] = []): Promise<TestContext> {
  const fakeFetch = (async (input: string | URL | Request) => {
    const url = String(input);
    requests.push(url);
    if (!(url in documents)) return new Response('not found', { status: 404 });
    return new Response(JSON.stringify(documents[url]), { status: 200, headers: { 'content-type': 'application/did+json' } });
  }) as typeof fetch;
  // A public address for every name, as a resolver would answer for a real host.
  const remoteFetch = createRemoteFetcher({ timeoutMs: 1000, maxBytes: 64 * 1024, allowPrivate: false, resolveHost: async () => ['203.0.113.7'] }, fakeFetch);
  return makeTestApp({ deps: { remoteFetch, rateLimits: { issuePerMinute: 1000, verifyPerMinute: 10_000 } } });
}

const didDocument = (vm: Json, relationships: Json = { assertionMethod: [vm.id], authentication: [vm.id] }) => ({
  '@context': [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT], id: DID, verificationMethod: [vm], ...relationships,
});

const verify = async (ctx: TestContext, credential: Json) => {
  const res = await ctx.app.request('/credentials/verify', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ verifiableCredential: credential }) });
  return { status: res.status, body: (await res.json()) as Json };
};

describe("another host's did:web issuer", () => {
  let credential: Json;
  let vm: Json;
  beforeAll(async () => {
    const signer = await didWebSigner(DID, 'P-256');
    vm = { id: signer.vm, type: 'Multikey', controller: DID, publicKeyMultibase: signer.publicKeyMultibase };
    credential = await signWithDigitalBazaar(credentialV2(DID), 'ecdsa-rdfc-2019', signer);
  });

  it('is resolved from its DID document over https, and its credential verifies (200)', async () => {
    const requests: string[] = [];
    const ctx = await appServing({ [DOC_URL]: didDocument(vm) }, requests);
    const { status, body } = await verify(ctx, credential);
    expect(body.errors).toEqual([]);
    expect(status).toBe(200);
    expect(body.report.checks.find((c: Json) => c.id === 'issuer').message).toContain('did:web document');
    expect(requests).toEqual([DOC_URL]);
    // Altered, it fails; the document is read from the cache.
    expect((await verify(ctx, altered(credential))).status).toBe(400);
    expect(requests).toEqual([DOC_URL]);
  });

  it('fails when the document lists the key for authentication only, not for issuing', async () => {
    const ctx = await appServing({ [DOC_URL]: didDocument(vm, { authentication: [vm.id] }) });
    const { status, body } = await verify(ctx, credential);
    expect(status).toBe(400);
    expect(body.errors.find((e: Json) => e.id === 'issuer').message).toContain('does not list');
  });

  it('fails when the document served names another DID', async () => {
    const ctx = await appServing({ [DOC_URL]: { ...didDocument(vm), id: 'did:web:attacker.example' } });
    expect((await verify(ctx, credential)).status).toBe(400);
  });

  it('is not verified (issuer skipped, never passed) when its document cannot be fetched, and is not fetched again within a minute', async () => {
    const requests: string[] = [];
    const ctx = await appServing({}, requests);
    const { status, body } = await verify(ctx, credential);
    expect(status).toBe(400);
    expect(body.report.checks.find((c: Json) => c.id === 'issuer').status).toBe('skipped');
    expect((await verify(ctx, credential)).status).toBe(400);
    expect(requests).toEqual([DOC_URL]);
    ctx.clock.now = new Date(ctx.clock.now.getTime() + 61_000);
    await verify(ctx, credential);
    expect(requests).toEqual([DOC_URL, DOC_URL]);
  });

  it('is never fetched from a private address', async () => {
    const privateDid = 'did:web:10.0.0.8:issuers:poly';
    const signer = await didWebSigner(privateDid, 'P-256');
    const onPrivate = await signWithDigitalBazaar(credentialV2(privateDid), 'ecdsa-rdfc-2019', signer);
    const requests: string[] = [];
    const ctx = await appServing({}, requests);
    const { status, body } = await verify(ctx, onPrivate);
    expect(status).toBe(400);
    expect(body.report.checks.find((c: Json) => c.id === 'issuer')).toMatchObject({ status: 'skipped' });
    expect(body.report.checks.find((c: Json) => c.id === 'issuer').message).toContain('private');
    expect(requests).toEqual([]);
  });
});
