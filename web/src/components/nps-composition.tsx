import { useId, useState } from 'react';
import { formatPercent } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import { basisOf, useNpsLabels } from '../nps-labels.js';
import type { Interval, NpsReportRow } from '../types.js';

const SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
const scoresOf = (row: NpsReportRow) => SCORES.map((s) => row[`score_${s}`]);

/** The figures of several rows of one basis added up: counts, shares and scores (the range as one). */
function summed(rows: readonly NpsReportRow[]): NpsReportRow {
  const first = rows[0]!;
  const sum = (pick: (r: NpsReportRow) => number) => rows.reduce((total, r) => total + pick(r), 0);
  const n = sum((r) => r.n);
  const pct = (part: number) => (n === 0 ? null : (100 * part) / n);
  const [promoters, passives, detractors] = [sum((r) => r.promoters), sum((r) => r.passives), sum((r) => r.detractors)];
  const scores = Object.fromEntries(SCORES.map((s) => [`score_${s}`, sum((r) => r[`score_${s}`])]));
  return { ...first, n, promoters, passives, detractors, promoters_pct: pct(promoters), passives_pct: pct(passives), detractors_pct: pct(detractors), ...scores };
}

/**
 * What lies under a figure: the shares of promoters, passives and detractors as one stacked bar, and
 * the responses per score, for the headline's period or the whole range (one basis: the headline's).
 */
export function NpsComposition({ headline, rows, interval }: { headline: NpsReportRow; rows: readonly NpsReportRow[]; interval: Interval }) {
  const t = useT();
  const language = useLanguage();
  const labels = useNpsLabels();
  const id = useId();
  const [scope, setScope] = useState<'period' | 'range'>('period');
  const sameBasis = rows.filter((r) => r.basis === headline.basis);
  const row = scope === 'period' || sameBasis.length === 0 ? headline : summed(sameBasis);
  const period = scope === 'period' ? labels.period(headline.period, interval) : t('npsread.composition.range');
  const basis = basisOf(row.basis);
  const scale = basis ? SCORES.filter((s) => s >= basis.min && s <= basis.max) : SCORES.slice(1);
  const counts = scoresOf(row);
  const highest = Math.max(1, ...scale.map((s) => counts[s]!));
  const category = (score: number) => (!basis ? 'passive' : score >= basis.promoterMin ? 'promoter' : score <= basis.detractorMax ? 'detractor' : 'passive');
  const parts = [
    { key: 'promoters', label: t('npsread.composition.promoters'), pct: row.promoters_pct, count: row.promoters },
    { key: 'passives', label: t('npsread.composition.passives'), pct: row.passives_pct, count: row.passives },
    { key: 'detractors', label: t('npsread.composition.detractors'), pct: row.detractors_pct, count: row.detractors },
  ];

  return (
    <section className="nps-composition" aria-labelledby={`${id}-title`}>
      <div className="composition-head">
        <h3 id={`${id}-title`}>{t('npsread.composition.title')}</h3>
        <label className="composition-scope">
          <span>{t('npsread.composition.scope')}</span>
          <select value={scope} onChange={(e) => setScope(e.target.value as 'period' | 'range')}>
            <option value="period">{labels.period(headline.period, interval)}</option>
            <option value="range">{t('npsread.composition.range')}</option>
          </select>
        </label>
      </div>
      {row.n === 0 ? (
        <p className="muted">{t('npsread.composition.empty')}</p>
      ) : (
        <div className="composition-body">
          <figure className="composition-shares">
            <figcaption>{t('npsread.composition.shares', { period, n: row.n })}</figcaption>
            <div className="share-bar" aria-hidden="true">
              {parts.map((p) => (
                <span key={p.key} className={`share-${p.key}`} style={{ width: `${p.pct ?? 0}%` }} title={`${p.label} ${formatPercent(p.pct, language)}`} />
              ))}
            </div>
            <ul className="share-legend">
              {parts.map((p) => (
                <li key={p.key} data-share={p.key}>
                  <span className={`share-swatch share-${p.key}`} aria-hidden="true" />
                  {t('npsread.composition.share', { label: p.label, pct: formatPercent(p.pct, language), count: p.count })}
                </li>
              ))}
            </ul>
          </figure>
          <figure className="composition-scores">
            <figcaption id={`${id}-scores`}>{t('npsread.composition.distribution', { period })}</figcaption>
            <div className="score-bars" aria-hidden="true">
              {scale.map((s) => (
                <div key={s} className="score-bar" title={t('npsread.composition.scoreBar', { score: s, count: counts[s]! })}>
                  <span className="score-count">{counts[s]}</span>
                  <span className={`score-fill is-${category(s)}`} style={{ height: `${(100 * counts[s]!) / highest}%` }} />
                  <span className="score-label">{s}</span>
                </div>
              ))}
            </div>
            <table className="visually-hidden score-table" aria-labelledby={`${id}-scores`}>
              <thead>
                <tr>
                  <th scope="col">{t('npsread.composition.score')}</th>
                  <th scope="col">{t('npsread.composition.responses')}</th>
                </tr>
              </thead>
              <tbody>
                {scale.map((s) => (
                  <tr key={s} data-score={s}>
                    <th scope="row">{s}</th>
                    <td>{counts[s]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </figure>
        </div>
      )}
    </section>
  );
}
