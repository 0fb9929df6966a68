import type { Context } from 'hono';
import type { CryptoProvider } from './crypto/provider.js';
import { createRateLimiter, type RateLimiter } from './http/rate-limit.js';
import type { BatchControl, IssuerDeps } from './issuer/issue.js';
import type { KeyRing } from './issuer/key-ring.js';
import { createBatchedCounter, type InsightCounter } from './insight/counter.js';
import type { KeyVault } from './issuer/key-vault.js';
import { didWebFromUrl, ministryDid } from './issuer/did.js';
import { createRegistrySigner, type SignedRegistry } from './issuer/registry.js';
import type { StatusPurpose, Store } from './store/port.js';
import type { VerificationReport } from './schemas/report.js';
import type { ShareCardInput } from './web/share-card.js';
import { accreditationCheck, type RegistryLookup } from './verifier/accreditation.js';
import { createForeignRegistryLookup, type TrustedRegistry } from './verifier/foreign-registries.js';
import { passed } from './verifier/checks.js';
import type { RemoteFetcher } from './verifier/remote.js';
import { createKeyResolver } from './verifier/resolve.js';
import { statusChecks, type CachedList, type LocalSlot } from './verifier/status.js';
import { verifyCredential, verifyStored, type VerifierDeps, type VerifyInput } from './verifier/verify.js';
import { decodeJwtParts } from './verifier/jwt.js';
import { verifyAnything, type VerifyOutcome } from './verifier/any-input.js';
import { createStoredVerificationCache, reportTag } from './verifier/stored-cache.js';
import { randomBytes, toBase64url } from './crypto/encoding.js';
import type { PackageAssetReader } from './web/assets.js';
import type { RequestLog } from './http/request-log.js';
import type { MetricsPort, ReadyCheck } from './ops-ports.js';
import { verdictOf } from './verifier/verdict.js';
import { createWebhookDispatcher, type WebhookDispatcher } from './webhooks/dispatch.js';
import type { WebhookUrlPolicy } from './webhooks/endpoints.js';

export interface AppDeps {
  store: Store;
  keys: KeyRing;
  crypto: CryptoProvider;
  clock: () => Date;
  /** PUBLIC_URL without a trailing slash. */
  publicUrl: string;
  /** Seals new private keys (institutes, rotation); absent = keys cannot be created at run time. */
  vault?: KeyVault;
  /** Renders a QR PNG where the runtime can; absent where it cannot. */
  qrPng?: (text: string) => Promise<Uint8Array>;
  /** Renders a certificate's share card (link previews) as PNG, where the runtime can. */
  shareCardPng?: (input: ShareCardInput) => Promise<Uint8Array>;
  /** Renders an SVG (a badge) as PNG, where the runtime can; elsewhere badges are baked into a plainer PNG. */
  svgPng?: (svg: string) => Promise<Uint8Array>;
  /** Fetches other issuers' status lists; absent = only this service's lists are checked. */
  remoteFetch?: RemoteFetcher;
  /** Serve the VC API's issue and status operations without a token (conformance runs only). */
  vcApiOpen?: boolean;
  /** Requests per minute: issuing per API key, public verification per client address. */
  rateLimits?: { issuePerMinute: number; verifyPerMinute: number };
  /** Rows one request may issue of a batch (where requests have a CPU budget); unset = all. */
  batchChunkRows?: number;
  /** Other ministries' registries whose accreditations this verifier accepts (by URL and key). */
  trustedRegistries?: TrustedRegistry[];
  /** Shown as the registry's issuer and in "accredited by …". */
  ministryName?: string;
  /** The client's network address, as the runtime knows it (for per-address limits). */
  clientAddress?: (c: Context) => string;
  /**
   * A small body's text read the runtime's own cheaper way (Node: from the IncomingMessage when
   * it declares a length within `limit`); null = read it through the Request.
   */
  readBodyText?: (c: Context, limit: number) => Promise<string> | null;
  /** Whether a trusted proxy says the client used https (then cookies are Secure); see TRUST_PROXY. */
  requestIsHttps?: (c: Context) => boolean;
  /** Reads the pages' fonts and QR decoder from their npm packages; absent = those assets are not served. */
  packageAsset?: PackageAssetReader;
  /** Days a wallet offer stays open unless its request says (default 30). */
  walletOfferDays?: number;
  /** Where unexpected errors are reported (never with request bodies or tokens). */
  logError?: (message: string, error: unknown) => void;
  /** One structured line per request (src/http/request-log.ts); absent = requests are not logged. */
  log?: RequestLog;
  /** Counters and histograms, where the runtime keeps them (Node); absent = no /metrics. */
  metrics?: MetricsPort;
  /** What /ready checks (database, migrations, keys, background jobs); absent = ready once serving. */
  readiness?: () => Promise<ReadyCheck[]>;
  /** Batch runs a stopping process ends at a row boundary and waits for (Node). */
  batches?: BatchControl;
  /**
   * Keep stored credentials' verification outcomes until they can change
   * (src/verifier/stored-cache.ts). Only where every write is seen: in this process through the
   * store, and others' through `externalChanges` (Node: SQLite's data_version).
   */
  cacheStoredVerification?: boolean;
  /** Changes when another process commits to the database; see cacheStoredVerification. */
  externalChanges?: () => number;
  /**
   * Counts verifications and views (src/insight/counter.ts); the runtime flushes it (Node on a
   * timer and at shutdown, Workers after each request). Absent = one that writes only when
   * many counts are pending.
   */
  insight?: InsightCounter;
  /** Where webhook endpoints may point (src/webhooks/endpoints.ts); absent = public https only. */
  webhookPolicy?: WebhookUrlPolicy;
  /** Sends the webhook outbox; the runtime runs its rounds (Node on a timer, Workers from cron). Absent = one with the defaults. */
  webhooks?: WebhookDispatcher;
}

