import { useId } from 'react';
import { CHART_INTERVALS, CHART_MEASURES } from '../../../src/contract/analysis.js';
import { chartNumber, flagText } from '../control-flags.js';
import { formatDecimal } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { ChartInterval, ChartMeasure } from '../pareto-view.js';
import type { CauseChartResult } from '../types.js';
import type { Loaded } from '../use-load.js';
import { ChartFigure, useWidth } from './chart-figure.js';
import { LoadState } from './load-state.js';

const HEIGHT = 260;
const MARGIN = { top: 16, right: 16, bottom: 34, left: 48 };
type Point = CauseChartResult['points'][number];

const number = chartNumber;

/**
 * The control chart of the chosen cause: its value per 1,000 customers per week or month, the centre
 * line, each period's 3σ limits as steps, flagged points marked; and below, the flagged points said
 * in words. The same numbers as a table for whoever wants them exactly.
 */
export function CauseControlChart({
  label,
  loaded,
  interval,
  measure,
  csvUrl,
  onInterval,
  onMeasure,
}: {
  label: string;
  loaded: Loaded<CauseChartResult>;
  interval: ChartInterval;
  measure: ChartMeasure;
  csvUrl: string;
  onInterval: (interval: ChartInterval) => void;
  onMeasure: (measure: ChartMeasure) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const chart = loaded.data;
  const flagged = (chart?.points ?? []).flatMap((p) => p.flags.map((f) => ({ point: p, flag: f })));
  return (
    <section className="panel dashboard-panel cause-control" aria-labelledby={`${id}-title`} aria-busy={loaded.loading}>
      <div className="panel-head">
        <h2 id={`${id}-title`}>{t('improvement.control.title', { cause: label })}</h2>
        <a className="button button-secondary button-small" href={csvUrl} download>
          {t('improvement.control.csv')}
        </a>
      </div>
      <div className="filter-grid">
        <div className="field">
          <label htmlFor={`${id}-interval`}>{t('improvement.control.interval')}</label>
          <select id={`${id}-interval`} value={interval} onChange={(e) => onInterval(e.target.value as ChartInterval)}>
            {CHART_INTERVALS.map((i) => (
              <option key={i} value={i}>
                {t(`improvement.control.intervals.${i}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-measure`}>{t('improvement.control.measure')}</label>
          <select id={`${id}-measure`} value={measure} onChange={(e) => onMeasure(e.target.value as ChartMeasure)}>
            {CHART_MEASURES.map((m) => (
              <option key={m} value={m}>
                {t(`improvement.control.measures.${m}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <LoadState loaded={loaded} />
      {chart && (
        <>
          <ChartFigure
            label={t('improvement.control.label')}
            chart={<ControlChartDrawing chart={chart} />}
            table={<ControlTable chart={chart} />}
            legend={
              <ul className="chart-legend">
                <li>
                  <svg width="22" height="10" aria-hidden="true"><line className="control-centre" x1="0" x2="22" y1="5" y2="5" /></svg>
                  <span>{t('improvement.control.centre')}{chart.centre !== null ? ` (${number(chart.centre, language)})` : ''}</span>
                </li>
                <li>
                  <svg width="22" height="10" aria-hidden="true"><line className="control-limit" x1="0" x2="22" y1="5" y2="5" /></svg>
                  <span>{t('improvement.control.limits')}</span>
                </li>
              </ul>
            }
          />
          <h3>{t('improvement.control.flaggedTitle')}</h3>
          {chart.centre === null ? (
            <p className="muted">{t('improvement.control.noCentre')}</p>
          ) : flagged.length === 0 ? (
            <p className="muted" data-testid="control-no-flags">{t('improvement.control.noFlags')}</p>
          ) : (
            <ul className="control-flags" data-testid="control-flags">
              {flagged.map(({ point, flag }) => (
                <li key={`${point.period}:${flag.code}`}>{flagText(point, flag, t, language)}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function ControlChartDrawing({ chart }: { chart: CauseChartResult }) {
  const t = useT();
  const language = useLanguage();
  const [ref, width] = useWidth<HTMLDivElement>();
  const titleId = useId();
  const descId = useId();
  const points = chart.points;
  const plotWidth = Math.max(width - MARGIN.left - MARGIN.right, 1);
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const highest = Math.max(0.001, ...points.flatMap((p) => [p.value ?? 0, p.ucl ?? 0]), chart.centre ?? 0);
  const y = (value: number) => MARGIN.top + plotHeight - (value / highest) * plotHeight;
  const band = plotWidth / Math.max(points.length, 1);
  const x = (i: number) => MARGIN.left + i * band + band / 2;
  const every = Math.max(1, Math.ceil(points.length / Math.max(2, Math.floor(plotWidth / 70))));
  const ticks = [0, highest / 2, highest];
  const pointText = (p: Point) =>
    p.value === null
      ? t('improvement.control.noValue', { period: p.period })
      : t('improvement.control.point', { period: p.period, value: number(p.value, language), count: p.count, customers: p.customers, lcl: number(p.lcl, language), ucl: number(p.ucl, language) });
  const withValue = points.map((p, i) => ({ p, i })).filter(({ p }) => p.value !== null);
  return (
    <div ref={ref} className="trend-chart control-chart">
      {width > 0 && (
        <svg width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
          <title id={titleId}>
            {t('improvement.control.chartTitle', { measure: t(`improvement.control.measures.${chart.measure}`), interval: t(`improvement.control.intervals.${chart.interval}`) })}
          </title>
          <desc id={descId}>{t('improvement.control.desc', { centre: number(chart.centre, language), flagged: points.filter((p) => p.flags.length > 0).length })}</desc>
          <g className="chart-grid" aria-hidden="true">
            {ticks.map((tick) => (
              <g key={tick}>
                <line x1={MARGIN.left} x2={MARGIN.left + plotWidth} y1={y(tick)} y2={y(tick)} className={tick === 0 ? 'chart-zero' : undefined} />
                <text x={MARGIN.left - 8} y={y(tick)} dy="0.32em" textAnchor="end">
                  {formatDecimal(tick, language, highest < 10 ? 1 : 0)}
                </text>
              </g>
            ))}
            {points.map((p, i) =>
              i % every === 0 ? (
                <text key={p.period} x={x(i)} y={HEIGHT - MARGIN.bottom + 20} textAnchor="middle">
                  {p.period}
                </text>
              ) : null,
            )}
          </g>
          {chart.centre !== null && <line className="control-centre" x1={MARGIN.left} x2={MARGIN.left + plotWidth} y1={y(chart.centre)} y2={y(chart.centre)} />}
          {points.map((p, i) =>
            p.ucl === null || p.lcl === null ? null : (
              <g key={`limits-${p.period}`} className="control-limit">
                <line x1={x(i) - band / 2} x2={x(i) + band / 2} y1={y(p.ucl)} y2={y(p.ucl)} />
                <line x1={x(i) - band / 2} x2={x(i) + band / 2} y1={y(p.lcl)} y2={y(p.lcl)} />
              </g>
            ),
          )}
          <polyline className="chart-line control-line" points={withValue.map(({ p, i }) => `${x(i)},${y(p.value!)}`).join(' ')} />
          {withValue.map(({ p, i }) => (
            <circle key={p.period} className={`chart-point control-point${p.flags.length > 0 ? ' is-flagged' : ''}`} cx={x(i)} cy={y(p.value!)} r={p.flags.length > 0 ? 6 : 4}>
              <title>{pointText(p)}</title>
            </circle>
          ))}
        </svg>
      )}
    </div>
  );
}

function ControlTable({ chart }: { chart: CauseChartResult }) {
  const t = useT();
  const language = useLanguage();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('improvement.control.label')}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('improvement.control.table.period')}</th>
            <th scope="col" className="num">{t('improvement.control.table.count')}</th>
            <th scope="col" className="num">{t('improvement.control.table.customers')}</th>
            <th scope="col" className="num">{t('improvement.control.table.value')}</th>
            <th scope="col" className="num">{t('improvement.control.table.limits')}</th>
            <th scope="col">{t('improvement.control.table.flags')}</th>
          </tr>
        </thead>
        <tbody>
          {chart.points.map((p) => (
            <tr key={p.period}>
              <th scope="row">{p.period}</th>
              <td className="num">{p.count}</td>
              <td className="num">{p.customers}</td>
              <td className="num">{number(p.value, language)}</td>
              <td className="num">{p.lcl === null || p.ucl === null ? '—' : `${number(p.lcl, language)} – ${number(p.ucl, language)}`}</td>
              <td>{p.flags.map((f) => flagText(p, f, t, language)).join(' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
