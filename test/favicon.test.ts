import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { FAVICON_PNG_32, FAVICON_SVG } from '../src/web/favicon.js';
import { makeTestApp } from './helpers.js';

/** The PNG inside a one-image ICO, after checking its directory. */
function pngInIco(ico: Buffer): Buffer {
  expect(ico.readUInt16LE(0)).toBe(0);
  expect(ico.readUInt16LE(2)).toBe(1); // an icon
  expect(ico.readUInt16LE(4)).toBe(1); // one image
  expect([ico[6], ico[7], ico.readUInt16LE(12)]).toEqual([32, 32, 32]);
  const size = ico.readUInt32LE(14);
  const offset = ico.readUInt32LE(18);
  expect(offset + size).toBe(ico.length);
  return ico.subarray(offset, offset + size);
}

describe('the site icon', () => {
  it('every page links it, and /favicon.svg and /favicon.ico answer 200 with an image, not a 404', async () => {
    const ctx = await makeTestApp();
    for (const path of ['/verify', '/console/login', '/v/1111111111111111111111']) {
      const html = await (await ctx.app.request(path)).text();
      expect(html).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>');
      expect(html).toContain('<link rel="icon" href="/favicon.ico" sizes="32x32"/>');
    }
    const svg = await ctx.app.request('/favicon.svg');
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(await svg.text()).toBe(FAVICON_SVG);
    const ico = await ctx.app.request('/favicon.ico');
    expect(ico.status).toBe(200);
    expect(ico.headers.get('content-type')).toBe('image/x-icon');
    const png = PNG.sync.read(pngInIco(Buffer.from(await ico.arrayBuffer())));
    expect([png.width, png.height]).toEqual([32, 32]);
  });

  it('is linked under the app\'s path when PUBLIC_URL has one', async () => {
    const ctx = await makeTestApp({ publicUrl: 'https://certs.example.gov.kh/tvet' });
    const html = await (await ctx.app.request('/tvet/verify')).text();
    expect(html).toContain('href="/tvet/favicon.svg"');
    expect((await ctx.app.request('/tvet/favicon.ico')).status).toBe(200);
  });

  it('the ICO\'s picture is the SVG as rendered now (regenerate FAVICON_PNG_32 from the message if this fails)', () => {
    const rendered = Buffer.from(new Resvg(FAVICON_SVG, { fitTo: { mode: 'width', value: 32 } }).render().asPng());
    const stored = PNG.sync.read(Buffer.from(FAVICON_PNG_32, 'base64'));
    expect(stored.data.equals(PNG.sync.read(rendered).data), `FAVICON_PNG_32 = '${rendered.toString('base64')}'`).toBe(true);
  });
});
