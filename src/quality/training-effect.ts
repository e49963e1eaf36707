import type { Kysely } from 'kysely';
import { qualityScope, reachesPerson, type Actor } from '../auth/policies.js';
import { addDays, localDay } from '../shared/calendar.js';
import { forbidden, notFound } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';
import { compareFigures, pooledRawFigures, summarise, type AdvisorWindow, type FiguresChange, type PeopleFigures } from './people-figures.js';

/**
 * Before and after a training (docs/quality.md, "Training"): for each person who completed it, the
 * `windowDays` before their session began and the `windowDays` after the day they completed it
 * (to yesterday while that window runs); their counts pooled on each side, then after against before
 * with intervals. Within the reader's reach: a coach everyone, a team lead their team, an advisor
 * themselves; a CX manager sees it pooled over at least MIN_PEOPLE people (never one person's).
 */
export const MIN_PEOPLE = 5;

export interface TrainingEffect {
  training: { id: string; code: string; title: string };
  windowDays: number;
  people: number;
  /** people whose after-window is not over yet */
  running: number;
  before: PeopleFigures;
  after: PeopleFigures;
  change: FiguresChange;
}

export async function trainingEffect(
  db: Kysely<Database>, actor: Actor, trainingId: string, options: { windowDays: number; minResponses: number; advisorId?: string | undefined }, now = Date.now(),
): Promise<TrainingEffect> {
  const training = await db.selectFrom('trainings').select(['id', 'code', 'title']).where('id', '=', trainingId).executeTakeFirst();
  if (!training) throw notFound('no training has this id');
  const scope = qualityScope(actor);
  if (scope.people === 'none') throw forbidden('Your role does not see the figures of advisors');
  let q = db
    .selectFrom('training_attendance as a')
    .innerJoin('training_sessions as s', 's.id', 'a.session_id')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.user_id', 'u.team_id', 's.starts_at', 'a.completed_at'])
    .where('s.training_id', '=', trainingId)
    .where('s.cancelled_at', 'is', null)
    .where('a.status', '=', 'completed');
  if (options.advisorId) q = q.where('a.user_id', '=', options.advisorId);
  const completions = await q.orderBy('a.completed_at').execute();
  // a person who completed it twice counts once, from their first completion
  const first = new Map<string, (typeof completions)[number]>();
  for (const c of completions) if (!first.has(c.user_id)) first.set(c.user_id, c);
  const pooledOnly = scope.people === 'teams';
  const people = [...first.values()].filter((c) => pooledOnly || reachesPerson(scope, { id: c.user_id, teamId: c.team_id }));
  const today = localDay(now);
  const yesterday = addDays(today, -1);
  const before: AdvisorWindow[] = [];
  const after: AdvisorWindow[] = [];
  let running = 0;
  for (const p of people) {
    const start = localDay(Number(p.starts_at));
    const done = localDay(Number(p.completed_at ?? p.starts_at));
    if (done >= today) continue; // nothing after yet
    before.push({ advisorId: p.user_id, from: addDays(start, -options.windowDays), to: addDays(start, -1) });
    const end = addDays(done, options.windowDays);
    if (end > yesterday) running += 1;
    after.push({ advisorId: p.user_id, from: addDays(done, 1), to: Math.min(end, yesterday) });
  }
  if (pooledOnly && before.length < MIN_PEOPLE) {
    throw forbidden(`Figures before and after a training are shown to your role pooled over at least ${MIN_PEOPLE} people; ${before.length} completed it so far`);
  }
  const [rawBefore, rawAfter] = [await pooledRawFigures(db, before, today), await pooledRawFigures(db, after, today)];
  return {
    training,
    windowDays: options.windowDays,
    people: before.length,
    running,
    before: summarise(rawBefore, options.minResponses),
    after: summarise(rawAfter, options.minResponses),
    change: compareFigures(rawBefore, rawAfter, options.minResponses),
  };
}