/** Services built once per app and shared by the routes. */
export interface Services extends AppDeps {
  ministryName: string;
  issuer: IssuerDeps;
  /** Every check, accreditation included: what the API and the pages report. */
  verifier: VerifierDeps;
  /** Without the accreditation policy: what the standard VC API reports. */
  vcApiVerifier: VerifierDeps;
  limits: { issue: RateLimiter; verify: RateLimiter };
  insight: InsightCounter;
  registry: () => Promise<SignedRegistry>;
  /** Verifies a credential this service stored (its page, a scanned link), from the cache when it holds. */
  verifyStoredRecord: (record: { id: string; diJson: string }) => Promise<VerificationReport>;
  webhooks: WebhookDispatcher;
  webhookPolicy: WebhookUrlPolicy;
  /** Verifies what a client sent (verifyAnything), from the stored verifications' cache when it is a stored credential's own bytes. */
  verifyInput: (input: VerifyInput) => Promise<VerifyOutcome>;
  /**
   * The verification of the stored credential with this record id from the cache alone, when
   * it holds (its record is not read: a stored credential's text never changes, and what its
   * verdict reads changes only through the cache's marker); null = read the record and call
   * storedVerification.
   */
  heldVerification: (id: string) => { report: VerificationReport; tag: string } | null;
  /** The same, with the report's tag (src/verifier/stored-cache.ts reportTag): what the pages' ETags are made from. */
  storedVerification: (record: { id: string; diJson: string }) => Promise<{ report: VerificationReport; tag: string }>;
  /**
   * This app instance, as a random word: part of every page ETag, since a page also depends on
   * what the instance was built with (its code, PUBLIC_URL, the ministry's name). A restart
   * (a deploy, a changed setting) makes every page ETag new.
   */
  instance: string;
}

export const DEFAULT_MINISTRY_NAME = 'Ministry of Labour and Vocational Training';

/**
 * The list id of a status list URL under a PUBLIC_URL this service had before a confirmed
 * change (its did:web is an alias of the default institute), or null for any other URL:
 * credentials issued before the change keep their status read locally.
 */
