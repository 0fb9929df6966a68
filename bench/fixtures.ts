import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { importJWK, SignJWT } from 'jose';
import { buildCredential } from '../src/issuer/credential.js';
import { didWebFromUrl } from '../src/issuer/did.js';
import { achievementUrlFor, credentialUrlFor } from '../src/issuer/issue.js';
import { createKeyRing } from '../src/issuer/key-ring.js';
import { loadSigningKey, type SigningKey } from '../src/issuer/keys.js';
import { addDataIntegrityProof, signVcJwt } from '../src/issuer/secure.js';
import { statusEntries } from '../src/issuer/status-list.js';
import { nodeCryptoProvider } from '../src/runtime/node/crypto.js';
import type { JsonObject } from '../src/schemas/credential.js';
import { toDateTimeStamp } from '../src/schemas/dates.js';
import { IssueRequestSchema } from '../src/schemas/issue-request.js';
import type { Institute } from '../src/store/port.js';
import { createKeyResolver } from '../src/verifier/resolve.js';
import type { VerifierDeps } from '../src/verifier/verify.js';
import { FIXED_NOW, PUBLIC_URL, sampleRequest, TEST_KEY } from '../test/helpers.js';

/**
 * What the benchmark rows share: the test key, the sample credential unsecured and in both
 * secured forms, and keys for the raw rows. Built without a store, so the core rows do not
 * depend on the HTTP layer (the HTTP rows build their own app).
 */
export interface Fixtures {
  key: SigningKey;
  now: string;
  /** Builds the unsecured sample credential, as issuing does. */
  build(): Promise<JsonObject>;
  unsecured: JsonObject;
  diCredential: JsonObject;
  jwt: string;
  /** Verifier dependencies without a status check (the credential's lists are not hosted here). */
  verifier: VerifierDeps;
  /** 64 bytes, the size of an eddsa-rdfc-2022 hash-data input. */
  message: Uint8Array<ArrayBuffer>;
  node: { privateKey: KeyObject; publicKey: KeyObject };
  webCrypto: { privateKey: CryptoKey; publicKey: CryptoKey };
  jose: { privateKey: CryptoKey; publicKey: CryptoKey };
}

export async function createFixtures(): Promise<Fixtures> {
  const did = didWebFromUrl(PUBLIC_URL);
  const key = await loadSigningKey(TEST_KEY, did, nodeCryptoProvider);
  // The same institute as test/helpers.ts makeTestApp, so its app accepts these credentials.
  const institute = {
    id: 'inst-default', slug: 'default', name: 'Preah Kossomak Polytechnic Institute', nameKm: 'វិទ្យាស្ថានពហុបច្ចេកទេសព្រះកុសុមៈ',
    url: 'https://ppi.example.edu.kh', did, didKey: null, isDefault: true, createdAt: '2026-01-01T00:00:00Z',
  } as Institute;
  const request = IssueRequestSchema.parse(sampleRequest());
  const now = toDateTimeStamp(FIXED_NOW);
  // Every issued credential carries one revocation entry whose list covers suspension; a fixed slot here.
  const credentialStatus = statusEntries(PUBLIC_URL, { revocation: { listId: 'BenchRevocationList01', index: 48_213 } }, true);
  const build = () =>
    buildCredential({
      request,
      institute,
      credentialUrl: credentialUrlFor(PUBLIC_URL, 'BenchCredential00001'),
      achievementUrl: achievementUrlFor(PUBLIC_URL, institute, request.achievement.code ?? 'bench'),
      validFrom: request.validFrom ?? now,
      credentialStatus,
      crypto: nodeCryptoProvider,
    });
  const unsecured = await build();
  const diCredential = await addDataIntegrityProof(unsecured, key, now, nodeCryptoProvider);
  const jwt = await signVcJwt(unsecured, key);

  const publicJwk = { kty: 'OKP', crv: 'Ed25519', x: TEST_KEY.x };
  const jose = {
    privateKey: (await importJWK({ ...TEST_KEY }, 'EdDSA')) as CryptoKey,
    publicKey: (await importJWK(publicJwk, 'EdDSA')) as CryptoKey,
  };
  const joseJwt = await new SignJWT(unsecured).setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid: key.id }).sign(jose.privateKey);
  if (joseJwt !== jwt) throw new Error('jose SignJWT and signVcJwt should sign the same bytes for the same credential');

  return {
    key,
    now,
    build,
    unsecured,
    diCredential,
    jwt,
    verifier: { resolver: createKeyResolver(createKeyRing([key]), nodeCryptoProvider), crypto: nodeCryptoProvider, clock: () => FIXED_NOW },
    message: crypto.getRandomValues(new Uint8Array(64)),
    node: {
      privateKey: createPrivateKey({ key: { ...TEST_KEY }, format: 'jwk' }),
      publicKey: createPublicKey({ key: publicJwk, format: 'jwk' }),
    },
    webCrypto: {
      privateKey: await crypto.subtle.importKey('jwk', { ...TEST_KEY }, 'Ed25519', false, ['sign']),
      publicKey: await crypto.subtle.importKey('jwk', publicJwk, 'Ed25519', false, ['verify']),
    },
    jose,
  };
}
