import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { concatBytes, utf8 } from '../src/crypto/encoding.js';
import { credentialChunk } from '../src/issuer/baking.js';
import { encodePalettePng, pngChunk, pngChunks } from '../src/issuer/png.js';
import { authJson, issue, makeTestApp, sampleRequest, type IssueResponse, type TestContext } from './helpers.js';

/*
 * Baked badges (Open Badges 3.0, "Baked Badge"): GET /credentials/:id/badge.png and badge.svg
 * carry the credential inside the picture, and POST /api/v1/verify and the /verify page take
 * such a picture back and verify what is inside. Uploads are hostile until shown otherwise.
 */

type Json = Record<string, any>;

const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());
const get = async (ctx: TestContext, path: string) => bytesOf(await ctx.app.request(path));

async function verifyUpload(ctx: TestContext, body: BodyInit, type?: string) {
  const res = await ctx.app.request('/api/v1/verify', { method: 'POST', body, ...(type ? { headers: { 'Content-Type': type } } : {}) });
  return { status: res.status, body: (await res.json()) as Json };
}

/** A PNG's iTXt chunks with the Open Badges keyword, each split into its fields. */
function credentialChunks(png: Uint8Array) {
  return [...pngChunks(png)].flatMap((chunk, position) => {
    if (chunk.type !== 'iTXt') return [];
    const d = chunk.data;
    const nul = d.indexOf(0);
    const keyword = Buffer.from(d.subarray(0, nul)).toString('latin1');
    const lang = d.indexOf(0, nul + 3);
    const translated = d.indexOf(0, lang + 1);
    return [{ position, keyword, flag: d[nul + 1], method: d[nul + 2], lang: Buffer.from(d.subarray(nul + 3, lang)).toString(), translated: Buffer.from(d.subarray(lang + 1, translated)).toString(), text: Buffer.from(d.subarray(translated + 1)).toString('utf8') }];
  }).filter((c) => c.keyword === 'openbadgecredential');
}

/** A small valid PNG with the given chunks after IHDR (to build hostile files). */
async function pngWith(...extra: Uint8Array[]): Promise<Uint8Array> {
  const base = await encodePalettePng(2, 2, new Uint8Array(4), [[0, 0, 0]]);
  const chunks = [...pngChunks(base)];
  const ihdr = chunks[0]!;
  return concatBytes(base.subarray(0, ihdr.end), ...extra, base.subarray(ihdr.end));
}

const itxt = (keyword: string, text: string, compressed = 0) =>
  pngChunk('iTXt', concatBytes(utf8(keyword), new Uint8Array([0, compressed, 0, 0, 0]), utf8(text)));

