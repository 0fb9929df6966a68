import { deflateSync, inflateSync } from 'fflate';
import { DICTIONARY_V1_TEXT } from './dictionary-v1.js';

/*
 * Offline payload format SC1: a whole vc+jwt, small enough for a printed QR code.
 *
 *   payload = "SC1" digits
 *   bytes   = signature (64 bytes, the JWS signature) || DEFLATE(header-json 0x0A payload-json)
 *   digits  = bytes in groups of 7, each group a big-endian integer written in 17 decimal
 *             digits (zero-padded); a last group of k < 7 bytes in 3, 5, 8, 10, 13 or 15 digits
 *
 * DEFLATE is raw RFC 1951 with the preset dictionary of dictionary-v1.ts. The JWT is
 * rebuilt exactly: base64url (no padding) of the header JSON bytes, ".", of the payload JSON
 * bytes, ".", of the signature. Decimal digits let a QR code carry the bytes in numeric
 * mode (3.33 bits a digit, 8.03 bits a byte) in a segment after the byte-mode URL.
 */
export const PAYLOAD_PREFIX = 'SC1';
const SIGNATURE_BYTES = 64;
const GROUP_BYTES = 7;
const GROUP_DIGITS = 17;
/** Digits for a last group of k bytes (k = 1..6): the fewest that hold 256^k - 1. */
const TAIL_DIGITS = [0, 3, 5, 8, 10, 13, 15] as const;
/** Bounds on hostile input: a QR code holds at most 7,089 digits; a credential inflates to a few KB. */
export const MAX_PAYLOAD_DIGITS = 7089;
export const MAX_INFLATED_BYTES = 64 * 1024;

const encoder = new TextEncoder();
let dictionary: Uint8Array | null = null;
const dictionaryBytes = (): Uint8Array => (dictionary ??= encoder.encode(DICTIONARY_V1_TEXT));

