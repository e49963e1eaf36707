import type { Kysely, Transaction } from 'kysely';
import { can, qualityScope, reachesPerson, type Actor } from '../auth/policies.js';
import type { AnswerValue } from '../contract/quality-evaluations.js';
import { DomainError, forbidden, invalid, notFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Database } from '../storage/schema.js';
import type { EvaluationState } from '../storage/schema-quality-evaluations.js';
import { checkAnswers, criteriaOf, mayAcknowledge, mayDecide, mayDispute, mayEdit, type EvaluationParties } from './evaluation-rules.js';
import { defaultScorecardVersion, readScorecardVersion, type ScorecardVersionRecord } from './scorecards.js';
import { scoreEvaluation, type Answer } from '../contract/quality-scoring.js';

/**
 * Evaluations of contacts (docs/quality.md, "Evaluations"): a draft scored by its evaluator, submitted
 * (the advisor may then dispute items until `dispute_until`, by default 72 hours), acknowledged by the
 * advisor, or disputed and decided item by item by a second evaluator; acknowledged and decided
 * evaluations are locked. Every step is one transaction with its event; a refused step writes nothing.
 */
type Tx = Transaction<Database>;

export interface EvaluationSettings {
  /** how long after submission the advisor may dispute items */
  disputeWindowMs: number;
}

export const DEFAULT_DISPUTE_WINDOW_MS = 72 * 3600 * 1000;

interface Loaded extends EvaluationParties {
  id: string;
  version: ScorecardVersionRecord;
  answers: Map<string, Answer>;
}

