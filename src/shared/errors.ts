/**
 * Errors the domain raises on purpose. The HTTP layer turns them into RFC 9457
 * problem+json; the CLI prints their message. Messages are written for the person
 * who has to act on them.
 */
/** What is wrong with one input field; `code` and `params` where a client words the reason in its reader's language. */
export interface FieldProblem {
  field: string;
  reason: string;
  code?: string | undefined;
  params?: Record<string, string | number> | undefined;
}

export class DomainError extends Error {
  constructor(
    /** HTTP status that fits the error */
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 503,
    /** short stable slug, becomes the problem `type` */
    readonly code: string,
    message: string,
    /** offending input fields, with what is wrong with each (and, where a client words it itself, its code and values) */
    readonly fields: FieldProblem[] = [],
    /** the values the message is made of (a count, a limit), for a client that words it in its own language */
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (field: string, reason: string): DomainError =>
  new DomainError(400, 'invalid-input', `${field} ${reason}`, [{ field, reason }]);

export const notFound = (what: string): DomainError => new DomainError(404, 'not-found', what);

export const forbidden = (message: string): DomainError => new DomainError(403, 'forbidden', message);

/** Too many attempts: refused without being tried; the HTTP layer sends `Retry-After`. */
export class RateLimited extends DomainError {
  constructor(
    /** whole seconds before a new attempt can be tried */
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(429, 'too-many-attempts', message);
    this.name = 'RateLimited';
  }
}
