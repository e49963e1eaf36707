import { useEffect, useId, useState, type FormEvent } from 'react';
import { parseDay, periodCount } from '../../../src/contract/calendar.js';
import { fieldProblem, wordField, type FieldErrors, type FieldProblem } from '../field-errors.js';
import { formatCalendarDay } from '../format.js';
import { useLanguage, useT, type Translate } from '../i18n/index.js';
import { FieldError } from './field-error.js';

/** The longest span a scorecard covers, as the server counts it (src/quality/advisor-scorecard.ts). */
export const MAX_SCORECARD_DAYS = 366;

/** The problems of a period as typed, with the server's codes: a date that is none, from after to, a span over a year. */
export function periodProblems(from: string, to: string): FieldErrors {
  const errors: Record<string, FieldProblem> = {};
  const first = from === '' ? null : parseDay(from);
  const last = to === '' ? null : parseDay(to);
  if (from !== '' && first === null) errors.from = fieldProblem('invalid-format', { format: 'date' });
  if (to !== '' && last === null) errors.to = fieldProblem('invalid-format', { format: 'date' });
  if (first !== null && last !== null) {
    if (first > last) errors.from = fieldProblem('from-after-to');
    else if (periodCount(first, last, 'day') > MAX_SCORECARD_DAYS) errors.from = fieldProblem('too-long-span', { max: MAX_SCORECARD_DAYS });
  }
  return errors;
}

/** A field's problem in the reader's language; the span over a year in this page's own words. */
function worded(problem: FieldProblem | undefined, t: Translate): string | undefined {
  if (problem?.code === 'too-long-span') return t('qualityAdvisor.period.tooLong', { max: MAX_SCORECARD_DAYS });
  return wordField(problem, t);
}

/**
 * The days of the scorecard: two dates checked before they are applied (the server's refusals are
 * worded beside the field too), and the days shown said in words.
 */
export function ScorecardPeriod({
  from,
  to,
  shown,
  serverErrors,
  onApply,
}: {
  /** the days as the address or the last answer gives them */
  from: string;
  to: string;
  /** the days the figures on the page are of */
  shown: { from: string; to: string } | undefined;
  serverErrors: FieldErrors;
  onApply: (from: string, to: string) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const [draft, setDraft] = useState({ from, to });
  const [errors, setErrors] = useState<FieldErrors>({});
  useEffect(() => setDraft({ from, to }), [from, to]);
  useEffect(() => setErrors(serverErrors), [serverErrors]);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const problems = periodProblems(draft.from, draft.to);
    setErrors(problems);
    if (Object.keys(problems).length === 0) onApply(draft.from, draft.to);
  };
  const fromError = worded(errors.from, t);
  const toError = worded(errors.to, t);
  const first = shown && parseDay(shown.from);
  const last = shown && parseDay(shown.to);
  return (
    <form className="panel scorecard-period" onSubmit={apply} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        {t('qualityAdvisor.period.title')}
      </h2>
      <div className="scorecard-period-fields">
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('qualityAdvisor.period.from')}</label>
          <input
            id={`${id}-from`}
            type="date"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
            aria-invalid={fromError ? true : undefined}
            aria-describedby={fromError ? `${id}-from-error` : undefined}
          />
          <FieldError id={`${id}-from-error`} reason={fromError} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('qualityAdvisor.period.to')}</label>
          <input
            id={`${id}-to`}
            type="date"
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
            aria-invalid={toError ? true : undefined}
            aria-describedby={toError ? `${id}-to-error` : undefined}
          />
          <FieldError id={`${id}-to-error`} reason={toError} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-secondary">
            {t('qualityAdvisor.period.apply')}
          </button>
        </div>
      </div>
      <p className="muted scorecard-period-shown" role="status" aria-live="polite">
        {shown && first && last
          ? t('qualityAdvisor.period.shown', { from: formatCalendarDay(shown.from, language), to: formatCalendarDay(shown.to, language), days: periodCount(first, last, 'day') })
          : ''}
      </p>
    </form>
  );
}
