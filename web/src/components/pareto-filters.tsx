import { useEffect, useId, useState } from 'react';
import { PARETO_SORTS } from '../../../src/contract/analysis.js';
import { COMPLAINT_CHANNELS } from '../codes.js';
import { useT } from '../i18n/index.js';
import { SEGMENTS, type ParetoSort, type ParetoView } from '../pareto-view.js';

const ALL = '*';

/**
 * The board's form: period, level of the tree, the measure sorted by, and the filters. Every change
 * applies at once (the page keeps it in the address); the plan applies on Enter or when leaving the
 * field. A reader whose figures the server pins to their team sees their team named instead of a choice.
 */
export function ParetoFilters({
  view,
  teams,
  forcedTeam,
  onChange,
  onReset,
}: {
  view: ParetoView;
  /** every team by name (GET /auth/team) */
  teams: { id: string; name: string }[];
  /** the team the server answered for when none was asked: the reader's own */
  forcedTeam: string | undefined;
  onChange: (view: ParetoView) => void;
  onReset: () => void;
}) {
  const t = useT();
  const id = useId();
  const [plan, setPlan] = useState(view.plan ?? '');
  useEffect(() => setPlan(view.plan ?? ''), [view.plan]);
  const set = (change: Partial<ParetoView>) => onChange({ ...view, ...change, cause: undefined });
  const choice = (value: string) => (value === ALL ? undefined : value);
  const teamName = (teamId: string) => teams.find((team) => team.id === teamId)?.name ?? teamId;

  return (
    <form
      className="panel dashboard-filters"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        set({ plan: plan.trim() || undefined });
      }}
    >
      <h2 id={`${id}-title`} className="visually-hidden">
        {t('improvement.filters.title')}
      </h2>
      <div className="filter-grid">
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('improvement.filters.from')}</label>
          <input id={`${id}-from`} type="date" value={view.from} max={view.to} required onChange={(e) => e.target.value && set({ from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('improvement.filters.to')}</label>
          <input id={`${id}-to`} type="date" value={view.to} min={view.from} required onChange={(e) => e.target.value && set({ to: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-level`}>{t('improvement.filters.level')}</label>
          <select id={`${id}-level`} value={view.level} onChange={(e) => set({ level: e.target.value as ParetoView['level'] })}>
            <option value="">{t('improvement.filters.levels.coded')}</option>
            <option value="1">{t('improvement.filters.levels.1')}</option>
            <option value="2">{t('improvement.filters.levels.2')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-sort`}>{t('improvement.filters.sort')}</label>
          <select id={`${id}-sort`} value={view.sort} onChange={(e) => onChange({ ...view, sort: e.target.value as ParetoSort })}>
            {PARETO_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`improvement.sorts.${sort}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-segment`}>{t('improvement.filters.segment')}</label>
          <select id={`${id}-segment`} value={view.segment ?? ALL} onChange={(e) => set({ segment: choice(e.target.value) })}>
            <option value={ALL}>{t('improvement.filters.all')}</option>
            {SEGMENTS.map((s) => (
              <option key={s} value={s}>
                {t(`improvement.segments.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-channel`}>{t('improvement.filters.channel')}</label>
          <select id={`${id}-channel`} value={view.channel ?? ALL} onChange={(e) => set({ channel: choice(e.target.value) })}>
            <option value={ALL}>{t('improvement.filters.all')}</option>
            {COMPLAINT_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channels.${c}`)}
              </option>
            ))}
          </select>
        </div>
        {forcedTeam === undefined && (
          <div className="field">
            <label htmlFor={`${id}-team`}>{t('improvement.filters.team')}</label>
            <select id={`${id}-team`} value={view.team ?? ALL} onChange={(e) => set({ team: choice(e.target.value) })}>
              <option value={ALL}>{t('improvement.filters.all')}</option>
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-plan`}>{t('improvement.filters.plan')}</label>
          <input id={`${id}-plan`} type="text" value={plan} placeholder={t('improvement.filters.planHint')} onChange={(e) => setPlan(e.target.value)} onBlur={() => (plan.trim() || undefined) !== view.plan && set({ plan: plan.trim() || undefined })} />
        </div>
      </div>
      <div className="filter-actions">
        {forcedTeam !== undefined && <p className="muted">{t('improvement.filters.ownTeam', { team: teamName(forcedTeam) })}</p>}
        <button type="button" className="button button-secondary button-small" onClick={onReset}>
          {t('improvement.filters.reset')}
        </button>
      </div>
    </form>
  );
}
