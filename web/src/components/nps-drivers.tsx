import { useId, useState } from 'react';
import { formatDecimal, formatNps, formatPercent } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import { useNpsLabels } from '../nps-labels.js';
import type { DriverRow } from '../types.js';
import type { Loaded } from '../use-load.js';
import { LoadState } from './load-state.js';
import { NpsInterval, UnreliableBadge } from './nps-figures.js';

const KINDS = ['topic', 'reason'] as const;

/** Ranked first (by rank), then the unreliable ones by impact. */
const byRank = (a: DriverRow, b: DriverRow) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || b.impact - a.impact;

/**
 * What costs NPS points: for each topic of the comments and each contact reason, how many points
 * NPS would gain if its detractors had been passives, as bars on one scale. Unreliable groups are
 * greyed and not ranked. A driver opens its comments.
 */
export function NpsDrivers({
  loaded,
  minResponses,
  onOpen,
}: {
  loaded: Loaded<DriverRow[]>;
  minResponses: number;
  onOpen: (driver: DriverRow, name: string) => void;
}) {
  const t = useT();
  const labels = useNpsLabels();
  const rows = loaded.data ?? [];
  const showBasis = new Set(rows.map((r) => r.basis)).size > 1;
  const maxImpact = Math.max(...rows.map((r) => r.impact), 0.1);
  const name = (row: DriverRow) => {
    const base = row.kind === 'topic' ? labels.topic(row.key) : labels.group('reason', row.key);
    return showBasis ? `${base} (${labels.basis(row.basis)})` : base;
  };

  return (
    <section className="panel dashboard-panel nps-drivers" aria-labelledby="nps-drivers-title" aria-busy={loaded.loading}>
      <h2 id="nps-drivers-title">{t('dashboard.drivers.title')}</h2>
      <p className="panel-intro muted">{t('dashboard.drivers.intro')}</p>
      <LoadState loaded={loaded} empty={rows.length === 0} emptyText={t('dashboard.drivers.empty')} />
      {rows.length > 0 &&
        KINDS.map((kind) => (
          <DriverGroup
            key={kind}
            kind={kind}
            rows={rows.filter((r) => r.kind === kind).sort(byRank)}
            maxImpact={maxImpact}
            minResponses={minResponses}
            name={name}
            onOpen={onOpen}
          />
        ))}
    </section>
  );
}

/** Drivers shown before "show all": the ranked top of each list. */
const SHOWN = 5;

function DriverGroup({
  kind,
  rows,
  maxImpact,
  minResponses,
  name,
  onOpen,
}: {
  kind: DriverRow['kind'];
  rows: DriverRow[];
  /** the longest bar, the same for both lists */
  maxImpact: number;
  minResponses: number;
  name: (row: DriverRow) => string;
  onOpen: (driver: DriverRow, name: string) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const [all, setAll] = useState(false);
  const id = useId();
  return (
    <div className="driver-group">
      <h3 id={id}>{t(`dashboard.drivers.${kind}`)}</h3>
      {rows.length === 0 && <p className="empty">{t('dashboard.drivers.none')}</p>}
      <ul className="driver-list" aria-labelledby={id} hidden={rows.length === 0}>
        {(all ? rows : rows.slice(0, SHOWN)).map((row) => (
          <li key={`${row.key}:${row.basis}`} className={`driver${row.reliable ? '' : ' is-unreliable'}`}>
            <button type="button" className="driver-open" onClick={() => onOpen(row, name(row))}>
              <span className="driver-rank">{row.rank === null ? '–' : t('dashboard.drivers.rank', { rank: row.rank })}</span>
              <span className="driver-name">{name(row)}</span>
              <span className="driver-bar" aria-hidden="true">
                <span style={{ width: `${(row.impact / maxImpact) * 100}%` }} />
              </span>
              <span className="driver-impact">{t('dashboard.drivers.impact', { points: formatDecimal(row.impact, language, 1, true) })}</span>
            </button>
            <p className="driver-facts muted">
              {t('dashboard.drivers.facts', { n: row.n, detractors: formatPercent(row.detractorShare, language), nps: formatNps(row.nps, language) })} (
              <NpsInterval low={row.ciLow} high={row.ciHigh} />)
              {!row.reliable && <UnreliableBadge min={minResponses} />}
            </p>
          </li>
        ))}
      </ul>
      {rows.length > SHOWN && (
        <button type="button" className="link-button driver-more" aria-expanded={all} onClick={() => setAll((on) => !on)}>
          {all ? t('dashboard.drivers.showFewer') : t('dashboard.drivers.showAll', { count: rows.length })}
        </button>
      )}
    </div>
  );
}
