import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { scoreEvaluation, type Answer } from '../../../src/contract/quality-scoring.js';
import { calibrationApi } from '../api-quality-calibration.js';
import { CalibrationResults } from '../components/calibration-results.js';
import { answersFor } from '../components/evaluation-criteria.js';
import { errorMessage } from '../error-message.js';
import { formatDateTime } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { QualitySectionProps } from '../quality-section.js';
import type { CalibrationCandidateView, CalibrationDetailView, CalibrationSummaryView, Channel } from '../types.js';
import { linkTo } from '../use-route.js';

/** Calibration (docs/quality.md, "Calibration and agreement"): the sessions, opening one, scoring blind, the revealed results. */
export function QualityCalibrationPage({ user, id, navigate }: QualitySectionProps) {
  if (id) return <CalibrationView key={id} id={id} navigate={navigate} />;
  return <CalibrationList manages={user.abilities.includes('calibration.manage')} navigate={navigate} />;
}

function CalibrationList({ manages, navigate }: { manages: boolean; navigate: QualitySectionProps['navigate'] }) {
  const t = useT();
  const language = useLanguage();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [items, setItems] = useState<CalibrationSummaryView[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    calibrationApi.list().then((r) => setItems(r.items), (e: unknown) => setError(errorMessage(e, t, 'qualityCalibration.failed')));
    headingRef.current?.focus();
  }, []);
  return (
    <div className="quality-calibration">
      <div className="page-head">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('qualityCalibration.title')}
        </h1>
        <p className="muted">{t('qualityCalibration.intro')}</p>
      </div>
      {manages && <CreateCalibration onCreated={(sessionId) => navigate({ page: 'quality', section: 'calibration', id: sessionId, query: '' })} />}
      <section className="panel" aria-busy={items === undefined}>
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        {items?.length === 0 && <p className="empty">{t('qualityCalibration.empty')}</p>}
        <ul className="calibration-list">
          {items?.map((s) => (
            <li key={s.id}>
              <a {...linkTo({ page: 'quality', section: 'calibration', id: s.id, query: '' }, navigate)}>{s.title}</a> <span className="badge">{t(`qualityCalibration.states.${s.state}`)}</span>{' '}
              <span className="muted">
                {formatDateTime(s.createdAt, language)} · {t('qualityCalibration.counts', { contacts: s.contacts, evaluators: s.evaluators })}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function CreateCalibration({ onCreated }: { onCreated: (id: string) => void }) {
  const t = useT();
  const [title, setTitle] = useState('');
  const [contacts, setContacts] = useState('');
  const [people, setPeople] = useState<CalibrationCandidateView[]>([]);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    calibrationApi.candidates().then((r) => setPeople(r.items), () => setPeople([]));
  }, []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const created = await calibrationApi.create({ title: title.trim(), interactionIds: contacts.split(/[\s,;]+/).filter(Boolean), evaluatorIds: [...picked] });
      onCreated(created.id);
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel evaluation-start" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t('qualityCalibration.create.title')}</h2>
      <label className="field">
        <span>{t('qualityCalibration.create.name')}</span>
        <input value={title} maxLength={120} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('qualityCalibration.create.contacts')}</span>
        <textarea rows={3} value={contacts} onChange={(e) => setContacts(e.target.value)} />
      </label>
      <fieldset className="calibration-people">
        <legend>{t('qualityCalibration.create.evaluators')}</legend>
        {people.map((p) => (
          <label key={p.id} className="checkbox">
            <input
              type="checkbox"
              checked={picked.has(p.id)}
              onChange={(e) =>
                setPicked((old) => {
                  const next = new Set(old);
                  if (e.target.checked) next.add(p.id);
                  else next.delete(p.id);
                  return next;
                })
              }
            />
            <span>{p.name}</span>
          </label>
        ))}
      </fieldset>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={busy}>
        {t('qualityCalibration.create.submit')}
      </button>
    </form>
  );
}

