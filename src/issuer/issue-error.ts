/*
 * Why an issuer operation cannot be done as asked, as a stable code (src/http/domain-errors.ts
 * maps each to the API's answer). Its own module so that what issue.ts imports (the status
 * lists) can throw it too.
 */
export type IssueErrorCode = 'ERR_UNDEFINED_TERM' | 'ERR_INVALID_JSONLD' | 'ERR_INVALID_DATES' | 'ERR_NO_SIGNING_KEY';

/** A request that is well-formed but cannot be issued as asked (or a list signed: no key). */
export class IssueError extends Error {
  constructor(
    readonly code: IssueErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = this.constructor.name;
  }
}
