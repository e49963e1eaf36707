import { useEffect, useMemo, useRef } from 'react';
import { MAX_ANALYSIS_DAYS, MAX_CHART_DAYS } from '../../../src/contract/analysis.js';
import { analysisApi } from '../api-analysis.js';
import { ApiError } from '../api.js';
import { CauseControlChart } from '../components/cause-control-chart.js';
import { CauseItemsPanel } from '../components/cause-items-panel.js';
import { ChartFigure } from '../components/chart-figure.js';
import { LoadState } from '../components/load-state.js';
import { MAX_BARS, ParetoChart, ParetoChartTable } from '../components/pareto-chart.js';
import { ParetoFilters } from '../components/pareto-filters.js';
import { ParetoTable } from '../components/pareto-table.js';
import { errorMessage } from '../error-message.js';
import { formatCalendarDay, formatDateTime } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import { daysIn, filterParams, parseParetoView, serializeParetoView, type ParetoView } from '../pareto-view.js';
import type { User } from '../types.js';
import { useReaderTeam } from '../use-case-references.js';
import { useLoad } from '../use-load.js';
import { linkTo, type Route } from '../use-route.js';

/** The problem the server answers a period too long with, worded the same way without asking it. */
const periodTooLong = (days: number, max: number) =>
  new ApiError({ type: 'https://ecoute.lu/problems/period-too-long', title: 'Invalid request', status: 400, detail: '', params: { days, max } });

/**
 * The Pareto board (docs/improvement.md, "Pareto"): the causes of complaints, detractors and repeat
 * contacts over a period as bars with their cumulative share, the same as a table with their costs
 * and rate, a CSV of it; a cause chosen opens what is behind it and its control chart. The view lives
 * in the address (`query`), so it can be shared and reloaded.
 */
export function ParetoPage({ user, query, onQuery, navigate }: { user: User; query: string; onQuery: (query: string) => void; navigate: (route: Route) => void }) {
  const t = useT();
  const language = useLanguage();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const view = useMemo(() => parseParetoView(query), [query]);
  const setView = (next: ParetoView) => onQuery(serializeParetoView(next));
  const team = useReaderTeam(user.id, true);
  useEffect(() => headingRef.current?.focus(), []);

  const days = daysIn(view.from, view.to);
  const tooLong = days > MAX_ANALYSIS_DAYS;
  const params = filterParams(view);
  const paretoParams = { ...params, level: view.level || undefined, sort: view.sort, lang: language };
  const pareto = useLoad(tooLong ? null : JSON.stringify(paretoParams), () => analysisApi.pareto(paretoParams));
  const rows = pareto.data?.rows ?? [];
  // The server pins a team lead's figures to their team: it says so in the filters it answers with.
  const forcedTeam = view.team === undefined ? pareto.data?.filters.team : undefined;
  const selected = view.cause !== undefined ? rows.find((r) => r.cause.code === view.cause) : undefined;
  const chartParams = { ...params, cause: view.cause, interval: view.interval, measure: view.measure, lang: language };
  const chart = useLoad(view.cause === undefined || days > MAX_CHART_DAYS ? null : JSON.stringify(chartParams), () => analysisApi.controlChart(chartParams));
  const select = (code: string) => setView({ ...view, cause: code === view.cause ? undefined : code });

  return (
    <div className="page pareto-board">
      <div className="page-head">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('improvement.title')}
        </h1>
        <p className="muted">{t('improvement.intro')}</p>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {pareto.loading ? t('improvement.loading') : t('improvement.loaded')}
      </p>
      <ParetoFilters view={view} teams={team?.teams ?? []} forcedTeam={forcedTeam} onChange={setView} onReset={() => onQuery('')} />
      {tooLong ? (
        <p className="notice notice-error" role="alert">
          {errorMessage(periodTooLong(days, MAX_ANALYSIS_DAYS), t)}
        </p>
      ) : (
        <section className="panel dashboard-panel" aria-labelledby="pareto-title" aria-busy={pareto.loading}>
          <div className="panel-head">
            <h2 id="pareto-title">{t('improvement.chart.title', { measure: t(`improvement.sorts.${view.sort}`), from: formatCalendarDay(view.from, language), to: formatCalendarDay(view.to, language) })}</h2>
            <a className="button button-secondary button-small" href={analysisApi.paretoCsvUrl(paretoParams)} download>
              {t('improvement.table.csv')}
            </a>
          </div>
          <LoadState loaded={pareto} empty={rows.length === 0} emptyText={t('improvement.chart.empty')} failed="improvement.failed" />
          {pareto.data && rows.length > 0 && (
            <>
              <ChartFigure
                label={t('improvement.chart.label')}
                chart={<ParetoChart rows={rows} sort={view.sort} from={formatCalendarDay(view.from, language)} to={formatCalendarDay(view.to, language)} selected={view.cause} onSelect={select} />}
                table={<ParetoChartTable rows={rows} sort={view.sort} />}
                legend={
                  <ul className="chart-legend">
                    <li>
                      <svg width="14" height="14" aria-hidden="true"><rect className="pareto-fill" width="14" height="14" /></svg>
                      <span>{t('improvement.chart.legendBars', { measure: t(`improvement.sorts.${view.sort}`) })}</span>
                    </li>
                    <li>
                      <svg width="22" height="10" aria-hidden="true" className="pareto-cumulative"><polyline points="0,5 22,5" /></svg>
                      <span>{t('improvement.chart.legendLine')}</span>
                    </li>
                    <li>
                      <svg width="22" height="10" aria-hidden="true"><line className="pareto-eighty" x1="0" x2="22" y1="5" y2="5" /></svg>
                      <span>{t('improvement.chart.legend80')}</span>
                    </li>
                  </ul>
                }
              />
              {rows.length > MAX_BARS && <p className="muted table-note">{t('improvement.chart.others', { shown: MAX_BARS, rest: rows.length - MAX_BARS })}</p>}
              <ParetoTable pareto={pareto.data} selected={view.cause} onSelect={select} />
              <p className="muted table-note">{t('improvement.table.base', { customers: pareto.data.base.customers, at: formatDateTime(pareto.data.base.at, language) })}</p>
            </>
          )}
        </section>
      )}
      {selected && !tooLong && (
        <div className="pareto-cause">
          {user.abilities.includes('action.edit') && (
            <p className="pareto-cause-action">
              <a className="button button-primary" {...linkTo({ page: 'actions', query: `cause=${encodeURIComponent(selected.cause.code)}` }, navigate)}>
                {t('improvement.createAction', { cause: selected.cause.label })}
              </a>
            </p>
          )}
          <CauseItemsPanel
            cause={selected.cause.code}
            label={selected.cause.label}
            params={params}
            kind={view.kind}
            abilities={user.abilities}
            onKind={(kind) => setView({ ...view, kind })}
            onClose={() => setView({ ...view, cause: undefined })}
            navigate={navigate}
          />
          <CauseControlChart
            label={selected.cause.label}
            loaded={chart}
            interval={view.interval}
            measure={view.measure}
            csvUrl={analysisApi.controlChartCsvUrl(chartParams)}
            onInterval={(interval) => setView({ ...view, interval })}
            onMeasure={(measure) => setView({ ...view, measure })}
          />
        </div>
      )}
    </div>
  );
}
