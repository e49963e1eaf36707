import { createContext, useContext } from 'react';
import { consumptionDe } from '../i18n/consumption.de.js';
import { consumptionEn } from '../i18n/consumption.en.js';
import { consumptionFr } from '../i18n/consumption.fr.js';
import { issuesDe } from '../i18n/errors.de.js';
import { issuesEn } from '../i18n/errors.en.js';
import { issuesFr } from '../i18n/errors.fr.js';
import { UI_LANGUAGES, type UiLanguage } from '../ui-languages.js';
import { MY_MESSAGES } from './my-messages.js';
import { SECURITY_MESSAGES } from './security-messages.js';
import { LINE_MESSAGES } from './line-messages.js';

/** Every text of the customer app by language: its own, the consumption's (shared with the card) and the wording of refusals. */
const CATALOGUES: Record<UiLanguage, Record<string, unknown>> = {
  fr: { ...MY_MESSAGES.fr, ...SECURITY_MESSAGES.fr, ...LINE_MESSAGES.fr, consumption: consumptionFr, issues: issuesFr },
  en: { ...MY_MESSAGES.en, ...SECURITY_MESSAGES.en, ...LINE_MESSAGES.en, consumption: consumptionEn, issues: issuesEn },
  de: { ...MY_MESSAGES.de, ...SECURITY_MESSAGES.de, ...LINE_MESSAGES.de, consumption: consumptionDe, issues: issuesDe },
};

const STORAGE_KEY = 'ecoute-my-language';

/** The language the customer chose here before, else the browser's first of fr/de/en, else French. */
export function initialLanguage(): UiLanguage {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored && (UI_LANGUAGES as readonly string[]).includes(stored)) return stored as UiLanguage;
  for (const preferred of navigator.languages ?? []) {
    const base = preferred.slice(0, 2).toLowerCase();
    if ((UI_LANGUAGES as readonly string[]).includes(base)) return base as UiLanguage;
    if (base === 'lb') return 'fr';
  }
  return 'fr';
}

export function rememberLanguage(language: UiLanguage): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
}

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** The text of a dotted key with its {{params}}; the key itself when missing (a test finds it). */
export function translator(language: UiLanguage): Translate {
  return (key, params = {}) => {
    let node: unknown = CATALOGUES[language];
    for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
    if (typeof node !== 'string') return key;
    return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
  };
}

/** Whether a key has a text (a refusal's code the catalogue words, or not). */
export function hasText(language: UiLanguage, key: string): boolean {
  return translator(language)(key) !== key;
}

export interface MyLanguage {
  language: UiLanguage;
  setLanguage: (language: UiLanguage) => void;
  t: Translate;
}

export const LanguageContext = createContext<MyLanguage>({ language: 'fr', setLanguage: () => {}, t: translator('fr') });
export const useMyLanguage = () => useContext(LanguageContext);
