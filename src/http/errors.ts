import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Every error code the HTTP API answers with. Stable: clients branch on these. */
export type ErrorCode =
  | 'invalid_json'
  | 'invalid_request'
  | 'unknown_field'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'undefined_term'
  | 'unprocessable'
  | 'idempotency_key_reused'
  | 'rate_limited'
  | 'internal'
  /** A state of the server (no signing key, no key vault), not of the request: try again later or tell the operator. */
  | 'unavailable';

export function statusOf(code: ErrorCode): ContentfulStatusCode {
  switch (code) {
    case 'invalid_json':
    case 'invalid_request':
    case 'unknown_field':
      return 400;
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'method_not_allowed':
      return 405;
    case 'conflict':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
      return 415;
    case 'undefined_term':
    case 'unprocessable':
    case 'idempotency_key_reused':
      return 422;
    case 'rate_limited':
      return 429;
    case 'internal':
      return 500;
    case 'unavailable':
      return 503;
  }
}

export interface ErrorDetail {
  path: string;
  message: string;
}

/** An expected refusal, answered as `{error: {code, message, details?, requestId}}`. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = this.constructor.name;
  }
}

export function errorBody(code: ErrorCode, message: string, requestId: string | undefined, details?: ErrorDetail[]) {
  return { error: { code, message, ...(details?.length ? { details } : {}), ...(requestId ? { requestId } : {}) } };
}
