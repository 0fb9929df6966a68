import { beforeAll, describe, expect, it } from 'vitest';
import { verifyBody as cliVerifyBody } from '../src/runtime/node/cli-input.js';
import { bytesToDigits, decodeOfflinePayload, digitsToBytes, encodeOfflinePayload, PayloadError } from '../src/offline/payload.js';
import { deflateSync } from 'fflate';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { versionFor } from '../src/issuer/qr-offline.js';
import { authJson, issue, makeTestApp, PUBLIC_URL, verifyBody, type IssueResponse, type TestContext } from './helpers.js';
import { decodeQrPng, readmeExample, tooLargeExample } from './offline-helpers.js';

async function get(ctx: TestContext, path: string) {
  const res = await ctx.app.request(path);
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe('the offline QR carries the whole signed credential in the link fragment', () => {
  let ctx: TestContext;
  let issued: IssueResponse;
  beforeAll(async () => {
    ctx = await makeTestApp();
    issued = await issue(ctx, readmeExample());
  });

  it("the README's example fits at version 22 or lower at error correction M, and the API says so", () => {
    expect(issued.offlineQr.fits).toBe(true);
    expect(issued.offlineQr.version).toBeLessThanOrEqual(22);
    expect(issued.offlineQr.maxVersion).toBe(22);
  });

  it('qr-offline.png decodes to PUBLIC_URL/v/:id#SC1<digits>, and the payload is the stored vc+jwt byte for byte', async () => {
    const { res, bytes } = await get(ctx, `/credentials/${issued.id}/qr-offline.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-offline-qr')).toBe(`fits; version=${issued.offlineQr.version}`);
    const text = decodeQrPng(bytes)!;
    expect(text).toMatch(new RegExp(`^${PUBLIC_URL}/v/${issued.id}#SC1[0-9]+$`));
    expect(decodeOfflinePayload(text.split('#')[1]!)).toBe(issued.jwt);
  });

  it('the version the API reports is the version of the code drawn', async () => {
    const { bytes } = await get(ctx, `/credentials/${issued.id}/qr-offline.png`);
    const side = PNG.sync.read(Buffer.from(bytes)).width / 8 - 8;
    expect((side - 17) / 4).toBe(issued.offlineQr.version);
  });

  it('qr-offline.svg is an SVG of the same code', async () => {
    const { res, bytes } = await get(ctx, `/credentials/${issued.id}/qr-offline.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(new TextDecoder().decode(bytes)).toMatch(/^<svg[\s>]/);
  });

  it('POST /api/v1/verify verifies the whole offline link, and the payload alone', async () => {
    const url = decodeQrPng((await get(ctx, `/credentials/${issued.id}/qr-offline.png`)).bytes)!;
    for (const text of [url, url.split('#')[1]!]) {
      const { status, body } = await verifyBody(ctx, { text });
      expect(status).toBe(200);
      expect(body.verified).toBe(true);
      expect(body.format).toBe('vc+jwt');
      expect(body.credential.learner.name).toBe('Sok Dara');
    }
  });

  it('the offline link of a credential revoked since it was printed reads revoked (its status is read live)', async () => {
    const other = await issue(ctx, readmeExample());
    const url = decodeQrPng((await get(ctx, `/credentials/${other.id}/qr-offline.png`)).bytes)!;
    await ctx.app.request(`/api/v1/credentials/${other.id}/revoke`, authJson({ reason: 'issued by mistake' }));
    const { body } = await verifyBody(ctx, { text: url });
    expect(body.verified).toBe(false);
    expect(body.checks.find((c: { id: string }) => c.id === 'revocation')).toMatchObject({ status: 'failed', code: 'revoked' });
  });

  it('a payload with one claim changed does not verify (TAMPERED), and never answers 5xx', async () => {
    const [h, p, s] = issued.jwt.split('.') as [string, string, string];
    const claims = Buffer.from(p, 'base64url').toString().replace('Sok Dara', 'Sok Darb');
    const forged = encodeOfflinePayload(`${h}.${Buffer.from(claims).toString('base64url')}.${s}`);
    const { status, body } = await verifyBody(ctx, { text: `${PUBLIC_URL}/v/${issued.id}#${forged}` });
    expect(status).toBe(200);
    expect(body.verified).toBe(false);
    expect(body.checks.find((c: { id: string }) => c.id === 'proof').status).toBe('failed');
  });

  it('the command line passes an SC1 payload to the verify API as text', () => {
    const payload = encodeOfflinePayload(issued.jwt);
    expect(cliVerifyBody(payload)).toEqual({ text: payload });
  });

  it('GET /api/v1/credentials/:id says whether the offline QR fits', async () => {
    const res = await ctx.app.request(`/api/v1/credentials/${issued.id}`, { headers: { Authorization: authJson({}).headers!['Authorization' as keyof HeadersInit] as string } });
    const body = (await res.json()) as { offlineQr: unknown; links: Record<string, string> };
    expect(body.offlineQr).toEqual(issued.offlineQr);
    expect(body.links.qrOfflinePng).toBe(issued.links.qrOfflinePng);
  });
});

describe('a credential too large for a printed offline QR falls back to the link-only code', () => {
  it('the API says it does not fit, and qr-offline.png decodes to the plain verify link', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx, tooLargeExample());
    expect(issued.offlineQr.fits).toBe(false);
    expect(issued.offlineQr.version).toBeGreaterThan(22);
    const { res, bytes } = await get(ctx, `/credentials/${issued.id}/qr-offline.png`);
    expect(res.headers.get('x-offline-qr')).toMatch(/^link-only; version=\d+$/);
    expect(decodeQrPng(bytes)).toBe(`${PUBLIC_URL}/v/${issued.id}`);
  });
});

describe('a hostile offline payload is refused with a clear 4xx and bounded work', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await makeTestApp();
  });
  const sc1 = (bytes: Uint8Array) => `SC1${bytesToDigits(bytes)}`;
  const bomb = () => {
    const inflated = new Uint8Array(10 * 1024 * 1024).fill(0x41);
    return sc1(new Uint8Array([...new Uint8Array(64), ...deflateSync(inflated, { level: 9 })]));
  };

  it.each([
    ['digits that are no SC1 encoding (a group of 17 digits above 2^56)', `SC1${'9'.repeat(17)}`],
    ['a last group of impossible length', 'SC11234'],
    ['bytes that do not decompress', sc1(new Uint8Array(100).fill(0xff))],
    ['a DEFLATE bomb', bomb()],
    ['a payload longer than any QR code', `SC1${'0'.repeat(8000)}`],
  ])('%s: 400 invalid_request', async (_, payload) => {
    for (const text of [payload, `${PUBLIC_URL}/v/1111111111111111111111#${payload}`]) {
      const { status, body } = await verifyBody(ctx, { text });
      expect(status).toBe(400);
      expect(body.error.code).toBe('invalid_request');
    }
  });

  it('decoding stops at 64 KB of inflated text', () => {
    expect(() => decodeOfflinePayload(bomb())).toThrow(PayloadError);
  });

  it('the digit encoding round-trips every length, and refuses a group that overflows its bytes', () => {
    for (let n = 0; n < 30; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n) & 0xff);
      expect(digitsToBytes(bytesToDigits(bytes))).toEqual(bytes);
    }
    expect(bytesToDigits(new Uint8Array(7).fill(0xff))).toBe('72057594037927935');
    expect(digitsToBytes('72057594037927936')).toBeNull();
    expect(digitsToBytes('256')).toBeNull();
  });
});

