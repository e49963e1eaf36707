import { useState } from 'react';
import { formatPercent } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import { useNpsLabels } from '../nps-labels.js';
import type { Dimension, Interval, NpsReport, NpsReportRow } from '../types.js';
import type { Loaded } from '../use-load.js';
import { LoadState } from './load-state.js';
import { NpsChange, NpsInterval, NpsValue, UnreliableBadge } from './nps-figures.js';

type SortKey = 'nps' | 'n';
type Sort = { key: SortKey; descending: boolean };
type TablePeriod = 'latest' | 'total';

/** Rows by a column, missing figures last whatever the direction. */
function sorted(rows: readonly NpsReportRow[], { key, descending }: Sort): NpsReportRow[] {
  return [...rows].sort((a, b) => {
    const [x, y] = [a[key], b[key]];
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return descending ? y - x : x - y;
  });
}

/** What the rows of a breakdown share: how they are grouped and which columns they have. */
interface Layout {
  groupBy: Dimension[];
  interval: Interval;
  minResponses: number;
  /** several bases among the rows: each row says its own */
  showBasis: boolean;
  /** the questionnaire asked "was your request resolved?" */
  showResolved: boolean;
}

/**
 * The breakdown: one row per group (and basis) of the period shown, with its interval, response
 * and resolution rates, rank and change. Unreliable groups are badged, never ranked. A row with
 * answers opens the comments behind it.
 */
export function NpsBreakdown({
  loaded,
  groupBy,
  interval,
  table,
  onTable,
  csvUrl,
  onOpen,
}: {
  loaded: Loaded<NpsReport>;
  groupBy: Dimension[];
  /** the interval of the rows shown: the view's, or `total` for the whole range */
  interval: Interval;
  /** null when the view has no periods to choose from (interval total) */
  table: TablePeriod | null;
  onTable: (table: TablePeriod) => void;
  csvUrl: string;
  /** a row was chosen: its comments, with the group's name */
  onOpen: (row: NpsReportRow, name: string) => void;
}) {
  const t = useT();
  const labels = useNpsLabels();
  const [unfolded, setUnfolded] = useState(false);
  const report = loaded.data;
  const rows = report?.rows ?? [];
  // Groups with contacts and no survey at all (a shop, an e-mail queue) come with the report for
  // their contact figures: they have no NPS, so they are folded away under the table.
  const surveyed = rows.filter((r) => r.basis !== '');
  const contactsOnly = rows.filter((r) => r.basis === '');
  const shown = unfolded ? rows : surveyed;
  const first = rows[0];

  return (
    <section className="panel dashboard-panel nps-breakdown" aria-labelledby="nps-breakdown-title" aria-busy={loaded.loading}>
      <div className="panel-head">
        <h2 id="nps-breakdown-title">{t('dashboard.breakdown.title', { by: groupBy.map(labels.dimension).join(' × ') })}</h2>
        <div className="panel-tools">
          {table !== null && <TablePeriodChoice value={table} onChange={onTable} />}
          {/* The file has the rows on screen: without the folded groups unless they are shown. */}
          <a className="button button-secondary button-small" href={unfolded ? csvUrl : `${csvUrl}&surveyed=true`} download>
            {t('dashboard.exportCsv')}
          </a>
        </div>
      </div>
      <LoadState loaded={loaded} empty={surveyed.length === 0} emptyText={t('dashboard.breakdown.empty')} />
      {report && first && (
        <>
          <p className="muted breakdown-period">
            {/* a calendar period named and dated (it may be clipped to the range); the whole range by its dates */}
            {interval === 'total' ? labels.period(first.period, interval) : `${labels.period(first.period, interval)} · ${labels.range(first.start, first.end)}`}
          </p>
          {shown.length > 0 && (
            <BreakdownTable
              rows={shown}
              layout={{
                groupBy,
                interval,
                minResponses: report.minResponses,
                showBasis: new Set(surveyed.map((r) => r.basis)).size > 1,
                showResolved: rows.some((r) => r.resolved_pct !== null),
              }}
              onOpen={onOpen}
            />
          )}
          {contactsOnly.length > 0 && (
            <p className="table-note">
              <button type="button" className="link-button contacts-only" aria-expanded={unfolded} onClick={() => setUnfolded((on) => !on)}>
                {unfolded ? t('dashboard.breakdown.foldContactsOnly') : t('dashboard.breakdown.contactsOnly', { count: contactsOnly.length })}
              </button>{' '}
              {t('dashboard.breakdown.contactsOnlyNote')}
            </p>
          )}
          <p className="table-note">{t('dashboard.breakdown.note', { min: report.minResponses })}</p>
        </>
      )}
    </section>
  );
}

