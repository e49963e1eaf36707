import { useState } from 'react';
import { useT } from '../i18n/index.js';
import { useNpsLabels } from '../nps-labels.js';
import type { ExternalStudy, Interval, NpsReport } from '../types.js';
import type { Loaded } from '../use-load.js';
import { ChartFigure } from './chart-figure.js';
import { LoadState } from './load-state.js';
import { NpsChange, NpsInterval, NpsValue, UnreliableBadge } from './nps-figures.js';
import { latestOf, NpsTrendChart, seriesOf, studySeriesOf, type StudySeries, type TrendSeries } from './nps-trend-chart.js';

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
}: {
  trend: Loaded<NpsReport>;
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
  const studySeries = studySeriesOf(studies?.data ?? [], (segment) => labels.group('segment', segment));
  const shown = showStudies ? studySeries : [];

  return (
    <section className="panel dashboard-panel nps-trend" aria-labelledby="nps-trend-title" aria-busy={trend.loading || studies?.loading}>
      <div className="panel-head">
        <h2 id="nps-trend-title">{t('dashboard.trend.title')}</h2>
        <a className="button button-secondary button-small" href={csvUrl} download>
          {t('dashboard.exportCsv')}
        </a>
      </div>
      <LoadState loaded={trend} empty={series.length === 0} emptyText={t('dashboard.trend.empty')} />
      {report && series.length > 0 && (
        <ChartFigure
          label={t('dashboard.trend.title')}
          caption={<LatestFigure series={series} interval={interval} minResponses={report.minResponses} />}
          chart={<NpsTrendChart series={series} studies={shown} from={from} to={to} interval={interval} />}
          table={<TrendTables series={series} studies={shown} interval={interval} minResponses={report.minResponses} />}
          legend={<TrendLegend series={series} studies={shown} minResponses={report.minResponses} />}
        />
      )}
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

/** The headline: the latest period's NPS, its interval, its responses and its change. */
function LatestFigure({ series, interval, minResponses }: { series: TrendSeries[]; interval: Interval; minResponses: number }) {
  const t = useT();
  const labels = useNpsLabels();
  const latest = latestOf(series);
  if (!latest) return null;
  return (
    <p className="latest-figure">
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
  );
}

function TrendLegend({ series, studies, minResponses }: { series: TrendSeries[]; studies: StudySeries[]; minResponses: number }) {
  const t = useT();
  const labels = useNpsLabels();
  return (
    <ul className="chart-legend">
      {series.map((s) => (
        <li key={s.basis} style={{ color: s.colour }}>
          <svg width="28" height="14" aria-hidden="true">
            <rect x="0" y="1" width="28" height="12" className="chart-band" />
            <line x1="0" x2="28" y1="7" y2="7" className="chart-line" />
            <circle cx="14" cy="7" r="4" className="chart-point" />
          </svg>
          <span>{series.length > 1 ? t('dashboard.trend.npsOfBasis', { basis: labels.basis(s.basis) }) : t('dashboard.trend.nps')}</span>
        </li>
      ))}
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
function TrendTables({ series, studies, interval, minResponses }: { series: TrendSeries[]; studies: StudySeries[]; interval: Interval; minResponses: number }) {
  const t = useT();
  const labels = useNpsLabels();
  const rows = series.flatMap((s) => s.rows).sort((a, b) => a.start.localeCompare(b.start) || a.basis.localeCompare(b.basis));
  const list = studies.flatMap((s) => s.studies);
  return (
    <>
      <div className="table-scroll" role="region" aria-label={t('dashboard.trend.title')} tabIndex={0}>
        <table className="data-table nps-trend-table">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.columns.period')}</th>
              {series.length > 1 && <th scope="col">{t('nps.basis')}</th>}
              <th scope="col" className="num">{t('dashboard.columns.n')}</th>
              <th scope="col" className="num">{t('dashboard.columns.nps')}</th>
              <th scope="col" className="num">{t('dashboard.columns.ci')}</th>
              <th scope="col" className="num">{t('dashboard.columns.change')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.period}:${r.basis}`}>
                <th scope="row" className="nowrap">{labels.period(r.period, interval)}</th>
                {series.length > 1 && <td className="nps-basis">{labels.basis(r.basis)}</td>}
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
