import type { RequestLogFields } from './http/request-log.js';
import type { Verdict } from './verifier/verdict.js';

// The ports a runtime offers for operating the service: readiness checks and metrics.
// They live outside the route files so that runtimes and services can name them.

/** One part of readiness: the database, the migrations, the keys, a background job. */
export interface ReadyCheck {
  name: string;
  ok: boolean;
  message: string;
}

/** What a runtime that keeps metrics offers the app (prom-client on Node; nothing on Workers). */
export interface MetricsPort {
  request(fields: RequestLogFields): void;
  verified(verdict: Verdict): void;
  /** A webhook attempt ended: delivered, to be retried, or given up. */
  webhookAttempt?(result: 'delivered' | 'retrying' | 'failed'): void;
  render(): Promise<{ body: string; contentType: string }>;
  /** METRICS_TOKEN: a scraper elsewhere sends it as a Bearer token; unset = loopback only. */
  token?: string;
}
