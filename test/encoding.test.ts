import { base64urlnopad } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { fromBase64url, toBase64url } from '../src/crypto/encoding.js';

const outcome = (decode: (s: string) => Uint8Array, text: string) => {
  try {
    return Array.from(decode(text));
  } catch {
    return 'rejected';
  }
};

describe('fromBase64url', () => {
  it('round-trips every length from 0 to 300 bytes', () => {
    for (let n = 0; n <= 300; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n * 7) & 0xff);
      expect(fromBase64url(toBase64url(bytes))).toEqual(bytes);
    }
  });

  it('accepts and refuses exactly what @scure/base base64urlnopad does', () => {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const cases = ['', 'Q', 'QQ', 'QR', 'QUE', 'QUF', 'QUFB', 'QUFBQ', 'QUFBQQ', 'QQ==', 'QQ=', 'QUE=', 'a b', 'ab+c', 'ab/c',
      'ab\\nc', 'abc\\u00e9', 'abcd\\u17a0', '\\u0000AAA', 'AAA\\u007f', '-_-_', '____', '////'];
    // Every one- to three-letter tail after a whole group, with each letter of the alphabet.
    for (const l of letters) cases.push(`AAAA${l}`, `AAAA${l}A`, `AAAAA${l}`, `AAAAAA${l}`, `AAAA${l}A=`);
    for (const text of cases.map((c) => JSON.parse(`"${c}"`) as string)) {
      expect(outcome(fromBase64url, text), JSON.stringify(text)).toEqual(outcome((s) => base64urlnopad.decode(s), text));
    }
  });
});
