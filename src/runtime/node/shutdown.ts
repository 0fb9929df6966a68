import type { Server } from 'node:http';
import type { ServerType } from '@hono/node-server';

/*
 * A SIGTERM (systemd stop, docker stop) or SIGINT (Ctrl-C) ends the service cleanly: /ready
 * turns 503 at once, the socket stops accepting, idle keep-alive connections close, requests
 * in flight finish (up to SHUTDOWN_GRACE_MS, then their connections are cut), a running batch
 * stops after the group of rows it is issuing (the rest resume on the next start), the WAL is
 * checkpointed into the database file, and the process exits 0.
 */

export interface ShutdownParts {
  server: ServerType;
  graceMs: number;
  /** Marks the service not ready and asks batch runs to stop at their next row boundary. */
  begin(): void;
  /** Work that must end before the database closes (batch runs, a backup being taken). */
  running(): Promise<unknown>[];
  /** Checkpoint and close the database; flush the log. */
  finish(): Promise<void>;
  log(message: string, fields?: Record<string, unknown>): void;
}

export function gracefulShutdown(parts: ShutdownParts): (signal: string) => Promise<void> {
  let started: Promise<void> | null = null;
  return (signal) => {
    started ??= (async () => {
      const at = Date.now();
      parts.log('shutting down: no new connections; finishing requests in flight', { signal, graceMs: parts.graceMs });
      parts.begin();
      const server = parts.server as Server;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections with no request in flight would hold close() open: end them now
      // and again as their requests finish.
      const idle = setInterval(() => server.closeIdleConnections?.(), 50);
      server.closeIdleConnections?.();
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), parts.graceMs)));
      const outcome = await Promise.race([Promise.allSettled([closed, ...parts.running()]).then(() => 'done' as const), grace]);
      clearInterval(idle);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        parts.log('grace period over: closing the connections still open');
        server.closeAllConnections?.();
        // A batch group in its transaction still ends (it is synchronous SQLite); wait for it.
        await Promise.allSettled(parts.running());
      }
      await parts.finish();
      parts.log('stopped', { ms: Date.now() - at });
    })();
    return started;
  };
}
