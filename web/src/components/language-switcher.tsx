import { useId } from 'react';
import { setLanguage, UI_LANGUAGES, useLanguage, useT, type UiLanguage } from '../i18n/index.js';

/** Chooses the console language; the choice is kept in this browser. */
export function LanguageSwitcher() {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  return (
    <div className="language-switcher">
      <label htmlFor={id}>{t('language.label')}</label>
      <select id={id} value={language} onChange={(e) => setLanguage(e.target.value as UiLanguage)}>
        {UI_LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`language.${code}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
