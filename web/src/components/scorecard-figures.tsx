import { formatDecimal, formatNps, formatPercent } from '../format.js';
import { useLanguage, useT, type UiLanguage } from '../i18n/index.js';
import type { AdvisorScorecardView } from '../types.js';

/** The figures of one advisor or a team pooled, and their change against the days before (src/contract/quality-training.ts). */
export type Figures = AdvisorScorecardView['figures'];
export type FiguresChange = AdvisorScorecardView['change'];
type Range = { low: number; high: number } | null;

/** "(76.1–88.7)"; with a spaced dash when a bound is negative ("(−3.2 – 14.5)"), so the minus is not read as the dash. */
export function intervalText(interval: Range, language: UiLanguage): string {
  if (!interval) return '';
  const dash = interval.low < 0 || interval.high < 0 ? ' – ' : '–';
  return `(${formatDecimal(interval.low, language)}${dash}${formatDecimal(interval.high, language)})`;
}

/** A value with its 95% interval written plainly: "82.4 (76.1–88.7)"; "—" without data. */
export function ValueWithInterval({ value, interval }: { value: string | null; interval: Range }) {
  const t = useT();
  const language = useLanguage();
  if (value === null) return <span className="muted">—</span>;
  return (
    <span className="scorecard-figure">
      <strong>{value}</strong>
      {interval && (
        <>
          {' '}
          <span className="scorecard-ci" title={t('qualityAdvisor.figures.interval', { low: formatDecimal(interval.low, language), high: formatDecimal(interval.high, language) })}>
            {intervalText(interval, language)}
          </span>
        </>
      )}
    </span>
  );
}

/** The values of each figure as written: quality score and NPS in points, FCR and repeat rate in %. */
export function figureValues(f: Figures, language: UiLanguage) {
  return {
    quality: f.quality.mean === null ? null : formatDecimal(f.quality.mean, language),
    nps: f.nps.nps === null ? null : formatNps(f.nps.nps, language),
    fcr: f.fcr.rate === null ? null : formatPercent(f.fcr.rate, language, 1),
    repeat: f.repeat.rate === null ? null : formatPercent(f.repeat.rate, language, 1),
  };
}

/** "few responses" beside an NPS that rests on too few answers. */
export function FewResponses() {
  const t = useT();
  return (
    <span className="badge badge-indicative" title={t('qualityAdvisor.figures.fewResponsesTitle')}>
      {t('qualityAdvisor.figures.fewResponses')}
    </span>
  );
}

/**
 * The change against the days before: the signed difference, with an arrow only when it is
 * significant at 5% (coloured by whether it is good news: a higher repeat rate is not).
 */
function Change({ change, higherIsBetter = true }: { change: { difference: number; significant: boolean } | null; higherIsBetter?: boolean }) {
  const t = useT();
  const language = useLanguage();
  if (change === null) return <p className="scorecard-change muted">{t('qualityAdvisor.figures.noChange')}</p>;
  const { difference, significant } = change;
  const up = difference > 0;
  const tone = significant && difference !== 0 ? (up === higherIsBetter ? ' scorecard-change-good' : ' scorecard-change-bad') : '';
  return (
    <p className={`scorecard-change${tone}`}>
      {t('qualityAdvisor.figures.change', { difference: formatDecimal(difference, language, 1, true) })}
      {significant && difference !== 0 && <span aria-hidden="true"> {up ? '▲' : '▼'}</span>}
      <span className={significant ? 'visually-hidden' : 'muted'}> ({significant ? t('qualityAdvisor.figures.significant') : t('qualityAdvisor.figures.notSignificant')})</span>
    </p>
  );
}

/** The quality score's change has no test of its own: significant when its 95% interval leaves out zero. */
const qualityChange = (c: FiguresChange['quality']) => c && { difference: c.difference, significant: c.interval.low > 0 || c.interval.high < 0 };

/** The four figure tiles: quality score, NPS, FCR and repeat rate, each with its interval, its count and its change. */
export function FigureTiles({ figures, change, title }: { figures: Figures; change: FiguresChange; title: string }) {
  const t = useT();
  const language = useLanguage();
  const values = figureValues(figures, language);
  const { quality, nps, fcr, repeat } = figures;
  return (
    <section className="panel scorecard-figures" aria-labelledby="scorecard-figures-title">
      <h2 id="scorecard-figures-title">{title}</h2>
      <ul className="scorecard-tiles">
        <li className="scorecard-tile" data-figure="quality">
          <h3>{t('qualityAdvisor.figures.quality')}</h3>
          <p className="scorecard-value">
            <ValueWithInterval value={values.quality} interval={quality.interval} />
          </p>
          <p className="scorecard-facts">
            {t('qualityAdvisor.figures.evaluations', { count: quality.evaluations })}
            {quality.passRate !== null && <> · {t('qualityAdvisor.figures.passRate', { rate: formatPercent(quality.passRate, language) })}</>}
            {quality.criticalFailures > 0 && <> · {t('qualityAdvisor.figures.criticalFailures', { count: quality.criticalFailures })}</>}
          </p>
          <Change change={qualityChange(change.quality)} />
        </li>
        <li className="scorecard-tile" data-figure="nps">
          <h3>{t('qualityAdvisor.figures.nps')}</h3>
          <p className="scorecard-value">
            <ValueWithInterval value={values.nps} interval={nps.interval} /> {nps.n > 0 && !nps.reliable && <FewResponses />}
          </p>
          <p className="scorecard-facts">{t('qualityAdvisor.figures.responses', { count: nps.n })}</p>
          <Change change={change.nps} />
        </li>
        <li className="scorecard-tile" data-figure="fcr">
          <h3>{t('qualityAdvisor.figures.fcr')}</h3>
          <p className="scorecard-value">
            <ValueWithInterval value={values.fcr} interval={fcr.interval} />
          </p>
          <p className="scorecard-facts">{t('qualityAdvisor.figures.contacts', { count: fcr.contacts })}</p>
          <Change change={change.fcr} />
        </li>
        <li className="scorecard-tile" data-figure="repeat">
          <h3>{t('qualityAdvisor.figures.repeat')}</h3>
          <p className="scorecard-value">
            <ValueWithInterval value={values.repeat} interval={repeat.interval} />
          </p>
          <p className="scorecard-facts">{t('qualityAdvisor.figures.contacts', { count: repeat.contacts })}</p>
          <Change change={change.repeat} higherIsBetter={false} />
        </li>
      </ul>
    </section>
  );
}