async function formerStatusListId(deps: AppDeps, url: string): Promise<string | null> {
  const at = url.lastIndexOf('/status/');
  if (at < 0) return null;
  let did: string;
  try {
    did = didWebFromUrl(url.slice(0, at));
  } catch {
    return null;
  }
  if (did === didWebFromUrl(deps.publicUrl)) return null;
  const institute = await deps.store.getInstituteByDid(did);
  return institute?.isDefault ? url.slice(at + '/status/'.length) : null;
}

/**
 * The stored credential `input` is byte for byte, and in which form: its JWT, or its Data
 * Integrity JSON (the same JSON text once serialized); null for anything else.
 */
async function storedFormOf(store: Store, input: VerifyInput): Promise<{ record: { id: string; diJson: string }; form: 'jwt' | 'di'; bytes: string } | null> {
  if (input.kind === 'jwt') {
    const jwt = input.jwt.trim();
    // verifyInput decoded it (a JWT it could not decode is no stored credential's).
    const vcId = input.decoded?.payload.id;
    const id = typeof vcId === 'string' ? await store.storedFormId(vcId, 'jwt', jwt) : null;
    // The record's Data Integrity form is not needed: a JWT is verified as the JWT it is.
    return id ? { record: { id, diJson: '' }, form: 'jwt', bytes: jwt } : null;
  }
  const credential = input.credential as { id?: unknown } | null;
  if (!credential || typeof credential !== 'object' || typeof credential.id !== 'string') return null;
  const diJson = JSON.stringify(credential);
  const id = await store.storedFormId(credential.id, 'di', diJson);
  return id ? { record: { id, diJson }, form: 'di', bytes: diJson } : null;
}

