import type { ActionMeasureName, ActionState } from './types.js';

/** The board's lists: the open actions (the default), each later state, or all. */
export const BOARD_TABS = ['open', 'done', 'verified', 'abandoned', 'all'] as const;
export type BoardTab = (typeof BOARD_TABS)[number];

/** The `status` filter of each list. */
export const TAB_STATES: Record<BoardTab, readonly ActionState[] | undefined> = {
  open: ['proposed', 'approved', 'in_progress'],
  done: ['done'],
  verified: ['verified'],
  abandoned: ['abandoned'],
  all: undefined,
};

/** What the board's address says: the list shown, the action open beside it, a cause to create an action on (the Pareto board links `?cause=`). */
export interface BoardChoice {
  tab: BoardTab;
  id?: string | undefined;
  cause?: string | undefined;
}

export function parseBoardQuery(query: string): BoardChoice {
  const params = new URLSearchParams(query);
  const tab = BOARD_TABS.find((t) => t === params.get('status')) ?? 'open';
  const id = params.get('id') || undefined;
  const cause = params.get('cause') || undefined;
  return { tab, ...(id ? { id } : {}), ...(cause ? { cause } : {}) };
}

export function boardQuery(choice: BoardChoice): string {
  const params = new URLSearchParams();
  if (choice.tab !== 'open') params.set('status', choice.tab);
  if (choice.id) params.set('id', choice.id);
  if (choice.cause) params.set('cause', choice.cause);
  return params.toString();
}

/** Digits a figure of each measure is shown with: rates per 1,000 are small. */
const DIGITS: Record<ActionMeasureName, number> = { complaint_rate: 2, nps: 1, repeat_rate: 1 };

/** A figure of a measure in the reader's language ("2,10", "+30,0", "15,0 %"). */
export function formatMeasure(measure: ActionMeasureName, value: number | null, locale: string, signed = false): string {
  if (value === null) return '—';
  const number = new Intl.NumberFormat(locale, {
    minimumFractionDigits: DIGITS[measure], maximumFractionDigits: DIGITS[measure], ...(signed ? { signDisplay: 'exceptZero' as const } : {}),
  }).format(value);
  return measure === 'repeat_rate' ? `${number}\u00a0%` : number;
}

/** A p-value as read: "< 0.001" below a thousandth, three decimals otherwise. */
export function formatP(p: number, locale: string): string {
  const format = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  return p < 0.001 ? `< ${format.format(0.001)}` : format.format(p);
}

/**
 * The vertical range of a measure's chart: every figure and bound shown, rates from 0, with a tenth
 * of room above and below; never empty (a flat range gets one unit each side).
 */
export function chartRange(measure: ActionMeasureName, values: readonly (number | null | undefined)[]): { min: number; max: number } {
  const known = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  let min = Math.min(...known, ...(measure === 'nps' ? [] : [0]));
  let max = Math.max(...known);
  if (known.length === 0) [min, max] = measure === 'nps' ? [-100, 100] : [0, 1];
  if (max - min < 1e-9) [min, max] = [min - 1, max + 1];
  const pad = (max - min) / 10;
  const low = measure === 'nps' ? Math.max(-100, min - pad) : Math.max(0, min - pad);
  const high = measure === 'nps' ? Math.min(100, max + pad) : max + pad;
  return { min: low, max: high };
}
