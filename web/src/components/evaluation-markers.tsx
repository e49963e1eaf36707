import { useState } from 'react';
import { useT } from '../i18n/index.js';
import type { EvaluationMarker } from '../types.js';

/** mm:ss of a position in milliseconds. */
export function clock(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Milliseconds of "m:ss" (or plain seconds); undefined when it is neither. */
export function parseClock(text: string): number | undefined {
  const m = /^\s*(?:(\d{1,3}):)?(\d{1,2})\s*$/.exec(text);
  if (!m) return undefined;
  const seconds = Number(m[2]);
  if (m[1] !== undefined && seconds > 59) return undefined;
  return ((m[1] === undefined ? 0 : Number(m[1]) * 60) + seconds) * 1000;
}

/** The time-stamped strengths and points to work on in the recording; the evaluator adds and removes them. */
export function EvaluationMarkers({ markers, editable, onChange, position, onSeek }: { markers: EvaluationMarker[]; editable: boolean; onChange: (markers: EvaluationMarker[]) => void; position?: number; onSeek?: (ms: number) => void }) {
  const t = useT();
  const [at, setAt] = useState('');
  const [kind, setKind] = useState<'strength' | 'improve'>('improve');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const add = () => {
    const ms = at.trim() === '' && position !== undefined ? position : parseClock(at);
    if (ms === undefined) return setProblem(t('issues.fields.invalid-format'));
    if (!text.trim()) return setProblem(t('issues.fields.required'));
    setProblem(undefined);
    onChange([...markers, { atMs: Math.round(ms), kind, text: text.trim() }].sort((a, b) => a.atMs - b.atMs));
    setAt('');
    setText('');
  };
  return (
    <section className="evaluation-markers" aria-labelledby="evaluation-markers-title">
      <h3 id="evaluation-markers-title">{t('qualityEvaluations.detail.markers')}</h3>
      {markers.length === 0 ? (
        <p className="muted">{t('qualityEvaluations.detail.noMarkers')}</p>
      ) : (
        <ul>
          {markers.map((m, i) => (
            <li key={`${m.atMs}-${i}`} className={`evaluation-marker evaluation-marker-${m.kind}`}>
              {onSeek ? (
                <button type="button" className="link-button" onClick={() => onSeek(m.atMs)}>
                  {clock(m.atMs)}
                </button>
              ) : (
                <span>{clock(m.atMs)}</span>
              )}{' '}
              <span className="badge">{t(m.kind === 'strength' ? 'qualityEvaluations.detail.strength' : 'qualityEvaluations.detail.improve')}</span> {m.text}
              {editable && (
                <button type="button" className="button button-small button-secondary" aria-label={t('qualityEvaluations.detail.removeMarker', { at: clock(m.atMs) })} onClick={() => onChange(markers.filter((_, j) => j !== i))}>
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <div className="evaluation-marker-form">
          <label className="field field-compact">
            <span>{t('qualityEvaluations.detail.markerAt')}</span>
            <input value={at} inputMode="numeric" placeholder={position !== undefined ? clock(position) : '0:42'} onChange={(e) => setAt(e.target.value)} aria-invalid={problem ? true : undefined} />
          </label>
          <label className="field field-compact">
            <span>{t('qualityEvaluations.detail.markerKind')}</span>
            <select value={kind} onChange={(e) => setKind(e.target.value as 'strength' | 'improve')}>
              <option value="improve">{t('qualityEvaluations.detail.improve')}</option>
              <option value="strength">{t('qualityEvaluations.detail.strength')}</option>
            </select>
          </label>
          <label className="field field-compact">
            <span>{t('qualityEvaluations.detail.markerText')}</span>
            <input value={text} maxLength={500} onChange={(e) => setText(e.target.value)} />
          </label>
          {problem && (
            <p className="field-error" role="alert">
              {problem}
            </p>
          )}
          <button type="button" className="button button-secondary button-small" onClick={add}>
            {t('qualityEvaluations.detail.addMarker')}
          </button>
        </div>
      )}
    </section>
  );
}
