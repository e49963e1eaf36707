import { ApiError } from './api.js';
import { fr } from './i18n/fr.js';
import type { MessageKey, Translate } from './i18n/index.js';

/** Problems the console words itself (`problems.<code>` in the catalogues), from the values the server sends with them. */
const WORDED = new Set(Object.keys(fr.problems));

/**
 * What to tell the user about a failed call: a problem the console knows in their language (with its
 * params, numbers written the reader's way), otherwise the server's `detail`, or a translated fallback.
 */
export function errorMessage(error: unknown, t: Translate, fallback: MessageKey = 'errors.generic'): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('errors.network');
    if (WORDED.has(error.code)) return t(`problems.${error.code}` as MessageKey, numbersOf(error.problem.params ?? {}));
    if (error.problem.detail) return error.problem.detail;
  }
  return t(fallback);
}

function numbersOf(params: Record<string, string | number>): Record<string, string> {
  const format = new Intl.NumberFormat(document.documentElement.lang || 'fr');
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'number' ? format.format(value) : value]));
}
