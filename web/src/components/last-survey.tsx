import { useId } from 'react';
import { formatDateTime } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { LastSurvey as LastSurveyData } from '../types.js';
import { SurveyScoreBadge } from './survey-score-badge.js';

/** The customer's latest answer to a satisfaction survey: score, category, resolved, comment, when. */
export function LastSurvey({ survey, onShowContact }: { survey: LastSurveyData | null; onShowContact?: (() => void) | undefined }) {
  const t = useT();
  // unique: the same panel may be on the console and on a case page at once
  const titleId = useId();
  const language = useLanguage();
  return (
    <section className="panel last-survey" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('lastSurvey.title')}</h3>
      {!survey ? (
        <p className="empty">{t('lastSurvey.none')}</p>
      ) : (
        <div className="last-survey-body">
          <div className="last-survey-score">
            <SurveyScoreBadge survey={survey} />
            {survey.category && <span className={`score-category score-category-${survey.category}`}>{t(`lastSurvey.${survey.category}`)}</span>}
          </div>
          {survey.resolved !== null && (
            <p className={survey.resolved ? 'resolved-yes' : 'resolved-no'}>{survey.resolved ? t('lastSurvey.resolvedYes') : t('lastSurvey.resolvedNo')}</p>
          )}
          {survey.comment ? (
            <blockquote className="survey-comment">
              <span className="visually-hidden">{t('common.labelValue', { label: t('lastSurvey.comment'), value: '' })}</span>
              <span dir="auto">{survey.comment}</span>
            </blockquote>
          ) : (
            <p className="muted">{t('lastSurvey.noComment')}</p>
          )}
          <p className="last-survey-when muted">
            <time dateTime={survey.receivedAt}>{t('lastSurvey.receivedAt', { date: formatDateTime(survey.receivedAt, language) })}</time>
            {onShowContact && (
              <>
                {' · '}
                <button type="button" className="link-button" onClick={onShowContact}>
                  {t('lastSurvey.showContact')}
                </button>
              </>
            )}
          </p>
        </div>
      )}
    </section>
  );
}
