import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOfflineBundle } from '../bench/offline-bundle.js';
import { OFFLINE_VERIFIER_JS } from '../src/offline/generated/verifier-bundle.js';
import { ASSET_NAMES } from '../src/web/assets.js';
import { issue, makeTestApp, type IssueResponse, type TestContext } from './helpers.js';

describe('the offline verifier is served as checked in, and stays within its budget', () => {
  it('the checked-in bundle is what src/offline/browser builds to (run npm run offline:regenerate after a change)', async () => {
    expect(await buildOfflineBundle()).toBe(OFFLINE_VERIFIER_JS);
  });

  it('is at most 60 KB gzipped', () => {
    expect(gzipSync(OFFLINE_VERIFIER_JS, { level: 9 }).length).toBeLessThanOrEqual(60 * 1024);
  });
});

describe('the verify pages are an installable web app that saves itself for offline use', () => {
  let ctx: TestContext;
  let issued: IssueResponse;
  beforeAll(async () => {
    ctx = await makeTestApp();
    issued = await issue(ctx);
  });

  it.each(['/verify', '/v/:id'])('%s links the manifest and the script that installs the service worker', async (path) => {
    const html = await (await ctx.app.request(path.replace(':id', issued.id))).text();
    expect(html).toContain('<link rel="manifest" href="/manifest.webmanifest"/>');
    expect(html).toContain(`src="/assets/${ASSET_NAMES.offlineBoot}"`);
  });

  it('the service worker is served from the root, uncached, and keeps the shell, the verifier and the kit', async () => {
    const res = await ctx.app.request('/sw.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const js = await res.text();
    for (const path of ['/offline', `/assets/${ASSET_NAMES.offline}`, `/assets/${ASSET_NAMES.css}`, '/offline/kit.json']) expect(js).toContain(path);
    for (const path of JSON.parse(/var S=(\{.*?\});/.exec(js)![1]!).precache as string[]) {
      expect((await ctx.app.request(path)).status, path).toBe(200);
    }
  });

  it('the manifest names the verify page as the start, within the app\'s scope', async () => {
    const res = await ctx.app.request('/manifest.webmanifest');
    expect(res.headers.get('content-type')).toBe('application/manifest+json');
    expect(await res.json()).toMatchObject({ start_url: '/verify', scope: '/', display: 'standalone' });
  });

  it('the offline shell loads no inline script (the pages\' CSP) and says in both languages what it does', async () => {
    const res = await ctx.app.request('/offline');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain(`src="/assets/${ASSET_NAMES.offline}"`);
    expect(html).not.toMatch(/<script(?![^>]*src=)/);
    expect(html).toContain('Checking the certificate on this phone');
  });
});
