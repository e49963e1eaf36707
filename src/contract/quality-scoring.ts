/**
 * The score of an evaluation on a scorecard (docs/quality.md, "Scorecards and scores"). Pure: reads
 * and writes nothing, so the console, the API, calibration and the tests compute it the same way.
 *
 * - yes earns the criterion's weight, partial half of it, no nothing; N/A takes the criterion out.
 * - Standard sections make the applicable points (the denominator); bonus sections add what they
 *   earn on top without entering it, the score capped at 100.
 * - A critical criterion is yes or no; a no on any critical criterion makes the score 0, naming it.
 * - Pass: a score at or above the threshold and no critical failure.
 */
export const ANSWERS = ['yes', 'partial', 'no', 'na'] as const;
export type Answer = (typeof ANSWERS)[number];

export interface ScorecardCriterion {
  key: string;
  weight: number;
  critical: boolean;
  allowNa: boolean;
}

export interface ScorecardSection {
  key: string;
  kind: 'standard' | 'bonus';
  criteria: readonly ScorecardCriterion[];
}

export interface ScorecardShape {
  sections: readonly ScorecardSection[];
  /** 0–100 */
  passThreshold: number;
}

export interface CriterionLoss {
  criterion: string;
  /** weight not earned on an applicable standard criterion */
  points: number;
}

export interface ScoreResult {
  /** 0–100, rounded to one decimal; 0 with a critical failure; null when no standard criterion applies */
  score: number | null;
  /** before the critical rule and the cap: earned standard + bonus points over applicable standard points */
  rawScore: number | null;
  earned: number;
  applicable: number;
  bonusEarned: number;
  /** keys of the critical criteria answered no */
  criticalFailures: string[];
  pass: boolean;
  /** every criterion answered */
  complete: boolean;
  /** missing answers, in the form's order */
  unanswered: string[];
  /** points lost per applicable standard criterion (coaching opens on the largest) */
  lost: CriterionLoss[];
}

const EARNED: Record<Exclude<Answer, 'na'>, number> = { yes: 1, partial: 0.5, no: 0 };

/** Why an answer does not fit its criterion, or undefined when it does. */
export function answerProblem(criterion: ScorecardCriterion, answer: Answer): 'critical-yes-no' | 'na-not-allowed' | undefined {
  if (criterion.critical && (answer === 'partial' || answer === 'na')) return 'critical-yes-no';
  if (answer === 'na' && !criterion.allowNa) return 'na-not-allowed';
  return undefined;
}

/** The score of `answers` (criterion key → answer) on a scorecard; unanswered criteria count as not yet scored. */
export function scoreEvaluation(card: ScorecardShape, answers: Readonly<Record<string, Answer | undefined>>): ScoreResult {
  let earned = 0;
  let applicable = 0;
  let bonusEarned = 0;
  const criticalFailures: string[] = [];
  const unanswered: string[] = [];
  const lost: CriterionLoss[] = [];
  for (const section of card.sections) {
    for (const criterion of section.criteria) {
      const answer = answers[criterion.key];
      if (answer === undefined) {
        unanswered.push(criterion.key);
        continue;
      }
      if (criterion.critical && answer === 'no') criticalFailures.push(criterion.key);
      if (answer === 'na') continue;
      const points = criterion.weight * EARNED[answer];
      if (section.kind === 'bonus') {
        bonusEarned += points;
        continue;
      }
      earned += points;
      applicable += criterion.weight;
      if (points < criterion.weight) lost.push({ criterion: criterion.key, points: criterion.weight - points });
    }
  }
  const rawScore = applicable > 0 ? ((earned + bonusEarned) / applicable) * 100 : null;
  const score = rawScore === null ? null : criticalFailures.length > 0 ? 0 : round1(Math.min(100, rawScore));
  return {
    score,
    rawScore: rawScore === null ? null : round1(rawScore),
    earned,
    applicable,
    bonusEarned,
    criticalFailures,
    pass: score !== null && criticalFailures.length === 0 && score >= card.passThreshold,
    complete: unanswered.length === 0,
    unanswered,
    lost: lost.sort((a, b) => b.points - a.points || a.criterion.localeCompare(b.criterion)),
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
