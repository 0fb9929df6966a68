import { concatBytes } from '../crypto/encoding.js';
import { readAllCapped } from '../crypto/streams.js';

/*
 * Just enough PNG (RFC 2083 / W3C PNG) for baked badges, with Web APIs only so it runs on
 * Node and Workers alike: walking chunks, checking a chunk's CRC, writing one, and encoding
 * a small palette image (zlib through CompressionStream('deflate')).
 */

export const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG that cannot be read, with why (a clear 4xx for an upload). */
export class PngError extends Error {
  constructor(message: string) {
    super(message);
    this.name = this.constructor.name;
  }
}

function crcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}
const CRC_TABLE = crcTable();

/** CRC-32 as PNG computes it (over a chunk's type and data). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export const isPng = (bytes: Uint8Array): boolean => bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);

export interface PngChunk {
  type: string;
  /** Offset of the chunk's length field. */
  start: number;
  data: Uint8Array;
  /** Offset just past its CRC. */
  end: number;
}

/** The stored CRC of a chunk equals the one computed over its type and data. */
export function crcMatches(bytes: Uint8Array, chunk: PngChunk): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.getUint32(chunk.end - 4) === crc32(bytes.subarray(chunk.start + 4, chunk.end - 4));
}

/**
 * The chunks of a PNG, in order, up to IEND; at most `maxChunks` (a hostile file of tiny
 * chunks costs bounded work). Throws PngError for a bad signature or a chunk that runs past
 * the end of the file.
 */
export function* pngChunks(bytes: Uint8Array, maxChunks = 10_000): Generator<PngChunk> {
  if (!isPng(bytes)) throw new PngError('not a PNG file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  for (let n = 0; ; n++) {
    if (n >= maxChunks) throw new PngError(`more than ${maxChunks} chunks`);
    if (at + 12 > bytes.length) throw new PngError('the PNG ends inside a chunk (no IEND)');
    const length = view.getUint32(at);
    if (length > bytes.length - at - 12) throw new PngError('a PNG chunk is longer than the file');
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) throw new PngError('a PNG chunk has an invalid type');
    const chunk = { type, start: at, data: bytes.subarray(at + 8, at + 8 + length), end: at + 12 + length };
    yield chunk;
    if (type === 'IEND') return;
    at = chunk.end;
  }
}

/** One chunk: length, type, data, CRC. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

async function zlib(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return readAllCapped(stream, bytes.length + 1024);
}

/**
 * An 8-bit palette PNG from one palette index per pixel (row by row) and up to 256 RGB
 * colours. Small and portable: what a Worker bakes badges into, having no SVG renderer.
 */
export async function encodePalettePng(
  width: number, height: number, pixels: Uint8Array, palette: Array<[number, number, number]>, transparentIndex?: number,
): Promise<Uint8Array> {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 3, 0, 0, 0], 8); // bit depth 8, colour type 3 (palette), deflate, filter 0, no interlace
  const raw = new Uint8Array(height * (width + 1)); // each row: filter type 0, then its pixels
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  return concatBytes(
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('PLTE', new Uint8Array(palette.flat())),
    ...(transparentIndex === undefined ? [] : [pngChunk('tRNS', new Uint8Array(palette.map((_, i) => (i === transparentIndex ? 0 : 255))))]),
    pngChunk('IDAT', await zlib(raw)),
    pngChunk('IEND', new Uint8Array(0)),
  );
}
