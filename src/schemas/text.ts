import { z } from 'zod';

// C0 and C1 controls, DEL, and the bidi overrides that can disguise text on a certificate.
const FORBIDDEN_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const FORBIDDEN_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** A one-line human text (a name, a title): trimmed, 1..max characters, no control characters. */
export const singleLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !FORBIDDEN_SINGLE_LINE.test(s), 'must not contain control characters');

/** A paragraph of human text: newlines and tabs allowed, other control characters not. */
export const multiLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !FORBIDDEN_MULTI_LINE.test(s), 'must not contain control characters');

/** An absolute http(s) URL. */
export const httpUrl = z
  .string()
  .max(2000, 'must be at most 2000 characters')
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' || u.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL');
