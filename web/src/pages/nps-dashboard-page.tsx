import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError, type QueryValues } from '../api.js';
import { NpsBreakdown } from '../components/nps-breakdown.js';
import { NpsDrivers } from '../components/nps-drivers.js';
import { NpsFilters, type DimensionOptions } from '../components/nps-filters.js';
import { NpsTopics, type TopicData } from '../components/nps-topics.js';
import { NpsTrend, type Compare } from '../components/nps-trend.js';
import { NpsVerbatims, type Drill } from '../components/nps-verbatims.js';
import { useLanguage, useT } from '../i18n/index.js';
import { NpsNames, type NameOf } from '../nps-labels.js';
import { MAX_REPORT_PERIODS, parseDay, periodCount } from '../../../src/contract/calendar.js';
import { breakdownParams, breakdownRange, NAMED_DIMENSIONS, parseView, rangeParams, readerOf, serializeView, type Filters, type NpsScope, type NpsView } from '../nps-view.js';
import type { Dimension, NpsReport } from '../types.js';
import { useLoad } from '../use-load.js';
import { errorMessage } from '../error-message.js';

/** The problem the server answers a range of too many periods with, worded the same way without asking it. */
const tooManyPeriods = (periods: number) =>
  new ApiError({ type: 'https://ecoute.lu/problems/too-many-periods', title: 'Invalid request', status: 400, detail: '', params: { periods, max: MAX_REPORT_PERIODS } });

const keyOf = (params: QueryValues) => JSON.stringify(params);

/** The keys of the named dimensions the reader may use over the range, with their names: the filters' choices. */
async function dimensionOptions(from: string, to: string, dimensions: readonly Dimension[]): Promise<DimensionOptions> {
  const named = NAMED_DIMENSIONS.filter((d) => dimensions.includes(d));
  const reports = await Promise.all(named.map((d) => api.nps({ from, to, interval: 'total', groupBy: d })));
  const options: DimensionOptions = {};
  named.forEach((d, i) => {
    const names = new Map(reports[i]!.rows.map((row) => [String(row[d] ?? ''), String(row[`${d}_name`] ?? '')]));
    options[d] = [...names].map(([key, name]) => ({ key, name })).sort((a, b) => (a.key === '' ? 1 : b.key === '' ? -1 : a.name.localeCompare(b.name)));
  });
  return options;
}

/**
 * The NPS dashboard for CX managers, team leads and the management committee: the trend with its
 * confidence band and the external studies beside it, the breakdown by one or two dimensions, the
 * topics of the comments and the drivers of NPS, and the comments behind any figure. The view
 * lives in the address (`query`), so it can be shared and reloaded.
 */
