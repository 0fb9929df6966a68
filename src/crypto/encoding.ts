import { base58, base64, base64urlnopad, hex } from '@scure/base';

const encoder = new TextEncoder();

export const utf8 = (text: string): Uint8Array => encoder.encode(text);
export const toBase58 = (bytes: Uint8Array): string => base58.encode(bytes);
export const fromBase58 = (text: string): Uint8Array => base58.decode(text);
export const toBase64url = (bytes: Uint8Array): string => base64urlnopad.encode(bytes);
/** Padded standard base64 (RFC 4648 §4), as Standard Webhooks secrets are written. */
export const toBase64 = (bytes: Uint8Array): string => base64.encode(bytes);

const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE64URL_VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) BASE64URL_VALUES[BASE64URL_ALPHABET.charCodeAt(i)] = i;
const base64urlValue = (text: string, i: number): number => {
  const code = text.charCodeAt(i);
  return code < 128 ? (BASE64URL_VALUES[code] as number) : -1;
};

/**
 * Decodes unpadded base64url (RFC 4648 §5) strictly: only the 64 letters, no padding, and the
 * unused low bits of the last letter zero, so every byte string has exactly one accepted
 * encoding. Throws Error otherwise. (Same acceptance as @scure/base `base64urlnopad`, at a
 * third of the cost: it decodes every JWT payload.)
 */
export function fromBase64url(text: string): Uint8Array {
  const tail = text.length % 4;
  if (tail === 1) throw new Error('invalid base64url: impossible length');
  const whole = text.length - tail;
  const out = new Uint8Array((whole / 4) * 3 + (tail === 0 ? 0 : tail - 1));
  let o = 0;
  for (let i = 0; i < whole; i += 4) {
    const a = base64urlValue(text, i), b = base64urlValue(text, i + 1), c = base64urlValue(text, i + 2), d = base64urlValue(text, i + 3);
    if ((a | b | c | d) < 0) throw new Error('invalid base64url: unknown letter');
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = v >> 16;
    out[o++] = (v >> 8) & 0xff;
    out[o++] = v & 0xff;
  }
  if (tail > 0) {
    const a = base64urlValue(text, whole), b = base64urlValue(text, whole + 1), c = tail === 3 ? base64urlValue(text, whole + 2) : 0;
    if ((a | b | c) < 0) throw new Error('invalid base64url: unknown letter');
    if (tail === 2 ? b & 0x0f : c & 0x03) throw new Error('invalid base64url: non-zero padding bits');
    out[o++] = (a << 2) | (b >> 4);
    if (tail === 3) out[o++] = ((b & 0x0f) << 4) | (c >> 2);
  }
  return out;
}
export const toHex = (bytes: Uint8Array): string => hex.encode(bytes);

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Compares two byte strings in time that depends only on their lengths. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

export function randomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** An unguessable identifier: 128 random bits in base58 (about 22 characters). */
export const randomId = (): string => toBase58(randomBytes(16));
