import { base58, base64urlnopad, hex } from '@scure/base';

const encoder = new TextEncoder();

export const utf8 = (text: string): Uint8Array => encoder.encode(text);
export const toBase58 = (bytes: Uint8Array): string => base58.encode(bytes);
export const fromBase58 = (text: string): Uint8Array => base58.decode(text);
export const toBase64url = (bytes: Uint8Array): string => base64urlnopad.encode(bytes);
export const fromBase64url = (text: string): Uint8Array => base64urlnopad.decode(text);
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
