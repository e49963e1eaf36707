import { ApiError } from './api.js';
import { errorMessage } from './error-message.js';
import { actionsFr } from './i18n/actions.fr.js';
import type { MessageKey, Translate } from './i18n/index.js';

/** Problems of the improvement actions the board words itself (`actions.problems.<code>`). */
const WORDED = new Set(Object.keys(actionsFr.problems));

/**
 * What to tell the reader about a refused call on an action: its own problems in their language (a
 * verdict named as the effect chart names it), a refusal of their role, otherwise as any problem.
 */
export function actionErrorMessage(error: unknown, t: Translate, fallback: MessageKey): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return t('actions.problems.forbidden');
    if (WORDED.has(error.code)) {
      const params = { ...(error.problem.params ?? {}) };
      if (typeof params.verdict === 'string') params.verdict = t(`actions.effect.verdicts.${params.verdict}` as MessageKey);
      return t(`actions.problems.${error.code}` as MessageKey, params);
    }
  }
  return errorMessage(error, t, fallback);
}
