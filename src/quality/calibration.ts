import type { Kysely } from 'kysely';
import { can, type Actor } from '../auth/policies.js';
import type { AnswerValue } from '../contract/quality-evaluations.js';
import { scoreEvaluation, type Answer } from '../contract/quality-scoring.js';
import { DomainError, invalid, notFound, type FieldIssue } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Database } from '../storage/schema.js';
import { alphaReading, deviations, intraclassCorrelations, krippendorffAlpha, spreadOf, type Spread } from './agreement.js';
import { checkAnswers } from './evaluation-rules.js';
import { defaultScorecardVersion, readScorecardVersion, type ScorecardVersionRecord } from './scorecards.js';

/**
 * Calibration sessions (docs/quality.md, "Calibration and agreement"): evaluators score the same
 * contacts blind; once the lead reveals the session, its people see every score, the spread, the
 * agreement and who is far from the reference. Scores live in calibration_scores only: they never
 * count in an advisor's quality figures.
 */
const LETTERS = 'ABCDEFGHIJKL';
const ANSWER_VALUE: Record<Exclude<Answer, 'na'>, number> = { yes: 1, partial: 0.5, no: 0 };
const EVALUATOR_ROLES = ['team_lead', 'quality_coach'] as const;

/** Well-formed ids that name no fitting contact or person: 422, every one named. */
const unfitIds = (issues: FieldIssue[]) => new DomainError(422, 'unfit-references', issues.map((i) => `${i.field} ${i.reason}`).join('; '), issues);

export async function calibrationCandidates(db: Kysely<Database>): Promise<{ id: string; name: string; role: string }[]> {
  const rows = await db.selectFrom('users').select(['id', 'display_name', 'role']).where('role', 'in', [...EVALUATOR_ROLES]).where('active', '=', 1).orderBy('display_name').execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name, role: r.role }));
}

export interface SessionSummary {
  id: string;
  title: string;
  state: 'open' | 'revealed';
  createdAt: number;
  revealedAt: number | null;
  contacts: number;
  evaluators: number;
}

/** The sessions the reader is in (coaches who manage sessions: every one), newest first. */
export async function listCalibrations(db: Kysely<Database>, actor: Actor): Promise<SessionSummary[]> {
  let query = db
    .selectFrom('calibration_sessions as s')
    .select((eb) => [
      's.id', 's.title', 's.state', 's.created_at', 's.revealed_at',
      eb.selectFrom('calibration_contacts as c').whereRef('c.session_id', '=', 's.id').select((e) => e.fn.countAll<number>().as('n')).as('contacts'),
      eb.selectFrom('calibration_evaluators as e').whereRef('e.session_id', '=', 's.id').select((e) => e.fn.countAll<number>().as('n')).as('evaluators'),
    ]);
  if (!can(actor, 'calibration.manage')) {
    query = query.where((eb) => eb.or([eb('s.lead_id', '=', actor.id), eb.exists(eb.selectFrom('calibration_evaluators as m').whereRef('m.session_id', '=', 's.id').where('m.user_id', '=', actor.id).select('m.user_id'))]));
  }
  const rows = await query.orderBy('s.created_at', 'desc').orderBy('s.id', 'desc').limit(200).execute();
  return rows.map((r) => ({ id: r.id, title: r.title, state: r.state, createdAt: Number(r.created_at), revealedAt: r.revealed_at === null ? null : Number(r.revealed_at), contacts: Number(r.contacts), evaluators: Number(r.evaluators) }));
}

