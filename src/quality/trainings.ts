import type { Kysely } from 'kysely';
import { can, qualityScope, reachesPerson, type Actor } from '../auth/policies.js';
import { addDays, localDay, parseDay } from '../shared/calendar.js';
import { DomainError, invalid, invalidFields, notFound, type FieldIssue } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Role } from '../shared/roles.js';
import type { Database } from '../storage/schema.js';
import type { AttendanceStatus, TrainingAudience, TrainingKind } from '../storage/schema-quality-training.js';

/**
 * Training (docs/quality.md, "Training"): a catalogue (product, process, soft skills; for call-centre
 * and shop advisors and account managers), sessions with their attendees and who completed, the
 * trainings each role must have completed by a day, and who is overdue. Managing it is
 * `training.manage` (coaches, CX managers); a person's own trainings are theirs to read, a team lead's
 * team's are theirs, within `qualityScope` for anything beyond the catalogue.
 */
const DAY = 86_400_000;

export interface TrainingInput {
  code: string;
  title: string;
  kind: TrainingKind;
  audiences: TrainingAudience[];
  durationMinutes: number;
  description: string;
}

export interface TrainingRecord extends TrainingInput {
  id: string;
  archived: boolean;
  sessions: { planned: number; held: number };
  completed: number;
  updatedAt: number;
}

function duplicateCode(code: string): DomainError {
  return new DomainError(409, 'duplicate-code', `a training already has the code ${code}`, [{ field: 'code', reason: 'already used by another training', code: 'duplicate-code', params: { code } }]);
}

