import { z } from 'zod';
import { dateInput } from './dates.js';
import { httpUrl, singleLine } from './text.js';

/*
 * The environment variables both runtimes read, as one zod schema: the Node server takes
 * them all (src/runtime/node/config.ts), the Worker a subset (src/runtime/workers/config.ts).
 */

const port = z.coerce.number().int().min(1).max(65535);

/** The environment variables skillcert reads, validated once at start-up. */
export const EnvSchema = z.object({
  PORT: port.default(8787),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: httpUrl.optional(),
  DATABASE_PATH: z.string().min(1).default('data/skillcert.db'),
  KEYS_DIR: z.string().min(1).default('keys'),
  ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters').max(256).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces').optional(),
  INSTITUTE_NAME: singleLine(200).default('Demo Technical Institute'),
  INSTITUTE_NAME_KM: singleLine(200).default('វិទ្យាស្ថានបច្ចេកទេសសាកល្បង'),
  INSTITUTE_URL: httpUrl.optional(),
  /** When the ministry accredited the default institute; unset = from its first start. */
  INSTITUTE_ACCREDITED_FROM: dateInput.optional(),
  MINISTRY_NAME: singleLine(200).default('Ministry of Labour and Vocational Training'),
  TRUSTED_REGISTRIES: z
    .string()
    .max(20_000)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON: [{"url": "https://…/registry", "publicKeyMultibase": "z6Mk…"}]' });
        return z.NEVER;
      }
    })
    .pipe(z.array(z.strictObject({
      url: httpUrl.refine((u) => u.startsWith('https://'), 'must be an https URL'),
      publicKeyMultibase: z.string().regex(/^z6Mk[1-9A-HJ-NP-Za-km-z]{40,50}$/, 'must be an Ed25519 Multikey (z6Mk…)'),
    })).max(50))
    .optional(),
  REMOTE_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(5000),
  REMOTE_FETCH_MAX_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(2 * 1024 * 1024),
  REMOTE_FETCH_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  VC_API_AUTH: z.enum(['token', 'none']).default('token'),
  KEY_ENCRYPTION_KEY: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 bytes in base64url (43 characters)').optional(),
  RATE_LIMIT_ISSUE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  RATE_LIMIT_VERIFY_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(120),
  /** Days a wallet offer stays open unless its request says otherwise. */
  WALLET_OFFER_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** `confirm`: this start may move the issuer to the DID of a changed PUBLIC_URL (src/issuer/did-change.ts). */
  PUBLIC_URL_CHANGE: z.enum(['confirm'], { message: 'must be "confirm" (or unset)' }).optional(),
  TLS_CERT: z.string().min(1).optional(),
  TLS_KEY: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A scraper not on this machine sends it as `Authorization: Bearer`; unset = /metrics from loopback only. */
  METRICS_TOKEN: z.string().min(24, 'must be at least 24 characters').max(256).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces').optional(),
  /** How long a SIGTERM waits for requests in flight before closing them. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** Which hops' X-Forwarded-For / Forwarded / X-Forwarded-Proto to believe (src/runtime/node/trust-proxy.ts). */
  TRUST_PROXY: z.string().max(2000).optional(),
  /** Scheduled backups: a folder, how often (30m, 6h, 1d) and how many to keep. */
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_EVERY: z.string().regex(/^[1-9][0-9]*(m|h|d)$/, 'must be a number and m, h or d (30m, 6h, 1d)').optional(),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(14),
  /** Webhooks may POST plain http to a loopback address (a receiver on this host; tests). Never to other hosts. */
  WEBHOOK_ALLOW_HTTP_LOOPBACK: z.enum(['true', 'false']).default('false'),
  /** How long a webhook receiver has to answer before the attempt counts as failed. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
});

/** Raised when the environment is invalid; the message names every bad variable. */
export class ConfigError extends Error {
  readonly code = 'ERR_CONFIG';
  constructor(message: string) {
    super(message);
    this.name = this.constructor.name;
  }
}
