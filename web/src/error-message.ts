import { ApiError } from './api.js';
import type { MessageKey, Translate } from './i18n/index.js';

/** What to tell the user about a failed call: the server's `detail`, or a translated fallback. */
export function errorMessage(error: unknown, t: Translate, fallback: MessageKey = 'errors.generic'): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('errors.network');
    if (error.problem.detail) return error.problem.detail;
  }
  return t(fallback);
}