function CalibrationView({ id, navigate }: { id: string; navigate: QualitySectionProps['navigate'] }) {
  const t = useT();
  const language = useLanguage();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [session, setSession] = useState<CalibrationDetailView | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  useEffect(() => {
    calibrationApi.get(id).then(setSession, (e: unknown) => setError(errorMessage(e, t, 'qualityCalibration.failed')));
  }, [id]);
  useEffect(() => {
    if (session) headingRef.current?.focus();
  }, [session?.id]);
  const run = async (step: () => Promise<CalibrationDetailView>, done: string) => {
    setError(undefined);
    setNotice(undefined);
    try {
      setSession(await step());
      setNotice(done);
    } catch (e) {
      setError(errorMessage(e, t));
    }
  };
  if (!session) return error ? <p className="notice notice-error" role="alert">{error}</p> : <p className="muted">{t('app.loading')}</p>;
  return (
    <div className="calibration-view">
      <p>
        <a {...linkTo({ page: 'quality', section: 'calibration', query: '' }, navigate)}>← {t('qualityCalibration.back')}</a>
      </p>
      <div className="page-head">
        <h1 ref={headingRef} tabIndex={-1}>
          {session.title}
        </h1>
        <p className="muted">
          <span className="badge">{t(`qualityCalibration.states.${session.state}`)}</span> {t('qualityCalibration.lead', { name: session.lead.name ?? '' })} ·{' '}
          {t('qualityCalibration.counts', { contacts: session.contacts.length, evaluators: session.evaluators.length })}
        </p>
      </div>
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
      {session.state === 'open' && (
        <>
          <p className="muted">{t('qualityCalibration.blind')}</p>
          {session.you.evaluator &&
            session.contacts.map((c) => (
              <BlindScore key={c.interactionId} session={session} contact={c} onSave={(answers) => run(() => calibrationApi.score(session.id, c.interactionId, answers), t('qualityCalibration.saved'))} />
            ))}
          {session.you.manages && (
            <button type="button" className="button button-primary" onClick={() => void run(() => calibrationApi.reveal(session.id), t('qualityCalibration.revealed'))}>
              {t('qualityCalibration.reveal')}
            </button>
          )}
        </>
      )}
      {session.state === 'revealed' && <CalibrationResults session={session} />}
      <p className="muted">{formatDateTime(session.createdAt, language)}</p>
    </div>
  );
}

function BlindScore({ session, contact, onSave }: { session: CalibrationDetailView; contact: CalibrationDetailView['contacts'][number]; onSave: (answers: { criterion: string; answer: Answer }[]) => Promise<void> }) {
  const t = useT();
  const language = useLanguage();
  const [answers, setAnswers] = useState<Record<string, Answer>>(() => Object.fromEntries(contact.yourAnswers.map((a) => [a.criterion, a.answer])));
  const live = useMemo(() => scoreEvaluation(session.scorecard.content, answers), [answers]);
  const heading = t('qualityCalibration.contact', { date: formatDateTime(contact.contactAt, language), channel: t(`channels.${contact.channel as Channel}`) });
  return (
    <section className="panel calibration-score" aria-label={heading} data-contact={contact.interactionId}>
      <h2>{heading}</h2>
      {session.scorecard.content.sections.map((section) => (
        <fieldset key={section.key} className={`evaluation-section evaluation-section-${section.kind}`}>
          <legend>{section.labels[language]}</legend>
          {section.criteria.map((c) => (
            <div key={c.key} className="evaluation-criterion" data-criterion={c.key}>
              <span id={`cal-${contact.interactionId}-${c.key}`} className="evaluation-criterion-label">
                {c.labels[language]}
              </span>
              <div role="radiogroup" aria-labelledby={`cal-${contact.interactionId}-${c.key}`} className="evaluation-answers">
                {answersFor(c).map((a) => (
                  <label key={a} className="evaluation-answer">
                    <input type="radio" name={`cal-${contact.interactionId}-${c.key}`} checked={answers[c.key] === a} onChange={() => setAnswers((old) => ({ ...old, [c.key]: a }))} />
                    <span>{t(`qualityEvaluations.answers.${a}`)}</span>
                  </label>
                ))}
              </div>
            </div>
          ))}
        </fieldset>
      ))}
      <p aria-live="polite">{t('qualityCalibration.yourScore', { score: live.score === null ? '—' : live.score.toLocaleString(language) })}</p>
      <button type="button" className="button button-secondary" onClick={() => void onSave(Object.entries(answers).map(([criterion, answer]) => ({ criterion, answer })))}>
        {t('qualityCalibration.save')}
      </button>
    </section>
  );
}
