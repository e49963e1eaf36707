import type { Kysely } from 'kysely';
import { qualityScope, reachesPerson, type Actor } from '../auth/policies.js';
import { addDays, dayStart, daysBetween, localDay, parseDay } from '../shared/calendar.js';
import { forbidden, invalidFields, notFound, type FieldIssue } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';
import { compareFigures, emptyRaw, poolInto, rawFiguresByAdvisor, summarise, type FiguresChange, type PeopleFigures, type RawFigures } from './people-figures.js';
import { personTrainings, trainingCompliance, type ComplianceRecord } from './trainings.js';

/**
 * The advisor's scorecard (docs/quality.md, "Advisor scorecard"): one page per advisor, for
 * themselves, their team lead and the coaches, never for a colleague: their figures over the days
 * with the days before for comparison, the follow-ups and complaints of their contacts, their
 * trainings and coaching actions. The team view: each advisor of a team for its lead and the
 * coaches; the team's total only for a CX manager.
 */

export interface Days {
  from: number;
  to: number;
}

/** The days of the same length just before. */
export function previousDays({ from, to }: Days): Days {
  const length = daysBetween(from, to) + 1;
  return { from: addDays(from, -length), to: addDays(from, -1) };
}

export interface AdvisorScorecard {
  advisor: { id: string; name: string; teamId: string | null; teamName: string | null };
  days: Days;
  figures: PeopleFigures;
  previous: PeopleFigures;
  change: FiguresChange;
  followups: { opened: number; open: number; reached: number; unreachable: number; withinDeadline: number };
  complaints: { opened: number; open: number };
  trainings: Awaited<ReturnType<typeof personTrainings>>;
  required: ComplianceRecord[];
  coaching: { sessions: number; open: number; overdue: number; done: number; dropped: number; lastSessionAt: number | null };
}

async function advisorWithinReach(db: Kysely<Database>, actor: Actor, advisorId: string) {
  const row = await db
    .selectFrom('users as u')
    .leftJoin('teams as t', 't.id', 'u.team_id')
    .select(['u.id', 'u.display_name', 'u.team_id', 't.name as team_name'])
    .where('u.id', '=', advisorId)
    .executeTakeFirst();
  if (!row || !reachesPerson(qualityScope(actor), { id: row.id, teamId: row.team_id })) throw notFound('no advisor within your reach has this id');
  return { id: row.id, name: row.display_name, teamId: row.team_id, teamName: row.team_name };
}

export async function advisorScorecard(
  db: Kysely<Database>, actor: Actor, advisorId: string, days: Days, options: { minResponses: number; graceDays: number }, now = Date.now(),
): Promise<AdvisorScorecard> {
  const advisor = await advisorWithinReach(db, actor, advisorId);
  const today = localDay(now);
  const before = previousDays(days);
  const current = (await rawFiguresByAdvisor(db, [{ advisorId, ...days }], today)).get(advisorId)!;
  const earlier = (await rawFiguresByAdvisor(db, [{ advisorId, ...before }], today)).get(advisorId)!;
  const start = dayStart(days.from);
  const end = dayStart(addDays(days.to, 1));
  const followups = await db
    .selectFrom('followups as f')
    .innerJoin('interactions as i', 'i.id', 'f.interaction_id')
    .select(['f.resolution', 'f.reached_at', 'f.deadline_at'])
    .where('i.advisor_id', '=', advisorId)
    .where('f.opened_at', '>=', start)
    .where('f.opened_at', '<', end)
    .execute();
  const complaints = await db
    .selectFrom('complaint_contacts as cc')
    .innerJoin('interactions as i', 'i.id', 'cc.interaction_id')
    .innerJoin('cases as c', 'c.id', 'cc.case_id')
    .select(['c.id', 'c.closed_at'])
    .distinct()
    .where('i.advisor_id', '=', advisorId)
    .where('c.opened_at', '>=', start)
    .where('c.opened_at', '<', end)
    .execute();
  const coaching = await db
    .selectFrom('coaching_sessions as s')
    .leftJoin('coaching_actions as a', 'a.session_id', 's.id')
    .select(['s.id', 's.held_at', 'a.state', 'a.due_day'])
    .where('s.advisor_id', '=', advisorId)
    .execute();
  const actions = coaching.filter((c) => c.state !== null);
  return {
    advisor,
    days,
    figures: summarise(current, options.minResponses),
    previous: summarise(earlier, options.minResponses),
    change: compareFigures(earlier, current, options.minResponses),
    followups: {
      opened: followups.length,
      open: followups.filter((f) => f.resolution === null).length,
      reached: followups.filter((f) => f.resolution === 'reached').length,
      unreachable: followups.filter((f) => f.resolution === 'unreachable').length,
      withinDeadline: followups.filter((f) => f.reached_at !== null && Number(f.reached_at) <= Number(f.deadline_at)).length,
    },
    complaints: { opened: complaints.length, open: complaints.filter((c) => c.closed_at === null).length },
    trainings: await personTrainings(db, advisorId),
    required: await trainingCompliance(db, actor, { userId: advisorId }, options.graceDays, now),
    coaching: {
      sessions: new Set(coaching.map((c) => c.id)).size,
      open: actions.filter((a) => a.state === 'open' && a.due_day! >= today).length,
      overdue: actions.filter((a) => a.state === 'open' && a.due_day! < today).length,
      done: actions.filter((a) => a.state === 'done').length,
      dropped: actions.filter((a) => a.state === 'dropped').length,
      lastSessionAt: coaching.length === 0 ? null : Math.max(...coaching.map((c) => Number(c.held_at))),
    },
  };
}

