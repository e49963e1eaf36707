import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type { MyCallbackOut } from '../../../src/contract/callbacks.js';
import type { MyAccountOut } from '../../../src/contract/self-service.js';
import { formatDate, formatPhone, formatTime, luxembourgDay } from '../format.js';
import { myApi, MyApiError } from './my-api.js';
import { useMyLanguage } from './my-i18n.js';
import { wordError } from './sign-in.js';

/** Asking for a call back at a chosen slot (a task in the team's queue), and the one asked for, with its cancel. */
export function CallbackRequest({ account, onSignedOut }: { account: MyAccountOut; onSignedOut: () => void }) {
  const { t, language } = useMyLanguage();
  const ids = { title: useId(), day: useId(), slot: useId(), line: useId(), topic: useId() };
  const [slots, setSlots] = useState<{ start: string; end: string }[] | null>(null);
  const [open, setOpen] = useState<MyCallbackOut | null>(null);
  const [day, setDay] = useState('');
  const [slot, setSlot] = useState('');
  const [msisdn, setMsisdn] = useState(account.signedInWith);
  const [topic, setTopic] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const lines = account.lines.filter((l) => l.kind === 'mobile' && l.status === 'active');

  const failed = (e: unknown) => {
    if (e instanceof MyApiError && e.status === 401) return onSignedOut();
    setMessage({ ok: false, text: wordError(t, e).text });
  };
  async function load() {
    try {
      const [offered, mine] = await Promise.all([myApi.callbackSlots(), myApi.callbacks()]);
      setSlots(offered.items);
      setOpen(mine.items.find((c) => c.state === 'requested') ?? null);
      const first = offered.items[0];
      if (first) (setDay(luxembourgDay(first.start)), setSlot(first.start));
    } catch (e) {
      failed(e);
    }
  }
  useEffect(() => void load(), []); // eslint-disable-line react-hooks/exhaustive-deps

  const days = useMemo(() => [...new Set((slots ?? []).map((s) => luxembourgDay(s.start)))], [slots]);
  const ofDay = (slots ?? []).filter((s) => luxembourgDay(s.start) === day);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const asked = await myApi.askCallback({ slotStart: slot, msisdn, ...(topic.trim() ? { topic: topic.trim() } : {}) });
      setOpen(asked);
      setTopic('');
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  }

  async function cancel() {
    if (!open) return;
    setBusy(true);
    try {
      await myApi.cancelCallback(open.id);
      setOpen(null);
      setMessage({ ok: true, text: t('callback.cancelled') });
      await load();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="my-card my-form" aria-labelledby={ids.title} aria-busy={slots === null}>
      <h2 id={ids.title} className="my-section">{t('callback.title')}</h2>
      {open ? (
        <>
          <p className="my-done" role="status">
            {t('callback.requested', { date: formatDate(open.slotStart, language), start: formatTime(open.slotStart, language), end: formatTime(open.slotEnd, language), number: formatPhone(open.msisdn) })}
          </p>
          <button type="button" className="my-secondary" onClick={() => void cancel()} disabled={busy}>{t('callback.cancel')}</button>
        </>
      ) : (
        slots && (slots.length === 0 ? <p>{t('callback.none')}</p> : (
          <form className="my-form" onSubmit={submit}>
            <p className="my-muted">{t('callback.intro')}</p>
            <label htmlFor={ids.day}>{t('callback.day')}</label>
            <select id={ids.day} value={day} onChange={(e) => { setDay(e.target.value); setSlot((slots ?? []).find((s) => luxembourgDay(s.start) === e.target.value)?.start ?? ''); }}>
              {days.map((d) => (
                <option key={d} value={d}>{formatDate(`${d}T12:00:00Z`, language)}</option>
              ))}
            </select>
            <label htmlFor={ids.slot}>{t('callback.slot')}</label>
            <select id={ids.slot} value={slot} onChange={(e) => setSlot(e.target.value)}>
              {ofDay.map((s) => (
                <option key={s.start} value={s.start}>{`${formatTime(s.start, language)} – ${formatTime(s.end, language)}`}</option>
              ))}
            </select>
            {lines.length > 1 && (
              <>
                <label htmlFor={ids.line}>{t('callback.line')}</label>
                <select id={ids.line} value={msisdn} onChange={(e) => setMsisdn(e.target.value)}>
                  {lines.map((l) => (
                    <option key={l.msisdn} value={l.msisdn}>{formatPhone(l.msisdn)}</option>
                  ))}
                </select>
              </>
            )}
            <label htmlFor={ids.topic}>{t('callback.topic')}</label>
            <textarea id={ids.topic} rows={2} maxLength={300} value={topic} onChange={(e) => setTopic(e.target.value)} />
            <button type="submit" className="my-primary" disabled={busy || !slot}>{busy ? t('callback.submitting') : t('callback.submit')}</button>
          </form>
        ))
      )}
      {message && <p className={message.ok ? 'my-done' : 'my-error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
    </section>
  );
}
