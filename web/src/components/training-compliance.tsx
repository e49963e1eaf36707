import { useEffect, useState } from 'react';
import { trainingApi } from '../api-quality-training.js';
import { errorMessage } from '../error-message.js';
import { errorFor, fieldErrorsOf, type FieldErrors } from '../field-errors.js';
import { formatCalendarDay } from '../format.js';
import { useLanguage, useT, type MessageKey } from '../i18n/index.js';
import type { ComplianceView, TrainingRequirementView, TrainingView } from '../types.js';
import { FieldError } from './field-error.js';

const ROLES = ['advisor', 'team_lead', 'quality_coach', 'cx_manager'] as const;
const SITE_KINDS = ['', 'call_centre', 'shop'] as const;
const FILTERS = ['overdue', 'due', 'done', ''] as const;

/**
 * Required trainings and who must follow what (docs/quality.md, "Training"): the requirements (added
 * and removed by who manages trainings), the rows within the reader's reach filtered by state (overdue
 * first when there are any), and their CSV export.
 */
export function TrainingCompliance({ trainings, manages }: { trainings: TrainingView[]; manages: boolean }) {
  const t = useT();
  const language = useLanguage();
  const [requirements, setRequirements] = useState<TrainingRequirementView[]>([]);
  const [rows, setRows] = useState<ComplianceView[] | undefined>();
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('overdue');
  const [failure, setFailure] = useState<string | null>(null);
  const [serial, setSerial] = useState(0);
  useEffect(() => {
    trainingApi.requirements().then((r) => setRequirements(r.items), (e: unknown) => setFailure(errorMessage(e, t)));
  }, [serial]);
  useEffect(() => {
    trainingApi.compliance(filter || undefined).then((r) => setRows(r.items), (e: unknown) => setFailure(errorMessage(e, t)));
  }, [filter, serial]);
  const remove = async (id: string) => {
    try {
      await trainingApi.unrequire(id);
      setSerial((n) => n + 1);
    } catch (e) {
      setFailure(errorMessage(e, t));
    }
  };
  return (
    <section className="panel training-compliance" aria-labelledby="training-required-title">
      <h2 id="training-required-title">{t('qualityTraining.required.title')}</h2>
      {failure && <p className="notice notice-error" role="alert">{failure}</p>}
      {requirements.length === 0 ? (
        <p className="muted">{t('qualityTraining.required.empty')}</p>
      ) : (
        <ul className="training-requirements">
          {requirements.map((r) => (
            <li key={r.id}>
              <strong>{r.training.title}</strong> — {t(`qualityTraining.roles.${r.role}` as MessageKey)}, {t(`qualityTraining.siteKinds.${r.siteKind || 'any'}` as MessageKey)} —{' '}
              {formatCalendarDay(r.dueDate, language)}
              {manages && (
                <button type="button" className="link-button" onClick={() => void remove(r.id)}>{t('qualityTraining.required.remove')}</button>
              )}
            </li>
          ))}
        </ul>
      )}
      {manages && <RequirementForm trainings={trainings.filter((x) => !x.archived)} onAdded={() => setSerial((n) => n + 1)} />}
      <h3>{t('qualityTraining.compliance.title')}</h3>
      <div className="training-compliance-bar">
        <label htmlFor="training-compliance-filter">{t('qualityTraining.compliance.filter')}</label>
        <select id="training-compliance-filter" value={filter} onChange={(e) => setFilter(e.target.value as (typeof FILTERS)[number])}>
          {FILTERS.map((f) => <option key={f} value={f}>{f ? t(`qualityTraining.complianceStatuses.${f}` as MessageKey) : t('qualityTraining.compliance.all')}</option>)}
        </select>
        <a href={trainingApi.complianceCsvUrl(filter || undefined)} download>{t('qualityTraining.compliance.export')}</a>
      </div>
      {rows && rows.length === 0 && <p className="muted">{t('qualityTraining.compliance.empty')}</p>}
      {rows && rows.length > 0 && (
        <div className="table-scroll">
          <table className="data-table training-compliance-table" aria-label={t('qualityTraining.compliance.title')}>
            <thead>
              <tr>
                <th scope="col">{t('qualityTraining.compliance.person')}</th>
                <th scope="col">{t('qualityTraining.compliance.team')}</th>
                <th scope="col">{t('qualityTraining.compliance.training')}</th>
                <th scope="col">{t('qualityTraining.compliance.due')}</th>
                <th scope="col">{t('qualityTraining.compliance.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.person.id}-${r.requirement.id}`} className={r.status === 'overdue' ? 'training-overdue' : undefined}>
                  <td>{r.person.name}</td>
                  <td>{r.person.teamName ?? ''}</td>
                  <td>{r.requirement.training.title}</td>
                  <td>{formatCalendarDay(r.dueDate, language)}</td>
                  <td><span className={`badge training-${r.status}`}>{t(`qualityTraining.complianceStatuses.${r.status}` as MessageKey)}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RequirementForm({ trainings, onAdded }: { trainings: TrainingView[]; onAdded: () => void }) {
  const t = useT();
  const [trainingId, setTrainingId] = useState('');
  const [role, setRole] = useState<(typeof ROLES)[number]>('advisor');
  const [siteKind, setSiteKind] = useState<(typeof SITE_KINDS)[number]>('');
  const [dueDate, setDueDate] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(null);
    try {
      await trainingApi.require({ trainingId, role, siteKind, dueDate });
      setErrors({});
      onAdded();
    } catch (e) {
      const fields = fieldErrorsOf(e);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(errorMessage(e, t));
    }
  };
  const described = (name: string) => ({ 'aria-invalid': !!errors[name], 'aria-describedby': errors[name] ? `requirement-${name}-error` : undefined });
  return (
    <form className="training-form training-form-row" onSubmit={(e) => void submit(e)} noValidate aria-label={t('qualityTraining.required.add')}>
      <div>
        <label htmlFor="requirement-trainingId">{t('qualityTraining.required.training')}</label>
        <select id="requirement-trainingId" value={trainingId} onChange={(e) => setTrainingId(e.target.value)} {...described('trainingId')}>
          <option value="">—</option>
          {trainings.map((x) => <option key={x.id} value={x.id}>{x.title}</option>)}
        </select>
        <FieldError id="requirement-trainingId-error" reason={errorFor(errors, 'trainingId', t)} />
      </div>
      <div>
        <label htmlFor="requirement-role">{t('qualityTraining.required.role')}</label>
        <select id="requirement-role" value={role} onChange={(e) => setRole(e.target.value as (typeof ROLES)[number])} {...described('role')}>
          {ROLES.map((r) => <option key={r} value={r}>{t(`qualityTraining.roles.${r}` as MessageKey)}</option>)}
        </select>
        <FieldError id="requirement-role-error" reason={errorFor(errors, 'role', t)} />
      </div>
      <div>
        <label htmlFor="requirement-siteKind">{t('qualityTraining.required.siteKind')}</label>
        <select id="requirement-siteKind" value={siteKind} onChange={(e) => setSiteKind(e.target.value as (typeof SITE_KINDS)[number])}>
          {SITE_KINDS.map((k) => <option key={k} value={k}>{t(`qualityTraining.siteKinds.${k || 'any'}` as MessageKey)}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="requirement-dueDate">{t('qualityTraining.required.dueDate')}</label>
        <input id="requirement-dueDate" type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} {...described('dueDate')} />
        <FieldError id="requirement-dueDate-error" reason={errorFor(errors, 'dueDate', t)} />
      </div>
      {failure && <p className="notice notice-error" role="alert">{failure}</p>}
      <button type="submit">{t('qualityTraining.required.add')}</button>
    </form>
  );
}
