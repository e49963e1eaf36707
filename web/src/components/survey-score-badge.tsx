import { useT } from '../i18n/index.js';
import type { LastSurvey } from '../types.js';

/** A survey score ("9/10") coloured by NPS category; read out as "score 9 on a scale of 1 to 10". */
export function SurveyScoreBadge({
  survey,
  prefix,
}: {
  /** the category names the colour: promoter, passive or detractor */
  survey: Pick<LastSurvey, 'score' | 'scale'> & { category: string | null };
  /** "Survey 9/10" rather than "9/10" (in the history) */
  prefix?: boolean;
}) {
  const t = useT();
  const category = survey.category ?? 'none';
  if (survey.score === null) {
    return <span className="badge badge-score badge-score-none">{t('lastSurvey.noScore')}</span>;
  }
  const values = { score: survey.score, min: survey.scale.min, max: survey.scale.max };
  return (
    <span className={`badge badge-score badge-score-${category}`}>
      <span aria-hidden="true">{prefix ? t('lastSurvey.timelineBadge', values) : t('lastSurvey.score', values)}</span>
      <span className="visually-hidden">{t('lastSurvey.scoreLabel', values)}</span>
    </span>
  );
}
