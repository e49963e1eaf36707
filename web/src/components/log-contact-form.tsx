import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { CHANNELS } from '../codes.js';
import { errorMessage } from '../error-message.js';
import { checkText, problemsOf } from '../field-checks.js';
import { fieldErrorsOf, wordField } from '../field-errors.js';
import { CONTACT_LIMITS } from '../../../src/contract/input-limits.js';
import { useT } from '../i18n/index.js';
import type { Channel, Reason } from '../types.js';
import { ChannelIcon } from './channel-icon.js';

export interface CallContext {
  callId: string;
  /** when the call started ringing */
  at: string;
  /** when the call ended, once it has */
  endedAt?: string | undefined;
}

/** Records the contact the advisor is handling: channel, reason, outcome, resolved, notes. */
export function LogContactForm({
  customerId,
  call,
  outgoing = false,
  reasons,
  onLogged,
}: {
  customerId: string;
  call: CallContext | undefined;
  /** we call the customer back (a follow-up): a phone call, outgoing */
  outgoing?: boolean;
  reasons: Reason[];
  onLogged: () => void;
}) {
  const t = useT();
  const ids = { reason: useId(), outcome: useId(), notes: useId(), error: useId() };
  const [channel, setChannel] = useState<Channel | ''>(call || outgoing ? 'phone' : '');
  const [direction, setDirection] = useState<'inbound' | 'outbound'>(outgoing && !call ? 'outbound' : 'inbound');
  const [reasonCode, setReasonCode] = useState('');
  const [outcome, setOutcome] = useState('');
  const [resolved, setResolved] = useState<'' | 'yes' | 'no'>('');
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; fields: string[] } | undefined>();
  const [success, setSuccess] = useState<string | undefined>();
  const successTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  // A new call on the same customer: the contact is a phone call again.
  useEffect(() => {
    if (call) {
      setChannel('phone');
      setDirection('inbound');
    }
  }, [call?.callId]);

  useEffect(() => () => clearTimeout(successTimer.current), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing: [field: string, message: string][] = [];
    if (!channel) missing.push(['channel', t('logContact.channelRequired')]);
    if (!reasonCode) missing.push(['reasonCode', t('logContact.reasonRequired')]);
    if (!resolved) missing.push(['resolved', t('logContact.resolvedRequired')]);
    // the API's limits (a paste can be longer than maxLength lets a person type)
    const long = problemsOf({ outcome: checkText(outcome, { max: CONTACT_LIMITS.outcome }), notes: checkText(notes, { max: CONTACT_LIMITS.notes }) });
    for (const [field, problem] of Object.entries(long)) missing.push([field, t('errors.field', { field: t(`logContact.${field as 'outcome' | 'notes'}`), reason: wordField(problem, t) ?? '' })]);
    if (missing.length > 0) {
      setError({ message: missing.map(([, message]) => message).join(' '), fields: missing.map(([field]) => field) });
      return;
    }
    setBusy(true);
    setError(undefined);
    setSuccess(undefined);
    try {
      const fromCall = call && channel === 'phone' ? call : undefined;
      const answer = await api.logInteraction({
        customerId,
        channel,
        direction,
        reasonCode,
        resolved: resolved === 'yes',
        ...(outcome.trim() ? { outcome: outcome.trim() } : {}),
        ...(notes.trim() ? { notes: notes.trim() } : {}),
        ...(fromCall ? { callId: fromCall.callId, startedAt: fromCall.at } : {}),
        ...(fromCall?.endedAt ? { endedAt: fromCall.endedAt } : {}),
      });
      setSuccess(answer.created || fromCall ? t('logContact.success') : t('logContact.duplicate'));
      clearTimeout(successTimer.current);
      successTimer.current = setTimeout(() => setSuccess(undefined), 8000);
      setReasonCode('');
      setOutcome('');
      setResolved('');
      setNotes('');
      onLogged();
    } catch (caught) {
      // each refused field worded in the reader's language, or the problem itself
      const refused = Object.entries(fieldErrorsOf(caught));
      const labels: Record<string, 'logContact.outcome' | 'logContact.notes' | 'logContact.reason' | 'logContact.channel'> = {
        outcome: 'logContact.outcome', notes: 'logContact.notes', reasonCode: 'logContact.reason', channel: 'logContact.channel',
      };
      const worded = refused.map(([field, problem]) => (labels[field] ? t('errors.field', { field: t(labels[field]), reason: wordField(problem, t) ?? '' }) : wordField(problem, t)));
      setError({ message: worded.length > 0 ? worded.join(' ') : errorMessage(caught, t, 'logContact.failed'), fields: refused.map(([field]) => field) });
    } finally {
      setBusy(false);
    }
  }

  const active = reasons.filter((r) => r.active);
  return (
    <section className="panel log-contact" aria-labelledby="log-title">
      <h3 id="log-title">{t('logContact.title')}</h3>
      {call && channel === 'phone' && <p className="chip chip-call">{t('logContact.fromCall')}</p>}
      <form onSubmit={submit} noValidate aria-describedby={error ? ids.error : undefined}>
        <fieldset className={`choice-group${error?.fields.includes('channel') ? ' is-invalid' : ''}`}>
          <legend>{t('logContact.channel')}</legend>
          <div className="chips">
            {CHANNELS.map((c) => (
              <label key={c} className={`choice${channel === c ? ' is-checked' : ''}`}>
                <input type="radio" name="channel" value={c} checked={channel === c} onChange={() => setChannel(c)} required />
                <ChannelIcon channel={c} />
                <span>{t(`channels.${c}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="choice-group">
          <legend>{t('logContact.direction')}</legend>
          <div className="chips">
            {(['inbound', 'outbound'] as const).map((d) => (
              <label key={d} className={`choice${direction === d ? ' is-checked' : ''}`}>
                <input type="radio" name="direction" value={d} checked={direction === d} onChange={() => setDirection(d)} />
                <span>{t(`directions.${d}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={ids.reason}>{t('logContact.reason')}</label>
          <select
            id={ids.reason}
            name="reason"
            value={reasonCode}
            onChange={(e) => {
              setReasonCode(e.target.value);
              setError(undefined);
            }}
            required
            aria-invalid={error?.fields.includes('reasonCode') || undefined}
          >
            <option value="">{t('logContact.chooseReason')}</option>
            {active.map((reason) => (
              <option key={reason.code} value={reason.code}>
                {reason.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.outcome}>{t('logContact.outcome')}</label>
          <input
            id={ids.outcome}
            name="outcome"
            type="text"
            maxLength={CONTACT_LIMITS.outcome}
            placeholder={t('logContact.outcomePlaceholder')}
            value={outcome}
            onChange={(e) => setOutcome(e.target.value)}
            aria-invalid={error?.fields.includes('outcome') || undefined}
          />
        </div>
        <fieldset className={`choice-group${error?.fields.includes('resolved') ? ' is-invalid' : ''}`}>
          <legend>{t('logContact.resolved')}</legend>
          <div className="chips">
            {(['yes', 'no'] as const).map((value) => (
              <label key={value} className={`choice choice-wide${resolved === value ? ' is-checked' : ''}`}>
                <input type="radio" name="resolved" value={value} checked={resolved === value} onChange={() => setResolved(value)} required />
                <span>{value === 'yes' ? t('logContact.yes') : t('logContact.no')}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={ids.notes}>{t('logContact.notes')}</label>
          <textarea id={ids.notes} name="notes" rows={3} maxLength={CONTACT_LIMITS.notes} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </div>
        {error && (
          <p id={ids.error} className="notice notice-error" role="alert">
            {error.message}
          </p>
        )}
        <div role="status" aria-live="polite">
          {success && <p className="notice notice-success">{success}</p>}
        </div>
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? t('logContact.submitting') : t('logContact.submit')}
        </button>
      </form>
    </section>
  );
}
