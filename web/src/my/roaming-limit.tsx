import { useId, useState, type FormEvent } from 'react';
import type { LineConsumptionOut } from '../../../src/contract/usage.js';
import { formatDateTime, formatEuros } from '../format.js';
import { myApi, MyApiError } from './my-api.js';
import { useMyLanguage } from './my-i18n.js';
import { wordError } from './sign-in.js';

/** The limits offered, in cents excl. VAT (as the server offers them: src/usage/roaming-limit.ts). */
const CHOICES = [5_000, 10_000, 20_000, 50_000];

/** A line's spending limit on data roaming outside the EU: where it stands, and the account holder's choice of another. */
export function RoamingLimit({ data, canChoose, onChanged }: { data: LineConsumptionOut; canChoose: boolean; onChanged: (data: LineConsumptionOut) => void }) {
  const { t, language } = useMyLanguage();
  const ids = { title: useId(), choice: useId() };
  const limit = data.roamingLimit;
  const [choice, setChoice] = useState(limit.off ? 'off' : String(limit.limitCents));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const spent = formatEuros(limit.spentCents, language);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const updated = await myApi.roamingLimit(data.msisdn, choice === 'off' ? { off: true } : { off: false, limitCents: Number(choice) });
      onChanged(updated);
      setMessage({ ok: true, text: t('limit.saved') });
    } catch (e) {
      setMessage({ ok: false, text: e instanceof MyApiError ? wordError(t, e).text : t('errors.generic') });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="my-limit" role="group" aria-labelledby={ids.title}>
      <h4 id={ids.title}>{t('limit.title')}</h4>
      <p>{limit.off ? t('limit.off', { spent }) : t('limit.state', { spent, limit: formatEuros(limit.limitCents, language) })}</p>
      {limit.stoppedAt && <p className="my-error">{t('limit.stopped', { time: formatDateTime(limit.stoppedAt, language) })}</p>}
      {canChoose && (
        <form className="my-inline-form" onSubmit={save}>
          <label htmlFor={ids.choice}>{t('limit.choose')}</label>
          <select id={ids.choice} value={choice} onChange={(e) => setChoice(e.target.value)}>
            {CHOICES.map((c) => (
              <option key={c} value={String(c)}>{formatEuros(c, language)}</option>
            ))}
            <option value="off">{t('limit.none')}</option>
          </select>
          <button type="submit" className="my-secondary" disabled={busy}>{t('limit.save')}</button>
        </form>
      )}
      {message && <p className={message.ok ? 'my-done' : 'my-error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
    </div>
  );
}
