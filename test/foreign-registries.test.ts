import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { encodeMultikey } from '../src/crypto/multikey.js';
import { fromBase64url } from '../src/crypto/encoding.js';
import type { RemoteFetcher } from '../src/verifier/remote.js';
import { MINISTRY_KEY, OTHER_KEY, authJson, makeTestApp, type TestContext } from './helpers.js';

const ABROAD = 'https://skills.example.la';

/** Another country's skillcert, with one institute that issues under its did:key. */
async function abroad() {
  const ctx = await makeTestApp({ publicUrl: ABROAD });
  const created = await ctx.app.request('/api/v1/institutes', authJson({ slug: 'lao-tvet', name: 'Lao-Korea Institute', accreditedFrom: '2026-01-01' }));
  const institute = (await created.json()) as { didKey: string };
  const issued = await ctx.app.request('/credentials/issue', authJson({
    credential: {
      '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: institute.didKey,
      validFrom: '2026-02-01T00:00:00Z', credentialSubject: { id: 'did:example:worker', name: 'Vilay' },
    },
    options: { credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' } },
  }));
  expect(issued.status).toBe(201);
  return { ctx, credential: ((await issued.json()) as { verifiableCredential: unknown }).verifiableCredential };
}

/** Routes the verifier's remote fetches to the other deployment, as the network would. */
const routeTo = (other: TestContext): RemoteFetcher => async (url, accept) => {
  const res = await other.app.request(new URL(url).pathname, { headers: { accept } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return { url, contentType: res.headers.get('content-type') ?? '', body: await res.text() };
};

async function verifierTrusting(other: TestContext, publicKeyMultibase: string) {
  const home = await makeTestApp();
  const app = createApp({ ...home.deps, remoteFetch: routeTo(other), trustedRegistries: [{ url: `${ABROAD}/registry`, publicKeyMultibase }] });
  return async (credential: unknown) => {
    const res = await app.request('/api/v1/verify', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ credential }) });
    return (await res.json()) as { verified: boolean; checks: Array<{ id: string; status: string; message: string }> };
  };
}

const accreditation = (r: { checks: Array<{ id: string; status: string; message: string }> }) => r.checks.find((c) => c.id === 'accreditation');

describe('registries of other ministries', () => {
  it('accept an institute accredited by a registry signed with the configured key', async () => {
    const { ctx, credential } = await abroad();
    const verify = await verifierTrusting(ctx, encodeMultikey(fromBase64url(MINISTRY_KEY.x)));
    const report = await verify(credential);
    expect(accreditation(report)?.status).toBe('passed');
    expect(accreditation(report)?.message).toMatch(/Lao-Korea Institute is accredited by/);
    expect(report.verified).toBe(true);
  });

  it('ignore a registry that is not signed by the configured key: the issuer is not accredited', async () => {
    const { ctx, credential } = await abroad();
    const verify = await verifierTrusting(ctx, encodeMultikey(fromBase64url(OTHER_KEY.x)));
    const report = await verify(credential);
    expect(accreditation(report)?.status).toBe('failed');
    expect(report.verified).toBe(false);
  });

  it('are refused at start-up unless given as https URLs with an Ed25519 Multikey', async () => {
    const { loadConfig } = await import('../src/runtime/node/config.js');
    expect(() => loadConfig({ TRUSTED_REGISTRIES: '[{"url": "http://x.example/registry", "publicKeyMultibase": "z6Mk"}]' })).toThrow(/TRUSTED_REGISTRIES/);
    expect(() => loadConfig({ TRUSTED_REGISTRIES: 'not json' })).toThrow(/TRUSTED_REGISTRIES/);
  });
});
