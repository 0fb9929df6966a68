#!/usr/bin/env node
// The `skillcert` command: runs the compiled CLI (dist/, built first when older than src/) with
// the same Node flags as `npm start`, so a long `skillcert serve` or `skillcert issue` has the
// same heap ceiling as the service.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const NODE_FLAGS = ['--max-old-space-size=256', '--enable-source-maps'];

const flagged = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((a) => a.startsWith('--max-old-space-size'));
if (!flagged) {
  // Started by a shell or npm without the flags: run again with them, passing signals on.
  const child = spawn(process.execPath, [...NODE_FLAGS, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    process.exit(code ?? 1);
  });
} else {
  // Output piped into `head` and closed early is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  const { ensureBuilt } = await import('../scripts/dist.mjs');
  await ensureBuilt();
  const { main } = await import('../dist/runtime/node/cli.js');
  process.exitCode = await main(process.argv.slice(2), process.env);
}
