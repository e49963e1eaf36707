import { ApiError } from './api.js';
import { errorMessage } from './error-message.js';
import { errorFor, fieldErrorsOf } from './field-errors.js';
import type { MessageKey, Translate } from './i18n/index.js';

/** What to tell an administrator about a refused call: refused fields are shown beside their fields, the rest worded as any problem. */
export function staffErrorMessage(error: unknown, t: Translate, fallback: MessageKey): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return t('adminUsers.problems.forbidden');
    if (error.problem.errors?.length) return t(fallback);
  }
  return errorMessage(error, t, fallback);
}

/** Field → its refusal in the reader's language, every refused field at once. */
export function staffFieldErrors(error: unknown, t: Translate): Record<string, string> {
  const errors = fieldErrorsOf(error);
  return Object.fromEntries(Object.keys(errors).map((field) => [field, errorFor(errors, field, t) ?? '']));
}
