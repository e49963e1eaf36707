import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../api.js';
import { wordedReason } from '../cases.js';
import { caseErrorMessage } from '../case-errors.js';
import { fieldErrorsOf } from '../field-errors.js';
import { useT, type MessageKey } from '../i18n/index.js';
import type { Cause, CauseSuggestion, ComplaintCategory } from '../types.js';
import { AmountError, missingFields, TO_TEAM, UNKNOWN_CAUSE, type ActionField, type ActionSpec, type Draft } from './case-action-specs.js';
import { causeLabel } from '../use-case-references.js';
import { CauseSuggestions } from './cause-suggestions.js';
import { FieldError } from './field-error.js';

/** What the fields of an action offer: categories, the people the case may go to, the customer's contacts. */
export interface ActionContext {
  categories: ComplaintCategory[] | undefined;
  /** whom the reader may give the case to (themselves only, unless they assign) */
  assignees: { id: string; name: string }[];
  /** the case may go back to the team's queue (nobody holds it) */
  toTeam: boolean;
  /** the teams it may be transferred to (every team but its own) */
  teams: { id: string; name: string }[];
  /** contacts of the customer a complaint may be linked to */
  contacts: { id: string; label: string }[];
  /** fields this case needs beyond the action's own (the cause to close a follow-up whose customer was reached) */
  alsoRequired: readonly ActionField[];
  /** the draft a form starts from, by action (an edit starts from what the complaint holds) */
  initial: Partial<Record<string, Draft>>;
  /** what to know before acting (closing a follow-up whose customer was never reached) */
  hint?: string | undefined;
  /** the root causes offered for coding (parents before children) and those suggested for this case, best first */
  causes: Cause[] | undefined;
  suggestions: CauseSuggestion[];
}

const OUTCOMES = ['upheld', 'partially_upheld', 'not_upheld'] as const;

const LABELS: Record<ActionField, MessageKey> = {
  reason: 'cases.fields.note',
  reached: 'cases.fields.reached',
  outcome: 'cases.fields.outcome',
  rootCause: 'cases.fields.rootCause',
  cause: 'cases.fields.cause',
  causeCategory: 'cases.fields.causeCategory',
  actionTaken: 'cases.fields.actionTaken',
  complaint: 'cases.fields.becomesComplaint',
  'complaint.category': 'cases.fields.category',
  'complaint.amountDisputedCents': 'cases.fields.amount',
  'complaint.description': 'cases.fields.complaintDescription',
  assigneeId: 'cases.fields.assignee',
  teamId: 'cases.fields.team',
  description: 'cases.fields.description',
  category: 'cases.fields.category',
  interactionId: 'cases.fields.contact',
  causeCode: 'cases.fields.causeCode',
  unknownReason: 'cases.fields.unknownReason',
  refundCents: 'cases.fields.refund',
};

/**
 * The form of one action on a case: the fields it needs, checked before sending (a missing one is
 * named under it), then the server's answer: a refused field under that field, a refused action
 * (not possible from its state, not reached yet…) above the buttons, both in the reader's language.
 */