describe('the printed certificate uses the offline QR where the credential fits', () => {
  it.each([['en', 'Scan to verify · works offline'], ['km', 'ស្កេនដើម្បីផ្ទៀងផ្ទាត់ · ដំណើរការដោយគ្មានអ៊ីនធឺណិត']])('/c/:id in %s: the offline QR, captioned so', async (lang, caption) => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx, readmeExample());
    const html = await (await ctx.app.request(`/c/${issued.id}`, { headers: { 'Accept-Language': lang } })).text();
    expect(html).toContain(`src="/credentials/${issued.id}/qr-offline.svg"`);
    expect(html).toContain(`<p class="small" data-qr="offline">${caption}</p>`);
  });

  it('a credential too large prints the link-only QR, captioned "Scan to verify"', async () => {
    const ctx = await makeTestApp();
    const issued = await issue(ctx, tooLargeExample());
    const html = await (await ctx.app.request(`/c/${issued.id}`)).text();
    expect(html).toContain(`src="/credentials/${issued.id}/qr.svg"`);
    expect(html).toContain('<p class="small" data-qr="link">Scan to verify</p>');
  });
});

describe('the offline QR version is computed as the QR encoder picks it', () => {
  it('for a link and 10 to 7,000 digits, versionFor equals the version qrcode draws', () => {
    const enc = new TextEncoder();
    for (let n = 10; n <= 7000; n += 211) {
      const segments = [{ data: 'https://certs.example.gov.kh/v/5gPHkVuaMwmkUcmgD1CLWS#SC1', mode: 'byte' as const }, { data: '7'.repeat(n), mode: 'numeric' as const }];
      let drawn = 41;
      try {
        drawn = QRCode.create([{ data: enc.encode(segments[0]!.data), mode: 'byte' }, { data: segments[1]!.data, mode: 'numeric' }], { errorCorrectionLevel: 'M' }).version;
      } catch {
        // more than version 40 holds
      }
      expect(versionFor(segments), `${n} digits`).toBe(drawn);
    }
  });
});