/** A payload that cannot be read, with why. */
export class PayloadError extends Error {
  readonly code: 'ERR_PAYLOAD_FORMAT' | 'ERR_PAYLOAD_TOO_LARGE' | 'ERR_PAYLOAD_NOT_A_JWT';
  constructor(code: PayloadError['code'], message: string) {
    super(message);
    this.name = this.constructor.name;
    this.code = code;
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function toB64url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += B64[v >> 18]! + B64[(v >> 12) & 63]! + B64[(v >> 6) & 63]! + B64[v & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const v = (bytes[i] as number) << 16;
    out += B64[v >> 18]! + B64[(v >> 12) & 63]!;
  } else if (rest === 2) {
    const v = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += B64[v >> 18]! + B64[(v >> 12) & 63]! + B64[(v >> 6) & 63]!;
  }
  return out;
}

function fromB64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    value = (value << 6) | B64.indexOf(text[i] as string);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  // Only the canonical encoding: the unused low bits are zero, so the JWT is rebuilt exactly.
  if ((value & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

/** Bytes as SC1 digits. */
export function bytesToDigits(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += GROUP_BYTES) {
    const group = bytes.subarray(i, i + GROUP_BYTES);
    let n = 0n;
    for (const b of group) n = (n << 8n) | BigInt(b);
    const width = group.length === GROUP_BYTES ? GROUP_DIGITS : (TAIL_DIGITS[group.length] as number);
    out += n.toString().padStart(width, '0');
  }
  return out;
}

/** SC1 digits as bytes; null when they are not a valid encoding. */
export function digitsToBytes(digits: string): Uint8Array | null {
  if (!/^[0-9]*$/.test(digits)) return null;
  const whole = Math.floor(digits.length / GROUP_DIGITS);
  const tailDigits = digits.length - whole * GROUP_DIGITS;
  const tailBytes = TAIL_DIGITS.indexOf(tailDigits as (typeof TAIL_DIGITS)[number]);
  if (tailBytes < 0) return null;
  const out = new Uint8Array(whole * GROUP_BYTES + tailBytes);
  const groups = whole + (tailBytes > 0 ? 1 : 0);
  for (let g = 0; g < groups; g++) {
    const size = g < whole ? GROUP_BYTES : tailBytes;
    let n = BigInt(digits.slice(g * GROUP_DIGITS, g * GROUP_DIGITS + (g < whole ? GROUP_DIGITS : tailDigits)));
    if (n >> BigInt(8 * size) !== 0n) return null;
    for (let b = size - 1; b >= 0; b--) {
      out[g * GROUP_BYTES + b] = Number(n & 0xffn);
      n >>= 8n;
    }
  }
  return out;
}

/**
 * The SC1 payload of a compact JWS whose header and payload are JSON without a raw line
 * break (what JSON.stringify writes). Throws PayloadError for anything else.
 */
export function encodeOfflinePayload(jwt: string): string {
  const parts = jwt.split('.');
  const [h, p, s] = parts.map(fromB64url);
  if (parts.length !== 3 || !h || !p || !s || s.length !== SIGNATURE_BYTES || h.includes(0x0a)) {
    throw new PayloadError('ERR_PAYLOAD_NOT_A_JWT', 'only a compact JWS with a 64-byte signature and a one-line header can be packed');
  }
  const text = new Uint8Array(h.length + 1 + p.length);
  text.set(h);
  text[h.length] = 0x0a;
  text.set(p, h.length + 1);
  const packed = deflateSync(text, { level: 9, dictionary: dictionaryBytes() });
  const bytes = new Uint8Array(SIGNATURE_BYTES + packed.length);
  bytes.set(s);
  bytes.set(packed, SIGNATURE_BYTES);
  return PAYLOAD_PREFIX + bytesToDigits(bytes);
}

/**
 * The compact JWS an SC1 payload carries (the text after "SC1", or with it). Bounded work:
 * at most MAX_PAYLOAD_DIGITS digits, inflating to at most MAX_INFLATED_BYTES. Throws
 * PayloadError; the JWS itself is not checked here (that is the verifier's job).
 */
export function decodeOfflinePayload(payload: string): string {
  const digits = payload.startsWith(PAYLOAD_PREFIX) ? payload.slice(PAYLOAD_PREFIX.length) : payload;
  if (digits.length > MAX_PAYLOAD_DIGITS) throw new PayloadError('ERR_PAYLOAD_TOO_LARGE', `the payload has more than ${MAX_PAYLOAD_DIGITS} digits`);
  const bytes = digitsToBytes(digits);
  if (!bytes || bytes.length <= SIGNATURE_BYTES) throw new PayloadError('ERR_PAYLOAD_FORMAT', 'the payload is not SC1 digits');
  let text: Uint8Array;
  try {
    // fflate writes at most out.length bytes: a DEFLATE bomb stops at the cap.
    const out = new Uint8Array(MAX_INFLATED_BYTES + 1);
    text = inflateSync(bytes.subarray(SIGNATURE_BYTES), { out, dictionary: dictionaryBytes() });
  } catch {
    throw new PayloadError('ERR_PAYLOAD_FORMAT', 'the payload does not decompress');
  }
  if (text.length > MAX_INFLATED_BYTES) throw new PayloadError('ERR_PAYLOAD_TOO_LARGE', 'the payload decompresses to more than 64 KB');
  const cut = text.indexOf(0x0a);
  if (cut < 0) throw new PayloadError('ERR_PAYLOAD_FORMAT', 'the payload has no JWS header');
  return `${toB64url(text.subarray(0, cut))}.${toB64url(text.subarray(cut + 1))}.${toB64url(bytes.subarray(0, SIGNATURE_BYTES))}`;
}

const FRAGMENT = /#(SC1[0-9]*)$/;

/** The SC1 payload in a verify link's fragment (or the text itself when it is one), else null. */
export function offlinePayloadIn(text: string): string | null {
  const t = text.trim();
  if (/^SC1[0-9]*$/.test(t)) return t;
  return FRAGMENT.exec(t)?.[1] ?? null;
}
