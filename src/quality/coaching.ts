import type { Kysely } from 'kysely';
import { can, qualityScope, reachesPerson, type Actor } from '../auth/policies.js';
import { dayStart, localDay, parseDay } from '../shared/calendar.js';
import { DomainError, invalid, invalidFields, notFound, type FieldIssue } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Database } from '../storage/schema.js';
import type { CoachingActionTable } from '../storage/schema-quality-coaching.js';
import { qualityScores } from './evaluation-queries.js';
import { defaultScorecardVersion } from './scorecards.js';

/**
 * Coaching (docs/quality.md, "Coaching"): a session opens on the criteria where the advisor lost most
 * points in the period, with their evaluations; it records the actions agreed, each due on a day and
 * followed up until done or dropped; the advisor's progress is their quality score month by month and
 * how their actions went. Within `qualityScope`: an advisor reads their own, a team lead coaches their
 * team, a coach everyone; nobody coaches themselves.
 */
const DAY = 86_400_000;

/** The names of the criteria of the published scorecard, by key. */
async function criterionLabels(db: Kysely<Database>): Promise<Map<string, { fr: string; en: string; de: string }>> {
  const card = await defaultScorecardVersion(db);
  return new Map(card?.content.sections.flatMap((section) => section.criteria.map((c) => [c.key, c.labels] as const)) ?? []);
}

async function advisorOf(db: Kysely<Database>, actor: Actor, advisorId: string): Promise<{ id: string; name: string; teamId: string | null }> {
  const row = await db.selectFrom('users').select(['id', 'display_name', 'team_id', 'role']).where('id', '=', advisorId).executeTakeFirst();
  if (!row || !reachesPerson(qualityScope(actor), { id: row.id, teamId: row.team_id })) throw notFound('no advisor within your reach has this id');
  return { id: row.id, name: row.display_name, teamId: row.team_id };
}

/** What a new session with an advisor opens on: the criteria where they lost most points over [from, to), and their evaluations then. */
export async function coachingOpening(db: Kysely<Database>, actor: Actor, advisorId: string, from: number, to: number) {
  const advisor = await advisorOf(db, actor, advisorId);
  const [scores] = await qualityScores(db, { advisorIds: [advisor.id], from, to });
  const evaluations = await db
    .selectFrom('evaluations')
    .select('id')
    .where('advisor_id', '=', advisor.id)
    .where('purpose', '=', 'coaching')
    .where('state', '!=', 'draft')
    .where('submitted_at', '>=', from)
    .where('submitted_at', '<', to)
    .orderBy('submitted_at', 'desc')
    .limit(20)
    .execute();
  const labels = await criterionLabels(db);
  const focus = (scores?.lost ?? []).slice(0, 5).map((f) => ({ ...f, labels: labels.get(f.criterion) ?? null }));
  return { advisor, from, to, evaluations: scores?.n ?? 0, meanScore: scores?.meanScore ?? null, focus, evaluationIds: evaluations.map((e) => e.id) };
}

export interface NewCoachingSession {
  advisorId: string;
  heldAt?: string | undefined;
  focus: string[];
  evaluationIds: string[];
  caseIds: string[];
  notes: string;
  actions: { text: string; dueDate: string }[];
}

