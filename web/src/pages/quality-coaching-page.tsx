import { useEffect, useRef, useState } from 'react';
import { coachingApi } from '../api-quality-coaching.js';
import { errorMessage } from '../error-message.js';
import { formatCalendarDay, formatDateTime } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { QualitySectionProps } from '../quality-section.js';
import type { CoachingOpeningView, CoachingProgressView, CoachingSessionView } from '../types.js';

/**
 * Coaching (docs/quality.md, "Coaching"): the sessions within reach; with `advisor=` in the address,
 * one advisor's progress, their sessions, and (for who coaches) a new session opening on the criteria
 * where they lost most points.
 */
export function QualityCoachingPage({ user, query }: QualitySectionProps) {
  const t = useT();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const advisor = new URLSearchParams(query).get('advisor') ?? (user.role === 'advisor' ? user.id : undefined);
  const writes = user.abilities.includes('coaching.write') && advisor !== undefined && advisor !== user.id;
  const [sessions, setSessions] = useState<CoachingSessionView[] | undefined>();
  const [progress, setProgress] = useState<CoachingProgressView | undefined>();
  const [error, setError] = useState<string | undefined>();
  const reload = () => {
    coachingApi.list(advisor).then((r) => setSessions(r.items), (e: unknown) => setError(errorMessage(e, t, 'qualityCoaching.failed')));
    if (advisor) coachingApi.progress(advisor).then(setProgress, () => setProgress(undefined));
  };
  useEffect(() => {
    reload();
    headingRef.current?.focus();
  }, [advisor]);
  return (
    <div className="quality-coaching">
      <div className="page-head">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('qualityCoaching.title')}
        </h1>
        <p className="muted">{t('qualityCoaching.intro')}</p>
      </div>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {progress && <Progress progress={progress} />}
      {writes && <NewSession advisorId={advisor!} onSaved={reload} />}
      {sessions?.length === 0 && <p className="empty">{t('qualityCoaching.empty')}</p>}
      {sessions?.map((s) => <Session key={s.id} session={s} writes={user.abilities.includes('coaching.write') && s.advisor.id !== user.id} onChange={reload} />)}
    </div>
  );
}

