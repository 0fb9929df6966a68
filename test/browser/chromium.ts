import { existsSync } from 'node:fs';

/*
 * Where the browser tests find Chromium: Debian's /usr/bin/chromium (CHROMIUM_PATH to use
 * another), driven by playwright-core, which never downloads a browser of its own. Without it
 * the browser tests are skipped, and say so, except in CI (.ci/run installs it), where a
 * missing browser must fail rather than pass by skipping.
 */

export const CHROMIUM_SKIP_MESSAGE = (path: string) =>
  `Skipping the browser tests: ${path} is missing. Install Debian's chromium (sudo apt-get install chromium) to run them, or set CHROMIUM_PATH.`;

/** The Chromium to drive, or null (after printing why) when the browser tests must be skipped. */
export function findChromium(env: Record<string, string | undefined> = process.env, print: (line: string) => void = (l) => console.warn(l)): string | null {
  const path = env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (existsSync(path)) return path;
  if (env.CI) throw new Error(`${path} is missing: .ci/run installs it with apt-get`);
  print(CHROMIUM_SKIP_MESSAGE(path));
  return null;
}
