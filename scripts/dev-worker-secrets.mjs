#!/usr/bin/env node
// `npm run dev:worker`'s first step: a local Worker needs its secrets in .dev.vars (git-ignored).
// A new checkout has none, and then every request would answer 503 "not set up": write fresh
// ones (`skillcert keys generate`) when the file is missing; an existing file is never touched.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
if (!existsSync(`${root}.dev.vars`)) {
  const bin = fileURLToPath(new URL('../bin/skillcert.mjs', import.meta.url));
  const made = spawnSync(process.execPath, [bin, 'keys', 'generate', '--out', '.dev.vars'], { cwd: root, stdio: 'inherit' });
  if (made.status !== 0) process.exit(made.status ?? 1);
  console.log('.dev.vars: fresh local secrets written (ADMIN_TOKEN is in it); kept for the next runs');
}
