import type { Kysely } from 'kysely';
import { businessHoursOf, isBusinessDay, type BusinessCalendar, LUXEMBOURG_CALENDAR } from '../shared/business-calendar.js';
import { addDays, localDay } from '../shared/calendar.js';
import type { Database } from '../storage/schema.js';

/** A slot lasts half an hour. */
export const SLOT_MS = 30 * 60_000;
/** The earliest slot offered starts this long after now: the team needs time to plan the call. */
export const SLOT_LEAD_MS = 60 * 60_000;
/** Slots are offered on this many business days, the first being the first with a slot left. */
export const SLOT_BUSINESS_DAYS = 5;
/**
 * How many callbacks a team takes per slot: a slot with this many requests (open or done, not
 * cancelled) is no longer offered. About what two advisors call in half an hour between other work.
 */
export const CALLBACKS_PER_SLOT = 4;

export interface Slot {
  start: number;
  end: number;
}

/**
 * The half-hour slots within opening hours (Monday to Friday 08:00-18:00 Europe/Luxembourg, no public
 * holiday) of the next `SLOT_BUSINESS_DAYS` business days that have one, starting at least
 * `SLOT_LEAD_MS` after `now`, in time order. Pure: reads only the calendar.
 */
export function slotsAfter(now: number, cal: BusinessCalendar = LUXEMBOURG_CALENDAR, days = SLOT_BUSINESS_DAYS): Slot[] {
  const earliest = now + SLOT_LEAD_MS;
  const slots: Slot[] = [];
  let counted = 0;
  // a year without enough business days would be a broken calendar: stop looking after 60 days
  for (let day = localDay(now, cal.timeZone), i = 0; counted < days && i < 60; day = addDays(day, 1), i++) {
    if (!isBusinessDay(day, cal)) continue;
    const hours = businessHoursOf(day, cal)!;
    const before = slots.length;
    for (let start = hours.opens; start + SLOT_MS <= hours.closes; start += SLOT_MS) {
      if (start >= earliest) slots.push({ start, end: start + SLOT_MS });
    }
    if (slots.length > before) counted++;
  }
  return slots;
}

/** How many callbacks (not cancelled) a team has per slot start between two instants. */
async function requestsPerSlot(db: Kysely<Database>, teamId: string, from: number, to: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('callbacks as b')
    .innerJoin('cases as c', 'c.id', 'b.case_id')
    .select(['b.slot_start', (eb) => eb.fn.countAll<number>().as('n')])
    .where('b.slot_start', '>=', from)
    .where('b.slot_start', '<', to)
    .where('c.team_id', '=', teamId)
    .where('c.state', '!=', 'cancelled')
    .groupBy('b.slot_start')
    .execute();
  return new Map(rows.map((r) => [Number(r.slot_start), Number(r.n)]));
}

/** The slots a team still offers: `slotsAfter(now)` without those that have `CALLBACKS_PER_SLOT` requests already. */
export async function openSlots(db: Kysely<Database>, teamId: string, now = Date.now(), cal: BusinessCalendar = LUXEMBOURG_CALENDAR): Promise<Slot[]> {
  const slots = slotsAfter(now, cal);
  if (slots.length === 0) return [];
  const taken = await requestsPerSlot(db, teamId, slots[0]!.start, slots.at(-1)!.end);
  return slots.filter((s) => (taken.get(s.start) ?? 0) < CALLBACKS_PER_SLOT);
}
