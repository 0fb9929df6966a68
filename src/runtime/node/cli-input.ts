import { existsSync, readFileSync, statSync } from 'node:fs';
import { bakedImageKind } from '../../verifier/baked.js';

/*
 * How the command line reads what it is given: files as bytes, and an argument that is not a
 * link, a JWT or JSON as a file name. The bytes go to the API as they are, so a sheet in the
 * wrong encoding meets the API's own check (and its "save as CSV UTF-8" advice) instead of
 * being decoded here, lossily, first.
 */

/** A command-line failure: printed as one line, exit code 2. */
export class CliError extends Error {}

/** A file's bytes; a missing file is "no such file", not a confusing error further on. */
export function readInputFile(path: string): Uint8Array<ArrayBuffer> {
  if (!existsSync(path)) throw new CliError(`no such file: ${path}`);
  if (statSync(path).isDirectory()) throw new CliError(`${path} is a folder, not a file`);
  return new Uint8Array(readFileSync(path));
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A file's text, which must be UTF-8 (never decoded with replacement characters). */
export function readTextFile(path: string): string {
  try {
    return UTF8.decode(readInputFile(path));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${path} is not UTF-8 text; save it as UTF-8 and try again`);
  }
}

const LINK = /^https?:\/\//i;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * The verify API's body for an argument: a file's contents (a baked badge's bytes, as an
 * image), or the argument itself when it is a link, a JWT or JSON. Anything else names a file,
 * and a missing one says so (it used to reach the API as text and come back as "expected a
 * verify link…").
 */
export function verifyBody(input: string): { text: string } | { image: Uint8Array<ArrayBuffer>; type: string } {
  if (existsSync(input)) {
    const bytes = readInputFile(input);
    const kind = bakedImageKind(bytes);
    if (kind) return { image: bytes, type: kind === 'png' ? 'image/png' : 'image/svg+xml' };
    return { text: readTextFile(input).trim() };
  }
  const text = input.trim();
  if (LINK.test(text) || JWT.test(text) || text.startsWith('{')) return { text };
  throw new CliError(`no such file: ${input}`);
}
