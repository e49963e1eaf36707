import { useId, useState, type FormEvent } from 'react';
import { casesApi } from '../api-cases.js';
import { eurosToCents, luxembourgToday, receivedAtOf, wordedReason } from '../cases.js';
import { COMPLAINT_CHANNELS } from '../codes.js';
import { caseErrorMessage } from '../case-errors.js';
import { fieldErrorsOf } from '../field-errors.js';
import { useT } from '../i18n/index.js';
import type { ComplaintDetail, CustomerCard } from '../types.js';
import { useComplaintCategories } from '../use-case-references.js';
import { FieldError } from './field-error.js';

/** Channels on which the customer wrote: the complaint is recorded with the day it was received. */
const WRITTEN = new Set(['letter', 'email', 'web']);

type Field = 'channel' | 'category' | 'description' | 'amountDisputedCents' | 'receivedAt' | 'lineId';

/**
 * Records a complaint from the customer's card (during a call, in the shop, or a written one with the
 * day it was received): channel, category, the customer's words, the line concerned and the amount
 * disputed in euros (sent in cents). The server gives its reference and deadlines.
 */
export function ComplaintIntakeForm({
  card,
  channel: initialChannel,
  onCreated,
  onCancel,
}: {
  card: CustomerCard;
  /** phone during a call */
  channel: string | undefined;
  onCreated: (complaint: ComplaintDetail) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const prefix = useId();
  const categories = useComplaintCategories(true);
  const [channel, setChannel] = useState(initialChannel ?? '');
  const [category, setCategory] = useState('');
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState('');
  const [received, setReceived] = useState(luxembourgToday());
  const [lineId, setLineId] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const written = WRITTEN.has(channel);
  const lines = card.accounts.flatMap((account) => account.lines.map((line) => ({ account, line })));
  const idOf = (field: Field) => `${prefix}-${field}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    if (!channel) found.channel = t('cases.form.required');
    if (!category) found.category = t('cases.form.required');
    if (!description.trim()) found.description = t('cases.form.required');
    if (written && !received) found.receivedAt = t('cases.form.required');
    const cents = eurosToCents(amount);
    if (cents === undefined) found.amountDisputedCents = t('cases.form.amountInvalid');
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFailure(t('cases.form.check'));
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const chosen = lines.find((l) => l.line.msisdn === lineId);
      const created = await casesApi.createComplaint({
        customerId: card.customer.id,
        channel,
        category,
        description: description.trim(),
        ...(cents !== null && cents !== undefined ? { amountDisputedCents: cents } : {}),
        ...(written ? { receivedAt: receivedAtOf(received) } : {}),
        ...(chosen ? { accountId: chosen.account.id } : {}),
      });
      onCreated(created);
    } catch (caught) {
      const fields = fieldErrorsOf(caught);
      setErrors(Object.fromEntries(Object.entries(fields).map(([field, reason]) => [field === 'customerId' ? 'description' : field, wordedReason(reason, t)])));
      setFailure(caseErrorMessage(caught, t, 'cases.intake.failed'));
    } finally {
      setBusy(false);
    }
  }

  const describedBy = (field: Field) => (errors[field] ? `${idOf(field)}-error` : undefined);
  return (
    <form className="complaint-intake" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`}>
      <h4 id={`${prefix}-title`}>{t('cases.intake.title')}</h4>
      <div className="field-row">
        <div className="field">
          <label htmlFor={idOf('channel')}>{t('cases.detail.channel')}</label>
          <select id={idOf('channel')} value={channel} onChange={(e) => setChannel(e.target.value)} aria-invalid={errors.channel ? true : undefined} aria-describedby={describedBy('channel')}>
            <option value="">{t('cases.form.choose')}</option>
            {COMPLAINT_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channels.${c}`)}
              </option>
            ))}
          </select>
          <FieldError id={`${idOf('channel')}-error`} reason={errors.channel} />
        </div>
        {written && (
          <div className="field">
            <label htmlFor={idOf('receivedAt')}>{t('cases.intake.receivedOn')}</label>
            <input
              id={idOf('receivedAt')}
              type="date"
              max={luxembourgToday()}
              value={received}
              onChange={(e) => setReceived(e.target.value)}
              aria-invalid={errors.receivedAt ? true : undefined}
              aria-describedby={describedBy('receivedAt')}
            />
            <FieldError id={`${idOf('receivedAt')}-error`} reason={errors.receivedAt} />
          </div>
        )}
      </div>
      <div className="field">
        <label htmlFor={idOf('category')}>{t('cases.fields.category')}</label>
        <select id={idOf('category')} value={category} onChange={(e) => setCategory(e.target.value)} aria-invalid={errors.category ? true : undefined} aria-describedby={describedBy('category')}>
          <option value="">{t('cases.form.choose')}</option>
          {(categories ?? []).filter((c) => c.active).map((c) => (
            <option key={c.code} value={c.code}>
              {c.label}
            </option>
          ))}
        </select>
        <FieldError id={`${idOf('category')}-error`} reason={errors.category} />
      </div>
      <div className="field">
        <label htmlFor={idOf('description')}>{t('cases.intake.description')}</label>
        <textarea
          id={idOf('description')}
          rows={4}
          maxLength={5000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={describedBy('description')}
        />
        <FieldError id={`${idOf('description')}-error`} reason={errors.description} />
      </div>
      <div className="field-row">
        {lines.length > 0 && (
          <div className="field">
            <label htmlFor={idOf('lineId')}>{t('cases.intake.line')}</label>
            <select id={idOf('lineId')} value={lineId} onChange={(e) => setLineId(e.target.value)}>
              <option value="">{t('cases.form.none')}</option>
              {lines.map(({ account, line }) => (
                <option key={line.msisdn} value={line.msisdn}>
                  {line.msisdn} · {line.plan} · {account.accountNumber}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={idOf('amountDisputedCents')}>{t('cases.fields.amount')}</label>
          <input
            id={idOf('amountDisputedCents')}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            aria-invalid={errors.amountDisputedCents ? true : undefined}
            aria-describedby={describedBy('amountDisputedCents')}
          />
          <FieldError id={`${idOf('amountDisputedCents')}-error`} reason={errors.amountDisputedCents} />
        </div>
      </div>
      {failure && (
        <p className="notice notice-error" role="alert">
          {failure}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('cases.form.sending') : t('cases.intake.submit')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
          {t('cases.form.cancel')}
        </button>
      </div>
    </form>
  );
}
