import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ANSWERS, answerProblem, scoreEvaluation, type Answer, type ScorecardShape } from './quality-scoring.js';

/** The scorecard of the worked examples of docs/quality.md, "Scorecards and scores". */
const CARD: ScorecardShape = {
  passThreshold: 80,
  sections: [
    { key: 'welcome', kind: 'standard', criteria: [{ key: 'greeting', weight: 10, critical: false, allowNa: false }, { key: 'identity', weight: 15, critical: true, allowNa: false }] },
    { key: 'understanding', kind: 'standard', criteria: [{ key: 'needs', weight: 20, critical: false, allowNa: false }, { key: 'rephrasing', weight: 10, critical: false, allowNa: true }] },
    { key: 'solution', kind: 'standard', criteria: [{ key: 'correct-information', weight: 25, critical: true, allowNa: false }, { key: 'solved', weight: 20, critical: false, allowNa: false }] },
    { key: 'bonus', kind: 'bonus', criteria: [{ key: 'proactive-offer', weight: 5, critical: false, allowNa: true }] },
  ],
};

const EXAMPLE_1: Record<string, Answer> = { greeting: 'yes', identity: 'yes', needs: 'partial', rephrasing: 'na', 'correct-information': 'yes', solved: 'yes', 'proactive-offer': 'yes' };

describe('the score of an evaluation (worked examples of docs/quality.md)', () => {
  it('example 1: a partial and an N/A: (80 + 5 bonus) / 90 applicable = 94.4, a pass', () => {
    const result = scoreEvaluation(CARD, EXAMPLE_1);
    assert.deepEqual([result.earned, result.applicable, result.bonusEarned, result.score, result.pass], [80, 90, 5, 94.4, true]);
    assert.deepEqual(result.lost, [{ criterion: 'needs', points: 10 }]);
  });

  it('example 2: the problem half solved as well: (70 + 5) / 90 = 83.3, still a pass', () => {
    const result = scoreEvaluation(CARD, { ...EXAMPLE_1, solved: 'partial' });
    assert.deepEqual([result.score, result.pass], [83.3, true]);
    assert.deepEqual(result.lost, [{ criterion: 'needs', points: 10 }, { criterion: 'solved', points: 10 }]);
  });

  it('example 3: wrong information given (critical): 0 whatever the rest, naming the criterion', () => {
    const result = scoreEvaluation(CARD, { ...EXAMPLE_1, 'correct-information': 'no' });
    assert.deepEqual([result.score, result.rawScore, result.pass, result.criticalFailures], [0, 66.7, false, ['correct-information']]);
  });

  it('example 4: everything and the bonus: 105 / 100 capped at 100', () => {
    const all = Object.fromEntries(CARD.sections.flatMap((s) => s.criteria.map((c) => [c.key, 'yes' as Answer])));
    const result = scoreEvaluation(CARD, all);
    assert.deepEqual([result.rawScore, result.score, result.pass], [105, 100, true]);
  });

  it('example 5: under the threshold without a critical failure: (15 + 25 + 10) / 100 = 50, not a pass', () => {
    const result = scoreEvaluation(CARD, { greeting: 'no', identity: 'yes', needs: 'no', rephrasing: 'no', 'correct-information': 'yes', solved: 'partial', 'proactive-offer': 'na' });
    assert.deepEqual([result.score, result.pass, result.criticalFailures], [50, false, []]);
  });

  it('counts unanswered criteria as not scored yet and says which', () => {
    const result = scoreEvaluation(CARD, { greeting: 'yes' });
    assert.deepEqual([result.complete, result.unanswered.length, result.score], [false, 6, 100]);
    assert.equal(scoreEvaluation(CARD, {}).score, null);
  });

  it('refuses partial and N/A on a critical criterion, and N/A where the criterion does not allow it', () => {
    assert.equal(answerProblem({ key: 'identity', weight: 15, critical: true, allowNa: true }, 'partial'), 'critical-yes-no');
    assert.equal(answerProblem({ key: 'identity', weight: 15, critical: true, allowNa: true }, 'na'), 'critical-yes-no');
    assert.equal(answerProblem({ key: 'needs', weight: 20, critical: false, allowNa: false }, 'na'), 'na-not-allowed');
    assert.equal(answerProblem({ key: 'needs', weight: 20, critical: false, allowNa: false }, 'partial'), undefined);
  });

  it('agrees with a raw recomputation on any scorecard and answers', () => {
    const criterion = fc.record({ weight: fc.integer({ min: 1, max: 50 }), critical: fc.boolean(), allowNa: fc.boolean() });
    const section = fc.record({ kind: fc.constantFrom('standard' as const, 'bonus' as const), criteria: fc.array(criterion, { minLength: 1, maxLength: 5 }) });
    fc.assert(
      fc.property(fc.array(section, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 100 }), fc.array(fc.constantFrom(...ANSWERS), { minLength: 20, maxLength: 20 }), (sections, threshold, picks) => {
        let i = 0;
        const card: ScorecardShape = {
          passThreshold: threshold,
          sections: sections.map((s, si) => ({ key: `s${si}`, kind: s.kind, criteria: s.criteria.map((c, ci) => ({ key: `s${si}c${ci}`, ...c })) })),
        };
        const answers: Record<string, Answer> = {};
        for (const s of card.sections) for (const c of s.criteria) {
          let a = picks[i++ % picks.length]!;
          if (answerProblem(c, a)) a = 'yes';
          answers[c.key] = a;
        }
        // raw recomputation: sums by answer, straight from the definition
        const rows = card.sections.flatMap((s) => s.criteria.map((c) => ({ s, c, a: answers[c.key]! })));
        const value = (a: Answer) => (a === 'yes' ? 1 : a === 'partial' ? 0.5 : 0);
        const std = rows.filter((r) => r.s.kind === 'standard' && r.a !== 'na');
        const denominator = std.reduce((sum, r) => sum + r.c.weight, 0);
        const numerator = rows.filter((r) => r.a !== 'na').reduce((sum, r) => sum + r.c.weight * value(r.a), 0);
        const critical = rows.some((r) => r.c.critical && r.a === 'no');
        const expected = denominator === 0 ? null : critical ? 0 : Math.round(Math.min(100, (numerator / denominator) * 100) * 10) / 10;
        const result = scoreEvaluation(card, answers);
        assert.equal(result.score, expected);
        assert.equal(result.pass, expected !== null && !critical && expected >= threshold);
      }),
    );
  });
});