/** A new session: its contacts (each handled by an advisor) and its evaluators (team leads and coaches), scored on one published version. */
export async function createCalibration(
  db: Kysely<Database>,
  actor: Actor,
  input: { title: string; interactionIds: string[]; evaluatorIds: string[]; scorecardVersionId?: string | undefined },
  now = Date.now(),
): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const contactIds = [...new Set(input.interactionIds)];
    const evaluatorIds = [...new Set(input.evaluatorIds)];
    const contacts = await tx.selectFrom('interactions').select(['id', 'advisor_id']).where('id', 'in', contactIds).execute();
    const found = new Map(contacts.map((c) => [c.id, c]));
    const evaluators = await tx.selectFrom('users').select(['id', 'role', 'active']).where('id', 'in', evaluatorIds).execute();
    const people = new Map(evaluators.map((e) => [e.id, e]));
    const issues: FieldIssue[] = [
      ...contactIds.flatMap((id, i) =>
        !found.has(id) ? [{ field: `interactionIds.${i}`, reason: 'no contact has this id', code: 'unknown-contact' }]
        : found.get(id)!.advisor_id === null ? [{ field: `interactionIds.${i}`, reason: 'this contact was handled by no advisor', code: 'contact-without-advisor' }]
        : [],
      ),
      ...evaluatorIds.flatMap((id, i) => {
        const person = people.get(id);
        return !person || person.active !== 1 || !(EVALUATOR_ROLES as readonly string[]).includes(person.role)
          ? [{ field: `evaluatorIds.${i}`, reason: 'not an active team lead or quality coach', code: 'not-an-evaluator' }]
          : [];
      }),
    ];
    if (evaluatorIds.length < 2) issues.push({ field: 'evaluatorIds', reason: 'a calibration needs at least two different evaluators', code: 'too-few', params: { minimum: 2 } });
    if (issues.length > 0) throw unfitIds(issues);
    const version = input.scorecardVersionId ? await readScorecardVersion(tx, input.scorecardVersionId).catch(() => undefined) : await defaultScorecardVersion(tx);
    if (!version || version.state !== 'published') throw invalid('scorecardVersionId', 'no published scorecard version has this id', 'scorecard-not-published', { state: version?.state ?? 'none' });
    const id = newId();
    await tx.insertInto('calibration_sessions').values({ id, title: input.title, scorecard_version_id: version.id, lead_id: actor.id, state: 'open', created_at: now, revealed_at: null }).execute();
    await tx.insertInto('calibration_contacts').values(contactIds.map((interaction_id, position) => ({ session_id: id, interaction_id, position, reference_score: null }))).execute();
    await tx.insertInto('calibration_evaluators').values(evaluatorIds.map((user_id, i) => ({ session_id: id, user_id, letter: LETTERS[i]! }))).execute();
    return id;
  });
}

interface Loaded {
  id: string;
  title: string;
  state: 'open' | 'revealed';
  leadId: string;
  leadName: string | null;
  createdAt: number;
  revealedAt: number | null;
  version: ScorecardVersionRecord;
  evaluators: { userId: string; name: string; letter: string }[];
  contacts: { interactionId: string; startedAt: number; channel: string; reference: number | null }[];
}

async function load(db: Kysely<Database>, id: string): Promise<Loaded> {
  const session = await db.selectFrom('calibration_sessions as s').innerJoin('users as u', 'u.id', 's.lead_id').select(['s.id', 's.title', 's.state', 's.lead_id', 'u.display_name', 's.created_at', 's.revealed_at', 's.scorecard_version_id']).where('s.id', '=', id).executeTakeFirst();
  if (!session) throw notFound('no calibration session has this id');
  const [evaluators, contacts, version] = await Promise.all([
    db.selectFrom('calibration_evaluators as e').innerJoin('users as u', 'u.id', 'e.user_id').select(['e.user_id', 'u.display_name', 'e.letter']).where('e.session_id', '=', id).orderBy('e.letter').execute(),
    db.selectFrom('calibration_contacts as c').innerJoin('interactions as i', 'i.id', 'c.interaction_id').select(['c.interaction_id', 'i.started_at', 'i.channel', 'c.reference_score']).where('c.session_id', '=', id).orderBy('c.position').execute(),
    readScorecardVersion(db, session.scorecard_version_id),
  ]);
  return {
    id: session.id, title: session.title, state: session.state, leadId: session.lead_id, leadName: session.display_name, createdAt: Number(session.created_at),
    revealedAt: session.revealed_at === null ? null : Number(session.revealed_at), version,
    evaluators: evaluators.map((e) => ({ userId: e.user_id, name: e.display_name, letter: e.letter })),
    contacts: contacts.map((c) => ({ interactionId: c.interaction_id, startedAt: Number(c.started_at), channel: c.channel, reference: c.reference_score === null ? null : Number(c.reference_score) })),
  };
}

