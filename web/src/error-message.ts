import { ApiError } from './api.js';
import { formatBytes } from './format.js';
import { issuesFr } from './i18n/errors.fr.js';
import { fr } from './i18n/fr.js';
import type { MessageKey, Translate, UiLanguage } from './i18n/index.js';

/** Problems the console words itself, from the values the server sends with them: `problems.<code>` (fr.ts) and `issues.problems.<code>` (errors.*.ts). */
const WORDED = new Set(Object.keys(fr.problems));
const ISSUES = new Set(Object.keys(issuesFr.problems));
const STATUSES = new Set(Object.keys(issuesFr.status));

/** Values of a problem the console names in the reader's language: a case's state and the action refused. */
const NAMED: Record<string, { group: string; known: Record<string, string> }> = {
  state: { group: 'cases.states', known: fr.cases.states },
  action: { group: 'cases.actions', known: fr.cases.actions },
};

/**
 * What to tell the user about a failed call, always in their language: the problem's code worded with
 * its params (numbers and sizes written the reader's way), else a message by its status, else `fallback`.
 * The server's English `detail` is never shown.
 */
export function errorMessage(error: unknown, t: Translate, fallback: MessageKey = 'errors.generic'): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('errors.network');
    if (WORDED.has(error.code)) return t(`problems.${error.code}` as MessageKey, wordedParams(error.problem.params ?? {}, t));
    if (ISSUES.has(error.code)) return t(`issues.problems.${error.code}` as MessageKey, wordedParams(error.problem.params ?? {}, t));
    if (STATUSES.has(String(error.status))) return t(`issues.status.${error.status}` as MessageKey);
  }
  return t(fallback);
}

function wordedParams(params: Record<string, string | number>, t: Translate): Record<string, string> {
  const language = (document.documentElement.lang || 'fr') as UiLanguage;
  const format = new Intl.NumberFormat(language);
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => {
      // a size (maxBytes) in the reader's units: "10 Mo"
      if (typeof value === 'number' && name.endsWith('Bytes')) return [name, formatBytes(value, language)];
      if (typeof value === 'number') return [name, format.format(value)];
      const named = NAMED[name];
      return [name, named && value in named.known ? t(`${named.group}.${value}` as MessageKey) : value];
    }),
  );
}