export function CaseActionForm({
  spec,
  context,
  submit,
  onCancel,
}: {
  spec: ActionSpec;
  context: ActionContext;
  submit: (draft: Draft) => Promise<void>;
  onCancel: () => void;
}) {
  const t = useT();
  const prefix = useId();
  const [draft, setDraft] = useState<Draft>(context.initial[spec.action] ?? {});
  const [errors, setErrors] = useState<Partial<Record<ActionField, string>>>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const idOf = (field: ActionField) => `${prefix}-${field.replace('.', '-')}`;

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, []);

  const required: ActionField[] = [
    ...spec.required,
    ...context.alsoRequired.filter((f) => spec.fields.includes(f)),
    ...(draft.complaint === 'on' ? (['complaint.category'] as const) : []),
    ...(draft.causeCode === UNKNOWN_CAUSE ? (['unknownReason'] as const) : []),
  ];

  const set = (field: ActionField, value: string) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
    setFailure(undefined);
  };

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const missing = missingFields(spec, draft, context.alsoRequired.filter((f) => spec.fields.includes(f)));
    if (missing.length > 0) {
      setErrors(Object.fromEntries(missing.map((field) => [field, t('cases.form.required')])));
      setFailure(t('cases.form.check'));
      return;
    }
    setBusy(true);
    setErrors({});
    setFailure(undefined);
    try {
      await submit(draft);
    } catch (caught) {
      if (caught instanceof AmountError) {
        setErrors({ [caught.field]: t('cases.form.amountInvalid') });
        setFailure(t('cases.form.check'));
      } else {
        const fields = fieldErrorsOf(caught);
        const shown = Object.entries(fields).filter(([field]) => (spec.fields as readonly string[]).includes(field));
        setErrors(Object.fromEntries(shown.map(([field, reason]) => [field, wordedReason(reason, t)])));
        const allShown = caught instanceof ApiError && shown.length > 0 && shown.length === Object.keys(fields).length;
        setFailure(allShown ? t('cases.form.check') : caseErrorMessage(caught, t, 'cases.actionFailed'));
      }
    } finally {
      setBusy(false);
    }
  }

  const field = (name: ActionField, control: (props: { id: string; invalid: boolean; describedBy: string | undefined }) => ReactNode, label?: MessageKey) => {
    if (!spec.fields.includes(name)) return null;
    const id = idOf(name);
    const reason = errors[name];
    return (
      <div className="field" key={name}>
        <label htmlFor={id}>
          {t(label ?? LABELS[name])}
          {required.includes(name) && <span className="required-mark"> {t('cases.form.requiredMark')}</span>}
        </label>
        {control({ id, invalid: reason !== undefined, describedBy: reason ? `${id}-error` : undefined })}
        <FieldError id={`${id}-error`} reason={reason} />
      </div>
    );
  };
  const textArea = (name: ActionField, rows = 3) => (props: { id: string; invalid: boolean; describedBy: string | undefined }) => (
    <textarea
      id={props.id}
      rows={rows}
      maxLength={name === 'description' || name === 'complaint.description' ? 5000 : 2000}
      value={draft[name] ?? ''}
      onChange={(e) => set(name, e.target.value)}
      aria-invalid={props.invalid || undefined}
      aria-describedby={props.describedBy}
    />
  );
  const select = (name: ActionField, options: { value: string; label: string }[], placeholder: MessageKey) => (props: { id: string; invalid: boolean; describedBy: string | undefined }) => (
    <select id={props.id} value={draft[name] ?? ''} onChange={(e) => set(name, e.target.value)} aria-invalid={props.invalid || undefined} aria-describedby={props.describedBy}>
      <option value="">{t(placeholder)}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
  const categoryOptions = (context.categories ?? []).filter((c) => c.active).map((c) => ({ value: c.code, label: c.label }));
  const reachedError = errors.reached;

  return (
    <form ref={formRef} className="case-action-form" onSubmit={onSubmit} noValidate aria-label={t(`cases.actions.${spec.action}` as MessageKey)}>
      {context.hint && <p className="notice notice-info">{context.hint}</p>}
      {spec.fields.includes('reached') && (
        <fieldset className={`choice-group${reachedError ? ' is-invalid' : ''}`} aria-describedby={reachedError ? `${idOf('reached')}-error` : undefined}>
          <legend>
            {t('cases.fields.reached')}
            <span className="required-mark"> {t('cases.form.requiredMark')}</span>
          </legend>
          <div className="chips">
            {(['yes', 'no'] as const).map((value) => (
              <label key={value} className={`choice choice-wide${draft.reached === value ? ' is-checked' : ''}`}>
                <input type="radio" name={`${prefix}-reached`} value={value} checked={draft.reached === value} onChange={() => set('reached', value)} />
                <span>{t(value === 'yes' ? 'cases.fields.reachedYes' : 'cases.fields.reachedNo')}</span>
              </label>
            ))}
          </div>
          <FieldError id={`${idOf('reached')}-error`} reason={reachedError} />
        </fieldset>
      )}
      {field('outcome', select('outcome', OUTCOMES.map((o) => ({ value: o, label: t(`cases.outcomes.${o}`) })), 'cases.form.choose'))}
      {field('refundCents', (p) => (
        <input
          id={p.id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={draft.refundCents ?? ''}
          onChange={(e) => set('refundCents', e.target.value)}
          aria-invalid={p.invalid || undefined}
          aria-describedby={p.describedBy}
        />
      ))}
      {field('rootCause', (p) => (
        <input id={p.id} type="text" maxLength={200} value={draft.rootCause ?? ''} onChange={(e) => set('rootCause', e.target.value)} aria-invalid={p.invalid || undefined} aria-describedby={p.describedBy} />
      ))}
      {field('cause', textArea('cause'))}
      {field('causeCode', (p) => (
        <>
          {select(
            'causeCode',
            (context.causes ?? []).map((c) => ({ value: c.code, label: causeLabel(context.causes, c.code) })),
            'cases.form.choose',
          )(p)}
          <CauseSuggestions suggestions={context.suggestions} chosen={draft.causeCode} onChoose={(code) => set('causeCode', code)} />
        </>
      ))}
      {draft.causeCode === UNKNOWN_CAUSE && field('unknownReason', textArea('unknownReason', 2))}
      {field('causeCategory', select('causeCategory', categoryOptions, 'cases.form.none'))}
      {field('actionTaken', textArea('actionTaken'))}
      {spec.fields.includes('complaint') && (
        <label className="checkbox">
          <input type="checkbox" checked={draft.complaint === 'on'} onChange={(e) => set('complaint', e.target.checked ? 'on' : '')} />
          <span>{t('cases.fields.becomesComplaint')}</span>
        </label>
      )}
      {draft.complaint === 'on' && (
        <div className="case-action-sub">
          {field('complaint.category', select('complaint.category', categoryOptions, 'cases.form.choose'))}
          {field('complaint.amountDisputedCents', (p) => (
            <input
              id={p.id}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={draft['complaint.amountDisputedCents'] ?? ''}
              onChange={(e) => set('complaint.amountDisputedCents', e.target.value)}
              aria-invalid={p.invalid || undefined}
              aria-describedby={p.describedBy}
            />
          ))}
          {field('complaint.description', textArea('complaint.description'))}
          <p className="muted form-hint">{t('cases.fields.complaintDescriptionHint')}</p>
        </div>
      )}
      {field('assigneeId', select('assigneeId', [...context.assignees.map((a) => ({ value: a.id, label: a.name })), ...(context.toTeam ? [{ value: TO_TEAM, label: t('cases.bulk.toTeam') }] : [])], 'cases.form.choose'))}
      {field('teamId', select('teamId', context.teams.map((team) => ({ value: team.id, label: team.name })), 'cases.form.choose'))}
      {field('interactionId', select('interactionId', context.contacts.map((c) => ({ value: c.id, label: c.label })), 'cases.form.choose'))}
      {field('category', select('category', categoryOptions, 'cases.form.choose'))}
      {field('description', textArea('description', 5))}
      {field('reason', textArea('reason'), spec.reasonIsWhy ? 'cases.fields.why' : undefined)}
      {failure && (
        <p className="notice notice-error" role="alert">
          {failure}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('cases.form.sending') : t(`cases.actions.${spec.action}` as MessageKey)}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
          {t('cases.form.cancel')}
        </button>
      </div>
    </form>
  );
}
