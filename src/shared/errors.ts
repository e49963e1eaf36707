/** Values a message is made of (a count, a limit, a list of options), for a client that words it in its own language. */
export type IssueParams = Record<string, string | number>;

/**
 * What is wrong with one input field: `reason` in English for API users, `code` (stable, one of
 * `FIELD_ISSUE_CODES` or a domain's own) and `params` for a client that words it in its reader's language.
 * `code` may be left out where a DomainError is raised: the problem then says `invalid`.
 */
export interface FieldIssue {
  field: string;
  reason: string;
  code?: string | undefined;
  params?: IssueParams | undefined;
}

/**
 * The codes of field issues that any field can have (validation of the request), each with its params:
 * `required`; `too-short`/`too-long` {minimum|maximum} (characters of a text); `too-small`/`too-large`
 * {minimum|maximum} (a number); `too-few`/`too-many` {minimum|maximum} (items of a list); `not-a-number`;
 * `not-whole-number`; `wrong-type` {expected}; `invalid-format` {format: email, date, time, datetime, url,
 * uuid, regex…}; `not-one-of` {options: comma-separated}; `unknown-field` {keys}; `unsafe-text` (control or
 * text-direction characters); `invalid` (anything else). Domains add their own (docs/ARCHITECTURE.md, "Errors").
 */
export const FIELD_ISSUE_CODES = [
  'required',
  'too-short',
  'too-long',
  'too-small',
  'too-large',
  'too-few',
  'too-many',
  'not-a-number',
  'not-whole-number',
  'wrong-type',
  'invalid-format',
  'not-one-of',
  'unknown-field',
  'unsafe-text',
  'invalid',
] as const;

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
    /** offending input fields, with what is wrong with each (and its code and params) */
    readonly fields: FieldIssue[] = [],
    /** the values the message is made of (a count, a limit), for a client that words it in its own language */
    readonly params?: IssueParams,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** One field refused: `code` says what is wrong for a client that words it (default `invalid`), `params` its values. */
export const invalid = (field: string, reason: string, code = 'invalid', params?: IssueParams): DomainError =>
  new DomainError(400, 'invalid-input', `${field} ${reason}`, [{ field, reason, code, ...(params ? { params } : {}) }]);

/** Several fields refused at once (every issue found, not only the first): a 400 `invalid-input`. */
export const invalidFields = (issues: FieldIssue[]): DomainError =>
  new DomainError(400, 'invalid-input', issues.map((i) => `${i.field} ${i.reason}`).join('; '), issues);

export const notFound = (what: string): DomainError => new DomainError(404, 'not-found', what);

export const forbidden = (message: string): DomainError => new DomainError(403, 'forbidden', message);

/** Too many attempts: refused without being tried; the HTTP layer sends `Retry-After`. */
/** The problem codes of a rate limit: attempts (logins, codes checked), and codes asked for by SMS. */
export const RATE_LIMIT_CODES = ['too-many-attempts', 'too-many-codes'] as const;

export class RateLimited extends DomainError {
  constructor(
    /** whole seconds before a new attempt can be tried */
    readonly retryAfterSeconds: number,
    message: string,
    code: (typeof RATE_LIMIT_CODES)[number] = 'too-many-attempts',
  ) {
    super(429, code, message, [], { seconds: retryAfterSeconds });
    this.name = 'RateLimited';
  }
}
