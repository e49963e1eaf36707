import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api, type SurveyRulesInput } from '../api.js';
import { CHANNELS } from '../codes.js';
import { errorMessage } from '../error-message.js';
import { checkFormat, checkWholeNumber, problemsOf } from '../field-checks.js';
import { errorFor, fieldErrorsOf, fieldProblem, type FieldErrors } from '../field-errors.js';
import { useT, type MessageKey } from '../i18n/index.js';
import type { SurveyRules } from '../types.js';
import { ChannelIcon } from './channel-icon.js';
import { FieldError } from './field-error.js';
import { LOCAL_TIME, SURVEY_RULE_LIMITS } from '../../../src/contract/input-limits.js';

type NumberField = 'delayMinutes' | 'openHours' | 'samplingPercent' | 'quarantineDays' | 'minDurationSeconds';
type Draft = Omit<SurveyRulesInput, NumberField> & Record<NumberField, string>;

const NUMBER_LIMITS: Record<NumberField, { min: number; max: number }> = SURVEY_RULE_LIMITS;
const NUMBER_FIELDS = Object.keys(SURVEY_RULE_LIMITS) as NumberField[];

/** Every problem of the draft at once, with the API's rules and codes. */
function checkDraft(draft: Draft): FieldErrors {
  return problemsOf({
    channels: draft.channels.length === 0 ? fieldProblem('too-few', { minimum: 1 }) : undefined,
    ...Object.fromEntries(NUMBER_FIELDS.map((field) => [field, checkWholeNumber(draft[field], NUMBER_LIMITS[field])])),
    quietStart: checkFormat(draft.quietStart, LOCAL_TIME, 'time'),
    quietEnd: checkFormat(draft.quietEnd, LOCAL_TIME, 'time'),
  });
}

function draftOf(rules: SurveyRules): Draft {
  const { id: _id, definitionId: _definition, ...input } = rules;
  return {
    ...input,
    delayMinutes: String(rules.delayMinutes),
    openHours: String(rules.openHours),
    samplingPercent: String(rules.samplingPercent),
    quarantineDays: String(rules.quarantineDays),
    minDurationSeconds: String(rules.minDurationSeconds),
  };
}

/** A number field as typed: the server says what is wrong with it ("" and "abc" are sent as NaN → refused). */
const toNumber = (value: string) => (value.trim() === '' ? Number.NaN : Number(value.trim().replace(',', '.')));