/** Whether the reader may open the session: its lead, its evaluators, and the coaches who manage sessions. */
function mayOpen(actor: Actor, s: Loaded): boolean {
  return s.leadId === actor.id || s.evaluators.some((e) => e.userId === actor.id) || can(actor, 'calibration.manage');
}

/** Saves the reader's answers on one contact of an open session they evaluate (blind: nobody else's are shown). */
export async function saveCalibrationScore(db: Kysely<Database>, actor: Actor, id: string, interactionId: string, answers: { criterion: string; answer: AnswerValue }[], now = Date.now()): Promise<void> {
  const s = await load(db, id);
  if (!mayOpen(actor, s)) throw notFound('no calibration session has this id');
  if (!s.evaluators.some((e) => e.userId === actor.id)) throw new DomainError(403, 'not-an-evaluator', 'you are not an evaluator of this session');
  if (s.state !== 'open') throw new DomainError(409, 'calibration-revealed', 'this session is revealed: its scores no longer change');
  if (!s.contacts.some((c) => c.interactionId === interactionId)) throw notFound('this contact is not in the session');
  checkAnswers(s.version.content, answers, 'answers');
  const result = scoreEvaluation(s.version.content, Object.fromEntries(answers.map((a) => [a.criterion, a.answer])));
  const row = { answers: JSON.stringify(Object.fromEntries(answers.map((a) => [a.criterion, a.answer]))), score: result.score, critical_failures: JSON.stringify(result.criticalFailures), complete: result.complete ? (1 as const) : (0 as const), scored_at: now };
  await db
    .insertInto('calibration_scores')
    .values({ session_id: id, interaction_id: interactionId, evaluator_id: actor.id, ...row })
    .onConflict((oc) => oc.columns(['session_id', 'interaction_id', 'evaluator_id']).doUpdateSet(row))
    .execute();
}

/** Reveals an open session: every score is shown to its people. Only its lead or a coach who manages sessions. */
export async function revealCalibration(db: Kysely<Database>, actor: Actor, id: string, now = Date.now()): Promise<void> {
  const s = await load(db, id);
  if (!mayOpen(actor, s)) throw notFound('no calibration session has this id');
  if (s.state !== 'open') throw new DomainError(409, 'calibration-revealed', 'this session is already revealed');
  await db.updateTable('calibration_sessions').set({ state: 'revealed', revealed_at: now }).where('id', '=', id).where('state', '=', 'open').execute();
}

/** The reference scores the session agrees on (null: back to the median). */
export async function setCalibrationReferences(db: Kysely<Database>, actor: Actor, id: string, references: { interactionId: string; score: number | null }[]): Promise<void> {
  const s = await load(db, id);
  if (!mayOpen(actor, s)) throw notFound('no calibration session has this id');
  const issues = references.flatMap((r, i) => (s.contacts.some((c) => c.interactionId === r.interactionId) ? [] : [{ field: `references.${i}.interactionId`, reason: 'this contact is not in the session', code: 'unknown-contact' }]));
  if (issues.length > 0) throw unfitIds(issues);
  await db.transaction().execute(async (tx) => {
    for (const r of references) await tx.updateTable('calibration_contacts').set({ reference_score: r.score }).where('session_id', '=', id).where('interaction_id', '=', r.interactionId).execute();
  });
}

export interface CalibrationRecord extends Loaded {
  you: { evaluator: boolean; letter: string | null; manages: boolean };
  rows: { evaluator: { userId: string; name: string; letter: string }; scored: number; mad: number | null; bias: number | null; flagged: boolean }[];
  perContact: { interactionId: string; startedAt: number; channel: string; yourAnswers: Record<string, Answer>; yourScore: number | null; reference: number | null; referenceSet: boolean; spread: Spread | null; scores: { letter: string; score: number | null; criticalFailures: string[] }[] }[];
  agreement: { alpha: number | null; icc21: number | null; criteria: { criterion: string; alpha: number | null; meanRange: number | null }[] } | null;
}

