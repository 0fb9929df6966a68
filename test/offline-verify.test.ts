import { beforeAll, describe, expect, it } from 'vitest';
import { didKeyFromPublicKey } from '../src/crypto/multikey.js';
import { fromBase64url } from '../src/crypto/encoding.js';
import { loadSigningKey } from '../src/issuer/keys.js';
import { signVcJwt } from '../src/issuer/secure.js';
import { nodeCryptoProvider } from '../src/runtime/node/crypto.js';
import { nobleCrypto } from '../src/offline/browser/noble-crypto.js';
import { verifyOffline } from '../src/offline/browser/verify-offline.js';
import { KIT_FORMAT, type OfflineKit } from '../src/offline/kit.js';
import type { JsonObject } from '../src/schemas/credential.js';
import { verdictOf } from '../src/verifier/verdict.js';
import { authJson, FIXED_NOW, issue, makeTestApp, OTHER_KEY, verifyBody, type IssueResponse, type TestContext } from './helpers.js';
import { readmeExample } from './offline-helpers.js';

const claimsOf = (jwt: string): JsonObject => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as JsonObject;

async function kitOf(ctx: TestContext): Promise<OfflineKit> {
  const res = await ctx.app.request('/offline/kit.json');
  expect(res.status).toBe(200);
  return (await res.json()) as OfflineKit;
}

