import type { Actor } from '../auth/policies.js';
import { can, qualityScope, reachesPerson } from '../auth/policies.js';
import type { AnswerValue, ScorecardContent } from '../contract/quality-evaluations.js';
import { invalidFields, type FieldIssue } from '../shared/errors.js';
import type { EvaluationState } from '../storage/schema-quality-evaluations.js';
import { answerProblem, type ScorecardCriterion } from '../contract/quality-scoring.js';

/**
 * Who may do what with an evaluation (docs/quality.md, "Evaluations"), decided from the evaluation
 * and the reader alone: the service enforces it, the console shows it (`can` of the evaluation's JSON).
 */
export interface EvaluationParties {
  state: EvaluationState;
  advisorId: string;
  /** the advisor's team now (a team lead reaches their team's people) */
  advisorTeamId: string | null;
  evaluatorId: string;
  disputeUntil: number | null;
}

/** Whether the reader may read it: within their reach, and an advisor not before it is submitted. */
export function mayRead(actor: Actor, e: EvaluationParties): boolean {
  if (!can(actor, 'quality.read')) return false;
  if (actor.id === e.evaluatorId) return true;
  if (!reachesPerson(qualityScope(actor), { id: e.advisorId, teamId: e.advisorTeamId })) return false;
  return !(actor.id === e.advisorId && e.state === 'draft');
}

export function mayEdit(actor: Actor, e: EvaluationParties): boolean {
  return e.state === 'draft' && actor.id === e.evaluatorId && can(actor, 'evaluation.score');
}

export function mayAcknowledge(actor: Actor, e: EvaluationParties): boolean {
  return e.state === 'submitted' && actor.id === e.advisorId && can(actor, 'evaluation.acknowledge');
}

export function mayDispute(actor: Actor, e: EvaluationParties, now: number): boolean {
  return mayAcknowledge(actor, e) && e.disputeUntil !== null && now <= e.disputeUntil;
}

/** The second evaluator: allowed to review, reaching the advisor, neither the first evaluator nor the advisor. */
export function mayDecide(actor: Actor, e: EvaluationParties): boolean {
  return (
    e.state === 'disputed' &&
    can(actor, 'evaluation.review') &&
    actor.id !== e.evaluatorId &&
    actor.id !== e.advisorId &&
    reachesPerson(qualityScope(actor), { id: e.advisorId, teamId: e.advisorTeamId })
  );
}

/** The scorecard's criteria by key. */
export function criteriaOf(content: ScorecardContent): Map<string, ScorecardCriterion> {
  return new Map(content.sections.flatMap((s) => s.criteria.map((c) => [c.key, c] as const)));
}

/** Refuses, all at once, answers to criteria the scorecard does not have and answers that do not fit their criterion. */
export function checkAnswers(content: ScorecardContent, answers: readonly { criterion: string; answer: AnswerValue }[], field: string, answerField = 'answer'): void {
  const criteria = criteriaOf(content);
  const issues: FieldIssue[] = [];
  answers.forEach((a, i) => {
    const criterion = criteria.get(a.criterion);
    if (!criterion) {
      issues.push({ field: `${field}.${i}.criterion`, reason: `the scorecard has no criterion "${a.criterion}"`, code: 'unknown-criterion', params: { criterion: a.criterion } });
      return;
    }
    const problem = answerProblem(criterion, a.answer);
    if (problem === 'critical-yes-no') issues.push({ field: `${field}.${i}.${answerField}`, reason: 'a critical criterion is answered yes or no', code: problem, params: { criterion: a.criterion } });
    if (problem === 'na-not-allowed') issues.push({ field: `${field}.${i}.${answerField}`, reason: 'this criterion cannot be not applicable', code: problem, params: { criterion: a.criterion } });
  });
  const seen = new Set<string>();
  answers.forEach((a, i) => {
    if (seen.has(a.criterion)) issues.push({ field: `${field}.${i}.criterion`, reason: 'given twice', code: 'duplicate-key', params: { criterion: a.criterion } });
    seen.add(a.criterion);
  });
  if (issues.length > 0) throw invalidFields(issues);
}
