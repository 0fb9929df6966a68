import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { woffToSfnt } from '../src/runtime/node/woff.js';
import { shareCardSvg } from '../src/web/share-card.js';
import { issue, makeTestApp, sampleRequest } from './helpers.js';
import { call } from './tenants.js';

const metaContent = (html: string, key: string) => new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html)?.[1];

describe('the share card a certificate link previews with', () => {
  it('is a 1200 × 630 PNG whose QR code opens the verify page, named in the learner page’s Open Graph tags', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    const page = await (await ctx.app.request(`/c/${issued.id}`)).text();
    expect(metaContent(page, 'og:image')).toBe(`http://localhost:8787/c/${issued.id}/card.png`);
    expect(metaContent(page, 'og:image:width')).toBe('1200');
    expect(metaContent(page, 'twitter:card')).toBe('summary_large_image');

    const res = await ctx.app.request(`/c/${issued.id}/card.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
    expect([png.width, png.height]).toEqual([1200, 630]);
    const qr = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height);
    expect(qr?.data).toBe(`http://localhost:8787/v/${issued.id}`);
  });

  it('is not made for an expired certificate', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx, { ...sampleRequest(), validUntil: '2026-03-03' });
    expect((await ctx.app.request(`/c/${issued.id}/card.png`)).status).toBe(200);
    ctx.clock.now = new Date('2026-03-05T00:00:00Z');
    expect((await ctx.app.request(`/c/${issued.id}/card.png`)).status).toBe(404);
  });

  it('is not made for a revoked or suspended certificate, nor for an unknown id', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx);
    expect((await call(ctx, 'POST', `/api/v1/credentials/${issued.id}/suspend`, { body: { reason: 'complaint' } })).status).toBe(200);
    expect((await ctx.app.request(`/c/${issued.id}/card.png`)).status).toBe(404);
    for (const path of [`/c/${issued.id}`, `/v/${issued.id}`]) {
      const page = await (await ctx.app.request(path)).text();
      expect(metaContent(page, 'og:image'), path).toBe(`http://localhost:8787/credentials/${issued.id}/qr.png`);
      expect(metaContent(page, 'twitter:card'), path).toBe('summary');
    }
    expect((await ctx.app.request('/c/1111111111111111111111/card.png')).status).toBe(404);
  });

  it('keeps markup in a learner’s or institute’s name as text', () => {
    const svg = shareCardSvg({
      verifyUrl: 'http://localhost:8787/v/abc',
      credential: {
        issuer: { id: 'did:web:x', name: 'Inst "A" & <B>' },
        learner: { name: '<img src=x onerror=alert(1)>', nameKm: '</text><script>alert(1)</script>' },
        achievement: { name: 'Welding', skills: [] },
      },
    });
    expect(svg).not.toMatch(/<img|<script|<B>/);
    expect(svg).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(svg).toContain('Inst &#34;A&#34; &#38; &#60;B&#62;');
  });

  it('sets long names on two lines rather than cutting them', () => {
    const svg = shareCardSvg({
      verifyUrl: 'http://localhost:8787/v/abc',
      credential: {
        issuer: { id: 'did:web:x', name: 'Institute' },
        learner: { name: 'Chanthavy Sokunthearith Vichetsovannarith' },
        achievement: { name: 'Refrigeration and Air-Conditioning Systems Installation and Maintenance', skills: [] },
        validFrom: '2026-02-15T00:00:00Z',
      },
    });
    expect(svg).toContain('>Chanthavy Sokunthearith</text>');
    expect(svg).toContain('>Vichetsovannarith</text>');
    expect(svg).not.toContain('…');
  });
});

describe('unwrapping the package’s WOFF fonts for the PNG renderer', () => {
  it('gives an OpenType file whose every table matches the checksum the font recorded', () => {
    const require = createRequire(import.meta.url);
    const woff = new Uint8Array(readFileSync(require.resolve('@fontsource/noto-sans-khmer/files/noto-sans-khmer-khmer-400-normal.woff')));
    const sfnt = woffToSfnt(woff);
    const view = new DataView(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
    expect(view.getUint32(0)).toBe(0x00010000);
    const tables = view.getUint16(4);
    expect(tables).toBeGreaterThan(5);
    for (let i = 0; i < tables; i++) {
      const entry = 12 + i * 16;
      const tag = String.fromCharCode(...sfnt.subarray(entry, entry + 4));
      const [checksum, offset, length] = [view.getUint32(entry + 4), view.getUint32(entry + 8), view.getUint32(entry + 12)];
      let sum = 0;
      for (let at = offset; at < offset + length; at += 4) {
        const word = [0, 1, 2, 3].map((b) => (at + b < offset + length ? sfnt[at + b]! : 0));
        sum = (sum + ((word[0]! << 24) | (word[1]! << 16) | (word[2]! << 8) | word[3]!)) >>> 0;
      }
      // 'head' holds checkSumAdjustment, which its own checksum is taken without.
      if (tag !== 'head') expect(sum, tag).toBe(checksum);
    }
  });
});


describe('the share card and the verify rate limit', () => {
  it('counts each card as a verification of the caller: past the limit, 429', async () => {
    const ctx = await makeTestApp({ deps: { rateLimits: { issuePerMinute: 600, verifyPerMinute: 2 } } });
    const issued = await issue(ctx);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await ctx.app.request(`/c/${issued.id}/card.png`)).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});
