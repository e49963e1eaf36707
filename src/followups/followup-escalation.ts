import type { Kysely } from 'kysely';
import { transition } from '../cases/case-service.js';
import type { LiveHub } from '../http/live-hub.js';
import { enqueue } from '../jobs/outbox.js';
import type { JobHandler } from '../jobs/worker.js';
import type { Database } from '../storage/schema.js';
import { activeUsers, pushAlert } from './followup-alerts.js';

const HOUR_MS = 3_600_000;
/** Follow-ups escalated per transaction. */
const BATCH = 100;

/** One escalation: the follow-up, to whom (a site's lead, or the CX managers: `to` null), who was told. */
export interface Escalation {
  caseId: string;
  level: 'site_lead' | 'cx_manager';
  to: string | null;
  recipients: string[];
}

/**
 * Escalates every open follow-up whose deadline has passed (its clock running) and that was not
 * escalated yet: once per deadline (reopening sets a new one). The next level up from the team: the
 * lead of the team's site (a team lead attached to the site, not to a team) unless the follow-up is
 * already theirs, else the CX managers. Each is an `escalate` event on the case, by Ecoute, with the
 * level, the person and the deadline missed, written with the follow-up's `escalated_at` in one
 * short transaction. Answers what was escalated.
 */
export async function escalateMissedDeadlines(db: Kysely<Database>, now: number): Promise<Escalation[]> {
  const done: Escalation[] = [];
  for (;;) {
    const late = await db
      .selectFrom('cases')
      .innerJoin('followups', 'followups.case_id', 'cases.id')
      .leftJoin('teams', 'teams.id', 'cases.team_id')
      .select(['cases.id', 'cases.assignee_id', 'cases.due_at', 'teams.site_id'])
      .where('cases.kind', '=', 'followup')
      .where('cases.closed_at', 'is', null)
      .where('cases.paused_at', 'is', null)
      .where('cases.due_at', '<', now)
      .where('followups.escalated_at', 'is', null)
      .orderBy('cases.due_at')
      .orderBy('cases.id')
      .limit(BATCH)
      .execute();
    if (late.length === 0) return done;
    await db.transaction().execute(async (trx) => {
      for (const c of late) {
        const { level, to } = escalationOf(c.site_id === null ? undefined : await siteLeadOf(trx, c.site_id), c.assignee_id);
        const marked = await trx
          .updateTable('followups')
          .set({ escalated_at: now, escalated_to: to })
          .where('case_id', '=', c.id)
          .where('escalated_at', 'is', null)
          .executeTakeFirst();
        if (Number(marked.numUpdatedRows) !== 1) continue;
        await transition(trx, c.id, 'escalate', 'system', { at: now, data: { level, to, missedDueAt: Number(c.due_at) } });
        done.push({ caseId: c.id, level, to, recipients: to !== null ? [to] : await activeUsers(trx, 'cx_manager') });
      }
    });
  }
}

/** Where a missed deadline goes: the lead of the team's site unless the follow-up is already theirs, else the CX managers (`to` null). */
export function escalationOf(siteLead: string | undefined, assigneeId: string | null): Pick<Escalation, 'level' | 'to'> {
  const to = siteLead !== undefined && siteLead !== assigneeId ? siteLead : null;
  return { level: to === null ? 'cx_manager' : 'site_lead', to };
}

/** The lead of a site: an active team lead attached to the site and to no team (the first by id). */
async function siteLeadOf(db: Kysely<Database>, siteId: string): Promise<string | undefined> {
  const lead = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'team_lead')
    .where('active', '=', 1)
    .where('site_id', '=', siteId)
    .where('team_id', 'is', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return lead?.id;
}

/** The reference of an hour's run (UTC), e.g. `2026-12-07T17`: one job per hour, whatever the number of workers. */
export function hourRef(at: number): string {
  return new Date(Math.floor(at / HOUR_MS) * HOUR_MS).toISOString().slice(0, 13);
}

/** Each hour's run starts a minute past the hour, so that deadlines at the full hour (18:00) are past. */
const RUN_PAST_HOUR_MS = 60_000;

/** The first hourly run after `at` (the one that escalates a deadline missed at `at`). */
export function firstRunAfter(at: number): number {
  return (Math.floor((at - RUN_PAST_HOUR_MS) / HOUR_MS) + 1) * HOUR_MS + RUN_PAST_HOUR_MS;
}

/** An hour's run. */
async function schedule(db: Kysely<Database>, hourStart: number): Promise<void> {
  await enqueue(db, 'followup.deadlines', hourRef(hourStart), hourStart + RUN_PAST_HOUR_MS);
}

/** Makes sure this hour's escalation run is in the outbox (at start). */
export async function scheduleFollowupDeadlines(db: Kysely<Database>, now = Date.now()): Promise<void> {
  await schedule(db, Math.floor(now / HOUR_MS) * HOUR_MS);
}

/**
 * The worker's handler of `followup.deadlines`: escalates the missed deadlines, pushes each
 * escalation to the consoles of those it went to (`followup.escalated`, when this process holds the
 * live hub), logs the count (never a name), and puts the next hour's run in the outbox (the next
 * hour from now: hours a stopped worker missed are caught up by one run).
 */
export function followupDeadlinesHandler(
  db: Kysely<Database>,
  options: { live?: LiveHub | undefined; clock?: () => number; log?: (line: string) => void } = {},
): JobHandler {
  const clock = options.clock ?? Date.now;
  const log = options.log ?? ((line: string) => console.log(line));
  return async (refId) => {
    const now = clock();
    const escalations = await escalateMissedDeadlines(db, now);
    for (const e of escalations) await pushAlert(db, options.live, e.caseId, 'followup.escalated', e.recipients);
    if (escalations.length > 0) log(`follow-ups ${refId}: escalated ${escalations.length} missed deadlines`);
    await schedule(db, (Math.floor(now / HOUR_MS) + 1) * HOUR_MS);
    return { done: true };
  };
}