function Progress({ progress }: { progress: CoachingProgressView }) {
  const t = useT();
  const language = useLanguage();
  const a = progress.actions;
  return (
    <section className="panel" aria-labelledby="coaching-progress">
      <h2 id="coaching-progress">
        {t('qualityCoaching.progress.title')} — {progress.advisor.name}
      </h2>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('qualityCoaching.progress.month')}</th>
              <th scope="col" className="num">{t('qualityCoaching.progress.evaluations')}</th>
              <th scope="col" className="num">{t('qualityCoaching.progress.mean')}</th>
              <th scope="col" className="num">{t('qualityCoaching.progress.pass')}</th>
            </tr>
          </thead>
          <tbody>
            {progress.months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{m.month}</th>
                <td className="num">{m.evaluations}</td>
                <td className="num">{m.meanScore === null ? '—' : m.meanScore.toLocaleString(language)}</td>
                <td className="num">{m.passRate === null ? '—' : `${Math.round(m.passRate * 100)} %`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>{t('qualityCoaching.progress.actions', { done: a.done, total: a.total, onTime: a.doneOnTime, open: a.open, overdue: a.overdue })}</p>
    </section>
  );
}

function NewSession({ advisorId, onSaved }: { advisorId: string; onSaved: () => void }) {
  const t = useT();
  const language = useLanguage();
  const [opening, setOpening] = useState<CoachingOpeningView | undefined>();
  const [focus, setFocus] = useState<Set<string>>(new Set());
  const [notes, setNotes] = useState('');
  const [actions, setActions] = useState<{ text: string; dueDate: string }[]>([{ text: '', dueDate: '' }]);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | undefined>();
  useEffect(() => {
    coachingApi.opening(advisorId).then((o) => {
      setOpening(o);
      setFocus(new Set(o.focus.slice(0, 2).map((f) => f.criterion)));
    }, (e: unknown) => setMessage({ kind: 'error', text: errorMessage(e, t) }));
  }, [advisorId]);
  if (!opening) return message ? <p className="notice notice-error" role="alert">{message.text}</p> : null;
  const save = async () => {
    setMessage(undefined);
    try {
      await coachingApi.create({ advisorId, focus: [...focus], evaluationIds: opening.evaluationIds.slice(0, 5), notes, actions: actions.filter((a) => a.text.trim()) });
      setMessage({ kind: 'success', text: t('qualityCoaching.form.saved') });
      setNotes('');
      setActions([{ text: '', dueDate: '' }]);
      onSaved();
    } catch (e) {
      setMessage({ kind: 'error', text: errorMessage(e, t) });
    }
  };
  return (
    <section className="panel coaching-new" aria-labelledby="coaching-new">
      <h2 id="coaching-new">{t('qualityCoaching.opening.title', { advisor: opening.advisor.name ?? '' })}</h2>
      {opening.evaluations === 0 ? (
        <p className="muted">{t('qualityCoaching.opening.none')}</p>
      ) : (
        <fieldset className="coaching-focus">
          <legend>{t('qualityCoaching.opening.lost', { count: opening.evaluations, mean: opening.meanScore?.toLocaleString(language) ?? '—' })}</legend>
          {opening.focus.map((f) => (
            <label key={f.criterion} className="checkbox">
              <input type="checkbox" checked={focus.has(f.criterion)} onChange={(e) => setFocus((old) => { const next = new Set(old); if (e.target.checked) next.add(f.criterion); else next.delete(f.criterion); return next; })} />
              <span>
                {f.labels?.[language] ?? f.criterion} — {t('qualityCoaching.opening.points', { points: f.points.toLocaleString(language), evaluations: f.evaluations })}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <label className="field">
        <span>{t('qualityCoaching.form.notes')}</span>
        <textarea rows={3} value={notes} maxLength={4000} onChange={(e) => setNotes(e.target.value)} />
      </label>
      {actions.map((a, i) => (
        <div key={i} className="scorecard-row">
          <label className="field field-compact">
            <span>{t('qualityCoaching.form.action')}</span>
            <input value={a.text} maxLength={500} onChange={(e) => setActions((old) => old.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)))} />
          </label>
          <label className="field field-compact">
            <span>{t('qualityCoaching.form.dueDate')}</span>
            <input type="date" value={a.dueDate} onChange={(e) => setActions((old) => old.map((x, j) => (j === i ? { ...x, dueDate: e.target.value } : x)))} />
          </label>
        </div>
      ))}
      <button type="button" className="button button-secondary button-small" onClick={() => setActions((old) => [...old, { text: '', dueDate: '' }])}>
        {t('qualityCoaching.form.addAction')}
      </button>
      {message && (
        <p className={`notice ${message.kind === 'error' ? 'notice-error' : 'notice-success'}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={() => void save()}>
          {t('qualityCoaching.form.save')}
        </button>
      </div>
    </section>
  );
}

function Session({ session, writes, onChange }: { session: CoachingSessionView; writes: boolean; onChange: () => void }) {
  const t = useT();
  const language = useLanguage();
  const step = async (id: string, state: 'open' | 'done' | 'dropped') => {
    await coachingApi.action(id, { state });
    onChange();
  };
  return (
    <section className="panel coaching-session">
      <h2>{t('qualityCoaching.session', { date: formatDateTime(session.heldAt, language), advisor: session.advisor.name ?? '', coach: session.coach.name ?? '' })}</h2>
      {session.focus.length > 0 && (
        <p>{t('qualityCoaching.focus', { list: session.focus.map((key, i) => session.focusLabels[i]?.[language] ?? key).join(', ') })}</p>
      )}
      {session.notes && <p className="evaluation-texts">{session.notes}</p>}
      {session.actions.length > 0 && (
        <ul className="coaching-actions" aria-label={t('qualityCoaching.actions')}>
          {session.actions.map((a) => (
            <li key={a.id}>
              <span className="badge">{t(`qualityCoaching.states.${a.state}`)}</span> {a.text} — {t('qualityCoaching.due', { date: formatCalendarDay(a.dueDate, language) })}
              {a.overdue && <span className="badge evaluation-fail">{t('qualityCoaching.overdue')}</span>}
              {a.followUp && <div className="muted">{a.followUp}</div>}
              {writes && a.state === 'open' && (
                <>
                  {' '}
                  <button type="button" className="button button-small button-secondary" onClick={() => void step(a.id, 'done')}>
                    {t('qualityCoaching.markDone')}
                  </button>{' '}
                  <button type="button" className="button button-small button-secondary" onClick={() => void step(a.id, 'dropped')}>
                    {t('qualityCoaching.drop')}
                  </button>
                </>
              )}
              {writes && a.state !== 'open' && (
                <button type="button" className="button button-small button-secondary" onClick={() => void step(a.id, 'open')}>
                  {t('qualityCoaching.reopen')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
