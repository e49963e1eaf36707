import { formatDateTime } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { SurveyVersion } from '../types.js';
import { SURVEY_LANGUAGES, TEXT_KEYS } from './survey-version-form.js';

/** One published version of a survey: its NPS basis, what it asks, and its texts in each language. */
export function SurveyVersionItem({ version, current }: { version: SurveyVersion; current: boolean }) {
  const t = useT();
  const language = useLanguage();
  const yesNo = (value: boolean) => (value ? t('definitions.yes') : t('definitions.no'));
  return (
    <li className={`version-item${current ? ' is-current' : ''}`} data-version={version.version}>
      <details open={current}>
        <summary>
          <span className="version-name">{t('definitions.version', { version: version.version })}</span>
          {current && <span className="badge badge-status-active">{t('definitions.current')}</span>}
          <span className="muted version-date">{t('definitions.createdAt', { date: formatDateTime(version.createdAt, language) })}</span>
        </summary>
        <dl className="facts version-facts">
          <div>
            <dt>{t('definitions.scale')}</dt>
            <dd>{t('definitions.scaleValue', { min: version.scale.min, max: version.scale.max })}</dd>
          </div>
          <div>
            <dt>{t('definitions.promoterMin')}</dt>
            <dd>{version.promoterMin}</dd>
          </div>
          <div>
            <dt>{t('definitions.detractorMax')}</dt>
            <dd>{version.detractorMax}</dd>
          </div>
          <div>
            <dt>{t('definitions.askResolved')}</dt>
            <dd>{yesNo(version.askResolved)}</dd>
          </div>
          <div>
            <dt>{t('definitions.askComment')}</dt>
            <dd>{yesNo(version.askComment)}</dd>
          </div>
        </dl>
        <div className="version-texts">
          {SURVEY_LANGUAGES.filter((code) => version.texts[code]).map((code) => (
            <section key={code} className="version-language" aria-label={t(`language.${code}`)}>
              <h4>{t(`language.${code}`)}</h4>
              <dl>
                {TEXT_KEYS.filter(({ key }) => version.texts[code]?.[key]).map(({ key, label }) => (
                  <div key={key}>
                    <dt>{t(label)}</dt>
                    <dd lang={code}>{version.texts[code]?.[key]}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </details>
    </li>
  );
}
