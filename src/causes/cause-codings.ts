import type { Kysely } from 'kysely';
import { localDay } from '../shared/calendar.js';
import type { CauseCodingTable, CauseCountTable, CodedSubject, Database } from '../storage/schema.js';

/**
 * Where coded causes are kept (docs/improvement.md, "Coding a cause"): one row per coded complaint,
 * follow-up or repeat contact, and the daily aggregates per cause, subject kind and dimension that the
 * analysis reads, kept from those rows in the transaction of every change. A customer's codings of one
 * cause are linked in time order (`previous_at`): a recurrence is a coding whose previous one is
 * within the window.
 */

/** The window of a recurrence unless a reader asks for another: the same customer, the same cause, within 90 days. */
export const RECURRENCE_DAYS = 90;
const RECURRENCE_MS = RECURRENCE_DAYS * 86_400_000;

/** What the aggregates are kept by, beside the whole (`''`): each is one column of a coding. */
export const CODING_DIMENSIONS = ['segment', 'channel', 'team', 'site', 'plan'] as const;
export type CodingDimension = (typeof CODING_DIMENSIONS)[number];
const COLUMN: Record<CodingDimension, 'segment' | 'channel' | 'team_id' | 'site_id' | 'plan'> = {
  segment: 'segment', channel: 'channel', team: 'team_id', site: 'site_id', plan: 'plan',
};

type Measures = Pick<CauseCountTable, 'coded' | 'recurrences' | 'amount_cents' | 'refund_cents' | 'extra_contacts'>;
const MEASURES = ['coded', 'recurrences', 'amount_cents', 'refund_cents', 'extra_contacts'] as const satisfies readonly (keyof Measures)[];

/** A coding as its subject gives it: everything but the link to the customer's previous coding of the cause, which is kept here. */
export type CodingInput = Omit<CauseCodingTable, 'previous_at' | 'day'>;

/** Whether a coding counts as a recurrence in the aggregates (the default window). */
export const isRecurrence = (row: Pick<CauseCodingTable, 'occurred_at' | 'previous_at'>): boolean =>
  row.previous_at !== null && Number(row.occurred_at) - Number(row.previous_at) <= RECURRENCE_MS;

/** The aggregate rows a coding adds to (sign 1) or takes from (sign -1). */
export function countRowsOf(row: CauseCodingTable, sign: 1 | -1): CauseCountTable[] {
  const measures: Measures = {
    coded: sign,
    recurrences: isRecurrence(row) ? sign : 0,
    amount_cents: sign * Number(row.amount_cents),
    refund_cents: sign * Number(row.refund_cents),
    extra_contacts: sign * Number(row.extra_contacts),
  };
  const keys: [string, string][] = [['', '']];
  for (const dim of CODING_DIMENSIONS) {
    const value = row[COLUMN[dim]];
    if (value !== null && value !== '') keys.push([dim, value]);
  }
  return keys.map(([dim, dim_key]) => ({ day: Number(row.day), cause_code: row.cause_code, subject_kind: row.subject_kind, dim, dim_key, ...measures }));
}

async function addCounts(db: Kysely<Database>, rows: CauseCountTable[]): Promise<void> {
  const merged = new Map<string, CauseCountTable>();
  for (const r of rows) {
    const key = `${r.day}|${r.cause_code}|${r.subject_kind}|${r.dim}|${r.dim_key}`;
    const into = merged.get(key);
    if (!into) merged.set(key, { ...r });
    else for (const m of MEASURES) into[m] += r[m];
  }
  for (const r of merged.values()) {
    if (MEASURES.every((m) => r[m] === 0)) continue;
    await db
      .insertInto('cause_counts')
      .values(r)
      .onConflict((oc) =>
        oc.columns(['dim', 'dim_key', 'day', 'cause_code', 'subject_kind']).doUpdateSet((eb) =>
          Object.fromEntries(MEASURES.map((m) => [m, eb(`cause_counts.${m}`, '+', eb.ref(`excluded.${m}`))])) as Partial<Record<keyof CauseCountTable, never>>,
        ),
      )
      .execute();
  }
}

const normalised = (row: CauseCodingTable): CauseCodingTable => ({
  ...row,
  occurred_at: Number(row.occurred_at),
  day: Number(row.day),
  amount_cents: Number(row.amount_cents),
  refund_cents: Number(row.refund_cents),
  extra_contacts: Number(row.extra_contacts),
  previous_at: row.previous_at === null ? null : Number(row.previous_at),
  coded_at: Number(row.coded_at),
});

async function codingOf(db: Kysely<Database>, kind: CodedSubject, id: string): Promise<CauseCodingTable | undefined> {
  const row = await db.selectFrom('cause_codings').selectAll().where('subject_kind', '=', kind).where('subject_id', '=', id).executeTakeFirst();
  return row && normalised(row);
}

