import { statSync } from 'node:fs';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { MetricsPort } from '../../ops-ports.js';
import type { Store } from '../../store/port.js';

/*
 * Prometheus metrics (prom-client, Node only; the app sees the small MetricsPort). Counters for
 * what happens in this process (requests, verifications by verdict); gauges read from the
 * database at scrape time for what the database knows better than one process (credentials
 * stored, revoked and suspended now, batch rows by status, wallet offers created and claimed), so
 * they survive restarts and count what the CLI issued too. Default Node metrics add RSS, heap and event-loop lag.
 */
export function createMetrics(options: { store: Store; databasePath: string; token?: string }): MetricsPort & { registry: Registry } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const requests = new Counter({
    name: 'skillcert_http_requests_total', help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const, registers: [registry],
  });
  const duration = new Histogram({
    name: 'skillcert_http_request_duration_seconds', help: 'Time to answer an HTTP request, by method and route pattern',
    labelNames: ['method', 'route'] as const, registers: [registry],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });
  const verified = new Counter({
    name: 'skillcert_verifications_total', help: 'Credentials verified (API, pages, VC API), by verdict',
    labelNames: ['verdict'] as const, registers: [registry],
  });
  const webhookAttempts = new Counter({
    name: 'skillcert_webhook_attempts_total', help: 'Webhook delivery attempts, by result: delivered, retrying (to be tried again) or failed (given up)',
    labelNames: ['result'] as const, registers: [registry],
  });
  // Totals read from the database at most every 10 s, however often Prometheus scrapes.
  let totals: { at: number; value: Awaited<ReturnType<Store['operationalTotals']>> } | null = null;
  const readTotals = async () => {
    if (!totals || Date.now() - totals.at > 10_000) totals = { at: Date.now(), value: await options.store.operationalTotals() };
    return totals.value;
  };
  new Gauge({
    name: 'skillcert_credentials', help: 'Credentials in the database: issued (all stored), revoked and suspended now',
    labelNames: ['state'] as const, registers: [registry],
    async collect() {
      const t = await readTotals();
      this.set({ state: 'issued' }, t.issued);
      this.set({ state: 'revoked' }, t.revoked);
      this.set({ state: 'suspended' }, t.suspended);
    },
  });
  new Gauge({
    name: 'skillcert_batch_rows', help: 'Cohort batch rows, by status (pending rows are still to issue)',
    labelNames: ['status'] as const, registers: [registry],
    async collect() {
      const t = await readTotals();
      this.reset();
      for (const status of ['pending', 'issued', 'existing', 'failed']) this.set({ status }, t.batchRows[status] ?? 0);
    },
  });
  new Gauge({
    name: 'skillcert_wallet_offers', help: 'Wallet offers in the database: created (every offer made) and claimed (delivered to a wallet)',
    labelNames: ['state'] as const, registers: [registry],
    async collect() {
      const t = await readTotals();
      this.set({ state: 'created' }, t.walletOffers.created);
      this.set({ state: 'claimed' }, t.walletOffers.claimed);
    },
  });
  const size = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  new Gauge({
    name: 'skillcert_database_bytes', help: 'Size of the SQLite database file and of its write-ahead log',
    labelNames: ['file'] as const, registers: [registry],
    collect() {
      this.set({ file: 'db' }, size(options.databasePath));
      this.set({ file: 'wal' }, size(`${options.databasePath}-wal`));
    },
  });
  return {
    registry,
    token: options.token,
    request(fields) {
      const status = String(fields.status);
      requests.inc({ method: fields.method, route: fields.route, status });
      duration.observe({ method: fields.method, route: fields.route }, fields.ms / 1000);
    },
    verified(verdict) {
      verified.inc({ verdict });
    },
    webhookAttempt(result) {
      webhookAttempts.inc({ result });
    },
    async render() {
      return { body: await registry.metrics(), contentType: registry.contentType };
    },
  };
}