async function load(tx: Tx, id: string): Promise<Loaded> {
  const row = await tx
    .selectFrom('evaluations as e')
    .innerJoin('users as a', 'a.id', 'e.advisor_id')
    .select(['e.id', 'e.state', 'e.advisor_id', 'a.team_id as advisor_team_id', 'e.evaluator_id', 'e.dispute_until', 'e.scorecard_version_id'])
    .where('e.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('no evaluation has this id');
  const answers = await tx.selectFrom('evaluation_answers').select(['criterion_key', 'answer']).where('evaluation_id', '=', id).execute();
  return {
    id: row.id,
    state: row.state,
    advisorId: row.advisor_id,
    advisorTeamId: row.advisor_team_id,
    evaluatorId: row.evaluator_id,
    disputeUntil: row.dispute_until === null ? null : Number(row.dispute_until),
    version: await readScorecardVersion(tx, row.scorecard_version_id),
    answers: new Map(answers.map((a) => [a.criterion_key, a.answer])),
  };
}

/** Not the reader's to see: answered as if it did not exist. */
function hidden(actor: Actor, e: EvaluationParties): boolean {
  return actor.id !== e.evaluatorId && !reachesPerson(qualityScope(actor), { id: e.advisorId, teamId: e.advisorTeamId });
}

function refuse(actor: Actor, e: Loaded, step: string): never {
  if (hidden(actor, e)) throw notFound('no evaluation has this id');
  throw new DomainError(409, 'evaluation-step-not-allowed', `this evaluation is ${e.state}: you cannot ${step} it`, [], { state: e.state, step });
}

async function record(tx: Tx, e: { id: string }, actor: Actor, from: EvaluationState | null, to: EvaluationState, at: number, note: string | null = null) {
  await tx.insertInto('evaluation_events').values({ id: newId(), evaluation_id: e.id, at, actor_id: actor.id, from_state: from, to_state: to, note }).execute();
}

/** The score columns of answers on a version. */
function scoreColumns(version: ScorecardVersionRecord, answers: Map<string, Answer>) {
  const result = scoreEvaluation(version.content, Object.fromEntries(answers));
  return {
    result,
    columns: {
      score: result.score,
      raw_score: result.rawScore,
      pass: result.score === null ? null : result.pass ? (1 as const) : (0 as const),
      critical_failures: JSON.stringify(result.criticalFailures),
      lost_points: JSON.stringify(result.lost),
    },
  };
}

/** A draft evaluation of a contact handled by an advisor the evaluator reaches (a team lead their team's, a coach anyone's). */
export async function createEvaluation(
  db: Kysely<Database>,
  actor: Actor,
  input: { interactionId: string; scorecardVersionId?: string | undefined; sampleItemId?: string | undefined },
  now = Date.now(),
): Promise<string> {
  if (!can(actor, 'evaluation.score')) throw forbidden('evaluating contacts is for quality coaches and team leads');
  return db.transaction().execute(async (tx) => {
    const contact = await tx
      .selectFrom('interactions as i')
      .leftJoin('users as a', 'a.id', 'i.advisor_id')
      .select(['i.id', 'i.advisor_id', 'i.team_id', 'a.team_id as advisor_team_id'])
      .where('i.id', '=', input.interactionId)
      .executeTakeFirst();
    if (!contact) throw notFound('no contact has this id');
    if (!contact.advisor_id) throw invalid('interactionId', 'this contact was handled by no advisor: there is nobody to evaluate', 'contact-without-advisor');
    if (contact.advisor_id === actor.id) throw invalid('interactionId', 'nobody evaluates their own contact', 'own-contact');
    if (!reachesPerson(qualityScope(actor), { id: contact.advisor_id, teamId: contact.advisor_team_id })) {
      throw new DomainError(403, 'outside-your-reach', 'this contact was handled by an advisor outside your team');
    }
    const version = input.scorecardVersionId ? await readScorecardVersion(tx, input.scorecardVersionId).catch(() => undefined) : await defaultScorecardVersion(tx);
    if (!version) throw invalid('scorecardVersionId', input.scorecardVersionId ? 'no scorecard version has this id' : 'no scorecard is published', 'unknown-scorecard');
    if (version.state !== 'published') throw invalid('scorecardVersionId', `version ${version.version} is ${version.state}: evaluations use a published version`, 'scorecard-not-published', { state: version.state });
    const id = newId();
    await tx
      .insertInto('evaluations')
      .values({
        id, interaction_id: contact.id, advisor_id: contact.advisor_id, team_id: contact.advisor_team_id ?? contact.team_id, evaluator_id: actor.id,
        scorecard_version_id: version.id, purpose: 'coaching', sample_item_id: input.sampleItemId ?? null, state: 'draft',
        score: null, raw_score: null, pass: null, critical_failures: '[]', lost_points: '[]', strengths: '', improvements: '', markers: '[]',
        created_at: now, updated_at: now, submitted_at: null, dispute_until: null, acknowledged_at: null, disputed_at: null, decided_at: null, reviewer_id: null,
      })
      .execute();
    await record(tx, { id }, actor, null, 'draft', now);
    return id;
  });
}

export interface EvaluationEdit {
  answers?: { criterion: string; answer: AnswerValue; comment: string }[] | undefined;
  strengths?: string | undefined;
  improvements?: string | undefined;
  markers?: { atMs: number; kind: 'strength' | 'improve'; text: string; criterion?: string | undefined }[] | undefined;
}

/** Saves a draft's answers (merged: the criteria given replace theirs), texts and markers; its score follows. */
export async function editEvaluation(db: Kysely<Database>, actor: Actor, id: string, edit: EvaluationEdit, now = Date.now()): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const e = await load(tx, id);
    if (!mayEdit(actor, e)) refuse(actor, e, 'edit');
    if (edit.answers) checkAnswers(e.version.content, edit.answers, 'answers');
    if (edit.markers) {
      const criteria = criteriaOf(e.version.content);
      edit.markers.forEach((m, i) => {
        if (m.criterion !== undefined && !criteria.has(m.criterion)) throw invalid(`markers.${i}.criterion`, `the scorecard has no criterion "${m.criterion}"`, 'unknown-criterion', { criterion: m.criterion });
      });
    }
    for (const a of edit.answers ?? []) {
      await tx
        .insertInto('evaluation_answers')
        .values({ evaluation_id: id, criterion_key: a.criterion, answer: a.answer, comment: a.comment })
        .onConflict((oc) => oc.columns(['evaluation_id', 'criterion_key']).doUpdateSet({ answer: a.answer, comment: a.comment }))
        .execute();
      e.answers.set(a.criterion, a.answer);
    }
    const { columns } = scoreColumns(e.version, e.answers);
    await tx
      .updateTable('evaluations')
      .set({
        ...columns,
        ...(edit.strengths !== undefined ? { strengths: edit.strengths } : {}),
        ...(edit.improvements !== undefined ? { improvements: edit.improvements } : {}),
        ...(edit.markers !== undefined ? { markers: JSON.stringify([...edit.markers].sort((a, b) => a.atMs - b.atMs)) } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  });
}

/** Submits a complete draft: the advisor sees it and may dispute items until the window closes. */
export async function submitEvaluation(db: Kysely<Database>, actor: Actor, id: string, settings: EvaluationSettings, now = Date.now()): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const e = await load(tx, id);
    if (!mayEdit(actor, e)) refuse(actor, e, 'submit');
    const { result, columns } = scoreColumns(e.version, e.answers);
    if (!result.complete) throw new DomainError(409, 'evaluation-incomplete', `${result.unanswered.length} criteria are not answered yet`, [], { missing: result.unanswered.length });
    await tx.updateTable('evaluations').set({ ...columns, state: 'submitted', submitted_at: now, dispute_until: now + settings.disputeWindowMs, updated_at: now }).where('id', '=', id).execute();
    await record(tx, e, actor, 'draft', 'submitted', now);
  });
}

