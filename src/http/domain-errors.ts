import { IssueError, type IssueErrorCode } from '../issuer/issue.js';
import { DomainError, type Outcome, type Refusal, type RefusalCode } from '../domain/refusal.js';
import { DuplicateCredentialIdError } from '../store/port.js';
import { ApiError, type ErrorCode } from './errors.js';

/*
 * The one mapping from what the domain refuses to what the API answers. Every route, the
 * app's error handler and the console read a refusal's code through here, so the same
 * refusal answers the same status on every route. The switch is exhaustive: a new domain
 * code does not compile until it has its API code.
 */

/** A refusal's code, or an issuing error's, as an API error code (and so an HTTP status, errors.ts). */
export function apiCodeOf(code: RefusalCode | IssueErrorCode): ErrorCode {
  switch (code) {
    case 'not_found':
      return 'not_found';
    case 'not_permitted':
      return 'forbidden';
    case 'conflict':
      return 'conflict';
    case 'invalid_input':
    case 'ERR_INVALID_DATES':
      return 'invalid_request';
    case 'malformed':
      return 'invalid_json';
    case 'unprocessable':
    case 'ERR_INVALID_JSONLD':
      return 'unprocessable';
    case 'ERR_UNDEFINED_TERM':
      return 'undefined_term';
    // A state of the server, not of the request: the client can do nothing about it but wait.
    case 'unavailable':
    case 'ERR_NO_SIGNING_KEY':
      return 'unavailable';
    default: {
      const unmapped: never = code;
      throw new TypeError(`no API code for ${String(unmapped)}`);
    }
  }
}

/** A refusal as the API error it answers with (its field, if any, as the detail's path). */
export function refusalError(refusal: Refusal): ApiError {
  return new ApiError(apiCodeOf(refusal.refused), refusal.message, refusal.field ? [{ path: refusal.field, message: refusal.message }] : undefined);
}

/** An outcome's value, or its refusal thrown as the API error the app's error handler answers. */
export function valueOr<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw refusalError(outcome.refusal);
}

/**
 * A thrown error as the API error it answers with, or null for an unexpected one (a 500 with
 * a requestId, logged). Domain errors thrown deep in a call land here from the app's handler.
 */
export function apiErrorOf(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (error instanceof DomainError) return refusalError(error.refusal);
  if (error instanceof IssueError) {
    return new ApiError(apiCodeOf(error.code), error.message, error.field ? [{ path: error.field, message: error.message }] : undefined);
  }
  if (error instanceof DuplicateCredentialIdError) return new ApiError('conflict', error.message);
  return null;
}