/** When the customer's last coding of the cause strictly before this one happened (codings at the same instant do not link). */
async function previousOf(db: Kysely<Database>, row: Pick<CauseCodingTable, 'party_id' | 'cause_code' | 'occurred_at' | 'subject_kind' | 'subject_id'>) {
  if (row.party_id === null) return null;
  const found = await db
    .selectFrom('cause_codings')
    .select('occurred_at')
    .where('party_id', '=', row.party_id)
    .where('cause_code', '=', row.cause_code)
    .where('occurred_at', '<', row.occurred_at)
    .where((eb) => eb.or([eb('subject_kind', '!=', row.subject_kind), eb('subject_id', '!=', row.subject_id)]))
    .orderBy('occurred_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return found ? Number(found.occurred_at) : null;
}

/**
 * Re-links the customer's codings of the cause that come next after `at` (all those of the next
 * instant) when one was added, moved or removed before them, recording the differences in `counts`.
 */
async function relinkNext(db: Kysely<Database>, partyId: string | null, cause: string, at: number, counts: CauseCountTable[]) {
  if (partyId === null) return;
  const next = await db
    .selectFrom('cause_codings')
    .select('occurred_at')
    .where('party_id', '=', partyId)
    .where('cause_code', '=', cause)
    .where('occurred_at', '>', at)
    .orderBy('occurred_at')
    .limit(1)
    .executeTakeFirst();
  if (!next) return;
  const rows = (await db.selectFrom('cause_codings').selectAll().where('party_id', '=', partyId).where('cause_code', '=', cause).where('occurred_at', '=', next.occurred_at).execute()).map(normalised);
  const previous = rows.length > 0 ? await previousOf(db, rows[0]!) : null;
  for (const row of rows) {
    if (previous === row.previous_at) continue;
    counts.push(...countRowsOf(row, -1), ...countRowsOf({ ...row, previous_at: previous }, 1));
    await db.updateTable('cause_codings').set({ previous_at: previous }).where('subject_kind', '=', row.subject_kind).where('subject_id', '=', row.subject_id).execute();
  }
}

/** What a coding keeps from its first coding when coded again with nothing else changed: who coded it, when, with which suggestions. */
const KEPT_WHEN_UNCHANGED: ReadonlySet<string> = new Set(['coded_at', 'coded_by_kind', 'coded_by_id', 'suggested']);

/**
 * Whether a new coding of a subject changes nothing of its coding before (its cause and what it is
 * counted by): `saveCoding` then keeps the coding as it was, when and by whom it was first coded.
 */
export function unchangedCoding<T extends CodingInput>(before: T, after: T): boolean {
  return (Object.keys(after) as (keyof T & string)[]).every((k) => KEPT_WHEN_UNCHANGED.has(k) || before[k] === after[k]);
}

/**
 * Writes a subject's coding (new, or changed: another cause, or its subject's fields moved) and the
 * differences it makes to the aggregates, in the caller's transaction; the customer's next coding of
 * the old and the new cause is re-linked. Nothing written when nothing changed.
 */
export async function saveCoding(db: Kysely<Database>, input: CodingInput): Promise<CauseCodingTable> {
  const before = await codingOf(db, input.subject_kind, input.subject_id);
  const occurred = Number(input.occurred_at);
  const draft: CauseCodingTable = { ...input, occurred_at: occurred, day: localDay(occurred), previous_at: null };
  const after: CauseCodingTable = { ...draft, previous_at: await previousOf(db, draft) };
  if (before && unchangedCoding(before, after)) return before;
  const counts: CauseCountTable[] = [];
  if (before) counts.push(...countRowsOf(before, -1));
  counts.push(...countRowsOf(after, 1));
  if (before) await db.updateTable('cause_codings').set(after).where('subject_kind', '=', after.subject_kind).where('subject_id', '=', after.subject_id).execute();
  else await db.insertInto('cause_codings').values(after).execute();
  if (before) await relinkNext(db, before.party_id, before.cause_code, Number(before.occurred_at), counts);
  await relinkNext(db, after.party_id, after.cause_code, occurred, counts);
  await addCounts(db, counts);
  return after;
}

/** A subject's coding, if it has one. */
export async function findCoding(db: Kysely<Database>, kind: CodedSubject, id: string): Promise<CauseCodingTable | undefined> {
  return codingOf(db, kind, id);
}

/**
 * Links a set of codings from scratch (each to the same customer's last coding of the cause strictly
 * before it), as `saveCoding` keeps them whatever the order they came in: what the tests compare the
 * kept links to, and what a bulk load writes.
 */
export function linkCodings(rows: readonly CauseCodingTable[]): CauseCodingTable[] {
  const last = new Map<string, number[]>();
  for (const r of rows.map(normalised)) {
    if (r.party_id === null) continue;
    const key = `${r.party_id}|${r.cause_code}`;
    last.set(key, [...(last.get(key) ?? []), r.occurred_at]);
  }
  for (const times of last.values()) times.sort((a, b) => a - b);
  return rows.map(normalised).map((r) => {
    if (r.party_id === null) return { ...r, previous_at: null };
    const times = last.get(`${r.party_id}|${r.cause_code}`)!;
    const before = times.filter((t) => t < r.occurred_at);
    return { ...r, previous_at: before.length > 0 ? before[before.length - 1]! : null };
  });
}

/**
 * The aggregates of a set of codings computed from the rows themselves, as `saveCoding` keeps them:
 * what the tests compare the kept aggregates to, and what a bulk load writes.
 */
export function countsFromCodings(rows: readonly CauseCodingTable[]): CauseCountTable[] {
  const merged = new Map<string, CauseCountTable>();
  for (const r of rows.flatMap((row) => countRowsOf(normalised(row), 1))) {
    const key = `${r.day}|${r.cause_code}|${r.subject_kind}|${r.dim}|${r.dim_key}`;
    const into = merged.get(key);
    if (!into) merged.set(key, { ...r });
    else for (const m of MEASURES) into[m] += r[m];
  }
  return [...merged.values()];
}
