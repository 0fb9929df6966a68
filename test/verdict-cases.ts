import { fromBase64url } from '../src/crypto/encoding.js';
import { didKeyFromPublicKey } from '../src/crypto/multikey.js';
import { loadSigningKey } from '../src/issuer/keys.js';
import { addDataIntegrityProof } from '../src/issuer/secure.js';
import { nodeCryptoProvider } from '../src/runtime/node/crypto.js';
import type { Verdict } from '../src/verifier/verdict.js';
import { FIXED_NOW, OTHER_KEY, authJson, issue, sampleRequest, type TestContext } from './helpers.js';
import { call, createInstitute, createKey, issueWith, type Json } from './tenants.js';

/**
 * One real way to reach every verdict a page can show: a stored credential's page (`path`),
 * or a credential pasted into /verify (`paste`), with the clock the verifier must read.
 * Built through the API as a user would get there, so each verdict comes from the verifier,
 * not from a made-up report.
 */
export interface VerdictCase {
  verdict: Verdict;
  path?: string;
  paste?: string;
  clock?: Date;
}

/** A credential of this service re-issued under a did:key of someone else's (OTHER_KEY), signed by that key. */
async function signedByStranger(credential: Json, keepStatus: boolean): Promise<Json> {
  const { proof: _p, credentialStatus, ...unsecured } = structuredClone(credential);
  const didKey = didKeyFromPublicKey(fromBase64url(OTHER_KEY.x));
  unsecured.issuer.id = didKey;
  const key = await loadSigningKey(OTHER_KEY, didKey, nodeCryptoProvider);
  return addDataIntegrityProof(keepStatus ? { ...unsecured, credentialStatus } : unsecured, key, '2026-03-01T10:00:00Z', nodeCryptoProvider) as Promise<Json>;
}

export async function buildVerdictCases(ctx: TestContext): Promise<VerdictCase[]> {
  const valid = await issue(ctx);
  const revoked = await issue(ctx);
  await ctx.app.request(`/api/v1/credentials/${revoked.id}/revoke`, authJson({ reason: 'test' }));
  const suspended = await issue(ctx);
  await ctx.app.request(`/api/v1/credentials/${suspended.id}/suspend`, authJson({ reason: 'test' }));

  const startsLater = await issue(ctx, { ...sampleRequest(), validFrom: '2026-06-01', validUntil: '2031-06-01' });

  const tampered = structuredClone(valid.credential) as Json;
  tampered.credentialSubject.name = 'Keo Malis';
  tampered.credentialSubject.achievement.name = 'Level 4 Master Electrician';
  const strangeKey = structuredClone(valid.credential) as Json;
  strangeKey.proof[0].verificationMethod = `${String(strangeKey.proof[0].verificationMethod).split('#')[0]}#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK`;

  // A key its institute then reported compromised as of a time before this credential's signing.
  await createInstitute(ctx, 'alpha');
  const alpha = await createKey(ctx, 'alpha', ['issue', 'admin']);
  const signedAfterLeak = await issueWith(ctx, alpha.key);
  const keyId = signedAfterLeak.credential.proof[0]!.verificationMethod as string;
  await call(ctx, 'POST', '/api/v1/institutes/alpha/keys/rotate', { token: alpha.key });
  const marked = await call(ctx, 'POST', '/api/v1/institutes/alpha/keys/compromised', { token: alpha.key, body: { keyId, since: '2026-02-01T00:00:00Z' } });
  if (marked.status !== 200) throw new Error(`marking the key compromised failed: ${marked.status}`);

  const json = (x: unknown) => JSON.stringify(x);
  return [
    { verdict: 'valid', path: `/v/${valid.id}` },
    { verdict: 'revoked', path: `/v/${revoked.id}` },
    { verdict: 'suspended', path: `/v/${suspended.id}` },
    // Another issuer's credential pointing at this service's lists: whether it was withdrawn cannot be known.
    { verdict: 'status-unknown', paste: json(await signedByStranger(valid.credential, true)) },
    { verdict: 'expired', path: `/v/${valid.id}`, clock: new Date('2032-01-01T00:00:00Z') },
    // Dated to start later than it was signed (not a clock turned back, which would put its proof in the future).
    { verdict: 'not-yet-valid', path: `/v/${startsLater.id}` },
    { verdict: 'not-accredited', paste: json(await signedByStranger(valid.credential, false)) },
    { verdict: 'tampered', paste: json(tampered) },
    { verdict: 'key-compromised', path: `/v/${signedAfterLeak.id}` },
    { verdict: 'unknown-issuer', paste: json(strangeKey) },
    { verdict: 'not-found', path: '/v/1111111111111111111111' },
    { verdict: 'invalid', paste: json({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'] }) },
  ];
}

/** The frozen clock every case but the dated ones reads. */
export const CASE_NOW = FIXED_NOW;
