import { bucketsOf, parseDay } from '../../../src/contract/calendar.js';
import { formatNps, formatPercent } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import { useNpsLabels } from '../nps-labels.js';
import type { Interval, TopicRow } from '../types.js';
import type { Loaded } from '../use-load.js';
import { ChartFigure } from './chart-figure.js';
import { LoadState } from './load-state.js';

export interface TopicData {
  /** each topic over the whole range */
  totals: TopicRow[];
  /** each topic per period */
  trends: TopicRow[];
}

const SPARK = { width: 120, height: 28 };

/**
 * What the comments talk about: the share of responses that mention each topic over the range
 * (bars), how it moved per period (small multiples on one scale), and the NPS of those who
 * mention it. A topic opens its comments.
 */
export function NpsTopics({
  loaded,
  from,
  to,
  interval,
  onOpen,
}: {
  loaded: Loaded<TopicData>;
  from: string;
  to: string;
  interval: Interval;
  /** a topic was chosen: its comments, with its name */
  onOpen: (topic: string, name: string) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const labels = useNpsLabels();
  const totals = loaded.data?.totals ?? [];
  const trends = loaded.data?.trends ?? [];
  const periods = bucketsOf(parseDay(from)!, parseDay(to)!, interval).buckets.map((b) => b.label);
  const showBasis = new Set(totals.map((r) => r.basis)).size > 1;
  const name = (row: TopicRow) => (showBasis ? `${labels.topic(row.topic)} (${labels.basis(row.basis)})` : labels.topic(row.topic));
  const maxShare = Math.max(...totals.map((r) => r.share ?? 0), 1);
  const maxTrend = Math.max(...trends.map((r) => r.share ?? 0), 1);
  const byPeriod = new Map(trends.map((r) => [`${r.period}\u001f${r.topic}\u001f${r.basis}`, r.share ?? 0]));
  /** the topic's share in a period: 0 when no comment of the period mentions it */
  const shareIn = (row: TopicRow, period: string) => byPeriod.get(`${period}\u001f${row.topic}\u001f${row.basis}`) ?? 0;

  const chart = (
    <ul className="topic-list">
      {totals.map((row) => (
        <li key={`${row.topic}:${row.basis}`} className="topic-row">
          <button type="button" className="link-button topic-open" onClick={() => onOpen(row.topic, labels.topic(row.topic))}>
            {name(row)}
          </button>
          <span className="share-bar" aria-hidden="true">
            <span style={{ width: `${((row.share ?? 0) / maxShare) * 100}%` }} />
          </span>
          <span className="topic-share">{formatPercent(row.share, language, 1)}</span>
          {periods.length > 1 && (
            <Sparkline values={periods.map((period) => shareIn(row, period))} max={maxTrend} label={t('dashboard.topics.trendOf', { topic: name(row) })} />
          )}
          <span className="topic-facts muted">
            {t('dashboard.topics.facts', {
              count: row.mentions,
              negative: formatPercent(row.negativeShare, language),
              nps: formatNps(row.nps, language),
            })}
          </span>
        </li>
      ))}
    </ul>
  );

  const table = (
    <div className="table-scroll" role="region" aria-label={t('dashboard.topics.title')} tabIndex={0}>
      <table className="data-table topic-table">
        <thead>
          <tr>
            <th scope="col">{t('dashboard.columns.period')}</th>
            {totals.map((row) => (
              <th key={`${row.topic}:${row.basis}`} scope="col" className="num">
                {name(row)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...periods.map((period) => ({ period, label: labels.period(period, interval) })), { period: null, label: t('dashboard.topics.wholeRange') }].map(
            ({ period, label }) => (
              <tr key={period ?? 'total'}>
                <th scope="row" className="nowrap">{label}</th>
                {totals.map((row) => (
                  <td key={`${row.topic}:${row.basis}`} className="num">
                    {formatPercent(period === null ? row.share : shareIn(row, period), language, 1)}
                  </td>
                ))}
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );

  return (
    <section className="panel dashboard-panel nps-topics" aria-labelledby="nps-topics-title" aria-busy={loaded.loading}>
      <h2 id="nps-topics-title">{t('dashboard.topics.title')}</h2>
      <p className="panel-intro muted">{t('dashboard.topics.intro')}</p>
      <LoadState loaded={loaded} empty={totals.length === 0} emptyText={t('dashboard.topics.empty')} />
      {totals.length > 0 && <ChartFigure label={t('dashboard.topics.title')} chart={chart} table={table} />}
    </section>
  );
}

/** A small trend line on a scale shared by every topic, so they compare. */
function Sparkline({ values, max, label }: { values: number[]; max: number; label: string }) {
  const x = (i: number) => 2 + (i / Math.max(values.length - 1, 1)) * (SPARK.width - 4);
  const y = (v: number) => SPARK.height - 2 - (v / max) * (SPARK.height - 4);
  return (
    <svg className="sparkline" width={SPARK.width} height={SPARK.height} viewBox={`0 0 ${SPARK.width} ${SPARK.height}`} role="img" aria-label={label}>
      <polyline points={values.map((v, i) => `${x(i)},${y(v)}`).join(' ')} />
    </svg>
  );
}
