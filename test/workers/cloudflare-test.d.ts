// The parts of the `cloudflare:test` module (from @cloudflare/vitest-pool-workers) this suite
// uses, typed without the Workers type library, which would clash with the DOM types of the core.
declare module 'cloudflare:test' {
  import type { D1Database } from '../../src/runtime/workers/d1.js';
  interface D1Migration {
    name: string;
    queries: string[];
  }
  export const env: { DB: D1Database; TEST_MIGRATIONS: D1Migration[]; [name: string]: unknown };
  export const SELF: { fetch(input: string | Request, init?: RequestInit): Promise<Response> };
  export interface ExecutionContext {
    waitUntil(promise: Promise<unknown>): void;
    passThroughOnException(): void;
  }
  export function createExecutionContext(): ExecutionContext;
  export function waitOnExecutionContext(ctx: ExecutionContext): Promise<void>;
  export function applyD1Migrations(db: D1Database, migrations: D1Migration[], migrationsTableName?: string): Promise<void>;
}

// The Worker bundle wrangler builds for the suite (see vitest.workers.config.ts).
declare module '*/.wrangler/test-build/worker.js' {
  const worker: {
    scheduled(event: { scheduledTime: number; cron: string; noRetry(): void }, env: unknown, ctx: { waitUntil(p: Promise<unknown>): void }): Promise<void>;
  };
  export default worker;
  /** A fresh handler (src/runtime/workers/worker.ts createWorker), booting on its first request as a new isolate does. */
  export function createWorker(): {
    fetch(request: Request, env: unknown): Promise<Response>;
  };
}
