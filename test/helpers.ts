import { createApp } from '../src/app.js';
import type { AppDeps } from '../src/services.js';
import { hashToken } from '../src/crypto/tokens.js';
import { qrPng } from '../src/runtime/node/qr-png.js';
import { createShareCardRenderer, createSvgRenderer } from '../src/runtime/node/share-card-png.js';
import { createIssuerKey, createStoreKeyRing } from '../src/issuer/key-ring.js';
import type { SigningKey } from '../src/issuer/keys.js';
import { createKeyVault } from '../src/issuer/key-vault.js';
import { didWebFromUrl, ministryDid } from '../src/issuer/did.js';
import { nodeCryptoProvider } from '../src/runtime/node/crypto.js';
import { readMigrations } from '../src/runtime/node/migrations.js';
import { nodePackageAssets } from '../src/runtime/node/assets.js';
import { openSqliteStore } from '../src/runtime/node/sqlite.js';
import type { Institute, Store } from '../src/store/port.js';
import type { PrivateKeyJwk } from '../src/crypto/provider.js';
import { didKeyFromPublicKey } from '../src/crypto/multikey.js';
import { fromBase64url } from '../src/crypto/encoding.js';
import { checkResponse } from './openapi-check.js';

export const PUBLIC_URL = 'http://localhost:8787';
export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
/** 2026-03-01T10:00:00Z, the frozen "now" of every test app. */
export const FIXED_NOW = new Date('2026-03-01T10:00:00Z');

/**
 * Test-only Ed25519 keys (private JWK "d" values are fixtures, never used outside tests).
 * Generated once with crypto.subtle.generateKey.
 */
export const TEST_KEY: PrivateKeyJwk = {
  kty: 'OKP', crv: 'Ed25519',
  x: 'XMVsQdaS1IffGt16TjNyjrvIDB1bxSdN9N2egdAjYG8',
  d: 'vVo9FWAB3SrOge6KAp64UjT9U3S5ApApOLMly-QOPK8',
};
/** The ministry's test key (signs the registry). Test fixture only. */
export const MINISTRY_KEY: PrivateKeyJwk = {
  kty: 'OKP', crv: 'Ed25519',
  x: 'bT1O_Yf23kchgFTG2mmHw089-lxSyswB8ZUtN0kKJho',
  d: '9qbSw-SBvqEh9hp6EW8rWaj9Bdh-rbZnziq2ypXEAMg',
};
/** The key-encryption key that seals the test apps' private keys. Test fixture only. */
export const TEST_KEK = new Uint8Array(32).fill(7);
export const OTHER_KEY: PrivateKeyJwk = {
  kty: 'OKP', crv: 'Ed25519',
  x: 'PvXril0xqiOrDLBVl46mLOTkfS9fK-joUZQ8OaVbZZM',
  d: 's2XqmyrUIfzpWrN0klsSV3tKFcaLEzrLWlSOA6MUUxQ',
};

/** One renderer for every test app (it unwraps its fonts once). */
const shareCardPng = createShareCardRenderer();
const svgPng = createSvgRenderer();

export interface TestContext {
  app: ReturnType<typeof createApp>;
  store: Store;
  key: SigningKey;
  institute: Institute;
  clock: { now: Date };
  deps: AppDeps;
}

/**
 * An app on a fresh SQLite database (in memory, or at `databasePath` for tests that read the
 * file), a fixed key and a settable clock.
 */
