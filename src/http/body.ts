import type { Context } from 'hono';
import { bodyLimit } from './body-limit.js';
import type { z } from 'zod';
import { parseBoundedJson } from '../schemas/json-bounds.js';
import { ApiError, type ErrorDetail } from './errors.js';

/** The largest input a verification reads (a credential, a JWT, scanned text): the API's and the verify page's. */
export const VERIFY_BODY_LIMIT = 1024 * 1024;

/** A limit on an API request's body, past which it is a 413 in the error envelope. */
export const jsonBodyLimit = (kb: number) =>
  bodyLimit({ maxSize: kb * 1024, onError: () => { throw new ApiError('payload_too_large', `the request body is larger than ${kb} KB`); } });

const pathOf = (path: readonly PropertyKey[]): string => path.map(String).join('.') || '(body)';

/** Turns zod issues into API details; an unknown field becomes its own error code. */
export function validationError(error: z.ZodError): ApiError {
  const details: ErrorDetail[] = [];
  let unknown: string | undefined;
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = pathOf([...issue.path, key]);
        unknown ??= path;
        details.push({ path, message: 'unknown field' });
      }
    } else {
      details.push({ path: pathOf(issue.path), message: issue.message });
    }
  }
  if (unknown) return new ApiError('unknown_field', `unknown field "${unknown}"`, details);
  const first = details[0];
  return new ApiError('invalid_request', first ? `${first.path}: ${first.message}` : 'invalid request', details);
}

export function isJsonContentType(c: Context): boolean {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  return type === 'application/json' || (type?.endsWith('+json') ?? false);
}

/**
 * Parses a JSON body: the one reader every JSON request goes through. 400 `invalid_json`
 * when it is not JSON, 400 `invalid_request` when it nests deeper than any request needs.
 */
export function parseJsonText(text: string): unknown {
  const parsed = parseBoundedJson(text);
  if (parsed.ok) return parsed.value;
  if (parsed.problem === 'too-deep') throw new ApiError('invalid_request', `the request body is refused: ${parsed.message}`);
  throw new ApiError('invalid_json', 'the request body is not valid JSON');
}

/** Reads a JSON body (through {@link parseJsonText}) and validates it against a schema. */
export async function readJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  if (!isJsonContentType(c)) throw new ApiError('unsupported_media_type', 'send the body as application/json');
  const parsed = schema.safeParse(parseJsonText(await c.req.text()));
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
