import type { Kysely } from 'kysely';
import { auditCustomerRead } from '../auth/audit.js';
import { qualityScope, type Actor } from '../auth/policies.js';
import type { AnswerValue } from '../contract/quality-evaluations.js';
import { after, pageOf, parseBefore } from '../shared/cursor.js';
import { notFound } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';
import type { EvaluationState } from '../storage/schema-quality-evaluations.js';
import { mayAcknowledge, mayDecide, mayDispute, mayEdit, mayRead } from './evaluation-rules.js';
import { readScorecardVersion, type ScorecardVersionRecord } from './scorecards.js';

/** Reading evaluations within the reader's reach (docs/quality.md, "Who sees what"). */

const ms = (v: number | string | null) => (v === null ? null : Number(v));
const person = (id: string | null, name: string | null) => (id === null ? null : { id, name });

export interface EvaluationSummaryRecord {
  id: string;
  interactionId: string;
  contactAt: number;
  channel: string;
  advisor: { id: string; name: string | null };
  evaluator: { id: string; name: string | null };
  state: EvaluationState;
  score: number | null;
  pass: boolean | null;
  criticalFailures: string[];
  createdAt: number;
  submittedAt: number | null;
  disputeUntil: number | null;
}

function summaryQuery(db: Kysely<Database>) {
  return db
    .selectFrom('evaluations as e')
    .innerJoin('interactions as i', 'i.id', 'e.interaction_id')
    .innerJoin('users as a', 'a.id', 'e.advisor_id')
    .innerJoin('users as v', 'v.id', 'e.evaluator_id')
    .select([
      'e.id', 'e.interaction_id', 'i.started_at', 'i.channel', 'e.advisor_id', 'a.display_name as advisor_name', 'a.team_id as advisor_team_id', 'e.evaluator_id',
      'v.display_name as evaluator_name', 'e.state', 'e.score', 'e.pass', 'e.critical_failures', 'e.created_at', 'e.submitted_at', 'e.dispute_until',
    ])
    .where('e.purpose', '=', 'coaching');
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number];

function toSummary(row: SummaryRow): EvaluationSummaryRecord {
  return {
    id: row.id,
    interactionId: row.interaction_id,
    contactAt: Number(row.started_at),
    channel: row.channel,
    advisor: { id: row.advisor_id, name: row.advisor_name },
    evaluator: { id: row.evaluator_id, name: row.evaluator_name },
    state: row.state,
    score: row.score === null ? null : Number(row.score),
    pass: row.pass === null ? null : row.pass === 1,
    criticalFailures: JSON.parse(row.critical_failures) as string[],
    createdAt: Number(row.created_at),
    submittedAt: ms(row.submitted_at),
    disputeUntil: ms(row.dispute_until),
  };
}

export interface EvaluationFilter {
  advisorId?: string | undefined;
  teamId?: string | undefined;
  states?: EvaluationState[] | undefined;
  pass?: boolean | undefined;
  from?: number | undefined;
  to?: number | undefined;
  before?: string | undefined;
  limit: number;
}

