import { useEffect, useId, useState } from 'react';
import { INTERVALS } from '../../../src/contract/calendar.js';
import { fieldProblem, wordField } from '../field-errors.js';
import { useT } from '../i18n/index.js';
import { FieldError } from './field-error.js';
import { useNpsLabels } from '../nps-labels.js';
import { DIMENSION_CODES, type NamedDimension, type NpsReader, type NpsView } from '../nps-view.js';
import type { Dimension, Interval } from '../types.js';

/** A key a dimension can be filtered on, with its name ('' : not recorded). */
export interface DimensionOption {
  key: string;
  name: string;
}
/** Per named dimension the reader may use; the others are absent. */
export type DimensionOptions = Partial<Record<NamedDimension, DimensionOption[]>>;

/** The select value of "no filter": keys are ids and codes, never this. */
const ALL = '*';

/**
 * The view's form: range, interval, the breakdown's one or two dimensions, and a filter per
 * dimension the reader may use. Every change applies at once (the page puts it in the address).
 * Readers who see their own team get their team named instead of a team filter; the advisor
 * dimension is offered only to those who see figures per advisor (an advisor finds only themselves in it).
 */
export function NpsFilters({
  view,
  options,
  reader,
  onChange,
  onReset,
}: {
  view: NpsView;
  /** the keys of the named dimensions over the range (undefined while loading) */
  options: DimensionOptions | undefined;
  reader: NpsReader;
  onChange: (view: NpsView) => void;
  onReset: () => void;
}) {
  const t = useT();
  const labels = useNpsLabels();
  const id = useId();
  const set = (change: Partial<NpsView>) => onChange({ ...view, ...change });
  const setFilter = (dimension: Dimension, key: string | undefined) => {
    const filters = { ...view.filters, [dimension]: key };
    if (key === undefined) delete filters[dimension];
    set({ filters });
  };
  // The range as typed: applied only when it is one (from not after to), otherwise said next to it.
  const [range, setRange] = useState({ from: view.from, to: view.to });
  useEffect(() => setRange({ from: view.from, to: view.to }), [view.from, view.to]);
  const rangeError = range.from && range.to && range.from > range.to ? wordField(fieldProblem('from-after-to'), t) : undefined;
  const setDay = (field: 'from' | 'to', value: string) => {
    const next = { ...range, [field]: value };
    setRange(next);
    if (next.from && next.to && next.from <= next.to) set({ from: next.from, to: next.to });
  };
  const [first, second] = view.groupBy as [Dimension, Dimension | undefined];
  const { ownTeam, dimensions } = reader;
  // The filters in force, named: the closed summary says what the figures are of.
  const active = dimensions
    .filter((d) => view.filters[d] !== undefined && !(ownTeam && d === 'team'))
    .map((d) => {
      const key = view.filters[d]!;
      const name = d in DIMENSION_CODES ? undefined : options?.[d as NamedDimension]?.find((o) => o.key === key)?.name;
      return t('npsread.filters.item', { dimension: labels.dimension(d), value: labels.group(d, key, name) });
    });

  return (
    <form className="panel dashboard-filters" aria-labelledby={`${id}-title`} onSubmit={(e) => e.preventDefault()}>
      <h2 id={`${id}-title`} className="visually-hidden">
        {t('dashboard.filters.title')}
      </h2>
      <div className="filter-grid filter-main">
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('dashboard.filters.from')}</label>
          <input
            id={`${id}-from`}
            type="date"
            value={range.from}
            required
            onChange={(e) => setDay('from', e.target.value)}
            aria-invalid={rangeError ? true : undefined}
            aria-describedby={rangeError ? `${id}-range-error` : undefined}
          />
          <FieldError id={`${id}-range-error`} reason={rangeError} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('dashboard.filters.to')}</label>
          <input
            id={`${id}-to`}
            type="date"
            value={range.to}
            required
            onChange={(e) => setDay('to', e.target.value)}
            aria-invalid={rangeError ? true : undefined}
            aria-describedby={rangeError ? `${id}-range-error` : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-interval`}>{t('dashboard.filters.interval')}</label>
          <select id={`${id}-interval`} value={view.interval} onChange={(e) => set({ interval: e.target.value as Interval })}>
            {INTERVALS.map((interval) => (
              <option key={interval} value={interval}>
                {t(`dashboard.intervals.${interval}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-by`}>{t('dashboard.filters.groupBy')}</label>
          <select
            id={`${id}-by`}
            value={first}
            onChange={(e) => {
              const by = e.target.value as Dimension;
              set({ groupBy: second && second !== by ? [by, second] : [by] });
            }}
          >
            {dimensions.map((d) => (
              <option key={d} value={d}>
                {labels.dimension(d)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-then`}>{t('dashboard.filters.thenBy')}</label>
          <select id={`${id}-then`} value={second ?? ''} onChange={(e) => set({ groupBy: e.target.value ? [first, e.target.value as Dimension] : [first] })}>
            <option value="">{t('dashboard.filters.noSecond')}</option>
            {dimensions.filter((d) => d !== first).map((d) => (
              <option key={d} value={d}>
                {labels.dimension(d)}
              </option>
            ))}
          </select>
        </div>
        <div className="field filter-reset">
          <button type="button" className="button button-secondary" onClick={onReset}>
            {t('dashboard.filters.reset')}
          </button>
        </div>
      </div>
      {ownTeam && dimensions.includes('team') && <OwnTeam team={options?.team?.[0]} />}
      <details className="filter-more">
        <summary>
          <span className="filter-more-title">{t('npsread.filters.summary')}</span>{' '}
          <span className="filter-active">{active.length === 0 ? t('npsread.filters.none') : active.join(' · ')}</span>
        </summary>
        <fieldset className="filter-dimensions">
          <legend>{t('npsread.filters.more')}</legend>
          <div className="filter-grid">
            {dimensions
              .filter((d) => !(ownTeam && d === 'team'))
              .map((d) => (
                <DimensionFilter key={d} dimension={d} value={view.filters[d]} options={options} onChange={(key) => setFilter(d, key)} />
              ))}
          </div>
        </fieldset>
      </details>
    </form>
  );
}