/** The session as the reader may see it: their own scores while open; everything once revealed. */
export async function readCalibration(db: Kysely<Database>, actor: Actor, id: string): Promise<CalibrationRecord> {
  const s = await load(db, id);
  if (!mayOpen(actor, s)) throw notFound('no calibration session has this id');
  const revealed = s.state === 'revealed';
  const scores = await db.selectFrom('calibration_scores').selectAll().where('session_id', '=', id).execute();
  const cell = new Map(scores.map((r) => [`${r.evaluator_id}|${r.interaction_id}`, r]));
  const me = s.evaluators.find((e) => e.userId === actor.id);
  const answersOf = (evaluatorId: string, interactionId: string): Record<string, Answer> => {
    const r = cell.get(`${evaluatorId}|${interactionId}`);
    return r ? (JSON.parse(r.answers) as Record<string, Answer>) : {};
  };
  const scoreOf = (evaluatorId: string, interactionId: string) => {
    const r = cell.get(`${evaluatorId}|${interactionId}`);
    return r && r.complete === 1 && r.score !== null ? Number(r.score) : null;
  };
  // evaluators × contacts: the overall scores
  const matrix = s.evaluators.map((e) => s.contacts.map((c) => scoreOf(e.userId, c.interactionId)));
  const spreads = s.contacts.map((_, u) => spreadOf(matrix.map((row) => row[u] ?? null)));
  const references = s.contacts.map((c, u) => c.reference ?? spreads[u]!.median);
  const devs = deviations(matrix, references);
  const criteria = s.version.content.sections.flatMap((sec) => sec.criteria.map((c) => c.key));
  const criterionMatrix = (key: string) =>
    s.evaluators.map((e) => s.contacts.map((c) => {
      const a = scoreOf(e.userId, c.interactionId) === null ? undefined : answersOf(e.userId, c.interactionId)[key];
      return a === undefined || a === 'na' ? null : ANSWER_VALUE[a];
    }));
  return {
    ...s,
    you: { evaluator: me !== undefined, letter: me?.letter ?? null, manages: s.leadId === actor.id || can(actor, 'calibration.manage') },
    rows: s.evaluators.map((e, i) => ({
      evaluator: e,
      scored: s.contacts.filter((c) => scoreOf(e.userId, c.interactionId) !== null).length,
      mad: revealed ? devs[i]!.meanAbsoluteDeviation : null,
      bias: revealed ? devs[i]!.bias : null,
      flagged: revealed && devs[i]!.flagged,
    })),
    perContact: s.contacts.map((c, u) => ({
      interactionId: c.interactionId,
      startedAt: c.startedAt,
      channel: c.channel,
      yourAnswers: me ? answersOf(me.userId, c.interactionId) : {},
      yourScore: me ? (cell.get(`${me.userId}|${c.interactionId}`)?.score ?? null) : null,
      reference: revealed ? references[u]! : null,
      referenceSet: c.reference !== null,
      spread: revealed ? spreads[u]! : null,
      scores: revealed ? s.evaluators.map((e) => ({ letter: e.letter, score: scoreOf(e.userId, c.interactionId), criticalFailures: JSON.parse(cell.get(`${e.userId}|${c.interactionId}`)?.critical_failures ?? '[]') as string[] })) : [],
    })),
    agreement: revealed
      ? {
          alpha: krippendorffAlpha(matrix, 'interval'),
          icc21: intraclassCorrelations(matrix)?.icc21 ?? null,
          criteria: criteria.map((key) => {
            const m = criterionMatrix(key);
            const ranges = s.contacts.map((_, u) => spreadOf(m.map((row) => row[u] ?? null)).range).filter((r): r is number => r !== null);
            return { criterion: key, alpha: krippendorffAlpha(m, 'interval'), meanRange: ranges.length === 0 ? null : ranges.reduce((a, b) => a + b, 0) / ranges.length };
          }),
        }
      : null,
  };
}

export { alphaReading };