export function NpsDashboardPage({
  query,
  scope,
  canReadStudies,
  onQuery,
}: {
  query: string;
  /** whose figures the reader sees, as the server told it (GET /auth/me) */
  scope: NpsScope;
  canReadStudies: boolean;
  onQuery: (query: string) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const reader = useMemo(() => readerOf(scope), [scope.teams, scope.advisors]);
  const view = useMemo(() => parseView(query, reader), [query, reader]);
  const setView = (next: NpsView) => onQuery(serializeView(next, reader));
  // Counted before anything is asked or drawn: a range of more periods than a report has is refused here.
  const periods = periodCount(parseDay(view.from)!, parseDay(view.to)!, view.interval);
  const tooMany = periods > MAX_REPORT_PERIODS;
  const unless = (key: string) => (tooMany ? null : key);
  const [drill, setDrill] = useState<Drill | null>(null);
  // One line per team or site on demand; those who see their own team compare its sites only (never named colleagues).
  const [compare, setCompare] = useState<Compare>('');
  const compareChoices = (['team', 'site'] as const).filter((d) => reader.dimensions.includes(d) && !(d === 'team' && reader.ownTeam));

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const trendQuery = rangeParams(view, view.interval);
  const tableQuery = breakdownParams(view);
  const rangeQuery = rangeParams(view);
  const segment = view.filters.segment || undefined;
  const options = useLoad(`${view.from}/${view.to}`, () => dimensionOptions(view.from, view.to, reader.dimensions));
  const reasons = useLoad(language, () => api.reasons(language).then(({ items }) => new Map(items.map((r) => [r.code, r.label]))));
  const trend = useLoad(unless(keyOf(trendQuery)), () => api.nps(trendQuery));
  const studies = useLoad(canReadStudies ? `${view.from}/${view.to}/${segment}` : null, () =>
    api.studies({ from: view.from, to: view.to, segment }).then((answer) => answer.items),
  );
  const compareQuery = { ...trendQuery, groupBy: compare };
  const compared = useLoad<NpsReport>(compare === '' ? null : unless(keyOf(compareQuery)), () => api.nps(compareQuery));
  const breakdown = useLoad<NpsReport>(unless(keyOf(tableQuery)), () => api.nps(tableQuery));
  const topics = useLoad<TopicData>(unless(keyOf(trendQuery)), async () => {
    const [totals, trends] = await Promise.all([
      api.npsTopics({ ...rangeQuery, interval: 'total' }),
      view.interval === 'total' ? undefined : api.npsTopics(trendQuery),
    ]);
    return { totals: totals.rows, trends: (trends ?? totals).rows };
  });
  const drivers = useLoad(unless(keyOf(rangeQuery)), () => api.npsDrivers(rangeQuery).then((answer) => answer.rows));

  const loading = [options, trend, breakdown, topics, drivers].some((l) => l.loading);
  // The reliability threshold is the server's; the drivers' answer does not carry it.
  const minResponses = (trend.data ?? breakdown.data)?.minResponses ?? 0;
  const names = useCallback<NameOf>(
    (dimension, key) => (dimension === 'reason' ? reasons.data?.get(key) : options.data?.[dimension]?.find((o) => o.key === key)?.name),
    [reasons.data, options.data],
  );
  const openRange = (title: string, filters: Filters, topic?: string) => setDrill({ title, from: view.from, to: view.to, filters, topic });

  return (
    <NpsNames.Provider value={names}>
      <div className="page nps-dashboard">
        <div className="page-head">
          <h1 ref={headingRef} tabIndex={-1}>
            {t('dashboard.title')}
          </h1>
          <p className="muted">{t('dashboard.intro')}</p>
        </div>
        <p className="visually-hidden" aria-live="polite">
          {loading ? t('dashboard.loading') : t('dashboard.loaded')}
        </p>
        <NpsFilters view={view} options={options.data} reader={reader} onChange={setView} onReset={() => onQuery('')} />
        {scope.advisors === 'self' && <p className="muted own-figures">{t('dashboard.ownFigures')}</p>}
        {tooMany ? (
          <p className="notice notice-error" role="alert">
            {errorMessage(tooManyPeriods(periods), t)}
          </p>
        ) : (
          <>
            <NpsTrend
              trend={trend}
              studies={canReadStudies ? studies : null}
              from={view.from}
              to={view.to}
              interval={view.interval}
              csvUrl={api.npsCsvUrl({ ...(compare === '' ? trendQuery : compareQuery), lang: language })}
              compare={compare}
              compareChoices={compareChoices}
              compared={compare === '' ? null : compared}
              onCompare={setCompare}
            />
            <NpsBreakdown
              loaded={breakdown}
              groupBy={view.groupBy}
              interval={breakdownRange(view).interval}
              table={view.interval === 'total' ? null : view.table}
              onTable={(table) => setView({ ...view, table })}
              csvUrl={api.npsCsvUrl({ ...tableQuery, lang: language })}
              onOpen={(row, name) =>
                setDrill({
                  title: name,
                  from: row.start,
                  to: row.end,
                  filters: { ...view.filters, ...Object.fromEntries(view.groupBy.map((d) => [d, String(row[d] ?? '')])) },
                })
              }
            />
            <div className="dashboard-columns">
              <NpsTopics loaded={topics} from={view.from} to={view.to} interval={view.interval} onOpen={(topic, name) => openRange(name, view.filters, topic)} />
              <NpsDrivers
                loaded={drivers}
                minResponses={minResponses}
                onOpen={(driver, name) =>
                  driver.kind === 'topic' ? openRange(name, view.filters, driver.key) : openRange(name, { ...view.filters, reason: driver.key })
                }
              />
            </div>
          </>
        )}
        {drill && <NpsVerbatims key={JSON.stringify(drill)} drill={drill} onClose={() => setDrill(null)} />}
      </div>
    </NpsNames.Provider>
  );
}
