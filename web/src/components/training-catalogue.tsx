import { useState } from 'react';
import { trainingApi } from '../api-quality-training.js';
import { errorMessage } from '../error-message.js';
import { errorFor, fieldErrorsOf, fieldProblem, type FieldErrors } from '../field-errors.js';
import { useLanguage, useT, type MessageKey } from '../i18n/index.js';
import type { TrainingView } from '../types.js';
import { FieldError } from './field-error.js';

const KINDS = ['product', 'process', 'soft_skills'] as const;
const AUDIENCES = ['call_centre', 'shop', 'account_management'] as const;

/** The catalogue of trainings (docs/quality.md, "Training"): a table, and for who manages them, archiving and a form to add one. */
export function TrainingCatalogue(props: { trainings: TrainingView[]; manages: boolean; archived: boolean; onArchived: (show: boolean) => void; onOpen: (id: string) => void; onChange: () => void }) {
  const { trainings, manages, archived, onArchived, onOpen, onChange } = props;
  const t = useT();
  const language = useLanguage();
  const [failure, setFailure] = useState<string | null>(null);
  const archive = async (training: TrainingView) => {
    setFailure(null);
    try {
      await trainingApi.archive(training.id, !training.archived);
      onChange();
    } catch (e) {
      setFailure(errorMessage(e, t));
    }
  };
  return (
    <section className="panel training-catalogue" aria-labelledby="training-catalogue-title">
      <h2 id="training-catalogue-title">{t('qualityTraining.catalogue.title')}</h2>
      {manages && (
        <label className="inline-check">
          <input type="checkbox" checked={archived} onChange={(e) => onArchived(e.target.checked)} /> {t('qualityTraining.catalogue.showArchived')}
        </label>
      )}
      {failure && <p className="notice notice-error" role="alert">{failure}</p>}
      {trainings.length === 0 ? (
        <p className="muted">{t('qualityTraining.catalogue.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table training-table">
            <thead>
              <tr>
                <th scope="col">{t('qualityTraining.catalogue.code')}</th>
                <th scope="col">{t('qualityTraining.catalogue.name')}</th>
                <th scope="col">{t('qualityTraining.catalogue.kind')}</th>
                <th scope="col">{t('qualityTraining.catalogue.audiences')}</th>
                <th scope="col" className="num">{t('qualityTraining.catalogue.duration')}</th>
                <th scope="col">{t('qualityTraining.catalogue.sessions')}</th>
                <th scope="col" className="num">{t('qualityTraining.catalogue.completed')}</th>
                <th scope="col"><span className="visually-hidden">{t('qualityTraining.catalogue.open')}</span></th>
              </tr>
            </thead>
            <tbody>
              {trainings.map((training) => (
                <tr key={training.id} data-training={training.code}>
                  <td><code>{training.code}</code></td>
                  <td>
                    {training.title} {training.archived && <span className="badge">{t('qualityTraining.catalogue.archived')}</span>}
                  </td>
                  <td>{t(`qualityTraining.kinds.${training.kind}` as MessageKey)}</td>
                  <td>{training.audiences.map((a) => t(`qualityTraining.audiences.${a}` as MessageKey)).join(', ')}</td>
                  <td className="num">{t('qualityTraining.catalogue.minutes', { count: training.durationMinutes })}</td>
                  <td>{t('qualityTraining.catalogue.sessionsValue', { planned: training.sessions.planned, held: training.sessions.held })}</td>
                  <td className="num">{training.completed.toLocaleString(language)}</td>
                  <td className="training-row-actions">
                    <button type="button" className="link-button" onClick={() => onOpen(training.id)}>{t('qualityTraining.catalogue.open')}</button>
                    {manages && (
                      <button type="button" className="link-button" onClick={() => void archive(training)}>
                        {t(training.archived ? 'qualityTraining.catalogue.restore' : 'qualityTraining.catalogue.archive')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {manages && <TrainingForm onCreated={onChange} />}
    </section>
  );
}

function TrainingForm({ onCreated }: { onCreated: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState('');
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<(typeof KINDS)[number]>('product');
  const [audiences, setAudiences] = useState<Set<string>>(new Set(['call_centre']));
  const [minutes, setMinutes] = useState('60');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  if (!open) return <button type="button" onClick={() => setOpen(true)}>{t('qualityTraining.catalogue.add')}</button>;
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const duration = Number(minutes);
    if (!Number.isInteger(duration)) return setErrors({ durationMinutes: fieldProblem('not-whole-number') });
    try {
      await trainingApi.create({ code: code.trim(), title: title.trim(), kind, audiences: [...audiences], durationMinutes: duration, description });
      setOpen(false);
      setCode('');
      setTitle('');
      setErrors({});
      onCreated();
    } catch (e) {
      const fields = fieldErrorsOf(e);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(errorMessage(e, t));
    }
  };
  const field = (name: string) => ({ 'aria-invalid': !!errors[name], 'aria-describedby': errors[name] ? `training-${name}-error` : undefined });
  return (
    <form className="training-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="training-form-title">
      <h3 id="training-form-title">{t('qualityTraining.catalogue.add')}</h3>
      <label htmlFor="training-code">{t('qualityTraining.catalogue.code')}</label>
      <input id="training-code" value={code} onChange={(e) => setCode(e.target.value)} maxLength={24} {...field('code')} />
      <FieldError id="training-code-error" reason={errorFor(errors, 'code', t)} />
      <label htmlFor="training-title">{t('qualityTraining.catalogue.name')}</label>
      <input id="training-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={160} {...field('title')} />
      <FieldError id="training-title-error" reason={errorFor(errors, 'title', t)} />
      <label htmlFor="training-kind">{t('qualityTraining.catalogue.kind')}</label>
      <select id="training-kind" value={kind} onChange={(e) => setKind(e.target.value as (typeof KINDS)[number])}>
        {KINDS.map((k) => <option key={k} value={k}>{t(`qualityTraining.kinds.${k}` as MessageKey)}</option>)}
      </select>
      <fieldset {...field('audiences')}>
        <legend>{t('qualityTraining.catalogue.audiences')}</legend>
        {AUDIENCES.map((a) => (
          <label key={a} className="inline-check">
            <input type="checkbox" checked={audiences.has(a)} onChange={(e) => setAudiences((old) => { const next = new Set(old); if (e.target.checked) next.add(a); else next.delete(a); return next; })} />{' '}
            {t(`qualityTraining.audiences.${a}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <FieldError id="training-audiences-error" reason={errorFor(errors, 'audiences', t)} />
      <label htmlFor="training-durationMinutes">{t('qualityTraining.catalogue.duration')} (min)</label>
      <input id="training-durationMinutes" inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} {...field('durationMinutes')} />
      <FieldError id="training-durationMinutes-error" reason={errorFor(errors, 'durationMinutes', t)} />
      <label htmlFor="training-description">{t('qualityTraining.catalogue.description')}</label>
      <textarea id="training-description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={4000} rows={3} />
      {failure && <p className="notice notice-error" role="alert">{failure}</p>}
      <div className="form-actions">
        <button type="submit" className="primary">{t('qualityTraining.catalogue.create')}</button>
        <button type="button" onClick={() => setOpen(false)}>{t('qualityTraining.cancel')}</button>
      </div>
    </form>
  );
}
