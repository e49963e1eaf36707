import { useId, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api.js';
import { CHANNELS } from '../codes.js';
import { errorMessage } from '../error-message.js';
import { formatDateTime, formatPhone } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { Channel, Consents, CustomerCard } from '../types.js';
import { useLoad } from '../use-load.js';

type Consent = 'surveys' | 'marketing';
const CONSENTS: readonly Consent[] = ['surveys', 'marketing'];

/**
 * The customer's consents with their history (who, when, old → new, channel), and the numbers that
 * opted out by SMS (STOP), which no survey reaches whatever the consent; those who may change
 * them tick what the customer asks and say how the customer told us.
 */
export function ConsentsPanel({ customerId, canChange, optOuts = [] }: { customerId: string; canChange: boolean; optOuts?: CustomerCard['optOuts'] }) {
  const t = useT();
  const language = useLanguage();
  const ids = { channel: useId(), error: useId() };
  const [version, setVersion] = useState(0);
  const loaded = useLoad(`${customerId}:${version}`, () => api.consents(customerId));
  const [wanted, setWanted] = useState<Partial<Record<Consent, boolean>>>({});
  const [channel, setChannel] = useState<Channel | ''>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const current = loaded.data;
  const value = (consent: Consent) => wanted[consent] ?? current?.[consent] ?? false;
  const changes = current ? CONSENTS.filter((c) => wanted[c] !== undefined && wanted[c] !== current[c]) : [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!current || changes.length === 0) return;
    if (!channel) {
      setError(t('consents.channelRequired'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api.changeConsents(customerId, { ...Object.fromEntries(changes.map((c) => [c, wanted[c]])), channel });
      setWanted({});
      setChannel('');
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e instanceof ApiError && e.code === 'customer-erased' ? t('consents.erased') : errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  }

  const label = (consent: Consent) => (consent === 'surveys' ? t('card.consentSurveys') : t('card.consentMarketing'));
  const yesNo = (on: boolean) => (on ? t('card.yes') : t('card.no'));
  return (
    <section className="panel consents" aria-labelledby="consents-title">
      <h3 id="consents-title">{t('card.consents')}</h3>
      {optOuts.map((o) => (
        <p key={o.msisdn} className="notice notice-warning consent-opt-out">
          {t('callscreen.optOut.detail', { number: formatPhone(o.msisdn), keyword: o.keyword, date: formatDateTime(o.at, language) })}
        </p>
      ))}
      {loaded.error !== undefined && <p className="notice notice-error">{errorMessage(loaded.error, t)}</p>}
      {current && (
        <form onSubmit={submit} noValidate aria-describedby={error ? ids.error : undefined}>
          <fieldset className="choice-group">
            <legend className="visually-hidden">{t('card.consents')}</legend>
            <div className="chips">
              {CONSENTS.map((consent) => (
                <label key={consent} className={`choice choice-wide${value(consent) ? ' is-checked' : ''}`}>
                  <input
                    type="checkbox"
                    name={consent}
                    checked={value(consent)}
                    disabled={!canChange || busy}
                    onChange={(e) => setWanted({ ...wanted, [consent]: e.target.checked })}
                  />
                  <span>{label(consent)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          {canChange && changes.length > 0 && (
            <>
              <div className="field">
                <label htmlFor={ids.channel}>{t('consents.channel')}</label>
                <select id={ids.channel} name="channel" value={channel} onChange={(e) => setChannel(e.target.value as Channel)} aria-invalid={error !== undefined || undefined}>
                  <option value="">{t('consents.chooseChannel')}</option>
                  {CHANNELS.map((c) => (
                    <option key={c} value={c}>
                      {t(`channels.${c}`)}
                    </option>
                  ))}
                </select>
              </div>
              {error && (
                <p id={ids.error} className="notice notice-error" role="alert">
                  {error}
                </p>
              )}
              <button type="submit" className="button button-primary" disabled={busy}>
                {busy ? t('consents.saving') : t('consents.save')}
              </button>
            </>
          )}
          <h4>{t('consents.history')}</h4>
          {current.history.length === 0 ? (
            <p className="empty">{t('consents.noHistory')}</p>
          ) : (
            <ul className="consent-history">
              {current.history.map((h, i) => (
                <li key={i}>
                  {t('consents.change', {
                    at: formatDateTime(h.changedAt, language),
                    consent: label(h.consent),
                    from: yesNo(h.from),
                    to: yesNo(h.to),
                    channel: t(`channels.${h.channel}`),
                    by: h.changedBy.name ?? h.changedBy.id,
                  })}
                </li>
              ))}
            </ul>
          )}
        </form>
      )}
    </section>
  );
}
