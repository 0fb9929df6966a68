#!/usr/bin/env node
// The `skillcert` command: loads the TypeScript CLI through tsx, which the package depends on.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2), process.env);
