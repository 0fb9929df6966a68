import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * The layout rules of ARCHITECTURE.md, checked by reading every source file's imports (as
 * TypeScript's own pre-processor lists them: static, re-exports and dynamic imports). A
 * failure names the file and the import that breaks the rule.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = join(root, 'src');

interface SourceFile {
  /** Path under src/, with forward slashes: `http/auth.ts`. */
  path: string;
  text: string;
  /** Every module specifier the file imports or re-exports, as written. */
  imports: string[];
  /** The src/-relative paths of the relative imports (`.js` read as the `.ts`/`.tsx` beside it). */
  local: string[];
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

function localTarget(from: string, specifier: string): string {
  const target = resolve(dirname(from), specifier);
  for (const candidate of [target, target.replace(/\.js$/, '.ts'), target.replace(/\.js$/, '.tsx')]) {
    try {
      if (statSync(candidate).isFile()) return relative(srcDir, candidate).split('\\').join('/');
    } catch {
      // not this one
    }
  }
  return relative(srcDir, target).split('\\').join('/');
}

const files: SourceFile[] = walk(srcDir).map((file) => {
  const text = readFileSync(file, 'utf8');
  const imports = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
  return {
    path: relative(srcDir, file).split('\\').join('/'),
    text,
    imports,
    local: imports.filter((s) => s.startsWith('.')).map((s) => localTarget(file, s)),
  };
});

const inRuntime = (path: string) => path.startsWith('runtime/');
const NODE_ONLY = [/^node:/, /^better-sqlite3$/, /^@hono\/node-server(\/|$)/, /^@resvg\/resvg-js$/];
/** A line that reads the process environment; comments do not count. */
const READS_ENV = /^(?!\s*(\/\/|\*|\/\*)).*\bprocess\.env\b/m;

describe('a wing per runtime', () => {
  it('the rule sees the source tree (and both wings)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.path === 'runtime/node/server.ts')).toBe(true);
    expect(files.some((f) => f.path === 'runtime/workers/worker.ts')).toBe(true);
  });

  it('only src/runtime/ imports node:*, better-sqlite3, the Node HTTP server or the PNG renderer', () => {
    const offending = files
      .filter((f) => !inRuntime(f.path))
      .flatMap((f) => f.imports.filter((s) => NODE_ONLY.some((re) => re.test(s))).map((s) => `${f.path} imports ${s}`));
    expect(offending).toEqual([]);
  });

  it('only src/runtime/ reads process.env', () => {
    expect(files.filter((f) => !inRuntime(f.path) && READS_ENV.test(f.text)).map((f) => f.path)).toEqual([]);
  });

  it('the core imports nothing from either wing', () => {
    const offending = files
      .filter((f) => !inRuntime(f.path))
      .flatMap((f) => f.local.filter((t) => inRuntime(t)).map((t) => `${f.path} imports ${t}`));
    expect(offending).toEqual([]);
  });

  it('the Workers wing imports nothing from the Node wing', () => {
    const offending = files
      .filter((f) => f.path.startsWith('runtime/workers/'))
      .flatMap((f) => [
        ...f.local.filter((t) => t.startsWith('runtime/node/')).map((t) => `${f.path} imports ${t}`),
        ...f.imports.filter((s) => NODE_ONLY.some((re) => re.test(s))).map((s) => `${f.path} imports ${s}`),
      ]);
    expect(offending).toEqual([]);
  });
});