export interface TeamScorecard {
  team: { id: string; name: string };
  days: Days;
  total: PeopleFigures;
  previousTotal: PeopleFigures;
  change: FiguresChange;
  /** each advisor of the team, for its lead and the coaches; empty for a reader who sees team totals only */
  advisors: { id: string; name: string; figures: PeopleFigures }[];
  /** how many advisors the total pools */
  people: number;
}

/**
 * A team's figures: its active advisors' counts pooled (the team as it is today), with each advisor's
 * for its lead and the coaches. An advisor reads their own scorecard, not this.
 */
export async function teamScorecard(db: Kysely<Database>, actor: Actor, teamId: string, days: Days, options: { minResponses: number }, now = Date.now()): Promise<TeamScorecard> {
  const scope = qualityScope(actor);
  const team = await db.selectFrom('teams').select(['id', 'name']).where('id', '=', teamId).executeTakeFirst();
  if (!team || scope.people === 'none' || scope.people === 'self' || (scope.people === 'team' && scope.teamId !== teamId)) {
    if (team && scope.people === 'self') throw forbidden("You see your own scorecard and your team's total on it, not your colleagues'");
    throw notFound('no team within your reach has this id');
  }
  const advisors = await db.selectFrom('users').select(['id', 'display_name']).where('team_id', '=', teamId).where('role', '=', 'advisor').where('active', '=', 1).orderBy('display_name').execute();
  const today = localDay(now);
  const ids = advisors.map((a) => a.id);
  const current = await rawFiguresByAdvisor(db, ids.map((advisorId) => ({ advisorId, ...days })), today);
  const earlier = await rawFiguresByAdvisor(db, ids.map((advisorId) => ({ advisorId, ...previousDays(days) })), today);
  const pool = (m: Map<string, RawFigures>) => [...m.values()].reduce((sum, raw) => poolInto(sum, raw), emptyRaw());
  const total = pool(current);
  const previousTotal = pool(earlier);
  const perPerson = scope.people === 'all' || scope.people === 'team';
  return {
    team,
    days,
    total: summarise(total, options.minResponses),
    previousTotal: summarise(previousTotal, options.minResponses),
    change: compareFigures(previousTotal, total, options.minResponses),
    advisors: perPerson ? advisors.map((a) => ({ id: a.id, name: a.display_name, figures: summarise(current.get(a.id)!, options.minResponses) })) : [],
    people: advisors.length,
  };
}

/** The longest span a scorecard covers. */
export const MAX_SCORECARD_DAYS = 366;

/** The days of a scorecard as asked (YYYY-MM-DD): default the 90 days to yesterday; at most a year. */
export function scorecardDays(query: { from?: string | undefined; to?: string | undefined }, now = Date.now()): Days {
  const issues: FieldIssue[] = [];
  const read = (field: 'from' | 'to') => {
    const raw = query[field];
    if (raw === undefined || raw === '') return null;
    const day = parseDay(raw);
    if (day === null) issues.push({ field, reason: `not a calendar date: "${raw}"`, code: 'invalid-format', params: { format: 'date' } });
    return day;
  };
  const to = read('to') ?? addDays(localDay(now), -1);
  const from = read('from') ?? addDays(to, -89);
  if (issues.length === 0 && from > to) issues.push({ field: 'from', reason: 'must not be after to', code: 'from-after-to' });
  else if (issues.length === 0 && daysBetween(from, to) + 1 > MAX_SCORECARD_DAYS) issues.push({ field: 'from', reason: `at most ${MAX_SCORECARD_DAYS} days`, code: 'too-long-span', params: { max: MAX_SCORECARD_DAYS } });
  if (issues.length > 0) throw invalidFields(issues);
  return { from, to };
}
