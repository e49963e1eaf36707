import { ApiError } from './api.js';
import { errorMessage } from './error-message.js';
import { STAFF_REASONS } from '../../src/contract/staff-vocabulary.js';
import { adminUsersFr } from './i18n/adminusers.fr.js';
import type { MessageKey, Translate } from './i18n/index.js';

/** Problems of the administration the pages word themselves (`adminUsers.problems.<code>`). */
const WORDED = new Set(Object.keys(adminUsersFr.problems));
const REASON_KEYS = new Map(Object.entries(STAFF_REASONS).map(([key, reason]) => [reason as string, key]));

/** What to tell an administrator about a refused call: this page's own problems in their language, otherwise as any problem. */
export function staffErrorMessage(error: unknown, t: Translate, fallback: MessageKey): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return t('adminUsers.problems.forbidden');
    if (WORDED.has(error.code)) return t(`adminUsers.problems.${error.code}` as MessageKey);
    // refused fields are shown beside their fields
    if (error.problem.errors?.length) return t(fallback);
  }
  return errorMessage(error, t, fallback);
}

/** Field → its refusal in the reader's language, every refused field at once. */
export function staffFieldErrors(error: unknown, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const { field, reason } of error.problem.errors ?? []) {
      errors[field] ??= t(`adminUsers.reasons.${REASON_KEYS.get(reason) ?? 'other'}` as MessageKey);
    }
  }
  return errors;
}