describe('GET /credentials/:id/badge.png bakes the credential as OB 3.0 specifies', () => {
  let ctx: TestContext;
  let issued: IssueResponse;
  beforeAll(async () => {
    ctx = await makeTestApp();
    issued = await issue(ctx);
  });

  it('one iTXt chunk, keyword openbadgecredential, uncompressed, no language tags, right after IHDR, holding the credential JSON as served', async () => {
    const res = await ctx.app.request(`/credentials/${issued.id}/badge.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = await bytesOf(res);
    expect(PNG.sync.read(Buffer.from(png)).width).toBe(512); // a valid PNG: pngjs checks every CRC
    const chunks = credentialChunks(png);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatchObject({ position: 1, flag: 0, method: 0, lang: '', translated: '' });
    const served = await (await ctx.app.request(`/credentials/${issued.id}`)).text();
    expect(chunks[0]!.text).toBe(served);
  });

  it('?format=jwt bakes the compact JWS instead', async () => {
    const chunks = credentialChunks(await get(ctx, `/credentials/${issued.id}/badge.png?format=jwt`));
    expect(chunks.map((c) => c.text)).toEqual([issued.jwt]);
    expect((await ctx.app.request(`/credentials/${issued.id}/badge.png?format=xml`)).status).toBe(400);
    expect((await ctx.app.request('/credentials/NoSuchCredential123/badge.png')).status).toBe(404);
  });

  it('where no SVG renderer runs (a Worker), it bakes into a plain medal with the QR code, and that verifies too', async () => {
    const worker = await makeTestApp({ deps: { svgPng: undefined, shareCardPng: undefined, qrPng: undefined } });
    const mine = await issue(worker);
    const png = await get(worker, `/credentials/${mine.id}/badge.png`);
    expect(PNG.sync.read(Buffer.from(png)).width).toBe(320);
    expect(credentialChunks(png)).toHaveLength(1);
    const { body } = await verifyUpload(worker, png as Uint8Array<ArrayBuffer>, 'image/png');
    expect(body.verified).toBe(true);
  });
});

describe('GET /credentials/:id/badge.svg bakes the credential as OB 3.0 specifies', () => {
  let ctx: TestContext;
  let issued: IssueResponse;
  beforeAll(async () => {
    ctx = await makeTestApp();
    const request = sampleRequest();
    request.learner.name = 'Sok ]]> Dara </openbadges:credential>'; // what a CDATA section must survive
    issued = await issue(ctx, request);
  });

  it('declares xmlns:openbadges and puts <openbadges:credential> with the JSON in CDATA right after the <svg> tag', async () => {
    const res = await ctx.app.request(`/credentials/${issued.id}/badge.svg`);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const svg = await res.text();
    const open = /^<svg [^>]*>/.exec(svg)?.[0] ?? '';
    expect(open).toContain('xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"');
    expect(svg.slice(open.length).startsWith('<openbadges:credential><![CDATA[')).toBe(true);
    expect(svg.match(/<openbadges:credential/g)).toHaveLength(1);
    const { body } = await verifyUpload(ctx, svg, 'image/svg+xml');
    expect(body.verified).toBe(true);
    expect(body.credential.learner.name).toBe('Sok ]]> Dara </openbadges:credential>');
  });

  it('?format=jwt puts the JWS in the verify attribute of an empty element', async () => {
    const svg = await (await ctx.app.request(`/credentials/${issued.id}/badge.svg?format=jwt`)).text();
    expect(svg).toContain(`<openbadges:credential verify="${issued.jwt}"></openbadges:credential>`);
    const { body } = await verifyUpload(ctx, svg, 'image/svg+xml');
    expect(body).toMatchObject({ verified: true, format: 'vc+jwt' });
  });
});

describe('POST /api/v1/verify and the /verify page take a baked badge', () => {
  let ctx: TestContext;
  let issued: IssueResponse;
  let png: Uint8Array;
  beforeAll(async () => {
    ctx = await makeTestApp();
    issued = await issue(ctx);
    png = await get(ctx, `/credentials/${issued.id}/badge.png`);
  });

  it('as a raw image/png body, and as a multipart upload (field "file")', async () => {
    expect((await verifyUpload(ctx, png as Uint8Array<ArrayBuffer>, 'image/png')).body).toMatchObject({ verified: true, credential: { learner: { name: 'Sok Dara', nameKm: 'សុខ ដារ៉ា' } } });
    const form = new FormData();
    form.set('file', new File([png as Uint8Array<ArrayBuffer>], 'badge.png', { type: 'image/png' }));
    expect((await verifyUpload(ctx, form)).body.verified).toBe(true);
    const json = new FormData();
    json.set('file', new File([JSON.stringify(issued.credential)], 'credential.json', { type: 'application/json' }));
    expect((await verifyUpload(ctx, json)).body.verified).toBe(true);
  });

  it('checks the status live: a revoked credential baked earlier reads revoked', async () => {
    const other = await issue(ctx);
    const badge = await get(ctx, `/credentials/${other.id}/badge.png`);
    await ctx.app.request(`/api/v1/credentials/${other.id}/revoke`, authJson({ reason: 'issued by mistake' }));
    const { body } = await verifyUpload(ctx, badge as Uint8Array<ArrayBuffer>, 'image/png');
    expect(body.verified).toBe(false);
    expect(body.checks.find((c: Json) => c.id === 'revocation')).toMatchObject({ status: 'failed', code: 'revoked' });
  });

  it('the /verify page shows the verdict of an uploaded badge, and says plainly when an image holds none', async () => {
    const form = new FormData();
    form.set('file', new File([png as Uint8Array<ArrayBuffer>], 'badge.png', { type: 'image/png' }));
    const page = await ctx.app.request('/verify', { method: 'POST', body: form });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-verdict="valid"');
    expect(html).toContain('សុខ ដារ៉ា');
    const plain = new FormData();
    plain.set('file', new File([(await pngWith()) as Uint8Array<ArrayBuffer>], 'photo.png', { type: 'image/png' }));
    const none = await ctx.app.request('/verify', { method: 'POST', body: plain });
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('no certificate baked into it');
  });
});

describe('a hostile upload is a clear 4xx, with bounded work', () => {
  let ctx: TestContext;
  let json: string;
  beforeAll(async () => {
    ctx = await makeTestApp({ deps: { rateLimits: { issuePerMinute: 600, verifyPerMinute: 10_000 } } });
    json = await (await ctx.app.request(`/credentials/${(await issue(ctx)).id}`)).text();
  });

  const cases: Array<[string, () => Promise<Uint8Array | string>, string, number, RegExp]> = [
    ['a PNG with no credential', () => pngWith(), 'image/png', 422, /no Open Badges credential/],
    ['a PNG whose chunk runs past the end of the file', async () => (await pngWith()).subarray(0, 40), 'image/png', 400, /cannot be read/],
    ['a PNG whose credential chunk has a wrong CRC', async () => {
      const chunk = credentialChunk({ json });
      chunk.set([(chunk.at(-1) as number) ^ 0xff], chunk.length - 1);
      return pngWith(chunk);
    }, 'image/png', 400, /CRC/],
    ['a compressed credential chunk (a zlib bomb would hide there)', async () => pngWith(itxt('openbadgecredential', 'x'.repeat(100), 1)), 'image/png', 422, /compress/],
    ['20,000 text chunks before the credential', async () => pngWith(...Array.from({ length: 20_000 }, () => itxt('Comment', 'x')), credentialChunk({ json })), 'image/png', 400, /more than 10000 chunks/],
    ['a credential chunk holding neither JSON nor a JWT', async () => pngWith(itxt('openbadgecredential', 'hello')), 'image/png', 400, /neither credential JSON nor a JWT/],
    ['an SVG declaring entities (billion laughs)', async () => `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg"><openbadges:credential>&b;</openbadges:credential></svg>`, 'image/svg+xml', 422, /DOCTYPE/],
    ['an SVG reading a file through an external entity (XXE)', async () => `<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg"><openbadges:credential>&xxe;</openbadges:credential></svg>`, 'image/svg+xml', 422, /DOCTYPE/],
    ['an SVG using an undeclared entity', async () => `<svg xmlns="http://www.w3.org/2000/svg"><openbadges:credential>&xxe;</openbadges:credential></svg>`, 'image/svg+xml', 400, /entity/],
    ['an SVG with an unclosed CDATA section', async () => `<svg xmlns="http://www.w3.org/2000/svg"><openbadges:credential><![CDATA[{"a":1}</openbadges:credential></svg>`, 'image/svg+xml', 400, /CDATA/],
    ['an SVG whose only credential is inside a comment', async () => `<svg xmlns="http://www.w3.org/2000/svg"><!-- <openbadges:credential><![CDATA[${json}]]></openbadges:credential> --></svg>`, 'image/svg+xml', 422, /no Open Badges credential/],
    ['an SVG that is not UTF-8', async () => new Uint8Array([...utf8('<svg xmlns="http://www.w3.org/2000/svg"><openbadges:credential>'), 0xff, 0xfe, ...utf8('</openbadges:credential></svg>')]), 'image/svg+xml', 400, /UTF-8/],
    ['bytes that are not an image at all, sent as image/png', async () => utf8('{"not": "an image"}'), 'image/png', 400, /not a PNG or SVG/],
  ];
  for (const [what, make, type, status, message] of cases) {
    it(`${what}: ${status}`, async () => {
      const started = performance.now();
      const { status: got, body } = await verifyUpload(ctx, (await make()) as BodyInit, type);
      expect(got, JSON.stringify(body)).toBe(status);
      expect(body.error.message).toMatch(message);
      expect(performance.now() - started).toBeLessThan(2000);
    });
  }

  it('an image over 1 MB: 413 before it is read', async () => {
    const big = await pngWith(itxt('Comment', 'x'.repeat(1024 * 1024)));
    const { status, body } = await verifyUpload(ctx, big as Uint8Array<ArrayBuffer>, 'image/png');
    expect(status).toBe(413);
    expect(body.error.code).toBe('payload_too_large');
  });

  it('a credential hidden in a comment is skipped for the real one after it (the first element, as OB 3.0 extracts)', async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><!-- <openbadges:credential>{}</openbadges:credential> --><openbadges:credential><![CDATA[${json}]]></openbadges:credential></svg>`;
    expect((await verifyUpload(ctx, svg, 'image/svg+xml')).body.verified).toBe(true);
  });
});
