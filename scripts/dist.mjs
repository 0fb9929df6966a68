// The compiled build: src/ (TypeScript) → dist/ (JavaScript, one file per source file, same
// folders, so paths such as ../../migrations/ resolve the same from either). Used by
// `npm run build`, by `npm start` and by the `skillcert` command, which build first when dist/
// is older than src/ (a fresh clone, a `git pull`), so `npm install && npm start` still works.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const SRC = join(ROOT, 'src');
export const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.built');
const LOCK = join(ROOT, '.dist.lock');

function sources(dir = SRC, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sources(path, out);
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The newest change under src/ (a file edited, added or removed changes a folder's mtime too). */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    newest = Math.max(newest, statSync(dir).mtimeMs);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(SRC);
  return newest;
}

/** True when dist/ is missing or older than something under src/. */
export function isStale() {
  if (!existsSync(SRC)) return false; // a package installed with dist/ only
  if (!existsSync(STAMP)) return true;
  return newestSource() > statSync(STAMP).mtimeMs;
}

/** Compiles src/ into a fresh dist/. */
export async function build() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new Error('dist/ is missing or out of date and esbuild is not installed: run `npm install` (with dev dependencies), then `npm run build`');
  }
  const started = Date.now();
  const entryPoints = sources();
  rmSync(DIST, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir: DIST,
    outbase: SRC,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    sourcemap: true,
    logLevel: 'warning',
  });
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  return { files: entryPoints.length, ms: Date.now() - started };
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds when stale, once even when several processes start at the same time (tests spawn
 * the CLI in parallel): the first takes a lock file and builds; the others wait for it.
 */
export async function ensureBuilt(say = (line) => process.stderr.write(`${line}\n`)) {
  if (!isStale()) return false;
  const deadline = Date.now() + 120_000;
  for (;;) {
    let fd;
    try {
      fd = openSync(LOCK, 'wx');
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A lock left by a killed build is older than any build takes.
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > 120_000) unlinkSync(LOCK);
      } catch {}
      if (Date.now() > deadline) throw new Error(`waited 2 minutes for another build to finish; remove ${relative(process.cwd(), LOCK)} if none is running`);
      sleep(50);
      continue;
    }
    try {
      if (!isStale()) return false; // built by the process that held the lock
      mkdirSync(DIST, { recursive: true });
      const { files, ms } = await build();
      say(`built dist/ from src/ (${files} files, ${ms} ms)`);
      return true;
    } finally {
      closeSync(fd);
      rmSync(LOCK, { force: true });
    }
  }
}
