import { describe, expect, it } from 'vitest';
import { didKeyFromPublicKey } from '../src/crypto/multikey.js';
import { fromBase64url, toBase64url, utf8 } from '../src/crypto/encoding.js';
import { loadSigningKey } from '../src/issuer/keys.js';
import { addDataIntegrityProof } from '../src/issuer/secure.js';
import { nodeCryptoProvider } from '../src/runtime/node/crypto.js';
import { ADMIN_TOKEN, authJson, FIXED_NOW, makeTestApp, OTHER_KEY, TEST_KEY, type TestContext } from './helpers.js';

/*
 * A proof says when it was made (`created`); one made "in the future" is not a proof of
 * anything yet: a signer with a wrong clock, or a backdating story told the other way round.
 * Beyond a small clock skew (5 minutes), every verify path fails the proof check.
 */

const V2 = 'https://www.w3.org/ns/credentials/v2';
type Json = Record<string, any>;

const post = async (ctx: TestContext, path: string, body: unknown) => {
  const res = await ctx.app.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Json };
};

/** A credential of the test institute's did:key, signed with `created` as given. */
async function signedAt(ctx: TestContext, created: string): Promise<Json> {
  const key = await loadSigningKey(TEST_KEY, ctx.institute.didKey as string, nodeCryptoProvider);
  const credential = {
    '@context': [V2], id: `urn:uuid:${crypto.randomUUID()}`, type: ['VerifiableCredential'], issuer: ctx.institute.didKey,
    validFrom: '2026-02-15T00:00:00Z', credentialSubject: { id: 'did:example:learner', name: 'Chan Sophea' },
  };
  return addDataIntegrityProof(credential, key, created, nodeCryptoProvider);
}

const minutesFromNow = (m: number) => new Date(FIXED_NOW.getTime() + m * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('a proof created in the future fails the proof check', () => {
  it('POST /credentials/verify answers 400 for a proof created in the year 3000, with the proof check failed', async () => {
    const ctx = await makeTestApp();
    const vc = await signedAt(ctx, '3000-01-01T00:00:00Z');
    const { status, body } = await post(ctx, '/credentials/verify', { verifiableCredential: vc });
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ id: 'proof', message: expect.stringContaining('3000-01-01T00:00:00Z') }]);
    expect(body.errors[0].message).toMatch(/future/);
  });

  it('POST /api/v1/verify reports it as a failed proof check, not as verified', async () => {
    const ctx = await makeTestApp();
    const vc = await signedAt(ctx, minutesFromNow(6));
    const { status, body } = await post(ctx, '/api/v1/verify', { credential: vc });
    expect(status).toBe(200);
    expect(body.verified).toBe(false);
    expect(body.checks.find((c: Json) => c.id === 'proof')).toMatchObject({ status: 'failed', message: expect.stringMatching(/future/) });
  });

  it('accepts a proof created within 5 minutes of the verifier\'s clock (clock skew)', async () => {
    const ctx = await makeTestApp();
    const { status } = await post(ctx, '/credentials/verify', { verifiableCredential: await signedAt(ctx, minutesFromNow(4)) });
    expect(status).toBe(200);
  });

  it('a credential signed by a server whose clock ran ahead verifies once that time has come', async () => {
    const ctx = await makeTestApp();
    ctx.clock.now = new Date('2026-03-02T10:00:00Z');
    const res = await ctx.app.request('/credentials/issue', authJson({ credential: {
      '@context': [V2], type: ['VerifiableCredential'], issuer: ctx.institute.didKey, credentialSubject: { id: 'did:example:x' },
    } }, ADMIN_TOKEN));
    const vc = ((await res.json()) as Json).verifiableCredential;
    ctx.clock.now = FIXED_NOW;
    expect((await post(ctx, '/credentials/verify', { verifiableCredential: vc })).status).toBe(400);
    ctx.clock.now = new Date('2026-03-02T10:00:00Z');
    expect((await post(ctx, '/credentials/verify', { verifiableCredential: vc })).status).toBe(200);
  });

  it('a presentation whose proof is created in the future fails its proof check', async () => {
    const ctx = await makeTestApp();
    const holder = await loadSigningKey(OTHER_KEY, didKeyFromPublicKey(fromBase64url(OTHER_KEY.x)), nodeCryptoProvider);
    const vp = await addDataIntegrityProof(
      { '@context': [V2], type: ['VerifiablePresentation'], holder: holder.controller },
      holder, '3000-01-01T00:00:00Z', nodeCryptoProvider, { proofPurpose: 'authentication', extra: { challenge: 'c1', domain: 'd.example' } },
    );
    const { status, body } = await post(ctx, '/presentations/verify', { verifiablePresentation: vp, options: { challenge: 'c1', domain: 'd.example' } });
    expect(status).toBe(400);
    expect(body.errors.map((e: Json) => e.id)).toContain('proof');
  });

  it('a vc+jwt whose iat is in the future fails its proof check', async () => {
    const ctx = await makeTestApp();
    const key = await loadSigningKey(TEST_KEY, ctx.institute.didKey as string, nodeCryptoProvider);
    const payload = {
      '@context': [V2], type: ['VerifiableCredential'], issuer: ctx.institute.didKey, credentialSubject: { id: 'did:example:x' },
      iat: Math.floor(Date.parse('3000-01-01T00:00:00Z') / 1000),
    };
    const input = `${toBase64url(utf8(JSON.stringify({ alg: 'EdDSA', typ: 'vc+jwt', kid: key.id })))}.${toBase64url(utf8(JSON.stringify(payload)))}`;
    const jwt = `${input}.${toBase64url(await key.signer.sign(utf8(input)))}`;
    const { body } = await post(ctx, '/api/v1/verify', { jwt });
    expect(body.checks.find((c: Json) => c.id === 'proof')).toMatchObject({ status: 'failed', message: expect.stringMatching(/future/) });
    const { iat: _iat, ...now } = payload;
    const input2 = `${toBase64url(utf8(JSON.stringify({ alg: 'EdDSA', typ: 'vc+jwt', kid: key.id })))}.${toBase64url(utf8(JSON.stringify(now)))}`;
    const fine = `${input2}.${toBase64url(await key.signer.sign(utf8(input2)))}`;
    expect((await post(ctx, '/api/v1/verify', { jwt: fine })).body.checks.find((c: Json) => c.id === 'proof').status).toBe('passed');
  });
});