/** Wires the issuer, the verifier (keys, status, accreditation) and the limits from the dependencies. */
export function buildServices(deps: AppDeps): Services {
  const ministryName = deps.ministryName ?? DEFAULT_MINISTRY_NAME;
  const resolver = createKeyResolver(deps.keys, deps.crypto, { remote: deps.remoteFetch, clock: deps.clock });
  // The ledger's signing time: of a credential issued here, or of one delivered to a wallet (src/wallet/offers.ts).
  const issuedAt = (credentialId: string) => deps.store.signedAtOf(credentialId);
  const base = { resolver, crypto: deps.crypto, clock: deps.clock, issuedAt };
  const statusPrefix = `${deps.publicUrl}/status/`;
  const local = async (url: string, purpose: StatusPurpose, index: number): Promise<LocalSlot | null> => {
    const listId = url.startsWith(statusPrefix) ? url.slice(statusPrefix.length) : await formerStatusListId(deps, url);
    if (listId === null) return null;
    const list = await deps.store.getStatusListInfo(listId);
    if (!list) return { found: false };
    const { setAt, why } = index < list.size ? await deps.store.statusAt(list.id, purpose, index) : { setAt: null, why: undefined };
    return { found: true, issuerDid: list.issuerDid, purpose: list.purpose, size: list.size, setAt, coversSuspension: list.coversSuspension, why };
  };
  const statusDeps = {
    local,
    remote: deps.remoteFetch,
    verifyList: (input: Parameters<typeof verifyCredential>[1]) => verifyCredential(base, input),
    clock: deps.clock,
    cache: new Map<string, CachedList>(),
  };
  const foreign = createForeignRegistryLookup({
    registries: deps.trustedRegistries ?? [], fetcher: deps.remoteFetch, crypto: deps.crypto, clock: deps.clock,
  });
  const lookup: RegistryLookup = async (did) => {
    const institute = await deps.store.getInstituteByDid(did);
    if (!institute) return foreign(did);
    const periods = await deps.store.accreditations(institute.id);
    return { name: institute.name, registryName: ministryName, periods };
  };
  const status = (credential: Parameters<NonNullable<VerifierDeps['status']>>[0]) => statusChecks(statusDeps, credential);
  // The ministry accredits and is not itself in its registry: what it signs (the registry) is
  // not "issued by an unaccredited issuer". The check runs only once its proof has verified.
  const ministry = ministryDid(deps.publicUrl);
  const accreditation: NonNullable<VerifierDeps['accreditation']> = async (did, dates) =>
    did === ministry ? passed('accreditation', `${ministryName} is the accrediting authority`) : accreditationCheck(lookup, did, dates);
  const metrics = deps.metrics;
  const observe = metrics ? (report: VerificationReport) => metrics.verified(verdictOf(report)) : undefined;
  const verifier: VerifierDeps = { ...base, status, accreditation, observe };
  const sha256 = (data: Uint8Array) => deps.crypto.sha256(data);
  const cache = deps.cacheStoredVerification
    ? createStoredVerificationCache({ clock: deps.clock, sha256, marker: () => `${deps.store.verificationEpoch()}:${deps.externalChanges?.() ?? ''}` })
    : null;
  const storedVerification = async (record: { id: string; diJson: string }): Promise<{ report: VerificationReport; tag: string }> => {
    if (!cache) {
      const report = await verifyStored(verifier, record);
      return { report, tag: await reportTag(sha256, report) };
    }
    const { report, hit, tag } = await cache.get(record.id, record.diJson, () => verifyStored(verifier, record));
    if (hit) observe?.(report);
    return { report, tag };
  };
  const verifyStoredRecord = async (record: { id: string; diJson: string }): Promise<VerificationReport> => (await storedVerification(record)).report;
  const heldVerification = (id: string): { report: VerificationReport; tag: string } | null => {
    const held = cache?.peek(id) ?? null;
    if (held) observe?.(held.report);
    return held;
  };
  /**
   * What the verify API and page answer for what was sent (verifyAnything), from the same cache
   * when it is, byte for byte, a form of a credential this service stored: its JWT, or its
   * Data Integrity JSON (the stored verification itself). Its outcome then depends only on
   * what the stored verification depends on, and is kept and dropped with it.
   */
  const verifyInput = async (sent: VerifyInput): Promise<VerifyOutcome> => {
    // A JWT is decoded once, here: the stored-form lookup and the verification both read it.
    let input = sent;
    if (input.kind === 'jwt' && !input.decoded) {
      const decoded = decodeJwtParts(input.jwt.trim());
      if (typeof decoded !== 'string') input = { ...input, decoded };
    }
    if (cache) {
      const stored = await storedFormOf(deps.store, input);
      if (stored) {
        const { record, form, bytes } = stored;
        const { report, hit } = form === 'jwt'
          ? await cache.get(`${record.id}#jwt`, bytes, () => verifyCredential(verifier, { kind: 'jwt', jwt: bytes }))
          : await cache.get(record.id, bytes, () => verifyStored(verifier, record));
        if (hit) observe?.(report);
        return { report };
      }
    }
    return verifyAnything(verifier, input);
  };
  const minute = 60_000;
  const limits = deps.rateLimits ?? { issuePerMinute: 600, verifyPerMinute: 120 };
  return {
    ...deps,
    ministryName,
    issuer: { store: deps.store, keys: deps.keys, crypto: deps.crypto, clock: deps.clock, publicUrl: deps.publicUrl, batches: deps.batches },
    verifier,
    verifyStoredRecord,
    heldVerification,
    storedVerification,
    verifyInput,
    instance: toBase64url(randomBytes(9)),
    vcApiVerifier: { ...base, status, issuerBinding: 'did-issuers', observe },
    limits: {
      issue: createRateLimiter({ limit: limits.issuePerMinute, windowMs: minute, clock: deps.clock }),
      verify: createRateLimiter({ limit: limits.verifyPerMinute, windowMs: minute, clock: deps.clock }),
    },
    insight: deps.insight ?? createBatchedCounter({ write: (increments) => deps.store.addInsightCounts(increments), clock: deps.clock, onError: deps.logError }),
    webhookPolicy: deps.webhookPolicy ?? {},
    webhooks: deps.webhooks ?? createWebhookDispatcher({
      store: deps.store, vault: deps.vault, clock: deps.clock, publicUrl: deps.publicUrl, policy: deps.webhookPolicy ?? {}, logError: deps.logError,
    }),
    registry: createRegistrySigner({ store: deps.store, keys: deps.keys, crypto: deps.crypto, clock: deps.clock, publicUrl: deps.publicUrl, ministryName }),
  };
}
