import { base64urlnopad } from '@scure/base';
import { ConfigError, EnvSchema } from '../../schemas/env.js';

export { ConfigError, EnvSchema };

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const everyMs = (text: string): number => Number(text.slice(0, -1)) * UNIT_MS[text.slice(-1) as keyof typeof UNIT_MS];

export interface ServiceConfig {
  port: number;
  host: string;
  /** PUBLIC_URL without a trailing slash. */
  publicUrl: string;
  /** PUBLIC_URL_CHANGE=confirm: a PUBLIC_URL that changes the issuer's DID is accepted (else refused). */
  publicUrlChangeConfirmed?: boolean;
  databasePath: string;
  keysDir: string;
  adminToken?: string;
  /** The default institute; `accreditedFrom` (a dateTimeStamp) dates its accreditation back. */
  institute: { name: string; nameKm: string; url?: string; accreditedFrom?: string };
  ministryName: string;
  trustedRegistries: Array<{ url: string; publicKeyMultibase: string }>;
  remoteFetch: { timeoutMs: number; maxBytes: number; allowPrivate: boolean };
  /** 'none' opens the VC API's issue and status operations (conformance runs only). */
  vcApiAuth: 'token' | 'none';
  keyEncryptionKey?: Uint8Array;
  rateLimits: { issuePerMinute: number; verifyPerMinute: number };
  walletOfferDays: number;
  /** PEM files to serve https directly (e.g. for the W3C suites); otherwise plain http. */
  tls?: { certPath: string; keyPath: string };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  metricsToken?: string;
  shutdownGraceMs: number;
  /** TRUST_PROXY as written; parsed by the Node runtime. */
  trustProxy?: string;
  backup?: { dir: string; everyMs: number; keep: number };
  webhooks: { allowLoopbackHttp: boolean; timeoutMs: number };
}

/** Reads and validates skillcert's configuration from an environment record. */
export function loadConfig(env: Record<string, string | undefined>): ServiceConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const url = new URL(publicUrl);
  if (url.search || url.hash) throw new ConfigError('invalid configuration:\n  PUBLIC_URL: must not have a query or fragment');
  if (Boolean(e.TLS_CERT) !== Boolean(e.TLS_KEY)) throw new ConfigError('invalid configuration:\n  TLS_CERT, TLS_KEY: set both or neither');
  if (e.BACKUP_EVERY && !e.BACKUP_DIR) throw new ConfigError('invalid configuration:\n  BACKUP_EVERY: set BACKUP_DIR too (where the backups go)');
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    publicUrlChangeConfirmed: e.PUBLIC_URL_CHANGE === 'confirm',
    databasePath: e.DATABASE_PATH,
    keysDir: e.KEYS_DIR,
    adminToken: e.ADMIN_TOKEN,
    institute: { name: e.INSTITUTE_NAME, nameKm: e.INSTITUTE_NAME_KM, url: e.INSTITUTE_URL, accreditedFrom: e.INSTITUTE_ACCREDITED_FROM },
    ministryName: e.MINISTRY_NAME,
    trustedRegistries: e.TRUSTED_REGISTRIES ?? [],
    vcApiAuth: e.VC_API_AUTH,
    keyEncryptionKey: e.KEY_ENCRYPTION_KEY ? base64urlnopad.decode(e.KEY_ENCRYPTION_KEY) : undefined,
    rateLimits: { issuePerMinute: e.RATE_LIMIT_ISSUE_PER_MINUTE, verifyPerMinute: e.RATE_LIMIT_VERIFY_PER_MINUTE },
    walletOfferDays: e.WALLET_OFFER_DAYS,
    tls: e.TLS_CERT && e.TLS_KEY ? { certPath: e.TLS_CERT, keyPath: e.TLS_KEY } : undefined,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    trustProxy: e.TRUST_PROXY,
    backup: e.BACKUP_DIR ? { dir: e.BACKUP_DIR, everyMs: e.BACKUP_EVERY ? everyMs(e.BACKUP_EVERY) : 86_400_000, keep: e.BACKUP_KEEP } : undefined,
    webhooks: { allowLoopbackHttp: e.WEBHOOK_ALLOW_HTTP_LOOPBACK === 'true', timeoutMs: e.WEBHOOK_TIMEOUT_MS },
    remoteFetch: {
      timeoutMs: e.REMOTE_FETCH_TIMEOUT_MS,
      maxBytes: e.REMOTE_FETCH_MAX_BYTES,
      allowPrivate: e.REMOTE_FETCH_ALLOW_PRIVATE === 'true',
    },
  };
}
