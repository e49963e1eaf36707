import { useEffect, useMemo, useRef, useState } from 'react';
import { scoreEvaluation, type Answer } from '../../../src/contract/quality-scoring.js';
import { evaluationsApi } from '../api-quality-evaluations.js';
import { errorMessage } from '../error-message.js';
import { formatDateTime } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { Channel, EvaluationDetailView, EvaluationMarker, User } from '../types.js';
import { linkTo, type Route } from '../use-route.js';
import { EvaluationCriteria, type DecisionDraft, type DisputeDraft, type Mode } from './evaluation-criteria.js';
import { EvaluationMarkers } from './evaluation-markers.js';
import { RecordingPlayer } from './recording-player.js';

/** One evaluation: the contact and its recording beside the scorecard, and what the reader may do with it now. */
export function EvaluationView({ id, user, navigate }: { id: string; user: User; navigate: (route: Route) => void }) {
  const t = useT();
  const language = useLanguage();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [evaluation, setEvaluation] = useState<EvaluationDetailView | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [comments, setComments] = useState<Record<string, string>>({});
  const [strengths, setStrengths] = useState('');
  const [improvements, setImprovements] = useState('');
  const [markers, setMarkers] = useState<EvaluationMarker[]>([]);
  const [disputes, setDisputes] = useState<Record<string, DisputeDraft>>({});
  const [decisions, setDecisions] = useState<Record<string, DecisionDraft>>({});
  const [position, setPosition] = useState(0);
  const [seek, setSeek] = useState<{ ms: number; serial: number } | undefined>();

  const show = (e: EvaluationDetailView) => {
    setEvaluation(e);
    setAnswers(Object.fromEntries(e.answers.map((a) => [a.criterion, a.answer])));
    setComments(Object.fromEntries(e.answers.map((a) => [a.criterion, a.comment])));
    setStrengths(e.strengths);
    setImprovements(e.improvements);
    setMarkers(e.markers);
    setDisputes({});
    setDecisions(Object.fromEntries(e.disputes.filter((d) => !d.decision).map((d) => [d.criterion, { decision: 'keep' as const, answer: d.proposedAnswer, comment: '' }])));
  };
  useEffect(() => {
    evaluationsApi.get(id).then(show, (e: unknown) => setError(errorMessage(e, t, 'qualityEvaluations.failed')));
  }, [id]);
  useEffect(() => {
    if (evaluation) headingRef.current?.focus();
  }, [evaluation?.id]);

  const mode: Mode = !evaluation ? 'read' : evaluation.can.edit ? 'edit' : evaluation.can.decide ? 'decide' : evaluation.can.dispute ? 'dispute' : 'read';
  const live = useMemo(() => (evaluation ? scoreEvaluation(evaluation.scorecard.content, answers) : undefined), [evaluation, answers]);

  const run = async (step: () => Promise<EvaluationDetailView>, done: string | ((e: EvaluationDetailView) => string)) => {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    try {
      const next = await step();
      show(next);
      setNotice(typeof done === 'string' ? done : done(next));
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  const edits = () => ({
    answers: Object.entries(answers).map(([criterion, answer]) => ({ criterion, answer, comment: comments[criterion] ?? '' })),
    strengths,
    improvements,
    markers,
  });

  if (error && !evaluation) {
    return (
      <p className="notice notice-error" role="alert">
        {error}
      </p>
    );
  }
  if (!evaluation || !live) return <p className="muted">{t('app.loading')}</p>;
  const e = evaluation;
  const criterionLabel = (key: string) => e.scorecard.content.sections.flatMap((s) => s.criteria).find((c) => c.key === key)?.labels[language] ?? key;
  const score = mode === 'edit' ? live.score : e.score;
  const failures = mode === 'edit' ? live.criticalFailures : e.criticalFailures;
  const pass = mode === 'edit' ? (live.score === null ? null : live.pass) : e.pass;
  const picked = Object.entries(disputes).filter(([, d]) => d.picked);

  return (
    <div className="evaluation-view">
      <p>
        <a {...linkTo({ page: 'quality', section: 'evaluations', query: '' }, navigate)}>← {t('qualityEvaluations.detail.back')}</a>
      </p>
      <div className="page-head">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('qualityEvaluations.detail.heading', { advisor: e.advisor.name ?? e.advisor.id })}
        </h1>
        <p className="muted">
          {t('qualityEvaluations.detail.contact', { date: formatDateTime(e.contactAt, language), channel: t(`channels.${e.channel as Channel}`), customer: e.customer.name ?? e.customer.id })}
          {' · '}
          {t('qualityEvaluations.detail.evaluator', { name: e.evaluator.name ?? e.evaluator.id })}
          {e.reviewer && ` · ${t('qualityEvaluations.detail.reviewer', { name: e.reviewer.name ?? e.reviewer.id })}`}
        </p>
        {user.abilities.includes('coaching.write') && user.id !== e.advisor.id && (
          <p>
            <a {...linkTo({ page: 'quality', section: 'coaching', query: `advisor=${encodeURIComponent(e.advisor.id)}` }, navigate)}>{t('qualityCoaching.coach')}</a>
          </p>
        )}
        <p className="muted">{t('qualityEvaluations.detail.scorecard', { name: e.scorecard.name, version: e.scorecard.version, threshold: e.scorecard.content.passThreshold })}</p>
      </div>
      <div className="evaluation-layout">
        <aside className="panel evaluation-side" aria-label={t('qualityEvaluations.detail.score')}>
          <div className="evaluation-score" aria-live="polite">
            <span className="badge">{t(`qualityEvaluations.states.${e.state}`)}</span>
            <p className="evaluation-score-value">
              {t('qualityEvaluations.detail.score')} <strong>{score === null ? '—' : score.toLocaleString(language)}</strong>
              {pass !== null && <span className={`badge ${pass ? 'evaluation-pass' : 'evaluation-fail'}`}>{t(pass ? 'qualityEvaluations.pass' : 'qualityEvaluations.fail')}</span>}
            </p>
            {failures.length > 0 && (
              <p className="notice notice-error evaluation-critical-note">
                {t('qualityEvaluations.critical', { criteria: failures.map(criterionLabel).join(', ') })}
                {mode !== 'edit' && e.rawScore !== null && ` (${t('qualityEvaluations.detail.rawScore', { score: e.rawScore.toLocaleString(language) })})`}
              </p>
            )}
            {mode === 'edit' && live.unanswered.length > 0 && <p className="muted">{t('qualityEvaluations.detail.unanswered', { count: live.unanswered.length })}</p>}
            {e.disputeUntil && e.can.dispute && <p className="muted">{t('qualityEvaluations.detail.disputeUntil', { date: formatDateTime(e.disputeUntil, language) })}</p>}
          </div>
          {e.recordingId === null ? (
            <p className="muted">{t('qualityEvaluations.detail.noRecording')}</p>
          ) : (
            <RecordingPlayer recordingId={e.recordingId} markers={markers.map((m) => ({ atMs: m.atMs, label: m.text, kind: m.kind }))} onPosition={setPosition} seek={seek} canRedact={user.abilities.includes('recording.redact')} />
          )}
          <EvaluationMarkers
            markers={markers}
            editable={mode === 'edit'}
            onChange={setMarkers}
            {...(e.recordingId === null ? {} : { position, onSeek: (ms: number) => setSeek((old) => ({ ms, serial: (old?.serial ?? 0) + 1 })) })}
          />
        </aside>
        <section className="panel evaluation-main" aria-labelledby="evaluation-form-title">
          <h2 id="evaluation-form-title" className="visually-hidden">
            {t('qualityEvaluations.detail.heading', { advisor: e.advisor.name ?? e.advisor.id })}
          </h2>
          {mode === 'dispute' && <p className="muted">{t('qualityEvaluations.dispute.intro')}</p>}
          <EvaluationCriteria
            evaluation={e}
            mode={mode}
            answers={answers}
            comments={comments}
            onAnswer={(c, a) => setAnswers((old) => ({ ...old, [c]: a }))}
            onComment={(c, text) => setComments((old) => ({ ...old, [c]: text }))}
            disputes={disputes}
            onDispute={(c, d) => setDisputes((old) => ({ ...old, [c]: d }))}
            decisions={decisions}
            onDecision={(c, d) => setDecisions((old) => ({ ...old, [c]: d }))}
          />
          {mode === 'edit' ? (
            <>
              <label className="field">
                <span>{t('qualityEvaluations.detail.strengths')}</span>
                <textarea rows={3} value={strengths} maxLength={4000} onChange={(ev) => setStrengths(ev.target.value)} />
              </label>
              <label className="field">
                <span>{t('qualityEvaluations.detail.improvements')}</span>
                <textarea rows={3} value={improvements} maxLength={4000} onChange={(ev) => setImprovements(ev.target.value)} />
              </label>
            </>
          ) : (
            <dl className="evaluation-texts">
              {strengths && (
                <>
                  <dt>{t('qualityEvaluations.detail.strengths')}</dt>
                  <dd>{strengths}</dd>
                </>
              )}
              {improvements && (
                <>
                  <dt>{t('qualityEvaluations.detail.improvements')}</dt>
                  <dd>{improvements}</dd>
                </>
              )}
            </dl>
          )}
          {error && (
            <p className="notice notice-error" role="alert">
              {error}
            </p>
          )}
          {notice && (
            <p className="notice notice-success" role="status">
              {notice}
            </p>
          )}
          <div className="form-actions">
            {mode === 'edit' && (
              <>
                <button type="button" className="button button-secondary" disabled={busy} onClick={() => void run(() => evaluationsApi.edit(e.id, edits()), t('qualityEvaluations.detail.saved'))}>
                  {t('qualityEvaluations.detail.save')}
                </button>
                <button
                  type="button"
                  className="button button-primary"
                  disabled={busy}
                  onClick={() =>
                    void run(
                      async () => {
                        await evaluationsApi.edit(e.id, edits());
                        return evaluationsApi.submit(e.id);
                      },
                      (next) => t('qualityEvaluations.detail.submitted', { date: next.disputeUntil ? formatDateTime(next.disputeUntil, language) : '—' }),
                    )
                  }
                >
                  {t('qualityEvaluations.detail.submit')}
                </button>
              </>
            )}
            {e.can.acknowledge && (
              <button type="button" className="button button-secondary" disabled={busy} onClick={() => void run(() => evaluationsApi.acknowledge(e.id), t('qualityEvaluations.detail.acknowledged'))}>
                {t('qualityEvaluations.detail.acknowledge')}
              </button>
            )}
            {mode === 'dispute' && (
              <button
                type="button"
                className="button button-primary"
                disabled={busy}
                onClick={() =>
                  picked.length === 0
                    ? setError(t('qualityEvaluations.dispute.none'))
                    : void run(() => evaluationsApi.dispute(e.id, picked.map(([criterion, d]) => ({ criterion, comment: d.comment, proposedAnswer: d.proposed }))), t('qualityEvaluations.dispute.sent'))
                }
              >
                {t('qualityEvaluations.dispute.send')}
              </button>
            )}
            {mode === 'decide' && (
              <button
                type="button"
                className="button button-primary"
                disabled={busy}
                onClick={() =>
                  void run(
                    () => evaluationsApi.decide(e.id, Object.entries(decisions).map(([criterion, d]) => ({ criterion, decision: d.decision, ...(d.decision === 'set' ? { answer: d.answer } : {}), ...(d.comment ? { comment: d.comment } : {}) }))),
                    t('qualityEvaluations.decide.sent'),
                  )
                }
              >
                {t('qualityEvaluations.decide.send')}
              </button>
            )}
          </div>
          <details className="evaluation-history">
            <summary>{t('qualityEvaluations.detail.history')}</summary>
            <ol>
              {e.events.map((ev, i) => (
                <li key={i}>
                  {formatDateTime(ev.at, language)} — {ev.actor.name ?? ev.actor.id}: {t(`qualityEvaluations.states.${ev.to}`)}
                  {ev.note ? ` (${ev.note})` : ''}
                </li>
              ))}
            </ol>
          </details>
        </section>
      </div>
    </div>
  );
}
