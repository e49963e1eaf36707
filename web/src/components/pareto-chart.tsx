import { useId, type KeyboardEvent } from 'react';
import { formatDecimal, formatPercent } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { ParetoSort } from '../pareto-view.js';
import type { ParetoRow } from '../types.js';
import { useWidth } from './chart-figure.js';

const HEIGHT = 320;
const MARGIN = { top: 20, right: 52, bottom: 46, left: 52 };
/** More bars than this and they would be slivers: the rest stay in the table. */
export const MAX_BARS = 20;

/** The measure a Pareto is sorted by, of one row (amounts in euros). */
export function measureOf(row: Pick<ParetoRow, 'total' | 'complaints' | 'detractors' | 'repeatContacts' | 'disputedCents' | 'refundedCents' | 'extraContacts' | 'recurrences'>, sort: ParetoSort): number {
  switch (sort) {
    case 'disputed':
      return row.disputedCents / 100;
    case 'refunded':
      return row.refundedCents / 100;
    default:
      return row[sort];
  }
}

/** A round step for an axis from 0 to `max`, about five lines; whole numbers for counts. */
function niceStep(max: number, whole: boolean): number {
  if (max <= 0) return 1;
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  return whole ? Math.max(1, Math.ceil(step)) : step;
}

/**
 * The Pareto's bars, sorted as the rows come, with the cumulative share as a line on a scale of its
 * own (right) and the 80 % line. Each bar is a button that opens its cause; the selected one stands out.
 */
export function ParetoChart({
  rows,
  sort,
  from,
  to,
  selected,
  onSelect,
}: {
  rows: ParetoRow[];
  sort: ParetoSort;
  from: string;
  to: string;
  selected: string | undefined;
  onSelect: (code: string) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const [ref, width] = useWidth<HTMLDivElement>();
  const titleId = useId();
  const descId = useId();
  const bars = rows.slice(0, MAX_BARS);
  const plotWidth = Math.max(width - MARGIN.left - MARGIN.right, 1);
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const money = sort === 'disputed' || sort === 'refunded';
  const values = bars.map((r) => measureOf(r, sort));
  const step = niceStep(Math.max(...values, 0), !money);
  const top = Math.max(step, Math.ceil(Math.max(...values, 0) / step) * step);
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const yShare = (share: number) => MARGIN.top + plotHeight - share * plotHeight;
  const band = plotWidth / Math.max(bars.length, 1);
  const barWidth = Math.max(4, band * 0.7);
  const x = (i: number) => MARGIN.left + i * band + band / 2;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const valueText = (value: number) => formatDecimal(value, language, money ? 2 : 0);
  const share = (value: number | null) => formatPercent(value === null ? null : value * 100, language, 1);
  const labelChars = Math.floor(band / 7);
  const first = bars[0];
  const topCount = bars.findIndex((r) => (r.cumulativeShare ?? 0) >= 0.8) + 1 || bars.length;
  const open = (code: string) => (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(code);
    }
  };

  return (
    <div ref={ref} className="trend-chart pareto-chart">
      {width > 0 && (
        <svg width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} role="group" aria-labelledby={`${titleId} ${descId}`}>
          <title id={titleId}>{t('improvement.chart.title', { measure: t(`improvement.sorts.${sort}`), from, to })}</title>
          <desc id={descId}>
            {first
              ? t('improvement.chart.desc', { count: rows.length, first: first.cause.label, share: share(first.share), top: topCount, cumulative: share(bars[topCount - 1]?.cumulativeShare ?? null) })
              : t('improvement.chart.empty')}
          </desc>
          <g className="chart-grid" aria-hidden="true">
            {ticks.map((tick) => (
              <g key={tick}>
                <line x1={MARGIN.left} x2={MARGIN.left + plotWidth} y1={y(tick)} y2={y(tick)} className={tick === 0 ? 'chart-zero' : undefined} />
                <text x={MARGIN.left - 8} y={y(tick)} dy="0.32em" textAnchor="end">
                  {valueText(tick)}
                </text>
              </g>
            ))}
            {[0, 0.2, 0.4, 0.6, 0.8, 1].map((s) => (
              <text key={s} x={MARGIN.left + plotWidth + 8} y={yShare(s)} dy="0.32em">
                {formatPercent(s * 100, language)}
              </text>
            ))}
            <line className="pareto-eighty" x1={MARGIN.left} x2={MARGIN.left + plotWidth} y1={yShare(0.8)} y2={yShare(0.8)} />
          </g>
          {bars.map((r, i) => (
            <g
              key={r.cause.code}
              role="button"
              tabIndex={0}
              className={`pareto-bar${r.cause.code === selected ? ' is-selected' : ''}`}
              aria-pressed={r.cause.code === selected}
              aria-label={t('improvement.chart.bar', { cause: r.cause.label, value: valueText(values[i]!), share: share(r.share), cumulative: share(r.cumulativeShare) })}
              data-cause={r.cause.code}
              onClick={() => onSelect(r.cause.code)}
              onKeyDown={open(r.cause.code)}
            >
              <title>{t('improvement.chart.bar', { cause: r.cause.label, value: valueText(values[i]!), share: share(r.share), cumulative: share(r.cumulativeShare) })}</title>
              {/* the whole band answers a click, not only the bar: small bars stay easy to hit */}
              <rect className="pareto-hit" x={x(i) - band / 2} y={MARGIN.top} width={band} height={plotHeight} />
              <rect className="pareto-fill" x={x(i) - barWidth / 2} y={y(values[i]!)} width={barWidth} height={Math.max(0, y(0) - y(values[i]!))} />
              <text className="pareto-rank" x={x(i)} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle">
                {i + 1}
              </text>
              {labelChars >= 6 && (
                <text x={x(i)} y={HEIGHT - MARGIN.bottom + 32} textAnchor="middle">
                  {r.cause.label.length > labelChars ? `${r.cause.label.slice(0, labelChars - 1)}…` : r.cause.label}
                </text>
              )}
            </g>
          ))}
          <g className="pareto-cumulative" aria-hidden="true">
            <polyline points={bars.map((r, i) => `${x(i)},${yShare(r.cumulativeShare ?? 0)}`).join(' ')} />
            {bars.map((r, i) => (
              <circle key={r.cause.code} cx={x(i)} cy={yShare(r.cumulativeShare ?? 0)} r={3.5} />
            ))}
          </g>
        </svg>
      )}
    </div>
  );
}

/** The chart's numbers as a table: each bar's cause, value, share and cumulative share. */
export function ParetoChartTable({ rows, sort }: { rows: ParetoRow[]; sort: ParetoSort }) {
  const t = useT();
  const language = useLanguage();
  const money = sort === 'disputed' || sort === 'refunded';
  const share = (value: number | null) => formatPercent(value === null ? null : value * 100, language, 1);
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">{t('improvement.table.cause')}</th>
          <th scope="col" className="num">{t(`improvement.sorts.${sort}`)}</th>
          <th scope="col" className="num">{t('improvement.table.share')}</th>
          <th scope="col" className="num">{t('improvement.table.cumulativeShare')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={r.cause.code}>
            <td className="num">{i + 1}</td>
            <th scope="row">{r.cause.label}</th>
            <td className="num">{formatDecimal(measureOf(r, sort), language, money ? 2 : 0)}</td>
            <td className="num">{share(r.share)}</td>
            <td className="num">{share(r.cumulativeShare)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
