import { useState } from 'react';
import { ApiError } from '../api.js';
import { trainingApi } from '../api-quality-training.js';
import { errorMessage } from '../error-message.js';
import { formatDecimal } from '../format.js';
import { useLanguage, useT, type MessageKey } from '../i18n/index.js';
import type { TrainingEffectView, TrainingView } from '../types.js';
import { useLoad } from '../use-load.js';
import { intervalText } from './scorecard-figures.js';

type Figures = TrainingEffectView['before'];
type Interval = { low: number; high: number } | null;

/** The figures before and after a training (docs/quality.md, "Training"): each measure with its interval, and the change with the interval of the difference. */
export function TrainingEffect({ training }: { training: TrainingView }) {
  const t = useT();
  const language = useLanguage();
  const [windowDays, setWindowDays] = useState(90);
  const [asked, setAsked] = useState(90);
  const effect = useLoad(`${training.id}/${asked}`, () => trainingApi.effect(training.id, asked));
  const value = (x: number | null, interval: Interval, suffix = '') =>
    x === null ? t('qualityTraining.effect.noData') : `${formatDecimal(x, language)}${suffix} ${intervalText(interval, language)}`.trim();
  const rows: { key: MessageKey; pick: (f: Figures) => [number | null, Interval]; change: (e: TrainingEffectView) => { difference: number; interval: { low: number; high: number }; significant?: boolean } | null; suffix: string }[] = [
    { key: 'qualityTraining.effect.quality', pick: (f) => [f.quality.mean, f.quality.interval], change: (e) => e.change.quality && { ...e.change.quality, significant: e.change.quality.interval.low > 0 || e.change.quality.interval.high < 0 }, suffix: '' },
    { key: 'qualityTraining.effect.nps', pick: (f) => [f.nps.nps, f.nps.interval], change: (e) => e.change.nps, suffix: '' },
    { key: 'qualityTraining.effect.fcr', pick: (f) => [f.fcr.rate, f.fcr.interval], change: (e) => e.change.fcr, suffix: ' %' },
    { key: 'qualityTraining.effect.repeat', pick: (f) => [f.repeat.rate, f.repeat.interval], change: (e) => e.change.repeat, suffix: ' %' },
  ];
  const forbidden = effect.error instanceof ApiError && effect.error.status === 403;
  return (
    <section className="panel training-effect" aria-labelledby="training-effect-title">
      <h2 id="training-effect-title">{t('qualityTraining.effect.title', { training: training.title })}</h2>
      <form
        className="training-compliance-bar"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(Math.min(365, Math.max(7, Math.round(windowDays) || 90)));
        }}
      >
        <label htmlFor="training-effect-window">{t('qualityTraining.effect.window')}</label>
        <input id="training-effect-window" type="number" min={7} max={365} value={windowDays} onChange={(e) => setWindowDays(Number(e.target.value))} />
        <button type="submit">{t('qualityTraining.effect.show')}</button>
      </form>
      {forbidden && <p className="notice">{t('qualityTraining.effect.forbidden')}</p>}
      {effect.error !== undefined && !forbidden && <p className="notice notice-error" role="alert">{errorMessage(effect.error, t)}</p>}
      {effect.data && !effect.error && (
        <>
          <p aria-live="polite">{t('qualityTraining.effect.people', { count: effect.data.people, running: effect.data.running })}</p>
          <div className="table-scroll">
            <table className="data-table training-effect-table">
              <thead>
                <tr>
                  <th scope="col">{t('qualityTraining.effect.measure')}</th>
                  <th scope="col" className="num">{t('qualityTraining.effect.before')}</th>
                  <th scope="col" className="num">{t('qualityTraining.effect.after')}</th>
                  <th scope="col" className="num">{t('qualityTraining.effect.change')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const [b, bi] = row.pick(effect.data!.before);
                  const [a, ai] = row.pick(effect.data!.after);
                  const c = row.change(effect.data!);
                  return (
                    <tr key={row.key}>
                      <th scope="row">{t(row.key)}</th>
                      <td className="num">{value(b, bi, row.suffix)}</td>
                      <td className="num">{value(a, ai, row.suffix)}</td>
                      <td className="num">
                        {c ? `${formatDecimal(c.difference, language, 1, true)} ${intervalText(c.interval, language)}` : t('qualityTraining.effect.noData')}
                        {c?.significant && <span className="badge">{t('qualityTraining.effect.significant')}</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="muted">{t('qualityTraining.effect.note')}</p>
        </>
      )}
    </section>
  );
}