export async function makeTestApp(
  options: { publicUrl?: string; clock?: Date; deps?: Partial<AppDeps>; databasePath?: string } = {},
): Promise<TestContext> {
  const publicUrl = options.publicUrl ?? PUBLIC_URL;
  const store = openSqliteStore(options.databasePath ?? ':memory:', readMigrations());
  const did = didWebFromUrl(publicUrl);
  const institute: Institute = {
    id: 'inst-default', slug: 'default', name: 'Preah Kossomak Polytechnic Institute', nameKm: 'វិទ្យាស្ថានពហុបច្ចេកទេសព្រះកុសុមៈ',
    url: 'https://ppi.example.edu.kh', did, didKey: didKeyFromPublicKey(fromBase64url(TEST_KEY.x)), isDefault: true,
    createdAt: '2026-01-01T00:00:00Z', contact: null, programmes: ['Electrical Installation'], status: 'active',
    cryptosuite: 'eddsa-rdfc-2022',
  };
  const created = '2026-01-01T00:00:00Z';
  await store.createInstitute(institute);
  await store.addAccreditation({ instituteId: institute.id, validFrom: created, validUntil: null, programmes: [], createdAt: created });
  await store.saveApiToken({
    id: 'tok-admin', tokenHash: await hashToken(ADMIN_TOKEN, nodeCryptoProvider), role: 'admin', instituteId: null,
    label: 'admin (test)', source: 'env', createdAt: created, revokedAt: null, scopes: ['issue', 'revoke', 'admin'],
    expiresAt: null, lastUsedAt: null,
  });
  // Keys live in the store, sealed, as in production; the KEK here is a test fixture.
  const vault = await createKeyVault(TEST_KEK);
  await createIssuerKey(store, vault, { controller: did, owner: institute.id, now: created }, TEST_KEY);
  await createIssuerKey(store, vault, { controller: ministryDid(publicUrl), owner: 'ministry', now: created }, MINISTRY_KEY);
  const keys = createStoreKeyRing({ store, vault, crypto: nodeCryptoProvider });
  const key = (await keys.activeKey(did)) as SigningKey;
  const clock = { now: options.clock ?? FIXED_NOW };
  const deps: AppDeps = {
    store, keys, vault, crypto: nodeCryptoProvider, clock: () => clock.now, publicUrl, qrPng, shareCardPng, svgPng, packageAsset: nodePackageAssets(), ...options.deps,
  };
  return { app: describedApp(createApp(deps), publicUrl), store, key, institute, clock, deps };
}

/**
 * The app, with every response of a described operation checked against the OpenAPI
 * description (test/openapi-check.ts): a response that does not match fails the test.
 */
export function describedApp<A extends ReturnType<typeof createApp>>(app: A, publicUrl: string): A {
  const basePath = new URL(publicUrl).pathname.replace(/\/+$/, '');
  const request = app.request.bind(app);
  app.request = (async (input: RequestInfo | URL, init?: RequestInit, ...rest: unknown[]) => {
    const res = await (request as (...args: unknown[]) => Promise<Response>)(input, init, ...rest);
    const url = input instanceof Request ? input.url : String(input);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    await checkResponse(method, url, res, basePath);
    return res;
  }) as A['request'];
  return app;
}

export const sampleRequest = () => ({
  learner: { name: 'Sok Dara', nameKm: 'សុខ ដារ៉ា', email: 'Dara.Sok@example.com', nationalId: '012345678' },
  achievement: {
    name: 'Electrical Installation',
    nameKm: 'ការដំឡើងអគ្គិសនី',
    description: 'Installs and tests low-voltage wiring in residential buildings.',
    criteria: 'Passed the practical and written assessment of all units.',
    type: 'Certificate',
    code: 'ELC-L2',
    level: 'CQF Level 2',
    field: 'Electrical',
    hours: 600,
    skills: [
      { code: 'ELC-U01', name: 'Install wiring systems', nameKm: 'ដំឡើងប្រព័ន្ធខ្សែភ្លើង' },
      { code: 'ELC-U02', name: 'Test electrical circuits', url: 'https://ntb.example.gov.kh/units/ELC-U02' },
    ],
  },
  validFrom: '2026-02-15',
  validUntil: '2031-02-15',
});

export const authJson = (body: unknown, token = ADMIN_TOKEN): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
  body: JSON.stringify(body),
});

export interface IssueResponse {
  id: string;
  credential: Record<string, unknown> & { proof: Array<Record<string, unknown>> };
  jwt: string;
  links: {
    self: string; verify: string; qrSvg: string; qrPng: string; qrOfflineSvg: string; qrOfflinePng: string;
    learnerPage: string; badgePng: string; badgeSvg: string;
  };
  offlineQr: { fits: boolean; version: number | null; maxVersion: number; payloadDigits: number | null };
}

/** The path of a route of the app: PUBLIC_URL's own path, if it has one, then `path`. */
export const routeOf = (ctx: TestContext, path: string): string => `${new URL(ctx.deps.publicUrl).pathname.replace(/\/+$/, '')}${path}`;

export async function issue(ctx: TestContext, body: unknown = sampleRequest()): Promise<IssueResponse> {
  const res = await ctx.app.request(routeOf(ctx, '/api/v1/credentials'), authJson(body));
  if (res.status !== 201) throw new Error(`issue failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as IssueResponse;
}

export async function verifyBody(ctx: TestContext, body: unknown) {
  const res = await ctx.app.request(routeOf(ctx, '/api/v1/verify'), {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}
