import { useEffect, useState } from 'react';
import { trainingApi, type AttendanceStatus } from '../api-quality-training.js';
import { errorMessage } from '../error-message.js';
import { errorFor, fieldErrorsOf, type FieldErrors } from '../field-errors.js';
import { formatDate, formatDateTime } from '../format.js';
import { useLanguage, useT, type MessageKey } from '../i18n/index.js';
import type { TrainablePersonView, TrainingSessionView, TrainingView } from '../types.js';
import { FieldError } from './field-error.js';

const STATUSES: readonly AttendanceStatus[] = ['enrolled', 'attended', 'completed', 'absent'];

/** A training's sessions (docs/quality.md, "Training"), newest first, and for who manages trainings a form to plan one. */
export function TrainingSessions(props: { training: TrainingView; sessions: TrainingSessionView[]; manages: boolean; onOpen: (id: string) => void; onChange: () => void }) {
  const { training, sessions, manages, onOpen, onChange } = props;
  const t = useT();
  const language = useLanguage();
  return (
    <section className="panel training-sessions" aria-labelledby="training-sessions-title">
      <h2 id="training-sessions-title">{t('qualityTraining.sessions.title', { training: training.title })}</h2>
      {sessions.length === 0 ? (
        <p className="muted">{t('qualityTraining.sessions.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('qualityTraining.sessions.when')}</th>
                <th scope="col">{t('qualityTraining.sessions.place')}</th>
                <th scope="col">{t('qualityTraining.sessions.trainer')}</th>
                <th scope="col" className="num">{t('qualityTraining.sessions.enrolled')}</th>
                <th scope="col"><span className="visually-hidden">{t('qualityTraining.sessions.open')}</span></th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id}>
                  <td>
                    {formatDateTime(s.startsAt, language)} {s.cancelled && <span className="badge">{t('qualityTraining.sessions.cancelled')}</span>}
                  </td>
                  <td>{s.place}</td>
                  <td>{s.trainer}</td>
                  <td className="num">{s.capacity === null ? s.enrolled : `${s.enrolled} / ${s.capacity}`}</td>
                  <td>
                    <button type="button" className="link-button" onClick={() => onOpen(s.id)}>{t('qualityTraining.sessions.open')}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {manages && !training.archived && <SessionForm trainingId={training.id} onPlanned={onChange} />}
    </section>
  );
}

function SessionForm({ trainingId, onPlanned }: { trainingId: string; onPlanned: () => void }) {
  const t = useT();
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [place, setPlace] = useState('');
  const [trainer, setTrainer] = useState('');
  const [capacity, setCapacity] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const iso = (local: string) => (local ? new Date(local).toISOString() : '');
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(null);
    try {
      await trainingApi.plan({ trainingId, startsAt: iso(startsAt), endsAt: iso(endsAt), place, trainer, capacity: capacity.trim() === '' ? null : Number(capacity) });
      setErrors({});
      setStartsAt('');
      setEndsAt('');
      onPlanned();
    } catch (e) {
      const fields = fieldErrorsOf(e);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(errorMessage(e, t));
    }
  };
  const field = (name: string) => ({ id: `session-${name}`, 'aria-invalid': !!errors[name], 'aria-describedby': errors[name] ? `session-${name}-error` : undefined });
  return (
    <form className="training-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="session-form-title">
      <h3 id="session-form-title">{t('qualityTraining.sessions.plan')}</h3>
      <div className="training-form-row">
        <div>
          <label htmlFor="session-startsAt">{t('qualityTraining.sessions.startsAt')}</label>
          <input type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} {...field('startsAt')} />
          <FieldError id="session-startsAt-error" reason={errorFor(errors, 'startsAt', t)} />
        </div>
        <div>
          <label htmlFor="session-endsAt">{t('qualityTraining.sessions.endsAt')}</label>
          <input type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} {...field('endsAt')} />
          <FieldError id="session-endsAt-error" reason={errorFor(errors, 'endsAt', t)} />
        </div>
      </div>
      <label htmlFor="session-place">{t('qualityTraining.sessions.place')}</label>
      <input value={place} onChange={(e) => setPlace(e.target.value)} maxLength={160} {...field('place')} />
      <label htmlFor="session-trainer">{t('qualityTraining.sessions.trainer')}</label>
      <input value={trainer} onChange={(e) => setTrainer(e.target.value)} maxLength={120} {...field('trainer')} />
      <label htmlFor="session-capacity">{t('qualityTraining.sessions.capacity')}</label>
      <input inputMode="numeric" value={capacity} placeholder={t('qualityTraining.sessions.unlimited')} onChange={(e) => setCapacity(e.target.value)} {...field('capacity')} />
      <FieldError id="session-capacity-error" reason={errorFor(errors, 'capacity', t)} />
      {failure && <p className="notice notice-error" role="alert">{failure}</p>}
      <button type="submit" className="primary">{t('qualityTraining.sessions.submit')}</button>
    </form>
  );
}

