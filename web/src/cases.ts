import type { QueryValues } from './api.js';
import { wordField, type FieldProblem } from './field-errors.js';
import type { Translate } from './i18n/index.js';

/** The kinds of case the workbench shows, as the case page's address names them (`/cases/<kind>/<id>`). */
export type CaseKind = 'complaint' | 'followup';
export const CASE_KINDS: readonly CaseKind[] = ['followup', 'complaint'];

/** The queue's tabs: the reader's own cases, their team's, and the team's due today, overdue and hot ones. */
export const QUEUE_TABS = ['mine', 'team', 'due-today', 'overdue', 'hot'] as const;
export type QueueTab = (typeof QUEUE_TABS)[number];

/** What the queue page shows, as its address says it (`/cases?kind=complaint&tab=overdue`). */
export interface QueueChoice {
  kind: CaseKind;
  tab: QueueTab;
}

export function parseQueueChoice(search: string, fallback: QueueChoice): QueueChoice {
  const params = new URLSearchParams(search);
  const kind = CASE_KINDS.find((k) => k === params.get('kind')) ?? fallback.kind;
  const tab = QUEUE_TABS.find((k) => k === params.get('tab')) ?? fallback.tab;
  return { kind, tab };
}

export function queueChoiceQuery(choice: QueueChoice): string {
  return new URLSearchParams({ kind: choice.kind, tab: choice.tab }).toString();
}

/** The filters of the API's list and of its CSV export for a tab (the server applies the reader's reach). */
export function queueFilters(tab: QueueTab): QueryValues {
  if (tab === 'mine') return { assignee: 'me' };
  if (tab === 'team') return {};
  return { view: tab };
}

/**
 * An amount in euros as typed ("12", "12,50", "1 234.5", "€ 12") in integer cents; null when empty;
 * undefined when it is not an amount.
 */
export function eurosToCents(text: string): number | null | undefined {
  // spaces group thousands; the euro sign may lead or follow, not split the amount
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(/^€|€$/g, '');
  if (cleaned === '') return null;
  const match = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(cleaned);
  if (!match) return undefined;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : undefined;
}

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Luxembourg', year: 'numeric', month: '2-digit', day: '2-digit' });
const hourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Luxembourg', hour: '2-digit', hourCycle: 'h23' });

/** Today in Luxembourg, YYYY-MM-DD (what a date field offers by default and at most). */
export function luxembourgToday(now = new Date()): string {
  return dayFormat.format(now);
}

/**
 * When a written complaint received on `day` (YYYY-MM-DD, Luxembourg) is recorded as received: now
 * for today (noon may be still to come), noon of that day in Luxembourg otherwise. Only the day
 * counts for its deadlines.
 */
export function receivedAtOf(day: string, now = new Date()): string {
  if (day === luxembourgToday(now)) return now.toISOString();
  const [year, month, date] = day.split('-').map(Number);
  // Noon in Luxembourg is 11:00 UTC in winter, 10:00 UTC in summer.
  let instant = Date.UTC(year!, month! - 1, date!, 11);
  if (Number(hourFormat.format(instant)) !== 12) instant -= 3_600_000;
  return new Date(instant).toISOString();
}

/** A field's problem from the server in the reader's language (a missing value as the case forms say it). */
export function wordedReason(problem: FieldProblem | undefined, t: Translate): string | undefined {
  if (problem === undefined) return undefined;
  return problem.code === 'required' ? t('cases.form.required') : wordField(problem, t);
}
