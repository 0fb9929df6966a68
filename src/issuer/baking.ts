import QRCode from 'qrcode';
import { concatBytes, utf8 } from '../crypto/encoding.js';
import { encodePalettePng, PngError, pngChunk, pngChunks } from './png.js';

/*
 * Baking (Open Badges 3.0, "Baked Badge"): the credential carried inside its badge image.
 * PNG: one iTXt chunk with the keyword `openbadgecredential`, uncompressed, holding the
 * credential's JSON (embedded proof) or its compact JWS (VC-JWT). SVG: an
 * `<openbadges:credential>` element right after the `<svg>` tag, in the namespace
 * https://purl.imsglobal.org/ob/v3p0, holding the JSON in CDATA, or the JWS in `verify`.
 */

export const OB_BAKING_KEYWORD = 'openbadgecredential';
export const OB_SVG_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';

/** What is baked: the credential JSON as served (Data Integrity), or the vc+jwt. */
export type Baked = { json: string } | { jwt: string };

const textOf = (baked: Baked): string => ('json' in baked ? baked.json : baked.jwt);

/** The iTXt chunk: keyword, NUL, compression flag 0 and method 0, empty language tag and translated keyword (each NUL-ended), the text. */
export function credentialChunk(baked: Baked): Uint8Array {
  const head = utf8(OB_BAKING_KEYWORD);
  return pngChunk('iTXt', concatBytes(head, new Uint8Array([0, 0, 0, 0, 0]), utf8(textOf(baked))));
}

const keywordOf = (data: Uint8Array): string => {
  const nul = data.indexOf(0);
  return String.fromCharCode(...data.subarray(0, nul < 0 ? Math.min(data.length, 80) : Math.min(nul, 80)));
};

/**
 * Bakes a credential into a PNG: its chunk goes right after IHDR (an extractor stops at the
 * first one, and may stop reading there), and a credential baked before is replaced (the
 * keyword may appear only once).
 */
export function bakePng(png: Uint8Array, baked: Baked): Uint8Array {
  const parts: Uint8Array[] = [png.subarray(0, 8)];
  for (const chunk of pngChunks(png)) {
    if (chunk.type === 'iTXt' && keywordOf(chunk.data) === OB_BAKING_KEYWORD) continue;
    parts.push(png.subarray(chunk.start, chunk.end));
    if (chunk.type === 'IHDR') parts.push(credentialChunk(baked));
  }
  if (parts.length < 3) throw new PngError('the PNG has no IHDR');
  return concatBytes(...parts);
}

/** CDATA cannot hold "]]>": split it across two sections, so the JSON reads back unchanged. */
const cdata = (text: string): string => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
const attribute = (text: string): string => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Bakes a credential into an SVG document that starts with an `<svg …>` tag (one this service drew). */
export function bakeSvg(svg: string, baked: Baked): string {
  const open = /^(\s*(?:<\?xml[^>]*\?>\s*)?)<svg\b([^>]*)>/.exec(svg);
  if (!open) throw new TypeError('not an SVG document this service drew');
  const attrs = open[2]?.includes('xmlns:openbadges=') ? open[2] : `${open[2]} xmlns:openbadges="${OB_SVG_NAMESPACE}"`;
  const element = 'jwt' in baked
    ? `<openbadges:credential verify="${attribute(baked.jwt)}"></openbadges:credential>`
    : `<openbadges:credential>${cdata(baked.json)}</openbadges:credential>`;
  return `${open[1]}<svg${attrs}>${element}${svg.slice(open[0].length)}`;
}

// Index 0 (CLEAR) is made transparent: the medal's corners.
const PALETTE: Array<[number, number, number]> = [[255, 255, 255], [11, 63, 124], [201, 162, 39], [255, 253, 246], [22, 25, 29]];
const [CLEAR, NAVY, GOLD, CREAM, INK] = [0, 1, 2, 3, 4];

/**
 * A badge picture drawn without any SVG renderer (a Worker has none): a medal in the badge's
 * colours framing the QR code of the credential's verify link. Where resvg runs, the badge
 * is the designed SVG rendered instead.
 */
export async function portableBadgePng(verifyUrl: string, size = 320): Promise<Uint8Array> {
  const pixels = new Uint8Array(size * size).fill(CLEAR);
  const c = size / 2;
  const r = size / 2 - 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x + 0.5 - c, y + 0.5 - c);
      pixels[y * size + x] = d > r ? CLEAR : d > r * 0.93 ? NAVY : d > r * 0.89 ? GOLD : d > r * 0.85 ? NAVY : CREAM;
    }
  }
  const qr = QRCode.create(verifyUrl, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const side = Math.floor(r * 0.85 * Math.SQRT2) - 4; // the square inside the cream disc
  const module = Math.max(1, Math.floor(side / (n + 2)));
  const origin = Math.floor(c - (module * n) / 2);
  for (let my = 0; my < n; my++) {
    for (let mx = 0; mx < n; mx++) {
      if (!qr.modules.data[my * n + mx]) continue;
      for (let y = 0; y < module; y++) pixels.fill(INK, (origin + my * module + y) * size + origin + mx * module, (origin + my * module + y) * size + origin + (mx + 1) * module);
    }
  }
  return encodePalettePng(size, size, pixels, PALETTE, CLEAR);
}