/** One session: its attendees as the reader may see them; who manages trainings enrols people, records presence and completion, cancels. */
export function TrainingSessionDetail({ id, manages, onBack }: { id: string; manages: boolean; onBack: () => void }) {
  const t = useT();
  const language = useLanguage();
  const [session, setSession] = useState<TrainingSessionView | undefined>();
  const [people, setPeople] = useState<TrainablePersonView[]>([]);
  const [chosen, setChosen] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    trainingApi.session(id).then(setSession, (e: unknown) => setFailure(errorMessage(e, t)));
    if (manages) trainingApi.people().then((r) => setPeople(r.items), () => setPeople([]));
  }, [id, manages]);
  const change = async (changes: { userId: string; status: AttendanceStatus | null }[]) => {
    setFailure(null);
    setStatus('');
    try {
      setSession(await trainingApi.attendance(id, changes));
      setStatus(t('qualityTraining.saved'));
    } catch (e) {
      const fields = fieldErrorsOf(e);
      const first = Object.keys(fields)[0];
      setFailure(first ? (errorFor(fields, first, t) ?? errorMessage(e, t)) : errorMessage(e, t));
    }
  };
  const cancel = async () => {
    try {
      setSession(await trainingApi.cancel(id));
    } catch (e) {
      const fields = fieldErrorsOf(e);
      setFailure(fields.cancelled ? (errorFor(fields, 'cancelled', t) ?? '') : errorMessage(e, t));
    }
  };
  if (!session) return failure ? <p className="notice notice-error" role="alert">{failure}</p> : <p className="muted">…</p>;
  const listed = new Set(session.attendees.map((a) => a.userId));
  const editable = manages && !session.cancelled;
  return (
    <section className="panel training-session" aria-labelledby="training-session-title">
      <button type="button" className="link-button" onClick={onBack}>{t('qualityTraining.session.back')}</button>
      <h2 id="training-session-title">{t('qualityTraining.session.title', { date: formatDateTime(session.startsAt, language), training: session.training.title })}</h2>
      <p className="muted">
        {[session.place, session.trainer, session.capacity === null ? t('qualityTraining.sessions.unlimited') : `${session.enrolled} / ${session.capacity}`].filter(Boolean).join(' · ')}
      </p>
      {session.cancelled && <p className="notice">{t('qualityTraining.session.cancelled')}</p>}
      {failure && <p className="notice notice-error" role="alert">{failure}</p>}
      <p className="visually-hidden" aria-live="polite">{status}</p>
      <h3>{t('qualityTraining.session.attendees')}</h3>
      {session.attendees.length === 0 ? (
        <p className="muted">{t('qualityTraining.session.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('qualityTraining.session.person')}</th>
                <th scope="col">{t('qualityTraining.session.status')}</th>
                <th scope="col">{t('qualityTraining.session.completedAt')}</th>
                {editable && <th scope="col"><span className="visually-hidden">{t('qualityTraining.session.remove')}</span></th>}
              </tr>
            </thead>
            <tbody>
              {session.attendees.map((a) => (
                <tr key={a.userId} data-person={a.userId}>
                  <td>{a.name}</td>
                  <td>
                    {editable ? (
                      <select aria-label={t('qualityTraining.session.statusOf', { name: a.name })} value={a.status} onChange={(e) => void change([{ userId: a.userId, status: e.target.value as AttendanceStatus }])}>
                        {STATUSES.map((s) => <option key={s} value={s}>{t(`qualityTraining.statuses.${s}` as MessageKey)}</option>)}
                      </select>
                    ) : (
                      t(`qualityTraining.statuses.${a.status}` as MessageKey)
                    )}
                  </td>
                  <td>{a.completedAt ? formatDate(a.completedAt, language) : ''}</td>
                  {editable && (
                    <td>
                      <button type="button" className="link-button" onClick={() => void change([{ userId: a.userId, status: null }])}>{t('qualityTraining.session.remove')}</button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editable && (
        <form
          className="training-enrol"
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen) void change([{ userId: chosen, status: 'enrolled' }]).then(() => setChosen(''));
          }}
        >
          <label htmlFor="training-enrol-person">{t('qualityTraining.session.choose')}</label>
          <select id="training-enrol-person" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">—</option>
            {people.filter((p) => !listed.has(p.id)).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
                {p.teamName ? ` (${p.teamName})` : ''}
              </option>
            ))}
          </select>
          <button type="submit">{t('qualityTraining.session.enrol')}</button>
          <button type="button" className="danger" onClick={() => void cancel()}>{t('qualityTraining.session.cancel')}</button>
        </form>
      )}
    </section>
  );
}
