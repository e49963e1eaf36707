import type { ReactNode } from 'react';
import type { CaseKind } from '../cases.js';
import { formatDateTime } from '../format.js';
import { useLanguage, useT, type Translate } from '../i18n/index.js';
import type { ComplaintCategory, ComplaintSummary, FollowupSummary, ReaderTeam } from '../types.js';
import { categoryLabel, personName } from '../use-case-references.js';
import { linkTo, type Route } from '../use-route.js';
import { DeadlineBadge, HotBadge, StateBadge, type DeadlineState } from './case-badges.js';

/** A row of a queue, whichever its kind. */
export interface QueueRow {
  id: string;
  kind: CaseKind;
  /** the complaint's reference; the follow-up's opening */
  title: string;
  customer: { name: string; number: string };
  /** category and amount, or the score */
  what: ReactNode;
  state: string;
  /** what the state does not say: attempts of a follow-up */
  stateNote: string | undefined;
  assigneeId: string | null;
  dueAt: string | null;
  deadline: DeadlineState | null;
  paused: boolean;
  hot: boolean;
}

export function complaintRow(c: ComplaintSummary, categories: ComplaintCategory[] | undefined, t: Translate, euros: Intl.NumberFormat): QueueRow {
  const amount = c.amountDisputedCents === null ? '' : ` · ${euros.format(c.amountDisputedCents / 100)}`;
  return {
    id: c.id, kind: 'complaint', title: c.reference, customer: { name: c.customer.name, number: c.customer.customerNumber },
    what: `${categoryLabel(categories, c.category)}${amount} · ${t(`channels.${c.channel}`)}`,
    state: c.state, stateNote: undefined, assigneeId: c.assigneeId, dueAt: c.dueAt, deadline: c.deadline, paused: c.paused, hot: c.hot,
  };
}

export function followupRow(f: FollowupSummary, t: Translate, language: ReturnType<typeof useLanguage>): QueueRow {
  return {
    id: f.id, kind: 'followup', title: t('cases.followupOpened', { date: formatDateTime(f.openedAt, language) }),
    customer: { name: f.customer.name, number: f.customer.customerNumber },
    what: <span className="badge badge-score badge-score-detractor">{t('cases.score', { score: f.score })}</span>,
    state: f.state, stateNote: f.attempts > 0 ? t('cases.attempts', { count: f.attempts }) : undefined,
    assigneeId: f.assigneeId, dueAt: f.dueAt, deadline: f.deadline, paused: f.paused, hot: f.hot,
  };
}

/**
 * A queue as a table (a list of cards on a phone): the case and its hot marker, the customer, what
 * it is about, its state, who holds it and its deadline; with a box per row when the reader assigns.
 */
export function CaseQueueTable({
  rows,
  kind,
  userId,
  team,
  selected,
  onSelect,
  navigate,
}: {
  rows: QueueRow[];
  kind: CaseKind;
  userId: string;
  team: ReaderTeam | undefined;
  /** the rows ticked for a bulk assignment; undefined: the reader does not assign */
  selected: ReadonlySet<string> | undefined;
  onSelect: (ids: string[], on: boolean) => void;
  navigate: (route: Route) => void;
}) {
  const t = useT();
  const assignee = (id: string | null) =>
    id === null ? <span className="muted">{t('cases.unassigned')}</span> : id === userId ? t('cases.me') : (personName(team, id) ?? t('cases.someoneElse'));
  const allSelected = selected !== undefined && rows.length > 0 && rows.every((r) => selected.has(r.id));
  return (
    <table className="data-table queue-table">
      <caption className="visually-hidden">{t(kind === 'complaint' ? 'cases.kinds.complaint' : 'cases.kinds.followup')}</caption>
      <thead>
        <tr>
          {selected && (
            <th scope="col" className="queue-select">
              <input type="checkbox" checked={allSelected} onChange={(e) => onSelect(rows.map((r) => r.id), e.target.checked)} aria-label={t('cases.bulk.selectAll')} />
            </th>
          )}
          <th scope="col">{t('cases.columns.case')}</th>
          <th scope="col">{t('cases.columns.customer')}</th>
          <th scope="col">{t(kind === 'complaint' ? 'cases.columns.category' : 'cases.columns.score')}</th>
          <th scope="col">{t('cases.columns.state')}</th>
          <th scope="col">{t('cases.columns.assignee')}</th>
          <th scope="col">{t('cases.columns.deadline')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} className={row.hot ? 'queue-row-hot' : undefined}>
            {selected && (
              <td className="queue-select">
                <input
                  type="checkbox"
                  checked={selected.has(row.id)}
                  onChange={(e) => onSelect([row.id], e.target.checked)}
                  aria-label={t('cases.bulk.select', { what: `${row.title} · ${row.customer.name}` })}
                />
              </td>
            )}
            <th scope="row" className="queue-case">
              <a {...linkTo({ page: 'case', kind: row.kind, id: row.id }, navigate)} className="queue-link">
                {row.title}
              </a>
              {row.hot && <HotBadge />}
            </th>
            <td data-label={t('cases.columns.customer')}>
              <span className="queue-customer">{row.customer.name}</span> <span className="muted nowrap">{row.customer.number}</span>
            </td>
            <td data-label={t(kind === 'complaint' ? 'cases.columns.category' : 'cases.columns.score')}>{row.what}</td>
            <td data-label={t('cases.columns.state')}>
              <StateBadge state={row.state} />
              {row.stateNote && <span className="muted queue-note">{row.stateNote}</span>}
            </td>
            <td data-label={t('cases.columns.assignee')}>{assignee(row.assigneeId)}</td>
            <td data-label={t('cases.columns.deadline')}>
              <DeadlineBadge dueAt={row.dueAt} deadline={row.deadline} paused={row.paused} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
