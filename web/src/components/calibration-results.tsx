import { useLanguage, useT } from '../i18n/index.js';
import { formatDateTime } from '../format.js';
import type { CalibrationDetailView, Channel } from '../types.js';

const num = (x: number | null, language: string, digits = 1) => (x === null ? '—' : x.toLocaleString(language, { maximumFractionDigits: digits, minimumFractionDigits: 0 }));

/** A revealed session: the agreement, each contact's spread (a dot per evaluator against the reference), the evaluators far from it, and the agreement per criterion. */
export function CalibrationResults({ session }: { session: CalibrationDetailView }) {
  const t = useT();
  const language = useLanguage();
  const a = session.agreement;
  if (!a) return null;
  const nameOf = (letter: string) => {
    const e = session.evaluators.find((x) => x.letter === letter);
    return e?.name ? `${e.name} (${letter})` : t('qualityCalibration.evaluator', { letter });
  };
  const criterionLabel = (key: string) => session.scorecard.content.sections.flatMap((s) => s.criteria).find((c) => c.key === key)?.labels[language] ?? key;
  return (
    <div className="calibration-results">
      <section className="panel" aria-labelledby="calibration-agreement">
        <h2 id="calibration-agreement">{t('qualityCalibration.agreement')}</h2>
        <p>
          <strong>{t('qualityCalibration.alpha', { alpha: num(a.alpha, language, 3) })}</strong> — {t(`qualityCalibration.readings.${a.reading}`)}
        </p>
        <p className="muted">{t('qualityCalibration.icc', { icc: num(a.icc21, language, 3) })}</p>
      </section>
      <section className="panel" aria-labelledby="calibration-spread">
        <h2 id="calibration-spread">{t('qualityCalibration.spreadTitle')}</h2>
        {session.contacts.map((c) => (
          <figure key={c.interactionId} className="calibration-contact">
            <figcaption>
              {t('qualityCalibration.contact', { date: formatDateTime(c.contactAt, language), channel: t(`channels.${c.channel as Channel}`) })} — {t('qualityCalibration.reference')}{' '}
              <strong>{num(c.referenceScore, language)}</strong> ({t(c.referenceSet ? 'qualityCalibration.referenceSet' : 'qualityCalibration.referenceMedian')}), {t('qualityCalibration.range')} {num(c.spread?.range ?? null, language)}
            </figcaption>
            <svg className="calibration-dots" viewBox="0 0 420 56" role="img" aria-label={t('qualityCalibration.chartLabel')}>
              <line x1="10" x2="410" y1="40" y2="40" className="axis" />
              {[0, 25, 50, 75, 100].map((v) => (
                <text key={v} x={10 + v * 4} y="52" textAnchor="middle" className="tick">
                  {v}
                </text>
              ))}
              {c.referenceScore !== null && <line x1={10 + c.referenceScore * 4} x2={10 + c.referenceScore * 4} y1="6" y2="44" className="reference" />}
              {c.scores.map((s, i) =>
                s.score === null ? null : (
                  <g key={s.letter}>
                    <circle cx={10 + s.score * 4} cy={34 - (i % 3) * 9} r="5" className={session.evaluators.find((e) => e.letter === s.letter)?.flagged ? 'dot dot-flagged' : 'dot'} />
                    <text x={10 + s.score * 4} y={34 - (i % 3) * 9 - 7} textAnchor="middle" className="dot-label">
                      {s.letter}
                    </text>
                  </g>
                ),
              )}
            </svg>
            <div className="table-scroll">
              <table className="data-table calibration-table">
                <tbody>
                  {c.scores.map((s) => (
                    <tr key={s.letter}>
                      <th scope="row">{nameOf(s.letter)}</th>
                      <td className="num">{s.score === null ? t('qualityCalibration.noScore') : num(s.score, language)}</td>
                      <td>{s.criticalFailures.map(criterionLabel).join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </figure>
        ))}
      </section>
      <section className="panel" aria-labelledby="calibration-evaluators">
        <h2 id="calibration-evaluators">{t('qualityCalibration.evaluatorsTitle')}</h2>
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('qualityCalibration.create.evaluators')}</th>
                <th scope="col" className="num">{t('qualityCalibration.scored')}</th>
                <th scope="col" className="num">{t('qualityCalibration.mad')}</th>
                <th scope="col" className="num">{t('qualityCalibration.bias')}</th>
                <th scope="col">{t('qualityCalibration.flagged')}</th>
              </tr>
            </thead>
            <tbody>
              {session.evaluators.map((e) => (
                <tr key={e.letter} className={e.flagged ? 'calibration-flagged' : undefined}>
                  <th scope="row">
                    {nameOf(e.letter)}
                    {e.you && ` — ${t('qualityCalibration.you')}`}
                  </th>
                  <td className="num">{e.scored}</td>
                  <td className="num">{num(e.meanAbsoluteDeviation, language)}</td>
                  <td className="num">{num(e.bias, language)}</td>
                  <td>{e.flagged && <span className="badge evaluation-fail">{t('qualityCalibration.flagged')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="panel" aria-labelledby="calibration-criteria">
        <h2 id="calibration-criteria">{t('qualityCalibration.criteriaTitle')}</h2>
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('qualityCalibration.criterion')}</th>
                <th scope="col" className="num">α</th>
                <th scope="col">{t('qualityCalibration.agreement')}</th>
                <th scope="col" className="num">{t('qualityCalibration.meanRange')}</th>
              </tr>
            </thead>
            <tbody>
              {a.criteria.map((c) => (
                <tr key={c.criterion}>
                  <th scope="row">{criterionLabel(c.criterion)}</th>
                  <td className="num">{num(c.alpha, language, 3)}</td>
                  <td>{t(`qualityCalibration.readings.${c.reading}`)}</td>
                  <td className="num">{num(c.meanRange, language, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