/** Who is surveyed and when: PUT /surveys/rules; read-only without survey.manage. */
export function SurveyRulesForm({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const formId = useId();
  const [rules, setRules] = useState<SurveyRules | undefined>();
  const [draft, setDraft] = useState<Draft | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    let cancelled = false;
    api
      .surveyRules()
      .then((answer) => {
        if (cancelled) return;
        setRules(answer);
        setDraft(draftOf(answer));
      })
      .catch((error) => !cancelled && setLoadError(errorMessage(error, t, 'surveys.failed')));
    return () => {
      cancelled = true;
    };
  }, []);

  if (loadError) {
    return (
      <p className="notice notice-error" role="alert">
        {loadError}
      </p>
    );
  }
  if (!rules || !draft) return <p className="muted">{t('app.loading')}</p>;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft({ ...draft, [key]: value });
    setSaved(false);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    setSaved(false);
    setFailure(undefined);
    const found = checkDraft(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFailure(t('rules.failed'));
      focusFirst(found);
      return;
    }
    setBusy(true);
    const input: SurveyRulesInput = {
      ...draft,
      delayMinutes: toNumber(draft.delayMinutes),
      openHours: toNumber(draft.openHours),
      samplingPercent: toNumber(draft.samplingPercent),
      quarantineDays: toNumber(draft.quarantineDays),
      minDurationSeconds: toNumber(draft.minDurationSeconds),
    };
    try {
      await api.saveSurveyRules(input);
      setErrors({});
      setSaved(true);
      const fresh = await api.surveyRules().catch(() => undefined);
      if (fresh) {
        setRules(fresh);
        setDraft(draftOf(fresh));
      }
    } catch (error) {
      const fields = fieldErrorsOf(error);
      setErrors(fields);
      setFailure(errorMessage(error, t, 'rules.failed'));
      focusFirst(fields);
    } finally {
      setBusy(false);
    }
  }

  /** Takes the person to the first field to fix. */
  function focusFirst(fields: FieldErrors) {
    const first = Object.keys(fields)[0];
    const target = first ? formRef.current?.querySelector<HTMLElement>(`[data-field="${first.split('.')[0]}"]`) : undefined;
    target?.focus();
  }

  const errorId = (field: string) => `${formId}-${field}-error`;
  const fieldCount = Object.keys(errors).length;

  const numberField = (field: NumberField, label: MessageKey) => {
    const reason = errorFor(errors, field, t);
    return (
      <div className="field">
        <label htmlFor={`${formId}-${field}`}>{t(label)}</label>
        <input
          id={`${formId}-${field}`}
          data-field={field}
          type="number"
          inputMode="numeric"
          min={NUMBER_LIMITS[field].min}
          max={NUMBER_LIMITS[field].max}
          step={1}
          value={draft[field]}
          disabled={!canEdit}
          onChange={(e) => set(field, e.target.value)}
          aria-invalid={reason ? true : undefined}
          aria-describedby={reason ? errorId(field) : undefined}
        />
        <FieldError id={errorId(field)} reason={reason} />
      </div>
    );
  };

  const checkbox = (field: 'active' | 'quietSundays' | 'skipLandlines' | 'skipBusiness', label: MessageKey) => {
    const reason = errorFor(errors, field, t);
    return (
      <>
        <label className="checkbox">
          <input
            type="checkbox"
            data-field={field}
            checked={draft[field]}
            disabled={!canEdit}
            onChange={(e) => set(field, e.target.checked)}
            aria-describedby={reason ? errorId(field) : undefined}
          />
          <span>{t(label)}</span>
        </label>
        <FieldError id={errorId(field)} reason={reason} />
      </>
    );
  };

  const timeField = (field: 'quietStart' | 'quietEnd', label: MessageKey) => {
    const reason = errorFor(errors, field, t);
    return (
      <div className="field">
        <label htmlFor={`${formId}-${field}`}>{t(label)}</label>
        {/* text, not type="time": that shows AM/PM in an English browser; the operator works on the 24-hour clock */}
        <input
          id={`${formId}-${field}`}
          data-field={field}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder="hh:mm"
          maxLength={5}
          value={draft[field]}
          disabled={!canEdit}
          onChange={(e) => set(field, e.target.value)}
          aria-invalid={reason ? true : undefined}
          aria-describedby={`${reason ? `${errorId(field)} ` : ''}${formId}-quiet-hint`}
        />
        <FieldError id={errorId(field)} reason={reason} />
      </div>
    );
  };

  const channelsReason = errorFor(errors, 'channels', t);
  return (
    <section className="panel admin-panel" aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>{t('rules.title')}</h2>
      <p className="muted">{t('rules.hint')}</p>
      <form ref={formRef} onSubmit={submit} noValidate className="rules-form">
        {checkbox('active', 'rules.active')}
        <div className="rules-grid">
          <fieldset className="form-section">
            <legend>{t('rules.sending')}</legend>
            <fieldset
              className={`choice-group${channelsReason ? ' is-invalid' : ''}`}
              aria-describedby={channelsReason ? errorId('channels') : undefined}
            >
              <legend>{t('rules.channels')}</legend>
              <div className="chips">
                {CHANNELS.map((channel, index) => (
                  <label key={channel} className={`choice${draft.channels.includes(channel) ? ' is-checked' : ''}${canEdit ? '' : ' is-disabled'}`}>
                    <input
                      type="checkbox"
                      name="channels"
                      value={channel}
                      data-field={index === 0 ? 'channels' : undefined}
                      checked={draft.channels.includes(channel)}
                      disabled={!canEdit}
                      onChange={(e) =>
                        set('channels', e.target.checked ? [...draft.channels, channel] : draft.channels.filter((c) => c !== channel))
                      }
                    />
                    <ChannelIcon channel={channel} />
                    <span>{t(`channels.${channel}`)}</span>
                  </label>
                ))}
              </div>
              <FieldError id={errorId('channels')} reason={channelsReason} />
            </fieldset>
            {numberField('delayMinutes', 'rules.delayMinutes')}
            {numberField('openHours', 'rules.openHours')}
          </fieldset>
          <fieldset className="form-section">
            <legend>{t('rules.who')}</legend>
            {numberField('samplingPercent', 'rules.samplingPercent')}
            {numberField('quarantineDays', 'rules.quarantineDays')}
            {numberField('minDurationSeconds', 'rules.minDurationSeconds')}
            {checkbox('skipLandlines', 'rules.skipLandlines')}
            {checkbox('skipBusiness', 'rules.skipBusiness')}
          </fieldset>
          <fieldset className="form-section">
            <legend>{t('rules.quiet')}</legend>
            <div className="field-row field-row-compact">
              {timeField('quietStart', 'rules.quietStart')}
              {timeField('quietEnd', 'rules.quietEnd')}
            </div>
            {checkbox('quietSundays', 'rules.quietSundays')}
            <p id={`${formId}-quiet-hint`} className="muted form-hint">
              {t('rules.quietHint')}
            </p>
          </fieldset>
        </div>
        {failure && (
          <div className="notice notice-error" role="alert">
            <span>
              {fieldCount > 0 ? t('surveys.fieldErrors', { count: fieldCount }) : failure}
            </span>
          </div>
        )}
        <div role="status" aria-live="polite">
          {saved && <p className="notice notice-success">{t('rules.saved')}</p>}
        </div>
        {canEdit && (
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t('rules.saving') : t('rules.save')}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
