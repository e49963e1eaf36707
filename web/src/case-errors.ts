import { ApiError } from './api.js';
import { errorMessage } from './error-message.js';
import type { MessageKey, Translate } from './i18n/index.js';

/**
 * What to tell the reader about a refused call on a case: out of their reach (another team's case, a
 * follow-up not theirs, an action their role does not take) or gone, in their language; otherwise
 * as any other problem (error-message.ts).
 */
export function caseErrorMessage(error: unknown, t: Translate, fallback: MessageKey): string {
  if (error instanceof ApiError && error.status === 403) return t('cases.errors.forbidden');
  if (error instanceof ApiError && error.status === 404) return t('cases.errors.notFound');
  return errorMessage(error, t, fallback);
}
