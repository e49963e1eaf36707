import { useId } from 'react';
import { bucketsOf, formatDay, parseDay, periodOf } from '../../../src/contract/calendar.js';
import { formatDecimal, formatNps } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import { useNpsLabels } from '../nps-labels.js';
import type { ExternalStudy, Interval, NpsReportRow } from '../types.js';
import { useWidth } from './chart-figure.js';

const HEIGHT = 300;
const MARGIN = { top: 24, right: 16, bottom: 34, left: 44 };
/** Colours of the transactional NPS, one per basis (a second basis is a second series). */
const SERIES_COLOURS = ['#1a4f8b', '#6b3fa0'];
/** Colours of the groups compared (one line per team or site). */
const GROUP_COLOURS = ['#1a4f8b', '#b34700', '#0f766e', '#9d174d', '#4d5a00', '#6b3fa0', '#005f99', '#7a4b00'];
/** Colours of the external studies: none of them is the NPS's. */
const STUDY_COLOURS = ['#b34700', '#0f766e', '#9d174d', '#4d5a00'];
/** Vertical room of a study's name, and the width of one of its characters (12 px text). */
const LABEL_GAP = 15;
const LABEL_CHAR = 7;

const DAY_MS = 86_400_000;
const epochDay = (day: string) => Date.parse(day) / DAY_MS;

export interface TrendSeries {
  /** the series' own key: its basis, or its group and basis when compared */
  key: string;
  basis: string;
  colour: string;
  rows: NpsReportRow[];
  /** the group's key when one line is drawn per group */
  group?: string;
}

/**
 * The trend rows as one series per basis: figures on different bases are never joined. Rows
 * without a basis (contacts that had no survey) have no NPS and are left out.
 */
export function seriesOf(rows: readonly NpsReportRow[]): TrendSeries[] {
  // In order of first use: the older basis keeps the first colour.
  const bases = [...new Set(rows.map((r) => r.basis))].filter(Boolean);
  return bases.map((basis, i) => ({
    key: basis,
    basis,
    colour: SERIES_COLOURS[i % SERIES_COLOURS.length]!,
    rows: rows.filter((r) => r.basis === basis),
  }));
}

/** One series per group (team or site) and basis: the lines of a comparison. */
export function groupSeriesOf(rows: readonly NpsReportRow[], dimension: 'team' | 'site'): TrendSeries[] {
  const keys = [...new Set(rows.filter((r) => r.basis !== '' && r.nps !== null).map((r) => `${r[dimension] ?? ''}\u001f${r.basis}`))].sort();
  return keys.map((key, i) => {
    const [group, basis] = key.split('\u001f') as [string, string];
    return {
      key, basis, group, colour: GROUP_COLOURS[i % GROUP_COLOURS.length]!,
      rows: rows.filter((r) => r.basis === basis && String(r[dimension] ?? '') === group),
    };
  });
}

/** The last period with a figure, on any basis; `complete`: the last one whose period is over. */
export function latestOf(series: readonly TrendSeries[], which: 'any' | 'complete' = 'any'): NpsReportRow | undefined {
  return series
    .flatMap((s) => s.rows)
    .filter((r) => r.nps !== null && (which === 'any' || r.complete))
    .sort((a, b) => a.start.localeCompare(b.start))
    .at(-1);
}

export interface StudySeries {
  key: string;
  colour: string;
  label: string;
  studies: ExternalStudy[];
}