/** Records a session held with an advisor within reach, with its agreed actions, in one transaction. */
export async function createCoachingSession(db: Kysely<Database>, actor: Actor, input: NewCoachingSession, now = Date.now()): Promise<string> {
  const advisor = await advisorOf(db, actor, input.advisorId);
  if (advisor.id === actor.id) throw invalid('advisorId', 'nobody coaches themselves', 'own-coaching');
  const heldAt = input.heldAt ? Date.parse(input.heldAt) : now;
  const issues: FieldIssue[] = [];
  if (heldAt > now + DAY) issues.push({ field: 'heldAt', reason: 'cannot be more than a day ahead', code: 'in-future' });
  const dueDays = input.actions.map((a, i) => {
    const d = parseDay(a.dueDate);
    if (d === null) issues.push({ field: `actions.${i}.dueDate`, reason: 'not a calendar date', code: 'invalid-format', params: { format: 'date' } });
    else if (d < localDay(heldAt)) issues.push({ field: `actions.${i}.dueDate`, reason: 'due before the session', code: 'due-before-session' });
    return d ?? 0;
  });
  const evaluations = input.evaluationIds.length === 0 ? [] : await db.selectFrom('evaluations').select(['id', 'advisor_id']).where('id', 'in', input.evaluationIds).execute();
  input.evaluationIds.forEach((id, i) => {
    if (!evaluations.some((e) => e.id === id && e.advisor_id === advisor.id)) issues.push({ field: `evaluationIds.${i}`, reason: 'not an evaluation of this advisor', code: 'unknown-evaluation' });
  });
  const cases = input.caseIds.length === 0 ? [] : await db.selectFrom('cases').select('id').where('id', 'in', input.caseIds).execute();
  input.caseIds.forEach((id, i) => {
    if (!cases.some((c) => c.id === id)) issues.push({ field: `caseIds.${i}`, reason: 'no case has this id', code: 'unknown-case' });
  });
  if (issues.length > 0) throw invalidFields(issues);
  const id = newId();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('coaching_sessions')
      .values({ id, advisor_id: advisor.id, coach_id: actor.id, held_at: heldAt, focus: JSON.stringify(input.focus), evaluation_ids: JSON.stringify(input.evaluationIds), case_ids: JSON.stringify(input.caseIds), notes: input.notes, created_at: now })
      .execute();
    if (input.actions.length > 0) {
      await tx.insertInto('coaching_actions').values(input.actions.map((a, i) => ({ id: newId(), session_id: id, text: a.text, due_day: dueDays[i]!, state: 'open' as const, follow_up: '', done_at: null, updated_at: now }))).execute();
    }
  });
  return id;
}

/** Follows an action up: its state (done records when) and what was seen. */
export async function updateCoachingAction(db: Kysely<Database>, actor: Actor, actionId: string, patch: { state?: CoachingActionTable['state'] | undefined; followUp?: string | undefined }, now = Date.now()): Promise<string> {
  const row = await db
    .selectFrom('coaching_actions as a')
    .innerJoin('coaching_sessions as s', 's.id', 'a.session_id')
    .innerJoin('users as u', 'u.id', 's.advisor_id')
    .select(['a.id', 'a.state', 's.id as session_id', 's.advisor_id', 'u.team_id'])
    .where('a.id', '=', actionId)
    .executeTakeFirst();
  if (!row || !reachesPerson(qualityScope(actor), { id: row.advisor_id, teamId: row.team_id })) throw notFound('no coaching action within your reach has this id');
  if (row.advisor_id === actor.id || !can(actor, 'coaching.write')) throw new DomainError(403, 'forbidden', 'the coach follows the actions up');
  await db
    .updateTable('coaching_actions')
    .set({
      ...(patch.state !== undefined ? { state: patch.state, done_at: patch.state === 'done' ? now : null } : {}),
      ...(patch.followUp !== undefined ? { follow_up: patch.followUp } : {}),
      updated_at: now,
    })
    .where('id', '=', actionId)
    .execute();
  return row.session_id;
}

export interface CoachingSessionRecord {
  id: string;
  advisor: { id: string; name: string | null };
  coach: { id: string; name: string | null };
  heldAt: number;
  focus: string[];
  /** each focus criterion's name on the published scorecard (null: not on it) */
  focusLabels: ({ fr: string; en: string; de: string } | null)[];
  evaluationIds: string[];
  caseIds: string[];
  notes: string;
  actions: { id: string; text: string; dueDay: number; state: CoachingActionTable['state']; followUp: string; doneAt: number | null; overdue: boolean }[];
}

