import { z } from 'zod';
import { base64urlnopad } from '@scure/base';
import { isPrivateKeyJwk } from '../../issuer/keys.js';
import type { PrivateKeyJwk } from '../../crypto/provider.js';
import { ConfigError, EnvSchema } from '../../schemas/env.js';
import { httpUrl } from '../../schemas/text.js';

/**
 * The Worker's variables (wrangler.toml [vars]) and secrets (`wrangler secret put`). The
 * same names as the Node server's where they mean the same; what the Node server keeps in
 * files (KEYS_DIR) is a secret here, since a Worker has no disk.
 */
export const WorkerEnvSchema = EnvSchema.pick({
  INSTITUTE_NAME: true,
  INSTITUTE_NAME_KM: true,
  INSTITUTE_URL: true,
  INSTITUTE_ACCREDITED_FROM: true,
  MINISTRY_NAME: true,
  TRUSTED_REGISTRIES: true,
  REMOTE_FETCH_TIMEOUT_MS: true,
  REMOTE_FETCH_MAX_BYTES: true,
  REMOTE_FETCH_ALLOW_PRIVATE: true,
  VC_API_AUTH: true,
  RATE_LIMIT_ISSUE_PER_MINUTE: true,
  RATE_LIMIT_VERIFY_PER_MINUTE: true,
  PUBLIC_URL_CHANGE: true,
}).extend({
  PUBLIC_URL: httpUrl,
  ADMIN_TOKEN: EnvSchema.shape.ADMIN_TOKEN.unwrap(),
  KEY_ENCRYPTION_KEY: EnvSchema.shape.KEY_ENCRYPTION_KEY.unwrap(),
  /** Rows of a batch one request (or one cron run) issues; the rest continue on the next. */
  BATCH_CHUNK_ROWS: z.coerce.number().int().min(1).max(5000).default(50),
  /** The default institute's private JWK, to carry an existing identity (e.g. the Node server's) over; generated when unset. */
  INSTITUTE_PRIVATE_JWK: z.string().optional(),
});

export interface WorkerConfig {
  /** PUBLIC_URL without a trailing slash. */
  publicUrl: string;
  /** PUBLIC_URL_CHANGE=confirm: a PUBLIC_URL that changes the issuer's DID is accepted (else refused). */
  publicUrlChangeConfirmed: boolean;
  adminToken: string;
  keyEncryptionKey: Uint8Array;
  instituteKey?: PrivateKeyJwk;
  institute: { name: string; nameKm: string; url?: string; accreditedFrom?: string };
  ministryName: string;
  trustedRegistries: Array<{ url: string; publicKeyMultibase: string }>;
  remoteFetch: { timeoutMs: number; maxBytes: number; allowPrivate: boolean };
  vcApiAuth: 'token' | 'none';
  rateLimits: { issuePerMinute: number; verifyPerMinute: number };
  batchChunkRows: number;
}

/** Reads and validates the Worker's configuration from its `env` (bindings that are not strings are ignored). */
export function loadWorkerConfig(env: Record<string, unknown>): WorkerConfig {
  const strings = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string' && v !== ''));
  const parsed = WorkerEnvSchema.safeParse(strings);
  const issues = parsed.success ? [] : parsed.error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`);
  let instituteKey: PrivateKeyJwk | undefined;
  if (parsed.success && parsed.data.INSTITUTE_PRIVATE_JWK) {
    let jwk: unknown;
    try {
      jwk = JSON.parse(parsed.data.INSTITUTE_PRIVATE_JWK);
    } catch {
      jwk = null;
    }
    if (isPrivateKeyJwk(jwk)) instituteKey = { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d };
    else issues.push('  INSTITUTE_PRIVATE_JWK: must be an Ed25519 private JWK (JSON)');
  }
  const publicUrl = parsed.success ? parsed.data.PUBLIC_URL.replace(/\/+$/, '') : '';
  if (parsed.success) {
    const url = new URL(publicUrl);
    if (url.search || url.hash) issues.push('  PUBLIC_URL: must not have a query or fragment');
  }
  if (!parsed.success || issues.length > 0) throw new ConfigError(`invalid configuration:\n${issues.join('\n')}`);
  const e = parsed.data;
  return {
    publicUrl,
    publicUrlChangeConfirmed: e.PUBLIC_URL_CHANGE === 'confirm',
    adminToken: e.ADMIN_TOKEN,
    keyEncryptionKey: base64urlnopad.decode(e.KEY_ENCRYPTION_KEY),
    instituteKey,
    institute: { name: e.INSTITUTE_NAME, nameKm: e.INSTITUTE_NAME_KM, url: e.INSTITUTE_URL, accreditedFrom: e.INSTITUTE_ACCREDITED_FROM },
    ministryName: e.MINISTRY_NAME,
    trustedRegistries: e.TRUSTED_REGISTRIES ?? [],
    remoteFetch: { timeoutMs: e.REMOTE_FETCH_TIMEOUT_MS, maxBytes: e.REMOTE_FETCH_MAX_BYTES, allowPrivate: e.REMOTE_FETCH_ALLOW_PRIVATE === 'true' },
    vcApiAuth: e.VC_API_AUTH,
    rateLimits: { issuePerMinute: e.RATE_LIMIT_ISSUE_PER_MINUTE, verifyPerMinute: e.RATE_LIMIT_VERIFY_PER_MINUTE },
    batchChunkRows: e.BATCH_CHUNK_ROWS,
  };
}
