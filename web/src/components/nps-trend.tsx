import { useState } from 'react';
import { useT } from '../i18n/index.js';
import { useNpsLabels } from '../nps-labels.js';
import type { ExternalStudy, Interval, NpsReport, NpsReportRow } from '../types.js';
import type { Loaded } from '../use-load.js';
import { ChartFigure } from './chart-figure.js';
import { LoadState } from './load-state.js';
import { NpsChange, NpsInterval, NpsValue, RunningBadge, UnreliableBadge } from './nps-figures.js';
import { groupSeriesOf, latestOf, NpsTrendChart, seriesOf, studySeriesOf, type StudySeries, type TrendSeries } from './nps-trend-chart.js';
import { NpsComposition } from './nps-composition.js';

/** What the trend may be compared by: one line per team or per site. */
export type Compare = '' | 'team' | 'site';


/**
 * The trend panel: NPS per period with its confidence band, the external studies beside it (when
 * the reader may see them), the same numbers as tables, and the rows as CSV.
 */
export function NpsTrend({
  trend,
  studies,
  from,
  to,
  interval,
  csvUrl,
  compare,
  compareChoices,
  compared,
  onCompare,
}: {
  trend: Loaded<NpsReport>;
  /** the dimension the trend is compared by ('' : none), the ones offered, and the report per group */
  compare: Compare;
  compareChoices: readonly Exclude<Compare, ''>[];
  compared: Loaded<NpsReport> | null;
  onCompare: (compare: Compare) => void;
  /** null: the reader may not see external studies */
  studies: Loaded<ExternalStudy[]> | null;
  from: string;
  to: string;
  interval: Interval;
  csvUrl: string;
}) {
  const t = useT();
  const labels = useNpsLabels();
  const [showStudies, setShowStudies] = useState(true);
  const report = trend.data;
  const series = seriesOf(report?.rows ?? []);
  const groups = compare !== '' && compared?.data ? groupSeriesOf(compared.data.rows, compare) : null;
  const drawn = groups ?? series;
  const studySeries = studySeriesOf(studies?.data ?? [], (segment) => labels.group('segment', segment));
  const shown = showStudies ? studySeries : [];

  return (
    <section className="panel dashboard-panel nps-trend" aria-labelledby="nps-trend-title" aria-busy={trend.loading || studies?.loading}>
      <div className="panel-head">
        <h2 id="nps-trend-title">{t('dashboard.trend.title')}</h2>
        {compareChoices.length > 0 && (
          <label className="trend-compare">
            <span>{t('npsread.compare.label')}</span>
            <select value={compare} onChange={(e) => onCompare(e.target.value as Compare)}>
              <option value="">{t('npsread.compare.none')}</option>
              {compareChoices.map((d) => (
                <option key={d} value={d}>
                  {t(`npsread.compare.${d}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <a className="button button-secondary button-small" href={csvUrl} download>
          {t('dashboard.exportCsv')}
        </a>
      </div>
      <LoadState loaded={trend} empty={series.length === 0} emptyText={t('dashboard.trend.empty')} />
      {report && series.length > 0 && (
        <ChartFigure
          label={t('dashboard.trend.title')}
          caption={<LatestFigure series={series} interval={interval} minResponses={report.minResponses} />}
          chart={<NpsTrendChart series={drawn} studies={groups ? [] : shown} from={from} to={to} interval={interval} />}
          table={<TrendTables series={drawn} studies={groups ? [] : shown} interval={interval} minResponses={report.minResponses} compare={groups ? compare : ''} />}
          legend={<TrendLegend series={drawn} studies={groups ? [] : shown} minResponses={report.minResponses} compare={groups ? compare : ''} />}
        />
      )}
      {compare !== '' && compared && <LoadState loaded={compared} failed="npsread.compare.failed" />}
      {report && series.length > 0 && <Composition series={series} interval={interval} />}
      {series.length > 1 && (
        <p className="notice notice-info" role="note">
          {t('dashboard.trend.basisNote')}
        </p>
      )}
      {series.length > 0 && studySeries.length > 0 && (
        <div className="studies-note">
          <label className="checkbox">
            <input type="checkbox" checked={showStudies} onChange={(e) => setShowStudies(e.target.checked)} />
            {t('dashboard.trend.showStudies')}
          </label>
          <p className="table-note">{t('dashboard.trend.studiesNote')}</p>
        </div>
      )}
      {studies?.error !== undefined && <LoadState loaded={studies} failed="dashboard.trend.studiesFailed" />}
    </section>
  );
}

/** The shares and scores under the headline's figure. */
function Composition({ series, interval }: { series: TrendSeries[]; interval: Interval }) {
  const headline = latestOf(series, 'complete') ?? latestOf(series);
  if (!headline) return null;
  return <NpsComposition headline={headline} rows={series.flatMap((s) => s.rows)} interval={interval} />;
}

/**
 * The headline: the last complete period's NPS, its interval, its responses and its change; the
 * running period beside it, marked as such (its figures will move). Without a complete period in the
 * range, the running one, marked.
 */
function LatestFigure({ series, interval, minResponses }: { series: TrendSeries[]; interval: Interval; minResponses: number }) {
  const t = useT();
  const labels = useNpsLabels();
  const complete = latestOf(series, 'complete');
  const newest = latestOf(series);
  const latest = complete ?? newest;
  if (!latest) return null;
  const running = newest && !newest.complete ? newest : null;
  return (
    <div className="latest-block">
    <p className="latest-figure" data-complete={latest.complete}>
      <span className="latest-kind">{latest.complete ? t('npsread.lastComplete') : <RunningBadge />}</span>
      <span className="latest-period">{labels.period(latest.period, interval)}</span>
      <span className="latest-nps">
        <span className="visually-hidden">{t('dashboard.columns.nps')} </span>
        <NpsValue value={latest.nps} />
      </span>
      <span className="latest-facts">
        {t('dashboard.columns.ci')} <NpsInterval low={latest.ci_low} high={latest.ci_high} /> · n = {latest.n} ·{' '}
        <NpsChange row={latest} interval={interval} />
      </span>
      {!latest.reliable && <UnreliableBadge min={minResponses} />}
    </p>
    {running && running !== latest && (
      <p className="latest-running">
        <RunningBadge /> {t('npsread.runningBeside', { period: labels.period(running.period, interval) })} <NpsValue value={running.nps} /> · n = {running.n}
      </p>
    )}
    {!complete && <p className="muted latest-running">{t('npsread.noComplete')}</p>}
    </div>
  );
}

function TrendLegend({ series, studies, minResponses, compare }: { series: TrendSeries[]; studies: StudySeries[]; minResponses: number; compare: Compare }) {
  const t = useT();
  const labels = useNpsLabels();
  const bases = new Set(series.map((s) => s.basis)).size;
  const name = (s: TrendSeries) =>
    compare !== '' && s.group !== undefined
      ? `${labels.group(compare, s.group)}${bases > 1 ? ` · ${labels.basis(s.basis)}` : ''}`
      : series.length > 1 ? t('dashboard.trend.npsOfBasis', { basis: labels.basis(s.basis) }) : t('dashboard.trend.nps');
  return (
    <ul className="chart-legend">
      {series.map((s) => (
        <li key={s.key} style={{ color: s.colour }} data-series={s.group ?? s.basis}>
          <svg width="28" height="14" aria-hidden="true">
            <rect x="0" y="1" width="28" height="12" className="chart-band" />
            <line x1="0" x2="28" y1="7" y2="7" className="chart-line" />
            <circle cx="14" cy="7" r="4" className="chart-point" />
          </svg>
          <span>{name(s)}</span>
        </li>
      ))}
      {series.some((s) => s.rows.some((r) => !r.complete && r.nps !== null)) && (
        <li style={{ color: series[0]?.colour }}>
          <svg width="28" height="14" aria-hidden="true">
            <line x1="0" x2="28" y1="7" y2="7" className="chart-line is-running" />
            <circle cx="14" cy="7" r="4" className="chart-point is-running" />
          </svg>
          <span>{t('npsread.legendRunning')}</span>
        </li>
      )}
      <li style={{ color: series[0]?.colour }}>
        <svg width="28" height="14" aria-hidden="true">
          <line x1="0" x2="28" y1="7" y2="7" className="chart-line is-unreliable" />
          <circle cx="14" cy="7" r="4" className="chart-point is-unreliable" />
        </svg>
        <span>{t('dashboard.trend.unreliablePoint', { min: minResponses })}</span>
      </li>
      {studies.map((s) => (
        <li key={s.key} style={{ color: s.colour }}>
          <svg width="28" height="14" aria-hidden="true">
            <line x1="2" x2="26" y1="7" y2="7" className="chart-study-span" />
            <path d="M14,1L20,7L14,13L8,7Z" className="chart-study-marker" />
          </svg>
          <span>{t('dashboard.trend.studyLegend', { name: s.label, study: s.studies[0]!.study })}</span>
        </li>
      ))}
    </ul>
  );
}

/** The chart's numbers: the transactional NPS per period, then the external studies apart. */
function TrendTables({
  series, studies, interval, minResponses, compare,
}: { series: TrendSeries[]; studies: StudySeries[]; interval: Interval; minResponses: number; compare: Compare }) {
  const t = useT();
  const labels = useNpsLabels();
  const groupOf = (r: NpsReportRow) => (compare === '' ? '' : String(r[compare] ?? ''));
  const rows = series
    .flatMap((s) => s.rows)
    .filter((r) => compare === '' || r.nps !== null)
    .sort((a, b) => a.start.localeCompare(b.start) || groupOf(a).localeCompare(groupOf(b)) || a.basis.localeCompare(b.basis));
  const bases = new Set(series.map((s) => s.basis)).size;
  const list = studies.flatMap((s) => s.studies);
  return (
    <>
      <div className="table-scroll" role="region" aria-label={t('dashboard.trend.title')} tabIndex={0}>
        <table className="data-table nps-trend-table">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.columns.period')}</th>
              {compare !== '' && <th scope="col">{t('npsread.compare.group')}</th>}
              {bases > 1 && <th scope="col">{t('nps.basis')}</th>}
              <th scope="col" className="num">{t('dashboard.columns.n')}</th>
              <th scope="col" className="num">{t('dashboard.columns.nps')}</th>
              <th scope="col" className="num">{t('dashboard.columns.ci')}</th>
              <th scope="col" className="num">{t('dashboard.columns.change')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.period}:${groupOf(r)}:${r.basis}`} data-complete={r.complete} data-group={compare === '' ? undefined : groupOf(r)}>
                <th scope="row" className="nowrap">
                  {labels.period(r.period, interval)}
                  {!r.complete && <> <RunningBadge /></>}
                </th>
                {compare !== '' && <td>{labels.group(compare, groupOf(r))}</td>}
                {bases > 1 && <td className="nps-basis">{labels.basis(r.basis)}</td>}
                <td className="num">{r.n}</td>
                <td className="num nps-value">
                  <NpsValue value={r.nps} />
                  {!r.reliable && <UnreliableBadge min={minResponses} />}
                </td>
                <td className="num nowrap"><NpsInterval low={r.ci_low} high={r.ci_high} /></td>
                <td className="num"><NpsChange row={r} interval={interval} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.length > 0 && (
        <div className="table-scroll" role="region" aria-label={t('dashboard.trend.studies')} tabIndex={0}>
          <table className="data-table studies-table">
            <caption>{t('dashboard.trend.studies')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.trend.firm')}</th>
                <th scope="col">{t('dashboard.trend.study')}</th>
                <th scope="col">{t('dashboard.columns.period')}</th>
                <th scope="col" className="num">{t('dashboard.columns.n')}</th>
                <th scope="col" className="num">{t('dashboard.columns.nps')}</th>
                <th scope="col" className="num">{t('dashboard.columns.ci')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.firm}</th>
                  <td>
                    {s.study}
                    {s.segment && <span className="muted"> · {labels.group('segment', s.segment)}</span>}
                  </td>
                  <td className="nowrap">{s.period.label}</td>
                  <td className="num">{s.n}</td>
                  <td className="num"><NpsValue value={s.nps} /></td>
                  <td className="num nowrap"><NpsInterval low={s.ci95.low} high={s.ci95.high} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
