import { ApiError } from './api.js';
import { issuesFr } from './i18n/errors.fr.js';
import type { MessageKey, Translate, UiLanguage } from './i18n/index.js';

/** What is wrong with one field: a stable code (`issues.fields.<code>`) and the values it is made of. */
export interface FieldProblem {
  readonly code: string;
  readonly params?: Readonly<Record<string, string | number>> | undefined;
}

/** Field → its problem (the first of each field), from the server or from a form's own checks. */
export type FieldErrors = Readonly<Record<string, FieldProblem>>;

/** A field's problem, as a form's own checks find it (the same codes and params as the server's). */
export const fieldProblem = (code: string, params?: Record<string, string | number>): FieldProblem => (params ? { code, params } : { code });

/** `phones[0]` and `phones.0` name the same field. */
const dotted = (field: string) => field.replace(/\[(\d+)\]/g, '.$1');

/** The refused fields of a failed call (from problem+json `errors`: codes and params, never the English reason). */
export function fieldErrorsOf(error: unknown): FieldErrors {
  const errors: Record<string, FieldProblem> = {};
  if (error instanceof ApiError) {
    for (const { field, code, params } of error.problem.errors ?? []) errors[dotted(field)] ??= fieldProblem(code ?? 'invalid', params);
  }
  return errors;
}

/** The problem of `field`, or of any field under it (`scale` also covers `scale.min`, `phones` covers `phones.0`). */
export function problemFor(errors: FieldErrors, field: string): FieldProblem | undefined {
  if (errors[field]) return errors[field];
  const nested = Object.keys(errors).find((key) => key.startsWith(`${field}.`));
  return nested ? errors[nested] : undefined;
}

/** The problem of `field` (or of a field under it) in the reader's language, for FieldError. */
export function errorFor(errors: FieldErrors, field: string, t: Translate): string | undefined {
  return wordField(problemFor(errors, field), t);
}

const FIELD_CODES = new Set(Object.keys(issuesFr.fields));
const FORMATS = new Set(Object.keys(issuesFr.formats));

/** A field's problem in the reader's language: its code's wording with its params (numbers written their way); an unknown code as `invalid`. */
export function wordField(problem: FieldProblem | undefined, t: Translate): string | undefined {
  if (!problem) return undefined;
  const params = problem.params ?? {};
  if (problem.code === 'invalid-format' && typeof params.format === 'string' && FORMATS.has(params.format)) {
    return t(`issues.formats.${params.format}` as MessageKey);
  }
  const code = FIELD_CODES.has(problem.code) ? problem.code : 'invalid';
  return t(`issues.fields.${code}` as MessageKey, numbersWritten(params));
}

/** Numbers of params as the reader writes them (1 440, 1.440). */
export function numbersWritten(params: Readonly<Record<string, string | number>>): Record<string, string> {
  const language = (typeof document === 'undefined' ? 'fr' : document.documentElement.lang || 'fr') as UiLanguage;
  const format = new Intl.NumberFormat(language);
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'number' ? format.format(value) : value]));
}
