import { ANSWERS, answerProblem, type Answer } from '../../../src/contract/quality-scoring.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { EvaluationDetailView } from '../types.js';

export type Mode = 'read' | 'edit' | 'dispute' | 'decide';

export interface DisputeDraft {
  picked: boolean;
  comment: string;
  proposed: Answer;
}
export interface DecisionDraft {
  decision: 'keep' | 'accept' | 'set';
  answer: Answer;
  comment: string;
}

type Criterion = EvaluationDetailView['scorecard']['content']['sections'][number]['criteria'][number];

/** The answers a criterion takes: yes/no when critical, N/A only where allowed. */
export const answersFor = (c: Criterion): Answer[] => ANSWERS.filter((a) => answerProblem(c, a) === undefined);

/**
 * The scorecard's criteria by section, with each answer: radio groups while the evaluator scores,
 * the advisor's dispute of an item, the second evaluator's decision on a disputed item.
 */
export function EvaluationCriteria({
  evaluation,
  mode,
  answers,
  comments,
  onAnswer,
  onComment,
  disputes,
  onDispute,
  decisions,
  onDecision,
}: {
  evaluation: EvaluationDetailView;
  mode: Mode;
  answers: Readonly<Record<string, Answer>>;
  comments: Readonly<Record<string, string>>;
  onAnswer: (criterion: string, answer: Answer) => void;
  onComment: (criterion: string, comment: string) => void;
  disputes: Readonly<Record<string, DisputeDraft>>;
  onDispute: (criterion: string, draft: DisputeDraft) => void;
  decisions: Readonly<Record<string, DecisionDraft>>;
  onDecision: (criterion: string, draft: DecisionDraft) => void;
}) {
  const t = useT();
  const language = useLanguage();
  const disputed = new Map(evaluation.disputes.map((d) => [d.criterion, d]));
  const answerLabel = (a: Answer) => t(`qualityEvaluations.answers.${a}`);
  return (
    <div className="evaluation-criteria">
      {evaluation.scorecard.content.sections.map((section) => (
        <fieldset key={section.key} className={`evaluation-section evaluation-section-${section.kind}`}>
          <legend>
            {section.labels[language]}
            {section.kind === 'bonus' && !section.labels[language].toLowerCase().includes(t('qualityEvaluations.detail.bonus').toLowerCase()) && <span className="badge">{t('qualityEvaluations.detail.bonus')}</span>}
          </legend>
          {section.criteria.map((c) => {
            const name = `criterion-${c.key}`;
            const answer = answers[c.key];
            const dispute = disputed.get(c.key);
            const draft = disputes[c.key];
            const decision = decisions[c.key];
            return (
              <div key={c.key} className={`evaluation-criterion${answer === 'no' && c.critical ? ' evaluation-critical-failed' : ''}`} data-criterion={c.key}>
                <div className="evaluation-criterion-head">
                  <span id={`${name}-label`} className="evaluation-criterion-label">
                    {c.labels[language]}
                  </span>
                  <span className="muted">{t('qualityEvaluations.detail.weight', { weight: c.weight })}</span>
                  {c.critical && <span className="badge evaluation-critical">{t('qualityEvaluations.detail.criticalTag')}</span>}
                </div>
                {mode === 'edit' ? (
                  <>
                    <div role="radiogroup" aria-labelledby={`${name}-label`} className="evaluation-answers">
                      {answersFor(c).map((a) => (
                        <label key={a} className="evaluation-answer">
                          <input type="radio" name={name} value={a} checked={answer === a} onChange={() => onAnswer(c.key, a)} />
                          <span>{answerLabel(a)}</span>
                        </label>
                      ))}
                    </div>
                    <label className="field field-compact">
                      <span className="visually-hidden">
                        {t('qualityEvaluations.detail.comment')} — {c.labels[language]}
                      </span>
                      <input value={comments[c.key] ?? ''} placeholder={t('qualityEvaluations.detail.comment')} onChange={(e) => onComment(c.key, e.target.value)} maxLength={1000} />
                    </label>
                  </>
                ) : (
                  <p className="evaluation-given">
                    <strong>{answer ? answerLabel(answer) : '—'}</strong>
                    {comments[c.key] ? ` — ${comments[c.key]}` : ''}
                  </p>
                )}
                {dispute && (
                  <p className="evaluation-dispute-note">
                    {t('qualityEvaluations.dispute.yours', { comment: dispute.comment, answer: answerLabel(dispute.proposedAnswer) })}
                    {dispute.decision && dispute.decidedAnswer && (
                      <>
                        <br />
                        {t('qualityEvaluations.decide.decided', { decision: t(`qualityEvaluations.decide.${dispute.decision}`), answer: answerLabel(dispute.decidedAnswer) })}
                        {dispute.decisionComment ? ` — ${dispute.decisionComment}` : ''}
                      </>
                    )}
                  </p>
                )}
                {mode === 'dispute' && (
                  <div className="evaluation-dispute-form">
                    <label className="checkbox">
                      <input type="checkbox" checked={draft?.picked ?? false} onChange={(e) => onDispute(c.key, { picked: e.target.checked, comment: draft?.comment ?? '', proposed: draft?.proposed ?? answersFor(c)[0]! })} />
                      <span>{t('qualityEvaluations.dispute.pick', { criterion: c.labels[language] })}</span>
                    </label>
                    {draft?.picked && (
                      <>
                        <label className="field field-compact">
                          <span>{t('qualityEvaluations.dispute.comment')}</span>
                          <textarea rows={2} value={draft.comment} maxLength={1000} onChange={(e) => onDispute(c.key, { ...draft, comment: e.target.value })} />
                        </label>
                        <label className="field field-compact">
                          <span>{t('qualityEvaluations.dispute.proposed')}</span>
                          <select value={draft.proposed} onChange={(e) => onDispute(c.key, { ...draft, proposed: e.target.value as Answer })}>
                            {answersFor(c).map((a) => (
                              <option key={a} value={a}>
                                {answerLabel(a)}
                              </option>
                            ))}
                          </select>
                        </label>
                      </>
                    )}
                  </div>
                )}
                {mode === 'decide' && dispute && decision && (
                  <fieldset className="evaluation-decision">
                    <legend>{t('qualityEvaluations.decide.title')}</legend>
                    {(['keep', 'accept', 'set'] as const).map((d) => (
                      <label key={d} className="evaluation-answer">
                        <input type="radio" name={`decision-${c.key}`} value={d} checked={decision.decision === d} onChange={() => onDecision(c.key, { ...decision, decision: d })} />
                        <span>{t(`qualityEvaluations.decide.${d}`)}</span>
                      </label>
                    ))}
                    {decision.decision === 'set' && (
                      <label className="field field-compact">
                        <span>{t('qualityEvaluations.dispute.proposed')}</span>
                        <select value={decision.answer} onChange={(e) => onDecision(c.key, { ...decision, answer: e.target.value as Answer })}>
                          {answersFor(c).map((a) => (
                            <option key={a} value={a}>
                              {answerLabel(a)}
                            </option>
                          ))}
                        </select>
                      </label>
                    )}
                    <label className="field field-compact">
                      <span>{t('qualityEvaluations.decide.comment')}</span>
                      <input value={decision.comment} maxLength={1000} onChange={(e) => onDecision(c.key, { ...decision, comment: e.target.value })} />
                    </label>
                  </fieldset>
                )}
              </div>
            );
          })}
        </fieldset>
      ))}
    </div>
  );
}