/** The advisor acknowledges their evaluation: locked as it is. */
export async function acknowledgeEvaluation(db: Kysely<Database>, actor: Actor, id: string, now = Date.now()): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const e = await load(tx, id);
    if (!mayAcknowledge(actor, e)) refuse(actor, e, 'acknowledge');
    await tx.updateTable('evaluations').set({ state: 'acknowledged', acknowledged_at: now, updated_at: now }).where('id', '=', id).execute();
    await record(tx, e, actor, 'submitted', 'acknowledged', now);
  });
}

/** The advisor disputes items within the window, each with a comment and the answer they propose. */
export async function disputeEvaluation(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  items: { criterion: string; comment: string; proposedAnswer: AnswerValue }[],
  now = Date.now(),
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const e = await load(tx, id);
    if (!mayAcknowledge(actor, e)) refuse(actor, e, 'dispute');
    if (!mayDispute(actor, e, now)) throw new DomainError(409, 'dispute-window-closed', 'the time to dispute this evaluation is over', [], { until: new Date(e.disputeUntil ?? 0).toISOString() });
    checkAnswers(e.version.content, items.map((i) => ({ criterion: i.criterion, answer: i.proposedAnswer })), 'items', 'proposedAnswer');
    for (const item of items) {
      await tx.insertInto('evaluation_disputes').values({ evaluation_id: id, criterion_key: item.criterion, comment: item.comment, proposed_answer: item.proposedAnswer, decision: null, decided_answer: null, decision_comment: null }).execute();
    }
    await tx.updateTable('evaluations').set({ state: 'disputed', disputed_at: now, updated_at: now }).where('id', '=', id).execute();
    await record(tx, e, actor, 'submitted', 'disputed', now, `${items.length} item(s)`);
  });
}

/** The second evaluator decides every disputed item (keep, accept the proposal, or set another answer); the score is recomputed and the evaluation locked. */
export async function decideEvaluation(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  items: { criterion: string; decision: 'keep' | 'accept' | 'set'; answer?: AnswerValue | undefined; comment?: string | undefined }[],
  now = Date.now(),
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const e = await load(tx, id);
    if (!mayDecide(actor, e)) {
      if (e.state === 'disputed' && !hidden(actor, e) && (actor.id === e.evaluatorId || actor.id === e.advisorId)) {
        throw new DomainError(409, 'second-evaluator-required', 'a disputed evaluation is decided by a second evaluator, neither its evaluator nor the advisor');
      }
      refuse(actor, e, 'decide');
    }
    const disputes = await tx.selectFrom('evaluation_disputes').select(['criterion_key', 'proposed_answer']).where('evaluation_id', '=', id).execute();
    const proposed = new Map(disputes.map((d) => [d.criterion_key, d.proposed_answer]));
    const given = new Map(items.map((i) => [i.criterion, i]));
    const missing = disputes.filter((d) => !given.has(d.criterion_key));
    if (missing.length > 0) throw invalid('items', `every disputed item is decided: ${missing.map((d) => d.criterion_key).join(', ')} missing`, 'disputes-undecided', { missing: missing.length });
    items.forEach((item, i) => {
      if (!proposed.has(item.criterion)) throw invalid(`items.${i}.criterion`, 'this item is not disputed', 'not-disputed', { criterion: item.criterion });
      if (item.decision === 'set' && item.answer === undefined) throw invalid(`items.${i}.answer`, 'setting another answer needs the answer', 'required');
    });
    const final = items.map((item) => ({ criterion: item.criterion, answer: item.decision === 'keep' ? e.answers.get(item.criterion)! : item.decision === 'accept' ? proposed.get(item.criterion)! : item.answer! }));
    checkAnswers(e.version.content, final.filter((_, i) => items[i]!.decision === 'set'), 'items');
    for (const [i, item] of items.entries()) {
      const answer = final[i]!.answer;
      await tx
        .updateTable('evaluation_disputes')
        .set({ decision: item.decision, decided_answer: answer, decision_comment: item.comment ?? null })
        .where('evaluation_id', '=', id)
        .where('criterion_key', '=', item.criterion)
        .execute();
      await tx.updateTable('evaluation_answers').set({ answer }).where('evaluation_id', '=', id).where('criterion_key', '=', item.criterion).execute();
      e.answers.set(item.criterion, answer);
    }
    const { columns } = scoreColumns(e.version, e.answers);
    await tx.updateTable('evaluations').set({ ...columns, state: 'decided', decided_at: now, reviewer_id: actor.id, updated_at: now }).where('id', '=', id).execute();
    await record(tx, e, actor, 'disputed', 'decided', now);
  });
}
