import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_SKIP_MESSAGE, findChromium } from './browser/chromium.js';

/*
 * `npm test` on a machine without Chromium: the browser tests are skipped with a message that
 * says what is missing and how to install it, instead of silently (or failing). In CI, where
 * .ci/run installs Chromium, a missing one is an error, so the tests cannot pass by skipping.
 */

const root = new URL('..', import.meta.url).pathname;

describe('the browser tests without Chromium', () => {
  it('findChromium prints why the tests are skipped and returns null; in CI it throws', () => {
    const printed: string[] = [];
    expect(findChromium({ CHROMIUM_PATH: '/nonexistent/chromium' }, (l) => printed.push(l))).toBeNull();
    expect(printed).toEqual([CHROMIUM_SKIP_MESSAGE('/nonexistent/chromium')]);
    expect(printed[0]).toMatch(/apt-get install chromium/);
    expect(() => findChromium({ CHROMIUM_PATH: '/nonexistent/chromium', CI: 'true' }, () => {})).toThrow(/missing/);
  });

  it('running the browser test file prints the message and passes with its tests skipped', { timeout: 120_000 }, () => {
    const { CI, ...env } = process.env;
    void CI;
    const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/browser/pages.browser.test.ts'], {
      cwd: root, env: { ...env, CHROMIUM_PATH: '/nonexistent/chromium', NO_COLOR: '1', FORCE_COLOR: '0' }, encoding: 'utf8',
    });
    const output = `${run.stdout}${run.stderr}`;
    expect(run.status, output).toBe(0);
    expect(output).toContain(CHROMIUM_SKIP_MESSAGE('/nonexistent/chromium'));
    expect(output).toMatch(/skipped/);
  });
});
