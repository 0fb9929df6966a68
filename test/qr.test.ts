import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { PUBLIC_URL, issue, makeTestApp, type IssueResponse, type TestContext } from './helpers.js';

function decodeQrPng(bytes: Uint8Array): string | null {
  const png = PNG.sync.read(Buffer.from(bytes));
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height)?.data ?? null;
}

describe('the QR code of a credential opens its verify page', () => {
  let ctx: TestContext;
  let issued: IssueResponse;
  beforeAll(async () => {
    ctx = await makeTestApp();
    issued = await issue(ctx);
  });

  it('qr.png is a PNG that decodes to exactly PUBLIC_URL/v/:id', async () => {
    const res = await ctx.app.request(`/credentials/${issued.id}/qr.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(decodeQrPng(new Uint8Array(await res.arrayBuffer()))).toBe(`${PUBLIC_URL}/v/${issued.id}`);
  });

  it('qr.png decodes to the verify link the issue response announced', async () => {
    const res = await ctx.app.request(new URL(issued.links.qrPng).pathname);
    expect(decodeQrPng(new Uint8Array(await res.arrayBuffer()))).toBe(issued.links.verify);
  });

  it('qr.svg is an SVG image', async () => {
    const res = await ctx.app.request(`/credentials/${issued.id}/qr.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    const svg = await res.text();
    expect(svg).toMatch(/^<svg[\s>]/);
    expect(svg.trimEnd()).toMatch(/<\/svg>$/);
  });

  it.each(['qr.png', 'qr.svg'])('%s of an unknown id answers 404 not_found', async (file) => {
    const res = await ctx.app.request(`/credentials/1111111111111111111111/${file}`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('a runtime without a PNG renderer answers qr.png with 404 not_found but still serves qr.svg', async () => {
    const { qrPng: _png, ...deps } = ctx.deps;
    const svgOnly = createApp(deps);
    const png = await svgOnly.request(`/credentials/${issued.id}/qr.png`);
    expect(png.status).toBe(404);
    expect(((await png.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect((await svgOnly.request(`/credentials/${issued.id}/qr.svg`)).status).toBe(200);
  });
});

describe('the QR code of an issuer under a path keeps the path', () => {
  it('qr.png decodes to PUBLIC_URL/v/:id when PUBLIC_URL has a path', async () => {
    const publicUrl = 'https://example.org/tvet/issuer';
    const ctx = await makeTestApp({ publicUrl });
    const issued = await issue(ctx);
    const res = await ctx.app.request(`/tvet/issuer/credentials/${issued.id}/qr.png`);
    expect(res.status).toBe(200);
    expect(decodeQrPng(new Uint8Array(await res.arrayBuffer()))).toBe(`${publicUrl}/v/${issued.id}`);
  });
});