/** Sessions within reach, newest first (an advisor their own; `advisorId` narrows to one advisor). */
export async function listCoachingSessions(db: Kysely<Database>, actor: Actor, filter: { advisorId?: string | undefined; sessionId?: string | undefined }, now = Date.now()): Promise<CoachingSessionRecord[]> {
  const scope = qualityScope(actor);
  let q = db
    .selectFrom('coaching_sessions as s')
    .innerJoin('users as a', 'a.id', 's.advisor_id')
    .innerJoin('users as c', 'c.id', 's.coach_id')
    .select(['s.id', 's.advisor_id', 'a.display_name as advisor_name', 'a.team_id', 's.coach_id', 'c.display_name as coach_name', 's.held_at', 's.focus', 's.evaluation_ids', 's.case_ids', 's.notes']);
  if (scope.people === 'self') q = q.where('s.advisor_id', '=', actor.id);
  else if (scope.people === 'team') q = q.where((eb) => eb.or([eb('a.team_id', '=', scope.teamId ?? '\u0000'), eb('s.advisor_id', '=', actor.id)]));
  else if (scope.people !== 'all') return [];
  if (filter.advisorId) q = q.where('s.advisor_id', '=', filter.advisorId);
  if (filter.sessionId) q = q.where('s.id', '=', filter.sessionId);
  const sessions = await q.orderBy('s.held_at', 'desc').orderBy('s.id', 'desc').limit(200).execute();
  if (sessions.length === 0) return [];
  const actions = await db.selectFrom('coaching_actions').selectAll().where('session_id', 'in', sessions.map((s) => s.id)).orderBy('due_day').orderBy('id').execute();
  const today = localDay(now);
  const labels = await criterionLabels(db);
  return sessions.map((s) => ({
    id: s.id,
    advisor: { id: s.advisor_id, name: s.advisor_name },
    coach: { id: s.coach_id, name: s.coach_name },
    heldAt: Number(s.held_at),
    focus: JSON.parse(s.focus) as string[],
    focusLabels: (JSON.parse(s.focus) as string[]).map((key) => labels.get(key) ?? null),
    evaluationIds: JSON.parse(s.evaluation_ids) as string[],
    caseIds: JSON.parse(s.case_ids) as string[],
    notes: s.notes,
    actions: actions
      .filter((a) => a.session_id === s.id)
      .map((a) => ({ id: a.id, text: a.text, dueDay: Number(a.due_day), state: a.state, followUp: a.follow_up, doneAt: a.done_at === null ? null : Number(a.done_at), overdue: a.state === 'open' && Number(a.due_day) < today })),
  }));
}

/** An advisor's progress: quality month by month over the last `months` months, and how their agreed actions went. */
export async function coachingProgress(db: Kysely<Database>, actor: Actor, advisorId: string, months = 12, now = Date.now()) {
  const advisor = await advisorOf(db, actor, advisorId);
  const today = localDay(now);
  const monthStarts: number[] = [];
  let y = Math.floor(today / 10_000);
  let m = Math.floor(today / 100) % 100;
  for (let i = 0; i < months; i++) {
    monthStarts.unshift(y * 10_000 + m * 100 + 1);
    m -= 1;
    if (m === 0) (m = 12), (y -= 1);
  }
  const series = [];
  for (let i = 0; i < monthStarts.length; i++) {
    const from = dayStart(monthStarts[i]!);
    const to = i + 1 < monthStarts.length ? dayStart(monthStarts[i + 1]!) : now + 1;
    const [s] = await qualityScores(db, { advisorIds: [advisor.id], from, to });
    const label = `${Math.floor(monthStarts[i]! / 10_000)}-${String(Math.floor(monthStarts[i]! / 100) % 100).padStart(2, '0')}`;
    series.push({ month: label, evaluations: s?.n ?? 0, meanScore: s?.meanScore ?? null, passRate: s?.passRate ?? null });
  }
  const sessions = await listCoachingSessions(db, actor, { advisorId: advisor.id }, now);
  const actions = sessions.flatMap((s) => s.actions);
  return {
    advisor,
    months: series,
    actions: {
      total: actions.length,
      done: actions.filter((a) => a.state === 'done').length,
      doneOnTime: actions.filter((a) => a.state === 'done' && a.doneAt !== null && localDay(a.doneAt) <= a.dueDay).length,
      open: actions.filter((a) => a.state === 'open').length,
      overdue: actions.filter((a) => a.overdue).length,
      dropped: actions.filter((a) => a.state === 'dropped').length,
    },
  };
}