describe('the offline verifier reaches the service verifier\'s verdicts from the saved kit alone', () => {
  let ctx: TestContext;
  let valid: IssueResponse, revoked: IssueResponse, suspended: IssueResponse, reinstated: IssueResponse;
  let kit: OfflineKit;
  const offline = async (jwt: string, k: OfflineKit | null = kit) => verifyOffline(jwt, k, FIXED_NOW, nobleCrypto);

  beforeAll(async () => {
    ctx = await makeTestApp();
    [valid, revoked, suspended, reinstated] = (await Promise.all([1, 2, 3, 4].map(() => issue(ctx, readmeExample())))) as [IssueResponse, IssueResponse, IssueResponse, IssueResponse];
    await ctx.app.request(`/api/v1/credentials/${revoked.id}/revoke`, authJson({ reason: 'issued by mistake' }));
    await ctx.app.request(`/api/v1/credentials/${suspended.id}/suspend`, authJson({ reason: 'complaint' }));
    await ctx.app.request(`/api/v1/credentials/${reinstated.id}/suspend`, authJson({ reason: 'complaint' }));
    await ctx.app.request(`/api/v1/credentials/${reinstated.id}/reinstate`, authJson({ reason: 'dismissed' }));
    kit = await kitOf(ctx);
  });

  it('the kit holds the ministry-signed registry (with the institutes\' keys), the status lists, and which set bits are suspensions', async () => {
    expect(kit.format).toBe(KIT_FORMAT);
    expect(kit.lists.length).toBeGreaterThan(0);
    const registry = claimsOf(kit.registry) as { credentialSubject: { institutes: Array<{ keys: Array<{ id: string }> }> } };
    expect(registry.credentialSubject.institutes[0]!.keys.map((k) => k.id)).toContain(ctx.key.id);
    const index = Number((claimsOf(suspended.jwt).credentialStatus as JsonObject).statusListIndex);
    expect(kit.lists.flatMap((l) => l.suspended)).toEqual([index]);
  });

  it.each([
    ['valid', () => valid, 'valid'],
    ['revoked', () => revoked, 'revoked'],
    ['suspended (the one status bit, told apart by the kit)', () => suspended, 'suspended'],
    ['reinstated', () => reinstated, 'valid'],
  ])('%s: the same verdict and checks as the service', async (_, which, verdict) => {
    const { report, asOf } = await offline(which().jwt);
    expect(verdictOf(report)).toBe(verdict);
    expect(asOf).toBe(kit.fetchedAt);
    const online = (await verifyBody(ctx, { jwt: which().jwt })).body;
    expect(verdictOf(online)).toBe(verdict);
    expect(report.checks.map((c) => [c.id, c.status, c.code])).toEqual(online.checks.map((c: { id: string; status: string; code?: string }) => [c.id, c.status, c.code]));
    expect(report.credential).toEqual(online.credential);
  });

  it('one character of a claim changed: TAMPERED', async () => {
    const [h, , sig] = valid.jwt.split('.');
    const claims = JSON.stringify(claimsOf(valid.jwt)).replace('Sok Dara', 'Sok Darb');
    const { report } = await offline(`${h}.${Buffer.from(claims).toString('base64url')}.${sig}`);
    expect(verdictOf(report)).toBe('tampered');
  });

  it('signed by an attacker\'s own did:key: ISSUER NOT ACCREDITED; claiming the institute\'s DID with the attacker\'s key: UNKNOWN ISSUER', async () => {
    const didKey = didKeyFromPublicKey(fromBase64url(OTHER_KEY.x));
    const ownKey = await loadSigningKey(OTHER_KEY, didKey, nodeCryptoProvider);
    const claims = claimsOf(valid.jwt);
    const { credentialStatus: _, ...unlisted } = claims;
    const asOwn = await signVcJwt({ ...unlisted, issuer: { ...(claims.issuer as JsonObject), id: didKey } }, ownKey);
    expect(verdictOf((await offline(asOwn)).report)).toBe('not-accredited');
    expect(verdictOf((await verifyBody(ctx, { jwt: asOwn })).body)).toBe('not-accredited');
    // Pointing at the institute's status list does not help it: that list is not its issuer's.
    const withOurStatus = await signVcJwt({ ...claims, issuer: { ...(claims.issuer as JsonObject), id: didKey } }, ownKey);
    expect((await offline(withOurStatus)).report.verified).toBe(false);
    const posing = await loadSigningKey(OTHER_KEY, ctx.institute.did, nodeCryptoProvider);
    expect(verdictOf((await offline(await signVcJwt(claims, posing))).report)).toBe('unknown-issuer');
  });

  it('a registry not signed by the ministry is not trusted', async () => {
    const forged = { ...kit, ministry: { ...kit.ministry, publicKeyMultibase: [didKeyFromPublicKey(fromBase64url(OTHER_KEY.x)).slice('did:key:'.length)] } };
    expect(verdictOf((await offline(valid.jwt, forged)).report)).toBe('unknown-issuer');
  });

  it('no saved kit, or a status list not in it: never VALID', async () => {
    expect(verdictOf((await offline(valid.jwt, null)).report)).toBe('unknown-issuer');
    expect(verdictOf((await offline(valid.jwt, { ...kit, lists: [] })).report)).toBe('status-unknown');
  });

  it('a status list whose bits are flipped by someone other than the issuer is not believed', async () => {
    const list = kit.lists[0]!;
    const [h, p, s] = list.jwt.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    claims.validFrom = '2026-01-02T00:00:00Z';
    const lists = [{ ...list, jwt: `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}` }];
    expect(verdictOf((await offline(valid.jwt, { ...kit, lists })).report)).toBe('status-unknown');
  });

  it('hostile JWTs are reports, not exceptions: not JSON, too deep, not a credential', async () => {
    const b = (v: string) => Buffer.from(v).toString('base64url');
    const header = b(JSON.stringify({ alg: 'EdDSA', typ: 'vc+jwt', kid: ctx.key.id }));
    const deep = '['.repeat(40) + ']'.repeat(40);
    for (const jwt of ['x', `${header}.${b('not json')}.AA`, `${header}.${b(`{"a":${deep}}`)}.AA`, `${header}.${b('{"type":"x"}')}.AA`]) {
      const { report } = await offline(jwt);
      expect(report.verified).toBe(false);
      expect(verdictOf(report)).toBe('invalid');
    }
  });
});