/** A page of evaluations, newest first, within the reader's reach: a coach all, a team lead their team's and their own, an advisor their own once submitted. */
export async function listEvaluations(db: Kysely<Database>, actor: Actor, filter: EvaluationFilter): Promise<{ items: EvaluationSummaryRecord[]; next: string | null }> {
  const scope = qualityScope(actor);
  let query = summaryQuery(db);
  if (scope.people === 'team') query = query.where((eb) => eb.or([eb('a.team_id', '=', scope.teamId ?? '\u0000'), eb('e.advisor_id', '=', actor.id), eb('e.evaluator_id', '=', actor.id)]));
  else if (scope.people === 'self') query = query.where('e.advisor_id', '=', actor.id).where('e.state', '!=', 'draft');
  else if (scope.people !== 'all') return { items: [], next: null };
  if (filter.advisorId) query = query.where('e.advisor_id', '=', filter.advisorId);
  if (filter.teamId) query = query.where('a.team_id', '=', filter.teamId);
  if (filter.states?.length) query = query.where('e.state', 'in', filter.states);
  if (filter.pass !== undefined) query = query.where('e.pass', '=', filter.pass ? 1 : 0);
  if (filter.from !== undefined) query = query.where('e.created_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('e.created_at', '<', filter.to);
  if (filter.before) query = query.where(after('e.created_at', 'e.id', parseBefore(filter.before)));
  const rows = await query.orderBy('e.created_at', 'desc').orderBy('e.id', 'desc').limit(filter.limit + 1).execute();
  const page = pageOf(rows, filter.limit, (r) => [Number(r.created_at), r.id]);
  return { items: page.items.map(toSummary), next: page.next };
}

export interface EvaluationDetailRecord extends EvaluationSummaryRecord {
  scorecard: ScorecardVersionRecord;
  customer: { id: string; name: string | null };
  reasonCode: string | null;
  recordingId: string | null;
  answers: { criterion: string; answer: AnswerValue; comment: string }[];
  rawScore: number | null;
  lost: { criterion: string; points: number }[];
  strengths: string;
  improvements: string;
  markers: { atMs: number; kind: 'strength' | 'improve'; text: string; criterion?: string }[];
  disputes: { criterion: string; comment: string; proposedAnswer: AnswerValue; decision: 'keep' | 'accept' | 'set' | null; decidedAnswer: AnswerValue | null; decisionComment: string | null }[];
  reviewer: { id: string; name: string | null } | null;
  events: { at: number; actor: { id: string; name: string | null }; from: EvaluationState | null; to: EvaluationState; note: string | null }[];
  can: { edit: boolean; acknowledge: boolean; dispute: boolean; decide: boolean };
}

/** One evaluation, if the reader may read it (else 404); the read of the customer's contact is audited. */
export async function readEvaluation(db: Kysely<Database>, actor: Actor, id: string, now = Date.now()): Promise<EvaluationDetailRecord> {
  const row = await summaryQuery(db)
    .innerJoin('parties as p', 'p.id', 'i.party_id')
    .leftJoin('users as r', 'r.id', 'e.reviewer_id')
    .select(['p.id as party_id', 'p.display_name as party_name', 'i.reason_code', 'e.scorecard_version_id', 'e.raw_score', 'e.lost_points', 'e.strengths', 'e.improvements', 'e.markers', 'e.reviewer_id', 'r.display_name as reviewer_name'])
    .where('e.id', '=', id)
    .executeTakeFirst();
  const parties = row && { state: row.state, advisorId: row.advisor_id, advisorTeamId: row.advisor_team_id, evaluatorId: row.evaluator_id, disputeUntil: ms(row.dispute_until) };
  if (!row || !parties || !mayRead(actor, parties)) throw notFound('no evaluation has this id');
  const [answers, disputes, events, scorecard, recording] = await Promise.all([
    db.selectFrom('evaluation_answers').select(['criterion_key', 'answer', 'comment']).where('evaluation_id', '=', id).execute(),
    db.selectFrom('evaluation_disputes').selectAll().where('evaluation_id', '=', id).execute(),
    db.selectFrom('evaluation_events as ev').leftJoin('users as u', 'u.id', 'ev.actor_id').select(['ev.at', 'ev.actor_id', 'u.display_name', 'ev.from_state', 'ev.to_state', 'ev.note']).where('ev.evaluation_id', '=', id).orderBy('ev.at').orderBy('ev.id').execute(),
    readScorecardVersion(db, row.scorecard_version_id),
    db.selectFrom('recordings').select('id').where('interaction_id', '=', row.interaction_id).executeTakeFirst(),
  ]);
  await auditCustomerRead(db, actor, row.party_id, 'evaluations');
  const order = new Map([...scorecard.content.sections.flatMap((s) => s.criteria.map((c) => c.key))].map((k, i) => [k, i]));
  const byForm = <T extends { criterion_key: string }>(rows: T[]) => [...rows].sort((a, b) => (order.get(a.criterion_key) ?? 999) - (order.get(b.criterion_key) ?? 999));
  return {
    ...toSummary(row),
    scorecard,
    customer: { id: row.party_id, name: row.party_name },
    reasonCode: row.reason_code,
    recordingId: recording?.id ?? null,
    answers: byForm(answers).map((a) => ({ criterion: a.criterion_key, answer: a.answer, comment: a.comment })),
    rawScore: row.raw_score === null ? null : Number(row.raw_score),
    lost: JSON.parse(row.lost_points) as { criterion: string; points: number }[],
    strengths: row.strengths,
    improvements: row.improvements,
    markers: JSON.parse(row.markers) as EvaluationDetailRecord['markers'],
    disputes: byForm(disputes).map((d) => ({ criterion: d.criterion_key, comment: d.comment, proposedAnswer: d.proposed_answer, decision: d.decision, decidedAnswer: d.decided_answer, decisionComment: d.decision_comment })),
    reviewer: person(row.reviewer_id, row.reviewer_name),
    events: events.map((e) => ({ at: Number(e.at), actor: { id: e.actor_id, name: e.display_name }, from: e.from_state, to: e.to_state, note: e.note })),
    can: { edit: mayEdit(actor, parties), acknowledge: mayAcknowledge(actor, parties), dispute: mayDispute(actor, parties, now), decide: mayDecide(actor, parties) },
  };
}

export interface AdvisorQuality {
  advisorId: string;
  /** evaluations submitted in the period (coaching ones; calibration never counts) */
  n: number;
  meanScore: number | null;
  /** standard deviation of the scores (n − 1), null under 2 */
  sdScore: number | null;
  passRate: number | null;
  criticalFailures: number;
  /** points lost per criterion, summed over the period's evaluations, largest first */
  lost: { criterion: string; points: number; evaluations: number }[];
}

/**
 * The quality figures of advisors over [from, to) by submission time: coaching evaluations that were
 * submitted (acknowledged, disputed and decided ones included, with their final score). Calibration
 * evaluations never count. What coaching, trainings and the advisor's scorecard read.
 */
export async function qualityScores(db: Kysely<Database>, query: { advisorIds?: readonly string[] | undefined; teamId?: string | undefined; from: number; to: number }): Promise<AdvisorQuality[]> {
  if (query.advisorIds && query.advisorIds.length === 0) return [];
  let q = db
    .selectFrom('evaluations as e')
    .select(['e.advisor_id', 'e.score', 'e.pass', 'e.critical_failures', 'e.lost_points'])
    .where('e.purpose', '=', 'coaching')
    .where('e.state', '!=', 'draft')
    .where('e.submitted_at', '>=', query.from)
    .where('e.submitted_at', '<', query.to);
  if (query.advisorIds) q = q.where('e.advisor_id', 'in', [...query.advisorIds]);
  if (query.teamId) q = q.where('e.team_id', '=', query.teamId);
  const rows = await q.orderBy('e.advisor_id').execute();
  const byAdvisor = new Map<string, typeof rows>();
  for (const row of rows) byAdvisor.set(row.advisor_id, [...(byAdvisor.get(row.advisor_id) ?? []), row]);
  return [...byAdvisor.entries()].map(([advisorId, list]) => {
    const scores = list.map((r) => Number(r.score ?? 0));
    const n = scores.length;
    const mean = scores.reduce((s, x) => s + x, 0) / n;
    const sd = n < 2 ? null : Math.sqrt(scores.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
    const lost = new Map<string, { points: number; evaluations: number }>();
    for (const r of list) {
      for (const l of JSON.parse(r.lost_points) as { criterion: string; points: number }[]) {
        const entry = lost.get(l.criterion) ?? { points: 0, evaluations: 0 };
        lost.set(l.criterion, { points: entry.points + l.points, evaluations: entry.evaluations + 1 });
      }
    }
    return {
      advisorId,
      n,
      meanScore: Math.round(mean * 10) / 10,
      sdScore: sd === null ? null : Math.round(sd * 100) / 100,
      passRate: list.filter((r) => r.pass === 1).length / n,
      criticalFailures: list.filter((r) => (JSON.parse(r.critical_failures) as string[]).length > 0).length,
      lost: [...lost.entries()].map(([criterion, v]) => ({ criterion, ...v })).sort((a, b) => b.points - a.points || a.criterion.localeCompare(b.criterion)),
    };
  });
}

/** Evaluations of the filters as CSV rows (at most `max`), within the reader's reach. */
export async function evaluationRows(db: Kysely<Database>, actor: Actor, filter: Omit<EvaluationFilter, 'limit' | 'before'>, max = 10_000): Promise<EvaluationSummaryRecord[] | 'too-many'> {
  const page = await listEvaluations(db, actor, { ...filter, limit: max });
  return page.next ? 'too-many' : page.items;
}

