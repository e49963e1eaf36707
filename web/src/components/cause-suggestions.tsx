import { useT, type MessageKey } from '../i18n/index.js';
import type { CauseSuggestion } from '../types.js';

/**
 * The root causes suggested from what the case says (its text, category, contact reasons), best first,
 * each with why: a click chooses it in the cause field, nothing is chosen without the person.
 */
export function CauseSuggestions({ suggestions, chosen, onChoose }: { suggestions: CauseSuggestion[]; chosen: string | undefined; onChoose: (code: string) => void }) {
  const t = useT();
  if (suggestions.length === 0) return null;
  return (
    <div className="cause-suggestions">
      <p className="muted form-hint" id="cause-suggestions-title">
        {t('cases.causes.suggested')}
      </p>
      <ul className="chips" aria-labelledby="cause-suggestions-title">
        {suggestions.slice(0, 3).map((s) => {
          const why = [...s.because.topics.map((topic) => t(`topics.${topic}` as MessageKey)), ...s.because.reasons, ...s.because.words];
          return (
            <li key={s.code}>
              <button
                type="button"
                className={`choice${chosen === s.code ? ' is-checked' : ''}`}
                aria-pressed={chosen === s.code}
                title={t('cases.causes.because', { why: why.join(', ') })}
                onClick={() => onChoose(s.code)}
              >
                {s.pathLabels.join(' › ')}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
