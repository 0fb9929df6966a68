#!/usr/bin/env node
// The `skillcert` command: loads the TypeScript CLI through tsx, which the package depends on.
import { register } from 'tsx/esm/api';

register();
// Output piped into `head` and closed early is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { main } = await import('../src/runtime/node/cli.ts');
process.exitCode = await main(process.argv.slice(2), process.env);