/** External studies grouped by firm, study and segment, each group with its colour. */
export function studySeriesOf(studies: readonly ExternalStudy[], segmentName: (segment: string) => string): StudySeries[] {
  const groups = new Map<string, ExternalStudy[]>();
  for (const s of studies) {
    const key = `${s.firm}\u001f${s.study}\u001f${s.segment ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.entries()].map(([key, list], i) => ({
    key,
    colour: STUDY_COLOURS[i % STUDY_COLOURS.length]!,
    label: list[0]!.segment ? `${list[0]!.firm} · ${segmentName(list[0]!.segment)}` : list[0]!.firm,
    studies: list,
  }));
}

/** A scale in round steps that holds every value and zero, within −100…100. */
function yScale(values: number[]): { low: number; high: number; step: number } {
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);
  // At most about ten lines, whatever the spread.
  const step = max - min <= 60 ? 10 : max - min <= 140 ? 20 : 25;
  const low = Math.max(-100, Math.floor(min / step) * step);
  const high = Math.min(100, Math.max(Math.ceil(max / step) * step, low + 2 * step));
  return { low, high, step };
}

/**
 * NPS per period as a line with its 95% confidence band; unreliable points hollow, the segments
 * that reach them dashed. External studies are separate markers over their own period, with their
 * own interval whisker, never joined to the line. Drawn at the element's real width.
 */
export function NpsTrendChart({
  series,
  studies,
  from,
  to,
  interval,
}: {
  series: TrendSeries[];
  studies: StudySeries[];
  from: string;
  to: string;
  interval: Interval;
}) {
  const t = useT();
  const language = useLanguage();
  const labels = useNpsLabels();
  const [ref, width] = useWidth<HTMLDivElement>();
  const titleId = useId();
  const descId = useId();

  const buckets = bucketsOf(parseDay(from)!, parseDay(to)!, interval).buckets;
  // Calendar periods are drawn whole, even when the range clips them: a running month of four days
  // takes a month's room, its point in the month's middle, not squeezed against the month before.
  const whole = interval !== 'day' && interval !== 'rolling28' && interval !== 'total';
  const calendar = (start: string) => (whole ? periodOf(parseDay(start)!, interval) : null);
  const first = whole ? epochDay(formatDay(calendar(from)!.start)) : epochDay(from);
  const last = whole ? epochDay(formatDay(calendar(to)!.end)) + 1 : epochDay(to) + 1;
  // The studies are named in a gutter on the right, off the plot.
  const gutter = studies.length === 0 ? 0 : Math.min(Math.max(...studies.map((s) => s.label.length)) * LABEL_CHAR + 24, width * 0.35);
  const plotWidth = Math.max(width - MARGIN.left - MARGIN.right - gutter, 1);
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (day: number) => MARGIN.left + ((day - first) / (last - first)) * plotWidth;
  // A rolling period is drawn on its last day; the others in their middle.
  const anchor = (row: { start: string; end: string }) => {
    if (interval === 'rolling28') return epochDay(row.end) + 0.5;
    const period = calendar(row.start);
    return period ? (epochDay(formatDay(period.start)) + epochDay(formatDay(period.end)) + 1) / 2 : (epochDay(row.start) + epochDay(row.end) + 1) / 2;
  };

  const allStudies = studies.flatMap((s) => s.studies);
  const studyX = (day: number) => x(Math.min(Math.max(day, first), last));
  const scale = yScale([
    ...series.flatMap((s) => s.rows.flatMap((r) => [r.ci_low, r.ci_high])).filter((v): v is number => v !== null),
    ...allStudies.flatMap((s) => [s.ci95.low, s.ci95.high]),
  ]);
  const y = (nps: number) => MARGIN.top + ((scale.high - nps) / (scale.high - scale.low)) * plotHeight;
  const yTicks = Array.from({ length: Math.round((scale.high - scale.low) / scale.step) + 1 }, (_, i) => scale.low + i * scale.step);
  // Period names never overlap: one is left out when it would touch the one before (12 px text).
  const tickText = (label: string) => labels.period(label, interval, 'short');
  const xTicks: { bucket: (typeof buckets)[number]; at: number; text: string }[] = [];
  const xEvery = Math.max(1, Math.ceil(buckets.length / Math.max(2, Math.floor(plotWidth / 90))));
  buckets.forEach((b, i) => {
    if (i % xEvery !== 0) return;
    const text = tickText(b.label);
    const at = x(anchor({ start: formatDay(b.start), end: formatDay(b.end) }));
    const half = (text.length * LABEL_CHAR) / 2;
    const previous = xTicks.at(-1);
    if (previous && previous.at + (previous.text.length * LABEL_CHAR) / 2 + 8 > at - half) return;
    xTicks.push({ bucket: b, at, text });
  });

  const latest = latestOf(series);
  const point = (r: NpsReportRow) =>
    t('dashboard.trend.point', {
      period: labels.period(r.period, interval),
      nps: formatNps(r.nps, language),
      low: formatNps(r.ci_low, language),
      high: formatNps(r.ci_high, language),
      n: r.n,
    });

  return (
    <div ref={ref} className="trend-chart">
      {width > 0 && (
        <svg width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
          <title id={titleId}>{t('dashboard.trend.chartTitle', { interval: t(`dashboard.intervals.${interval}`), range: labels.range(from, to) })}</title>
          <desc id={descId}>
            {latest ? t('dashboard.trend.latest', { point: point(latest) }) : t('dashboard.trend.empty')}
            {allStudies.length > 0 && ` ${t('dashboard.trend.studiesShown', { count: allStudies.length })}`}
          </desc>
          <g className="chart-grid" aria-hidden="true">
            {yTicks.map((tick) => (
              <g key={tick}>
                <line x1={MARGIN.left} x2={MARGIN.left + plotWidth} y1={y(tick)} y2={y(tick)} className={tick === 0 ? 'chart-zero' : undefined} />
                <text x={MARGIN.left - 8} y={y(tick)} dy="0.32em" textAnchor="end">
                  {formatDecimal(tick, language, 0, true)}
                </text>
              </g>
            ))}
            {xTicks.map(({ bucket, at, text }) => (
              <text key={bucket.label} x={at} y={HEIGHT - MARGIN.bottom + 20} textAnchor="middle">
                {text}
              </text>
            ))}
          </g>
          {series.map((s, i) => (
            <NpsLine key={s.key} series={s} buckets={buckets.map((b) => b.label)} x={(r) => x(anchor(r))} y={y} title={point} running={i === 0 ? t('npsread.running') : null} />
          ))}
          {studies.map((s) => (
            <StudyMarkers key={s.key} series={s} x={studyX} y={y} />
          ))}
          <StudyLabels studies={studies} x={studyX} y={y} left={MARGIN.left + plotWidth + 10} />
        </svg>
      )}
    </div>
  );
}

/** One basis: the band and the line through consecutive periods, broken where a period has no figure. */
function NpsLine({
  series,
  buckets,
  x,
  y,
  title,
  running,
}: {
  series: TrendSeries;
  buckets: string[];
  x: (row: NpsReportRow) => number;
  y: (nps: number) => number;
  title: (row: NpsReportRow) => string;
  /** the word that marks a period still running (written over the first series' running point only) */
  running: string | null;
}) {
  const byPeriod = new Map(series.rows.filter((r) => r.nps !== null).map((r) => [r.period, r]));
  // Runs of consecutive periods with a figure.
  const runs: NpsReportRow[][] = [];
  let run: NpsReportRow[] = [];
  for (const label of buckets) {
    const row = byPeriod.get(label);
    if (row) run.push(row);
    else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);

  return (
    <g style={{ color: series.colour }}>
      {runs.map((r) =>
        r.length > 1 ? (
          <path
            key={`band-${r[0]!.period}`}
            className="chart-band"
            d={`M${r.map((p) => `${x(p)},${y(p.ci_high!)}`).join('L')}L${[...r].reverse().map((p) => `${x(p)},${y(p.ci_low!)}`).join('L')}Z`}
          />
        ) : (
          <line key={`band-${r[0]!.period}`} className="chart-whisker" x1={x(r[0]!)} x2={x(r[0]!)} y1={y(r[0]!.ci_low!)} y2={y(r[0]!.ci_high!)} />
        ),
      )}
      {runs.flatMap((r) =>
        r.slice(1).map((p, i) => (
          <line
            key={`line-${p.period}`}
            className={`chart-line${r[i]!.reliable && p.reliable ? '' : ' is-unreliable'}${p.complete ? '' : ' is-running'}`}
            x1={x(r[i]!)}
            y1={y(r[i]!.nps!)}
            x2={x(p)}
            y2={y(p.nps!)}
          />
        )),
      )}
      {runs.flat().map((p) => (
        <circle key={`point-${p.period}`} className={`chart-point${p.reliable ? '' : ' is-unreliable'}${p.complete ? '' : ' is-running'}`} cx={x(p)} cy={y(p.nps!)} r={4.5}>
          <title>{p.complete || !running ? title(p) : `${title(p)} (${running})`}</title>
        </circle>
      ))}
      {running !== null && runs.flat().filter((p) => !p.complete).map((p) => (
        <text key={`running-${p.period}`} className="chart-running-label" x={x(p)} y={y(p.ci_high ?? p.nps!) - 8} textAnchor="middle" aria-hidden="true">
          {running}
        </text>
      ))}
    </g>
  );
}

/** A firm's studies: a bar over each study's period at its NPS, its interval as a whisker, a diamond. */
function StudyMarkers({ series, x, y }: { series: StudySeries; x: (day: number) => number; y: (nps: number) => number }) {
  const t = useT();
  const language = useLanguage();
  return (
    <g className="chart-study" style={{ color: series.colour }}>
      {series.studies.map((s) => {
        const x1 = x(epochDay(s.period.start));
        const x2 = x(epochDay(s.period.end) + 1);
        const middle = (x1 + x2) / 2;
        const at = y(s.nps);
        return (
          <g key={s.id}>
            <title>
              {t('dashboard.trend.studyPoint', {
                firm: s.firm,
                study: s.study,
                period: s.period.label,
                nps: formatNps(s.nps, language),
                low: formatNps(s.ci95.low, language),
                high: formatNps(s.ci95.high, language),
                n: s.n,
              })}
            </title>
            <line className="chart-study-span" x1={x1 + 2} x2={x2 - 2} y1={at} y2={at} />
            <line className="chart-study-whisker" x1={middle} x2={middle} y1={y(s.ci95.low)} y2={y(s.ci95.high)} />
            <path className="chart-study-marker" d={`M${middle},${at - 6}L${middle + 6},${at}L${middle},${at + 6}L${middle - 6},${at}Z`} />
          </g>
        );
      })}
    </g>
  );
}

/**
 * Each study series named in the gutter right of the plot, level with its latest marker, the names
 * moved apart vertically so none covers another; a dotted leader joins name and marker.
 */
function StudyLabels({ studies, x, y, left }: { studies: StudySeries[]; x: (day: number) => number; y: (nps: number) => number; left: number }) {
  const labels = studies
    .map((s) => {
      const latest = s.studies.at(-1)!;
      const at = y(latest.nps);
      return { s, end: x(epochDay(latest.period.end) + 1), marker: at, at };
    })
    .sort((a, b) => a.at - b.at);
  labels.forEach((label, i) => {
    if (i > 0) label.at = Math.max(label.at, labels[i - 1]!.at + LABEL_GAP);
  });
  return (
    <g aria-hidden="true">
      {labels.map(({ s, end, marker, at }) => (
        <g key={s.key} style={{ color: s.colour }}>
          <polyline className="chart-study-leader" points={`${end},${marker} ${left - 14},${marker} ${left - 4},${at}`} />
          <text className="chart-study-label" x={left} y={at} dy="0.32em">
            {s.label}
          </text>
        </g>
      ))}
    </g>
  );
}
