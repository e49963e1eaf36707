import { sql, type Kysely } from 'kysely';
import { auditCustomerRead } from '../auth/audit.js';
import type { Actor } from '../auth/policies.js';
import { RECURRENCE_DAYS } from '../causes/cause-codings.js';
import { invalid, notFound } from '../shared/errors.js';
import type { Language } from '../shared/languages.js';
import type { CodedSubject, Database } from '../storage/schema.js';
import type { AnalysisFilters, FilterName, Period } from './analysis-query.js';
import { describeCauses, type CauseShown } from './cause-labels.js';
import { CODING_COLUMN } from './pareto.js';

/**
 * Recurrence (docs/improvement.md, "Recurrence"): a coding recurs when the same customer's previous
 * coding of the same cause (`previous_at`, kept by `saveCoding` whatever the order codings come in)
 * is within the window. Per cause over a period, and a customer's causes on their card.
 */

const DAY_MS = 86_400_000;
/** The longest window a reader may ask for. */
export const MAX_WINDOW_DAYS = 365;

/** A window in days (default 90), 1 to 365; 400 naming `window` otherwise. */
export function parseWindow(raw: string | undefined): number {
  if (raw === undefined || raw === '') return RECURRENCE_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > MAX_WINDOW_DAYS) throw invalid('window', `must be a whole number of days from 1 to ${MAX_WINDOW_DAYS}, got "${raw}"`, 'out-of-range', { minimum: 1, maximum: MAX_WINDOW_DAYS });
  return days;
}

export interface RecurrenceRow extends CauseShown {
  /** complaints, follow-ups and repeat contacts coded with the cause in the period */
  codings: number;
  /** of those, the ones whose customer's previous coding of the cause was within the window */
  recurrent: number;
  /** recurrent / codings */
  share: number | null;
  /** customers coded with the cause in the period, and those of them with a recurrent coding */
  customers: number;
  customersWithRecurrence: number;
}

export interface RecurrenceQuery extends Period {
  filters: AnalysisFilters;
  windowDays: number;
  language: Language;
}

export interface RecurrenceTable {
  query: RecurrenceQuery;
  rows: RecurrenceRow[];
  totals: Omit<RecurrenceRow, 'cause' | 'department'>;
}

/** The codings of a period and filters, per cause, with their recurrences within the window; rows sorted by recurrent codings, then code. */
export async function recurrenceTable(db: Kysely<Database>, query: RecurrenceQuery): Promise<RecurrenceTable> {
  const windowMs = query.windowDays * DAY_MS;
  const recurrent = sql<boolean>`previous_at is not null and occurred_at - previous_at <= ${windowMs}`;
  let base = db.selectFrom('cause_codings').where('day', '>=', query.from).where('day', '<=', query.to);
  for (const [name, value] of Object.entries(query.filters) as [FilterName, string][]) base = base.where(CODING_COLUMN[name], '=', value);
  const measures = [
    sql<number | string>`count(*)`.as('codings'),
    sql<number | string>`sum(case when ${recurrent} then 1 else 0 end)`.as('recurrent'),
    sql<number | string>`count(distinct party_id)`.as('customers'),
    sql<number | string>`count(distinct case when ${recurrent} then party_id end)`.as('customers_with_recurrence'),
  ];
  const [perCause, whole, { describe }] = await Promise.all([
    base.select('cause_code').select(measures).groupBy('cause_code').execute(),
    base.select(measures).executeTakeFirstOrThrow(),
    describeCauses(db, query.language),
  ]);
  const figures = (r: { codings: unknown; recurrent: unknown; customers: unknown; customers_with_recurrence: unknown }) => {
    const codings = Number(r.codings ?? 0);
    const recurrentCodings = Number(r.recurrent ?? 0);
    return { codings, recurrent: recurrentCodings, share: codings > 0 ? recurrentCodings / codings : null, customers: Number(r.customers ?? 0), customersWithRecurrence: Number(r.customers_with_recurrence ?? 0) };
  };
  const rows = perCause
    .map((r): RecurrenceRow => ({ ...describe(r.cause_code), ...figures(r) }))
    .sort((a, b) => b.recurrent - a.recurrent || (a.cause.code < b.cause.code ? -1 : a.cause.code > b.cause.code ? 1 : 0));
  return { query, rows, totals: figures(whole) };
}

/** One complaint, follow-up or repeat contact coded with a cause on a customer's card. */
export interface RecurrenceSubject {
  kind: CodedSubject;
  id: string;
  /** a complaint's reference (REC-2026-000123); null for the others */
  reference: string | null;
  occurredAt: number;
  channel: string | null;
}

export interface CustomerRecurrence extends CauseShown {
  /** newest first */
  subjects: RecurrenceSubject[];
}

/**
 * The causes a customer was coded with at least twice within the last `windowDays` days, for their
 * card during a call: the most recent first, each with its subjects newest first. An audited read of
 * the customer's record (`recurrences`).
 */
export async function customerRecurrences(
  db: Kysely<Database>,
  actor: Actor,
  partyId: string,
  options: { windowDays: number; language: Language; now?: number },
): Promise<{ windowDays: number; since: number; items: CustomerRecurrence[] }> {
  const party = await db.selectFrom('parties').select('id').where('id', '=', partyId).executeTakeFirst();
  if (!party) throw notFound('No customer has this id');
  const since = (options.now ?? Date.now()) - options.windowDays * DAY_MS;
  const rows = await db
    .selectFrom('cause_codings')
    .leftJoin('complaints', (join) => join.onRef('complaints.case_id', '=', 'cause_codings.subject_id').on('cause_codings.subject_kind', '=', 'complaint'))
    .select(['cause_codings.cause_code', 'cause_codings.subject_kind', 'cause_codings.subject_id', 'cause_codings.occurred_at', 'cause_codings.channel', 'complaints.reference'])
    .where('cause_codings.party_id', '=', partyId)
    .where('cause_codings.occurred_at', '>=', since)
    .orderBy('cause_codings.occurred_at', 'desc')
    .orderBy('cause_codings.subject_id', 'desc')
    .execute();
  await auditCustomerRead(db, actor, partyId, 'recurrences');
  const byCause = new Map<string, RecurrenceSubject[]>();
  for (const r of rows) {
    const subjects = byCause.get(r.cause_code) ?? [];
    byCause.set(r.cause_code, subjects);
    subjects.push({ kind: r.subject_kind, id: r.subject_id, reference: r.reference ?? null, occurredAt: Number(r.occurred_at), channel: r.channel });
  }
  const recurring = [...byCause].filter(([, subjects]) => subjects.length >= 2);
  if (recurring.length === 0) return { windowDays: options.windowDays, since, items: [] };
  const { describe } = await describeCauses(db, options.language);
  const items = recurring.map(([code, subjects]): CustomerRecurrence => ({ ...describe(code), subjects }));
  return { windowDays: options.windowDays, since, items };
}
