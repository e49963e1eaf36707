import type { Kysely } from 'kysely';
import { dayStart } from '../shared/calendar.js';
import { invalid } from '../shared/errors.js';
import { offsetAt } from '../shared/local-time.js';
import type { Database } from '../storage/schema.js';
import type { EligibleContact } from './sample-draw.js';

/** A sampling period: a calendar month, Europe/Luxembourg. */
export interface SamplePeriod {
  label: string;
  from: number;
  /** exclusive */
  to: number;
}

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** `YYYY-MM` → the month's instants (local midnight of its first day to that of the next month's). */
export function parsePeriod(value: string, field = 'period'): SamplePeriod {
  const m = PERIOD.exec(value);
  if (!m) throw invalid(field, 'is a month, YYYY-MM', 'invalid-format', { format: 'month' });
  const year = Number(m[1]);
  const month = Number(m[2]);
  const next = month === 12 ? (year + 1) * 10_000 + 101 : year * 10_000 + (month + 1) * 100 + 1;
  return { label: value, from: dayStart(year * 10_000 + month * 100 + 1), to: dayStart(next) };
}

/** The hour (0–23) an instant shows on the operator's clocks. */
export function localHour(at: number): number {
  return new Date(at + offsetAt(at)).getUTCHours();
}

export interface PopulationContact extends EligibleContact {
  partyId: string;
  teamId: string | null;
  startedAt: number;
}

/**
 * The period's eligible contacts (docs/quality.md, "Sampling"): started in the period, ended, handled
 * by an advisor (of `teamId`'s team when given, the advisor's team today), on any channel, of a
 * customer not erased; detractor-rated when a contact survey's answer for it is a detractor score.
 */
export async function eligibleContacts(db: Kysely<Database>, period: SamplePeriod, teamId: string | null): Promise<PopulationContact[]> {
  let query = db
    .selectFrom('interactions as i')
    .innerJoin('users as u', 'u.id', 'i.advisor_id')
    .innerJoin('parties as p', 'p.id', 'i.party_id')
    .select((eb) => [
      'i.id', 'i.party_id', 'i.advisor_id', 'u.team_id', 'i.channel', 'i.reason_code', 'i.resolved', 'i.started_at',
      eb
        .exists(eb.selectFrom('survey_responses as r').select('r.id').whereRef('r.interaction_id', '=', 'i.id').where('r.category', '=', 'detractor'))
        .as('detractor'),
    ])
    .where('i.started_at', '>=', period.from)
    .where('i.started_at', '<', period.to)
    .where('i.ended_at', 'is not', null)
    .where('p.erased_at', 'is', null);
  if (teamId !== null) query = query.where('u.team_id', '=', teamId);
  const rows = await query.orderBy('i.id').execute();
  return rows.map((row) => ({
    id: row.id,
    partyId: row.party_id,
    advisorId: row.advisor_id as string,
    teamId: row.team_id,
    channel: row.channel,
    reason: row.reason_code,
    resolved: row.resolved === 1,
    startedAt: Number(row.started_at),
    localHour: localHour(Number(row.started_at)),
    // 0/1 or false/true depending on the engine
    detractor: Number(row.detractor) === 1,
  }));
}