/** A filter on one dimension: all, or one key (named ids from the range's figures, translated codes). */
function DimensionFilter({
  dimension,
  value,
  options,
  onChange,
}: {
  dimension: Dimension;
  value: string | undefined;
  options: DimensionOptions | undefined;
  onChange: (key: string | undefined) => void;
}) {
  const t = useT();
  const labels = useNpsLabels();
  const id = useId();
  const keys =
    dimension in DIMENSION_CODES
      ? DIMENSION_CODES[dimension as keyof typeof DIMENSION_CODES].map((key) => ({ key, name: undefined }))
      : (options?.[dimension as NamedDimension] ?? []);
  // A filter from the address that the range has no figures for stays selected, by its key.
  const choices = value === undefined || keys.some((o) => o.key === value) ? keys : [...keys, { key: value, name: undefined }];
  return (
    <div className="field">
      <label htmlFor={id}>{labels.dimension(dimension)}</label>
      <select id={id} value={value ?? ALL} onChange={(e) => onChange(e.target.value === ALL ? undefined : e.target.value)}>
        <option value={ALL}>{t('dashboard.all')}</option>
        {choices.map((o) => (
          <option key={o.key} value={o.key}>
            {labels.group(dimension, o.key, o.name)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** In place of the team filter for those who see their own team only: its name. */
function OwnTeam({ team }: { team: DimensionOption | undefined }) {
  const t = useT();
  const labels = useNpsLabels();
  return (
    <p className="field own-team">
      <span className="own-team-label">{labels.dimension('team')}</span>
      {team && <span className="badge badge-quiet">{labels.group('team', team.key, team.name)}</span>}
      <span className="muted">{t('nps.ownTeam')}</span>
    </p>
  );
}