async function codeTaken(db: Kysely<Database>, code: string, except?: string): Promise<boolean> {
  let q = db.selectFrom('trainings').select('id').where('code', '=', code);
  if (except) q = q.where('id', '!=', except);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function createTraining(db: Kysely<Database>, input: TrainingInput, now = Date.now()): Promise<string> {
  if (await codeTaken(db, input.code)) throw duplicateCode(input.code);
  const id = newId();
  await db
    .insertInto('trainings')
    .values({ id, code: input.code, title: input.title, kind: input.kind, audiences: JSON.stringify([...new Set(input.audiences)]), duration_minutes: input.durationMinutes, description: input.description, archived_at: null, created_at: now, updated_at: now })
    .execute();
  return id;
}

export async function updateTraining(db: Kysely<Database>, id: string, patch: Partial<TrainingInput> & { archived?: boolean | undefined }, now = Date.now()): Promise<void> {
  const row = await db.selectFrom('trainings').select(['id', 'archived_at']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('no training has this id');
  if (patch.code !== undefined && (await codeTaken(db, patch.code, id))) throw duplicateCode(patch.code);
  await db
    .updateTable('trainings')
    .set({
      ...(patch.code !== undefined ? { code: patch.code } : {}),
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
      ...(patch.audiences !== undefined ? { audiences: JSON.stringify([...new Set(patch.audiences)]) } : {}),
      ...(patch.durationMinutes !== undefined ? { duration_minutes: patch.durationMinutes } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.archived !== undefined ? { archived_at: patch.archived ? (row.archived_at ?? now) : null } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** The catalogue, by code; archived trainings only when asked. */
export async function listTrainings(db: Kysely<Database>, options: { archived?: boolean; id?: string } = {}, now = Date.now()): Promise<TrainingRecord[]> {
  let q = db.selectFrom('trainings').selectAll();
  if (!options.archived) q = q.where('archived_at', 'is', null);
  if (options.id) q = q.where('id', '=', options.id);
  const rows = await q.orderBy('code').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const sessions = await db.selectFrom('training_sessions').select(['training_id', 'starts_at']).where('training_id', 'in', ids).where('cancelled_at', 'is', null).execute();
  const completed = await db
    .selectFrom('training_attendance as a')
    .innerJoin('training_sessions as s', 's.id', 'a.session_id')
    .select(['s.training_id', 'a.user_id'])
    .where('s.training_id', 'in', ids)
    .where('a.status', '=', 'completed')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    title: r.title,
    kind: r.kind,
    audiences: JSON.parse(r.audiences) as TrainingAudience[],
    durationMinutes: r.duration_minutes,
    description: r.description,
    archived: r.archived_at !== null,
    sessions: {
      planned: sessions.filter((s) => s.training_id === r.id && Number(s.starts_at) > now).length,
      held: sessions.filter((s) => s.training_id === r.id && Number(s.starts_at) <= now).length,
    },
    completed: new Set(completed.filter((c) => c.training_id === r.id).map((c) => c.user_id)).size,
    updatedAt: Number(r.updated_at),
  }));
}

export interface SessionInput {
  trainingId: string;
  startsAt: string;
  endsAt: string;
  place: string;
  trainer: string;
  capacity: number | null;
}

export interface SessionRecord {
  id: string;
  training: { id: string; code: string; title: string };
  startsAt: number;
  endsAt: number;
  place: string;
  trainer: string;
  capacity: number | null;
  cancelled: boolean;
  enrolled: number;
  /** the attendees the reader may see: all for those who manage trainings, their team's for a team lead, themselves for an advisor */
  attendees: { userId: string; name: string; teamId: string | null; status: AttendanceStatus; completedAt: number | null }[];
}

function sessionTimes(input: { startsAt: string; endsAt: string }): { startsAt: number; endsAt: number } {
  const startsAt = Date.parse(input.startsAt);
  const endsAt = Date.parse(input.endsAt);
  const issues: FieldIssue[] = [];
  if (Number.isNaN(startsAt)) issues.push({ field: 'startsAt', reason: 'not a date and time', code: 'invalid-format', params: { format: 'datetime' } });
  if (Number.isNaN(endsAt)) issues.push({ field: 'endsAt', reason: 'not a date and time', code: 'invalid-format', params: { format: 'datetime' } });
  else if (endsAt <= startsAt) issues.push({ field: 'endsAt', reason: 'must be after the start', code: 'ends-before-start' });
  else if (endsAt - startsAt > 14 * DAY) issues.push({ field: 'endsAt', reason: 'a session lasts at most 14 days', code: 'too-long-session', params: { days: 14 } });
  if (issues.length > 0) throw invalidFields(issues);
  return { startsAt, endsAt };
}

export async function createSession(db: Kysely<Database>, actor: Actor, input: SessionInput, now = Date.now()): Promise<string> {
  const training = await db.selectFrom('trainings').select(['id', 'archived_at']).where('id', '=', input.trainingId).executeTakeFirst();
  if (!training) throw notFound('no training has this id');
  if (training.archived_at !== null) throw invalid('trainingId', 'the training is archived', 'archived-training');
  const times = sessionTimes(input);
  const id = newId();
  await db
    .insertInto('training_sessions')
    .values({ id, training_id: training.id, starts_at: times.startsAt, ends_at: times.endsAt, place: input.place, trainer: input.trainer, capacity: input.capacity, cancelled_at: null, created_by: actor.id, created_at: now })
    .execute();
  return id;
}

export async function updateSession(db: Kysely<Database>, sessionId: string, patch: Partial<Omit<SessionInput, 'trainingId'>> & { cancelled?: boolean | undefined }, now = Date.now()): Promise<void> {
  const row = await db.selectFrom('training_sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
  if (!row) throw notFound('no training session has this id');
  const times = patch.startsAt !== undefined || patch.endsAt !== undefined
    ? sessionTimes({ startsAt: patch.startsAt ?? new Date(Number(row.starts_at)).toISOString(), endsAt: patch.endsAt ?? new Date(Number(row.ends_at)).toISOString() })
    : null;
  if (patch.capacity != null) {
    const enrolled = await countEnrolled(db, sessionId);
    if (patch.capacity < enrolled) throw invalid('capacity', `${enrolled} people are already on the list`, 'below-enrolled', { enrolled });
  }
  if (patch.cancelled === true) {
    const completed = await db.selectFrom('training_attendance').select('user_id').where('session_id', '=', sessionId).where('status', '=', 'completed').executeTakeFirst();
    if (completed) throw invalid('cancelled', 'people already completed this session', 'session-completed');
  }
  await db
    .updateTable('training_sessions')
    .set({
      ...(times ? { starts_at: times.startsAt, ends_at: times.endsAt } : {}),
      ...(patch.place !== undefined ? { place: patch.place } : {}),
      ...(patch.trainer !== undefined ? { trainer: patch.trainer } : {}),
      ...(patch.capacity !== undefined ? { capacity: patch.capacity } : {}),
      ...(patch.cancelled !== undefined ? { cancelled_at: patch.cancelled ? (row.cancelled_at ?? now) : null } : {}),
    })
    .where('id', '=', sessionId)
    .execute();
}

async function countEnrolled(db: Kysely<Database>, sessionId: string): Promise<number> {
  const r = await db.selectFrom('training_attendance').select((eb) => eb.fn.countAll<number>().as('n')).where('session_id', '=', sessionId).where('status', '!=', 'absent').executeTakeFirst();
  return Number(r?.n ?? 0);
}

export interface AttendanceChange {
  userId: string;
  /** `null` takes the person off the list */
  status: AttendanceStatus | null;
  /** when completed; default the session's end */
  completedAt?: string | undefined;
}

/**
 * Puts people on a session's list, records who attended and who completed, or takes them off, all
 * in one transaction: nothing is written when one change is refused. A session not yet begun cannot
 * record attendance; a full session takes nobody more; a cancelled one nothing.
 */
export async function changeAttendance(db: Kysely<Database>, actor: Actor, sessionId: string, changes: readonly AttendanceChange[], now = Date.now()): Promise<void> {
  const session = await db.selectFrom('training_sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
  if (!session) throw notFound('no training session has this id');
  if (session.cancelled_at !== null) throw new DomainError(409, 'session-cancelled', 'the session is cancelled');
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const ids = [...new Set(changes.map((c) => c.userId))];
  const people = ids.length === 0 ? [] : await db.selectFrom('users').select(['id', 'active', 'role']).where('id', 'in', ids).execute();
  const completedAt = changes.map((c, i) => {
    if (seen.has(c.userId)) issues.push({ field: `changes.${i}.userId`, reason: 'named twice', code: 'repeated' });
    seen.add(c.userId);
    const person = people.find((p) => p.id === c.userId);
    if (!person || person.role === 'integration') issues.push({ field: `changes.${i}.userId`, reason: 'no staff member has this id', code: 'unknown-user' });
    else if (person.active !== 1 && c.status === 'enrolled') issues.push({ field: `changes.${i}.userId`, reason: 'the account is deactivated', code: 'inactive-user' });
    if ((c.status === 'attended' || c.status === 'completed' || c.status === 'absent') && Number(session.starts_at) > now) {
      issues.push({ field: `changes.${i}.status`, reason: 'the session has not begun', code: 'session-not-begun' });
    }
    if (c.status !== 'completed') {
      if (c.completedAt !== undefined) issues.push({ field: `changes.${i}.completedAt`, reason: 'only for a completion', code: 'not-completed' });
      return null;
    }
    if (c.completedAt === undefined) return Math.min(Number(session.ends_at), now);
    const at = Date.parse(c.completedAt);
    if (Number.isNaN(at)) issues.push({ field: `changes.${i}.completedAt`, reason: 'not a date and time', code: 'invalid-format', params: { format: 'datetime' } });
    else if (at < Number(session.starts_at) || at > now + DAY) issues.push({ field: `changes.${i}.completedAt`, reason: 'between the session’s start and now', code: 'out-of-range', params: { minimum: new Date(Number(session.starts_at)).toISOString(), maximum: new Date(now).toISOString() } });
    return at;
  });
  if (issues.length > 0) throw invalidFields(issues);
  await db.transaction().execute(async (tx) => {
    for (const [i, c] of changes.entries()) {
      if (c.status === null) {
        await tx.deleteFrom('training_attendance').where('session_id', '=', sessionId).where('user_id', '=', c.userId).execute();
        continue;
      }
      const values = { status: c.status, completed_at: completedAt[i] ?? null, updated_by: actor.id, updated_at: now };
      const existing = await tx.selectFrom('training_attendance').select('user_id').where('session_id', '=', sessionId).where('user_id', '=', c.userId).executeTakeFirst();
      if (existing) await tx.updateTable('training_attendance').set(values).where('session_id', '=', sessionId).where('user_id', '=', c.userId).execute();
      else await tx.insertInto('training_attendance').values({ session_id: sessionId, user_id: c.userId, ...values }).execute();
    }
    if (session.capacity !== null) {
      const enrolled = await countEnrolled(tx, sessionId);
      if (enrolled > session.capacity) throw new DomainError(409, 'session-full', `the session takes ${session.capacity} people; ${enrolled} would be on the list`, [], { capacity: session.capacity, enrolled });
    }
  });
}

/** Which attendees of sessions a reader sees. */
function attendeeFilter(actor: Actor): (person: { id: string; teamId: string | null }) => boolean {
  if (can(actor, 'training.manage')) return () => true;
  const scope = qualityScope(actor);
  return (person) => reachesPerson(scope, person);
}

/** Sessions, soonest last (newest first), with the attendees the reader may see; `trainingId`, `from`, `to` (ms) narrow. */
export async function listSessions(db: Kysely<Database>, actor: Actor, filter: { trainingId?: string | undefined; sessionId?: string | undefined; from?: number | undefined; to?: number | undefined; limit?: number }): Promise<SessionRecord[]> {
  let q = db
    .selectFrom('training_sessions as s')
    .innerJoin('trainings as t', 't.id', 's.training_id')
    .select(['s.id', 's.starts_at', 's.ends_at', 's.place', 's.trainer', 's.capacity', 's.cancelled_at', 't.id as training_id', 't.code', 't.title']);
  if (filter.trainingId) q = q.where('s.training_id', '=', filter.trainingId);
  if (filter.sessionId) q = q.where('s.id', '=', filter.sessionId);
  if (filter.from !== undefined) q = q.where('s.starts_at', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('s.starts_at', '<', filter.to);
  const sessions = await q.orderBy('s.starts_at', 'desc').orderBy('s.id').limit(filter.limit ?? 200).execute();
  if (sessions.length === 0) return [];
  const attendance = await db
    .selectFrom('training_attendance as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.session_id', 'a.user_id', 'a.status', 'a.completed_at', 'u.display_name', 'u.team_id'])
    .where('a.session_id', 'in', sessions.map((s) => s.id))
    .orderBy('u.display_name')
    .execute();
  const visible = attendeeFilter(actor);
  return sessions.map((s) => {
    const list = attendance.filter((a) => a.session_id === s.id);
    return {
      id: s.id,
      training: { id: s.training_id, code: s.code, title: s.title },
      startsAt: Number(s.starts_at),
      endsAt: Number(s.ends_at),
      place: s.place,
      trainer: s.trainer,
      capacity: s.capacity,
      cancelled: s.cancelled_at !== null,
      enrolled: list.filter((a) => a.status !== 'absent').length,
      attendees: list
        .filter((a) => visible({ id: a.user_id, teamId: a.team_id }))
        .map((a) => ({ userId: a.user_id, name: a.display_name, teamId: a.team_id, status: a.status, completedAt: a.completed_at === null ? null : Number(a.completed_at) })),
    };
  });
}

export interface RequirementInput {
  trainingId: string;
  role: Role;
  siteKind: '' | 'call_centre' | 'shop';
  dueDate: string;
}

export async function createRequirement(db: Kysely<Database>, actor: Actor, input: RequirementInput, now = Date.now()): Promise<string> {
  const issues: FieldIssue[] = [];
  const training = await db.selectFrom('trainings').select(['id', 'archived_at']).where('id', '=', input.trainingId).executeTakeFirst();
  if (!training) throw notFound('no training has this id');
  if (training.archived_at !== null) issues.push({ field: 'trainingId', reason: 'the training is archived', code: 'archived-training' });
  const dueDay = parseDay(input.dueDate);
  if (dueDay === null) issues.push({ field: 'dueDate', reason: 'not a calendar date', code: 'invalid-format', params: { format: 'date' } });
  if (issues.length > 0) throw invalidFields(issues);
  const existing = await db.selectFrom('training_requirements').select('id').where('training_id', '=', input.trainingId).where('role', '=', input.role).where('site_kind', '=', input.siteKind).executeTakeFirst();
  if (existing) throw new DomainError(409, 'duplicate-requirement', 'this training is already required of this role', [{ field: 'role', reason: 'already required of this role', code: 'duplicate-requirement' }]);
  const id = newId();
  await db.insertInto('training_requirements').values({ id, training_id: input.trainingId, role: input.role, site_kind: input.siteKind, due_day: dueDay!, created_by: actor.id, created_at: now }).execute();
  return id;
}

export async function deleteRequirement(db: Kysely<Database>, id: string): Promise<void> {
  const result = await db.deleteFrom('training_requirements').where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound('no training requirement has this id');
}

export interface RequirementRecord {
  id: string;
  training: { id: string; code: string; title: string };
  role: Role;
  siteKind: '' | 'call_centre' | 'shop';
  dueDay: number;
}

export async function listRequirements(db: Kysely<Database>): Promise<RequirementRecord[]> {
  const rows = await db
    .selectFrom('training_requirements as r')
    .innerJoin('trainings as t', 't.id', 'r.training_id')
    .select(['r.id', 'r.role', 'r.site_kind', 'r.due_day', 't.id as training_id', 't.code', 't.title'])
    .orderBy('r.due_day')
    .orderBy('t.code')
    .execute();
  return rows.map((r) => ({ id: r.id, training: { id: r.training_id, code: r.code, title: r.title }, role: r.role, siteKind: r.site_kind, dueDay: r.due_day }));
}

export type ComplianceStatus = 'done' | 'due' | 'overdue';

export interface ComplianceRecord {
  person: { id: string; name: string; role: Role; teamId: string | null; teamName: string | null };
  requirement: RequirementRecord;
  /** the person's own due day: the requirement's, or `graceDays` after their arrival when they arrived later */
  dueDay: number;
  completedAt: number | null;
  status: ComplianceStatus;
}

/**
 * Who must complete what by when, and who has: one row per active person and requirement of their
 * role (and site kind). Those who manage trainings see everyone; a team lead their team and
 * themselves; an advisor themselves. `status` and `teamId` narrow.
 */
export async function trainingCompliance(
  db: Kysely<Database>, actor: Actor, filter: { status?: ComplianceStatus | undefined; teamId?: string | undefined; userId?: string | undefined }, graceDays: number, now = Date.now(),
): Promise<ComplianceRecord[]> {
  const requirements = await listRequirements(db);
  if (requirements.length === 0) return [];
  const siteKinds = new Map((await db.selectFrom('sites').select(['id', 'kind']).execute()).map((s) => [s.id, s.kind]));
  let q = db
    .selectFrom('users as u')
    .leftJoin('teams as t', 't.id', 'u.team_id')
    .select(['u.id', 'u.display_name', 'u.role', 'u.team_id', 'u.site_id', 'u.created_at', 't.name as team_name', 't.site_id as team_site'])
    .where('u.active', '=', 1)
    .where('u.role', 'in', [...new Set(requirements.map((r) => r.role))]);
  if (filter.teamId) q = q.where('u.team_id', '=', filter.teamId);
  if (filter.userId) q = q.where('u.id', '=', filter.userId);
  const visible = attendeeFilter(actor);
  const people = (await q.orderBy('u.display_name').execute()).filter((p) => visible({ id: p.id, teamId: p.team_id }));
  if (people.length === 0) return [];
  const completions = await db
    .selectFrom('training_attendance as a')
    .innerJoin('training_sessions as s', 's.id', 'a.session_id')
    .select(['a.user_id', 's.training_id', 'a.completed_at'])
    .where('a.status', '=', 'completed')
    .where('s.training_id', 'in', [...new Set(requirements.map((r) => r.training.id))])
    .execute();
  const firstCompletion = new Map<string, number>();
  for (const c of completions) {
    const key = `${c.user_id} ${c.training_id}`;
    const at = Number(c.completed_at ?? 0);
    if (!firstCompletion.has(key) || at < firstCompletion.get(key)!) firstCompletion.set(key, at);
  }
  const today = localDay(now);
  const rows: ComplianceRecord[] = [];
  for (const p of people) {
    const kind = siteKinds.get(p.site_id ?? p.team_site ?? '') ?? '';
    for (const r of requirements) {
      if (r.role !== p.role || (r.siteKind !== '' && r.siteKind !== kind)) continue;
      const dueDay = Math.max(r.dueDay, addDays(localDay(Number(p.created_at)), graceDays));
      const completedAt = firstCompletion.get(`${p.id} ${r.training.id}`) ?? null;
      const status: ComplianceStatus = completedAt !== null ? 'done' : dueDay < today ? 'overdue' : 'due';
      if (filter.status && filter.status !== status) continue;
      rows.push({ person: { id: p.id, name: p.display_name, role: p.role, teamId: p.team_id, teamName: p.team_name }, requirement: r, dueDay, completedAt, status });
    }
  }
  return rows.sort((a, b) => a.dueDay - b.dueDay || a.person.name.localeCompare(b.person.name) || a.requirement.training.code.localeCompare(b.requirement.training.code));
}

/** The trainings a person followed (sessions they were on), newest first, for their scorecard. */
export async function personTrainings(db: Kysely<Database>, userId: string) {
  const rows = await db
    .selectFrom('training_attendance as a')
    .innerJoin('training_sessions as s', 's.id', 'a.session_id')
    .innerJoin('trainings as t', 't.id', 's.training_id')
    .select(['t.id as training_id', 't.code', 't.title', 't.kind', 's.id as session_id', 's.starts_at', 'a.status', 'a.completed_at'])
    .where('a.user_id', '=', userId)
    .where('s.cancelled_at', 'is', null)
    .orderBy('s.starts_at', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({ training: { id: r.training_id, code: r.code, title: r.title, kind: r.kind }, sessionId: r.session_id, startsAt: Number(r.starts_at), status: r.status, completedAt: r.completed_at === null ? null : Number(r.completed_at) }));
}

/** Refuses a reader who may not see a person's trainings (someone outside their reach). */
export async function personWithinTrainingReach(db: Kysely<Database>, actor: Actor, userId: string): Promise<{ id: string; name: string; teamId: string | null }> {
  const row = await db.selectFrom('users').select(['id', 'display_name', 'team_id']).where('id', '=', userId).executeTakeFirst();
  if (!row || !attendeeFilter(actor)({ id: row.id, teamId: row.team_id })) throw notFound('no person within your reach has this id');
  return { id: row.id, name: row.display_name, teamId: row.team_id };
}


/** The active staff who may be put on a session's list (never systems), by name, for those who manage trainings. */
export async function trainablePeople(db: Kysely<Database>): Promise<{ id: string; name: string; role: Role; teamId: string | null; teamName: string | null }[]> {
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('teams as t', 't.id', 'u.team_id')
    .select(['u.id', 'u.display_name', 'u.role', 'u.team_id', 't.name as team_name'])
    .where('u.active', '=', 1)
    .where('u.role', '!=', 'integration')
    .orderBy('u.display_name')
    .limit(5000)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name, role: r.role, teamId: r.team_id, teamName: r.team_name }));
}
