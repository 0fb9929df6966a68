import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { CryptoProvider } from './crypto/provider.js';
import type { KeyRing } from './issuer/key-ring.js';
import type { Store } from './store/port.js';
import { ApiError, errorBody, statusOf } from './http/errors.js';
import { createKeyResolver } from './verifier/resolve.js';
import type { VerifierDeps } from './verifier/verify.js';
import type { IssuerDeps } from './issuer/issue.js';
import { identityRoutes } from './http/identity-routes.js';
import { credentialRoutes } from './http/credential-routes.js';
import { verifyRoutes } from './http/verify-routes.js';
import { statusRoutes } from './http/status-routes.js';
import { vcApiRoutes } from './http/vc-api-routes.js';
import { statusChecks, type CachedList, type LocalSlot } from './verifier/status.js';
import { verifyCredential } from './verifier/verify.js';
import type { RemoteFetcher } from './verifier/remote.js';
import type { StatusPurpose } from './store/port.js';

export interface AppDeps {
  store: Store;
  keys: KeyRing;
  crypto: CryptoProvider;
  clock: () => Date;
  /** PUBLIC_URL without a trailing slash. */
  publicUrl: string;
  /** Renders a QR PNG where the runtime can; absent where it cannot. */
  qrPng?: (text: string) => Promise<Uint8Array>;
  /** Fetches other issuers' status lists; absent = only this service's lists are checked. */
  remoteFetch?: RemoteFetcher;
  /** Serve the VC API's issue and status operations without a token (conformance runs only). */
  vcApiOpen?: boolean;
  /** Where unexpected errors are reported (never with request bodies or tokens). */
  logError?: (message: string, error: unknown) => void;
}

/** Services built once per app and shared by the routes. */
export interface Services extends AppDeps {
  issuer: IssuerDeps;
  verifier: VerifierDeps;
}

export type AppEnv = { Variables: { requestId: string } };

/** Builds the skillcert HTTP app from its dependencies. No I/O happens here. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  new URL(deps.publicUrl); // a bad PUBLIC_URL fails at build time, not on the first request
  const resolver = createKeyResolver(deps.keys, deps.crypto);
  const listVerifier = { resolver, crypto: deps.crypto, clock: deps.clock };
  const statusPrefix = `${deps.publicUrl}/status/`;
  const localSlot = async (url: string, purpose: StatusPurpose, index: number): Promise<LocalSlot | null> => {
    if (!url.startsWith(statusPrefix)) return null;
    const list = await deps.store.getStatusList(url.slice(statusPrefix.length));
    if (!list) return { found: false };
    const { setAt } = index < list.size ? await deps.store.statusAt(list.id, purpose, index) : { setAt: null };
    return { found: true, issuerDid: list.issuerDid, purpose: list.purpose, size: list.size, setAt };
  };
  const statusDeps = {
    local: localSlot,
    remote: deps.remoteFetch,
    verifyList: (input: Parameters<typeof verifyCredential>[1]) => verifyCredential(listVerifier, input),
    clock: deps.clock,
    cache: new Map<string, CachedList>(),
  };
  const services: Services = {
    ...deps,
    issuer: { store: deps.store, keys: deps.keys, crypto: deps.crypto, clock: deps.clock, publicUrl: deps.publicUrl },
    verifier: { ...listVerifier, status: (credential) => statusChecks(statusDeps, credential) },
  };
  const basePath = new URL(deps.publicUrl).pathname.replace(/\/+$/, '');
  const app = new Hono<AppEnv>();

  app.use(requestId());
  app.use(secureHeaders({ crossOriginResourcePolicy: 'cross-origin', crossOriginOpenerPolicy: false }));

  app.onError((error, c) => {
    const id = c.get('requestId');
    if (error instanceof ApiError) {
      return c.json(errorBody(error.code, error.message, id, error.details), statusOf(error.code));
    }
    deps.logError?.(`request ${id} failed`, error);
    return c.json(errorBody('internal', 'an unexpected error occurred; quote the requestId when reporting it', id), 500);
  });
  app.notFound((c) => c.json(errorBody('not_found', `no route for ${c.req.method} ${new URL(c.req.url).pathname}`, c.get('requestId')), 404));

  const routes = new Hono<AppEnv>();
  routes.get('/health', (c) => c.json({ status: 'ok' }));
  routes.route('/', identityRoutes(services, basePath));
  routes.route('/', credentialRoutes(services));
  routes.route('/', verifyRoutes(services));
  routes.route('/', statusRoutes(services));
  routes.route('/', vcApiRoutes(services, { open: deps.vcApiOpen ?? false }));
  app.route(basePath || '/', routes);
  return app;
}
