#!/usr/bin/env node
// wrangler.toml's [build] command: what a local Worker needs before `wrangler dev` starts it.
// A new checkout has no .dev.vars (then every request answered 503 "not set up") and an empty
// local D1 (then "no such table"): write fresh local secrets (`skillcert keys generate`) when
// the file is missing (an existing file is never touched), and apply the migrations to the
// local D1. Only for `wrangler dev`: a deploy (or its dry run) builds without it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const command = process.env.WRANGLER_COMMAND;
// SKILLCERT_DEV_PREPARED: the caller set up its own secrets and D1 (the test fixture's --env-file and --persist-to).
if ((command !== undefined && command !== 'dev') || process.env.SKILLCERT_DEV_PREPARED === '1') process.exit(0);

const root = fileURLToPath(new URL('../', import.meta.url));
const run = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] }).status;
if (!existsSync(`${root}.dev.vars`)) {
  if (run([fileURLToPath(new URL('../bin/skillcert.mjs', import.meta.url)), 'keys', 'generate', '--out', '.dev.vars']) !== 0) process.exit(1);
  console.log('.dev.vars: fresh local secrets written (ADMIN_TOKEN is in it); kept for the next runs');
}
const wrangler = createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js');
if (run([wrangler, 'd1', 'migrations', 'apply', 'skillcert', '--local']) !== 0) process.exit(1);
