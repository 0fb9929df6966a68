import { fromBase64url, toBase64url } from '../crypto/encoding.js';
import { readAllCapped } from '../crypto/streams.js';

/** 131,072 entries (16 KB): the minimum list size Bitstring Status List asks for herd privacy. */
export const MIN_STATUS_LIST_SIZE = 131_072;

const pipe = (bytes: Uint8Array, stream: CompressionStream | DecompressionStream, maxOut: number): Promise<Uint8Array> =>
  readAllCapped(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream), maxOut);

/** Sets the bits at `indexes`; index 0 is the most significant bit of the first byte. */
export function bitstringOf(size: number, indexes: Iterable<number>): Uint8Array {
  const bits = new Uint8Array(Math.ceil(size / 8));
  for (const i of indexes) {
    if (i < 0 || i >= size) throw new RangeError(`index ${i} outside a list of ${size}`);
    bits[i >> 3] = (bits[i >> 3] as number) | (0x80 >> (i & 7));
  }
  return bits;
}

export const bitAt = (bits: Uint8Array, index: number): boolean => (((bits[index >> 3] ?? 0) >> (7 - (index & 7))) & 1) === 1;

/** `encodedList`: `u` + base64url (no padding) of the GZIP-compressed bitstring. */
export async function encodeList(bits: Uint8Array): Promise<string> {
  return `u${toBase64url(await pipe(bits, new CompressionStream('gzip'), bits.length + 1024))}`;
}

/**
 * Decodes an `encodedList`, refusing anything that would expand past `maxBytes` (a gzip bomb
 * from a hostile list). Throws RangeError or TypeError on bad input.
 */
export async function decodeList(encoded: string, maxBytes = 16 * 1024 * 1024): Promise<Uint8Array> {
  if (!encoded.startsWith('u')) throw new TypeError('encodedList must be multibase base64url (u…)');
  return pipe(fromBase64url(encoded.slice(1)), new DecompressionStream('gzip'), maxBytes);
}