/** Latest period or whole range, as a pair of pills. */
function TablePeriodChoice({ value, onChange }: { value: TablePeriod; onChange: (value: TablePeriod) => void }) {
  const t = useT();
  return (
    <fieldset className="choice-group segmented">
      <legend className="visually-hidden">{t('dashboard.breakdown.show')}</legend>
      {(['latest', 'total'] as const).map((option) => (
        <label key={option} className={`choice${value === option ? ' is-checked' : ''}`}>
          <input type="radio" name="breakdown-period" value={option} checked={value === option} onChange={() => onChange(option)} />
          {t(`dashboard.breakdown.${option}`)}
        </label>
      ))}
    </fieldset>
  );
}

/** The table, sortable by responses and NPS. */
function BreakdownTable({ rows, layout, onOpen }: { rows: NpsReportRow[]; layout: Layout; onOpen: (row: NpsReportRow, name: string) => void }) {
  const t = useT();
  const labels = useNpsLabels();
  const [sort, setSort] = useState<Sort>({ key: 'nps', descending: true });

  const sortHeader = (key: SortKey, label: string) => (
    <th scope="col" className="num" aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : undefined}>
      <button
        type="button"
        className="sort-button"
        onClick={() => setSort((s) => ({ key, descending: s.key === key ? !s.descending : true }))}
        title={t('dashboard.breakdown.sortBy', { column: label })}
      >
        {label}
        <span aria-hidden="true">{sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : ' ↕'}</span>
      </button>
    </th>
  );

  return (
    <div className="table-scroll" role="region" aria-labelledby="nps-breakdown-title" tabIndex={0}>
      <table className="data-table breakdown-table">
        <thead>
          <tr>
            {layout.groupBy.map((d) => (
              <th key={d} scope="col">
                {labels.dimension(d)}
              </th>
            ))}
            {layout.showBasis && <th scope="col">{t('nps.basis')}</th>}
            {sortHeader('n', t('dashboard.columns.n'))}
            {sortHeader('nps', t('dashboard.columns.nps'))}
            <th scope="col" className="num">{t('dashboard.columns.ci')}</th>
            <th scope="col" className="num">{t('dashboard.columns.responseRate')}</th>
            {layout.showResolved && <th scope="col" className="num">{t('dashboard.columns.resolved')}</th>}
            <th scope="col" className="num">{t('dashboard.columns.rank')}</th>
            <th scope="col" className="num">{t('dashboard.columns.change')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted(rows, sort).map((row) => (
            <BreakdownRow key={`${layout.groupBy.map((d) => row[d]).join(',')}:${row.basis}`} row={row} layout={layout} onOpen={onOpen} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * One group. With answers, the whole row opens its comments and its first cell is a button (the
 * click bubbles up to the row), the way in by keyboard; without, it has none to show.
 */
function BreakdownRow({ row, layout, onOpen }: { row: NpsReportRow; layout: Layout; onOpen: (row: NpsReportRow, name: string) => void }) {
  const t = useT();
  const language = useLanguage();
  const labels = useNpsLabels();
  const names = layout.groupBy.map((d) => labels.group(d, String(row[d] ?? ''), row[`${d}_name`] as string | undefined));
  const answered = row.n > 0;
  return (
    <tr
      data-group={layout.groupBy.map((d) => row[d]).join(',')}
      className={answered ? 'is-clickable' : 'is-unanswered'}
      onClick={answered ? () => onOpen(row, names.join(' · ')) : undefined}
    >
      <th scope="row">
        {answered ? (
          <button type="button" className="link-button row-open">
            {names[0]}
            <span className="visually-hidden"> — {t('dashboard.breakdown.open', { group: names.join(' · ') })}</span>
          </button>
        ) : (
          names[0]
        )}
      </th>
      {names.slice(1).map((name, i) => (
        <td key={layout.groupBy[i + 1]}>{name}</td>
      ))}
      {layout.showBasis && <td className="nps-basis">{row.basis ? labels.basis(row.basis) : '—'}</td>}
      <td className="num">{row.n}</td>
      <td className="num nps-value">
        <NpsValue value={row.nps} />
      </td>
      <td className="num nowrap">
        <NpsInterval low={row.ci_low} high={row.ci_high} />
      </td>
      <td className="num">{formatPercent(row.response_rate, language)}</td>
      {layout.showResolved && <td className="num">{formatPercent(row.resolved_pct, language)}</td>}
      <td className="num">{answered && !row.reliable ? <UnreliableBadge min={layout.minResponses} /> : (row.rank ?? '—')}</td>
      <td className="num nowrap">
        <NpsChange row={row} interval={layout.interval} />
      </td>
    </tr>
  );
}
