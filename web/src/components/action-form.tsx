import { useId, useState, type FormEvent } from 'react';
import { actionErrorMessage } from '../action-errors.js';
import { actionsApi } from '../api-actions.js';
import { luxembourgToday, receivedAtOf, wordedReason } from '../cases.js';
import { fieldErrorsOf } from '../field-errors.js';
import { useT } from '../i18n/index.js';
import type { ActionDetail, ActionMeasureName, ActionOwner, Cause, User } from '../types.js';
import { FieldError } from './field-error.js';

const MEASURES: readonly ActionMeasureName[] = ['complaint_rate', 'nps', 'repeat_rate'];
const BETTER: Record<ActionMeasureName, 'decrease' | 'increase'> = { complaint_rate: 'decrease', nps: 'increase', repeat_rate: 'decrease' };

type Field = 'title' | 'description' | 'causeCodes' | 'ownerId' | 'dueDate' | 'proposedAt' | 'targetText' | 'targetValue' | 'beforeWeeks' | 'afterWeeks';

/**
 * Creates an improvement action: what it does, the causes it addresses (picked from the tree, one
 * preselected when the board was opened from a cause), the person in charge, its due date and the day
 * it was proposed, its target and the windows its effect is measured over.
 */
export function ActionForm({
  user,
  causes,
  owners,
  initialCause,
  onCreated,
  onCancel,
}: {
  user: User;
  causes: readonly Cause[];
  owners: readonly ActionOwner[];
  initialCause: string | undefined;
  onCreated: (action: ActionDetail) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const prefix = useId();
  const offered = causes.filter((c) => c.active && c.code !== 'unknown');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [chosen, setChosen] = useState<string[]>(initialCause && offered.some((c) => c.code === initialCause) ? [initialCause] : []);
  const [ownerId, setOwnerId] = useState(owners.some((o) => o.id === user.id) ? user.id : (owners[0]?.id ?? ''));
  const [dueDate, setDueDate] = useState('');
  const [proposed, setProposed] = useState(luxembourgToday());
  const [targetText, setTargetText] = useState('');
  const [measure, setMeasure] = useState<ActionMeasureName>('complaint_rate');
  const [direction, setDirection] = useState<'decrease' | 'increase'>('decrease');
  const [value, setValue] = useState('');
  const [beforeWeeks, setBeforeWeeks] = useState('8');
  const [afterWeeks, setAfterWeeks] = useState('8');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const idOf = (field: Field) => `${prefix}-${field}`;
  const labelOf = (code: string) => causes.find((c) => c.code === code)?.label ?? code;
  const depth = (c: Cause) => '\u00a0\u00a0'.repeat(c.path.length - 1);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!title.trim()) found.title = t('actions.form.required');
    if (!description.trim()) found.description = t('actions.form.required');
    if (chosen.length === 0) found.causeCodes = t('actions.form.noCause');
    if (!dueDate) found.dueDate = t('actions.form.required');
    if (!proposed) found.proposedAt = t('actions.form.required');
    const target = value.trim() === '' ? null : Number(value.replace(',', '.'));
    if (target !== null && !Number.isFinite(target)) found.targetValue = t('actions.form.required');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const created = await actionsApi.create({
        title: title.trim(), description: description.trim(), causeCodes: chosen, dueDate, proposedAt: receivedAtOf(proposed),
        ...(ownerId ? { ownerId } : {}), ...(targetText.trim() ? { targetText: targetText.trim() } : {}),
        targetMeasure: measure, targetDirection: direction, targetValue: target, beforeWeeks: Number(beforeWeeks), afterWeeks: Number(afterWeeks),
      });
      onCreated(created);
    } catch (caught) {
      setErrors(Object.fromEntries(Object.entries(fieldErrorsOf(caught)).map(([field, reason]) => [field.split('.')[0], wordedReason(reason, t)])));
      setFailure(actionErrorMessage(caught, t, 'actions.form.failed'));
    } finally {
      setBusy(false);
    }
  }

  const invalid = (field: Field) => ({ 'aria-invalid': errors[field] ? true : undefined, 'aria-describedby': errors[field] ? `${idOf(field)}-error` : undefined });
  const error = (field: Field) => <FieldError id={`${idOf(field)}-error`} reason={errors[field]} />;
  return (
    <form className="panel action-form" onSubmit={submit} noValidate aria-labelledby={`${prefix}-heading`}>
      <h2 id={`${prefix}-heading`}>{t('actions.form.title')}</h2>
      <div className="field">
        <label htmlFor={idOf('title')}>{t('actions.form.name')}</label>
        <input id={idOf('title')} type="text" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} {...invalid('title')} />
        {error('title')}
      </div>
      <div className="field">
        <label htmlFor={idOf('description')}>{t('actions.form.description')}</label>
        <textarea id={idOf('description')} rows={3} maxLength={4000} value={description} onChange={(e) => setDescription(e.target.value)} {...invalid('description')} />
        {error('description')}
      </div>
      <fieldset className="field action-causes">
        <legend>{t('actions.form.causes')}</legend>
        {chosen.length > 0 && (
          <ul className="chips">
            {chosen.map((code) => (
              <li key={code} className="chip">
                <span>{labelOf(code)}</span>
                <button type="button" className="chip-remove" aria-label={t('actions.form.removeCause', { cause: labelOf(code) })} onClick={() => setChosen((c) => c.filter((x) => x !== code))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <select
          id={idOf('causeCodes')}
          aria-label={t('actions.form.addCause')}
          value=""
          onChange={(e) => e.target.value && setChosen((c) => (c.includes(e.target.value) ? c : [...c, e.target.value]))}
          {...invalid('causeCodes')}
        >
          <option value="">{t('actions.form.addCause')}</option>
          {offered.filter((c) => !chosen.includes(c.code)).map((c) => (
            <option key={c.code} value={c.code}>
              {depth(c)}
              {c.label}
            </option>
          ))}
        </select>
        {error('causeCodes')}
      </fieldset>
      <div className="field-row">
        <div className="field">
          <label htmlFor={idOf('ownerId')}>{t('actions.form.owner')}</label>
          <select id={idOf('ownerId')} value={ownerId} onChange={(e) => setOwnerId(e.target.value)} {...invalid('ownerId')}>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.id === user.id ? t('actions.form.me', { name: o.name }) : o.name}
              </option>
            ))}
          </select>
          {error('ownerId')}
        </div>
        <div className="field">
          <label htmlFor={idOf('dueDate')}>{t('actions.form.due')}</label>
          <input id={idOf('dueDate')} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} {...invalid('dueDate')} />
          {error('dueDate')}
        </div>
        <div className="field">
          <label htmlFor={idOf('proposedAt')}>{t('actions.form.proposed')}</label>
          <input id={idOf('proposedAt')} type="date" max={luxembourgToday()} value={proposed} onChange={(e) => setProposed(e.target.value)} {...invalid('proposedAt')} />
          {error('proposedAt')}
        </div>
      </div>
      <div className="field">
        <label htmlFor={idOf('targetText')}>{t('actions.form.target')}</label>
        <input id={idOf('targetText')} type="text" maxLength={1000} value={targetText} onChange={(e) => setTargetText(e.target.value)} {...invalid('targetText')} />
        {error('targetText')}
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${prefix}-measure`}>{t('actions.form.measure')}</label>
          <select
            id={`${prefix}-measure`}
            value={measure}
            onChange={(e) => {
              const next = e.target.value as ActionMeasureName;
              setMeasure(next);
              setDirection(BETTER[next]);
            }}
          >
            {MEASURES.map((m) => (
              <option key={m} value={m}>
                {t(`actions.measures.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${prefix}-direction`}>{t('actions.form.direction')}</label>
          <select id={`${prefix}-direction`} value={direction} onChange={(e) => setDirection(e.target.value as 'decrease' | 'increase')}>
            {(['decrease', 'increase'] as const).map((d) => (
              <option key={d} value={d}>
                {t(`actions.directions.${d}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={idOf('targetValue')}>{t('actions.form.value')}</label>
          <input id={idOf('targetValue')} type="text" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} {...invalid('targetValue')} />
          {error('targetValue')}
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={idOf('beforeWeeks')}>{t('actions.form.before')}</label>
          <input id={idOf('beforeWeeks')} type="number" min={1} max={52} value={beforeWeeks} onChange={(e) => setBeforeWeeks(e.target.value)} {...invalid('beforeWeeks')} />
          {error('beforeWeeks')}
        </div>
        <div className="field">
          <label htmlFor={idOf('afterWeeks')}>{t('actions.form.after')}</label>
          <input id={idOf('afterWeeks')} type="number" min={1} max={52} value={afterWeeks} onChange={(e) => setAfterWeeks(e.target.value)} {...invalid('afterWeeks')} />
          {error('afterWeeks')}
        </div>
      </div>
      {failure && (
        <p className="notice notice-error" role="alert">
          {failure}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('actions.form.sending') : t('actions.form.submit')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
          {t('actions.form.cancel')}
        </button>
      </div>
    </form>
  );
}
