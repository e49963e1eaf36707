import { Fragment, useEffect, useId, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { formatDate, formatPhone, formatTime, luxembourgDay } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import { smsLength } from '../sms-length.js';
import type { PhoneMessage } from '../types.js';

/**
 * A customer's phone, drawn as one: the SMS thread (oldest first, received on the left, sent on
 * the right, grouped by day in Luxembourg time) and a box to type the customer's reply.
 * Texts are shown as sent, any script or emoji, NFC-normalised so accents combine.
 */
export function PhoneDevice({
  msisdn,
  items,
  loading,
  onReply,
}: {
  msisdn: string;
  items: PhoneMessage[];
  loading: boolean;
  /** sends the reply; rejects with a message to show */
  onReply: (text: string) => Promise<void>;
}) {
  const t = useT();
  const language = useLanguage();
  const phone = formatPhone(msisdn);
  const threadRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const ids = { input: useId(), counter: useId(), error: useId(), title: useId() };
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const sender = items.find((m) => m.direction === 'to_phone')?.from;

  // New messages scroll into view, unless the person scrolled up to read older ones.
  useLayoutEffect(() => {
    const thread = threadRef.current;
    if (thread && stickToBottom.current) thread.scrollTop = thread.scrollHeight;
  }, [items.length, msisdn]);

  useEffect(() => {
    stickToBottom.current = true;
    setError(undefined);
  }, [msisdn]);

  // …and stay in view when the phone changes size (tablet turned, window resized).
  useEffect(() => {
    const thread = threadRef.current;
    if (!thread || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (stickToBottom.current) thread.scrollTop = thread.scrollHeight;
    });
    observer.observe(thread);
    return () => observer.disconnect();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const reply = text.trim();
    if (!reply) {
      setError(t('phone.replyEmpty'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onReply(reply);
      setText('');
      stickToBottom.current = true;
    } catch (caught) {
      setError(caught instanceof Error && caught.message ? caught.message : t('phone.replyFailed'));
    } finally {
      setBusy(false);
    }
  }

  const length = smsLength(text);
  let previousDay = '';
  return (
    <section className="phone-device" aria-labelledby={ids.title}>
      <header className="phone-top">
        <span className="phone-avatar" aria-hidden="true">
          {(sender ?? '?').slice(0, 1).toUpperCase()}
        </span>
        <span className="phone-top-text">
          <h2 id={ids.title} className="phone-sender">
            {sender ?? t('phone.device', { phone })}
          </h2>
          <span className="phone-number">{sender ? t('phone.device', { phone }) : t('phone.autoRefresh')}</span>
        </span>
        <span className={`phone-live${loading ? ' is-loading' : ''}`} title={t('phone.autoRefresh')} aria-hidden="true" />
      </header>
      <div
        ref={threadRef}
        className="phone-thread"
        role="log"
        aria-live="polite"
        aria-label={t('phone.thread', { phone })}
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
      >
        {items.length === 0 && !loading && <p className="phone-empty">{t('phone.empty')}</p>}
        {items.map((message, index) => {
          const day = luxembourgDay(message.at);
          const newDay = day !== previousDay;
          previousDay = day;
          const received = message.direction === 'to_phone';
          return (
            <Fragment key={`${message.at}:${index}`}>
              {newDay && (
                <p className="phone-day">
                  <time dateTime={day}>{formatDate(message.at, language)}</time>
                </p>
              )}
              <div className={`bubble ${received ? 'bubble-in' : 'bubble-out'}`} data-direction={message.direction}>
                <span className="visually-hidden">
                  {t('common.labelValue', { label: received ? t('phone.received', { sender: message.from }) : t('phone.sent'), value: '' })}
                </span>
                <p className="bubble-text" dir="auto">
                  {message.text.normalize('NFC')}
                </p>
                <time className="bubble-time" dateTime={message.at}>
                  {formatTime(message.at, language)}
                </time>
              </div>
            </Fragment>
          );
        })}
      </div>
      <form className="phone-reply" onSubmit={submit} noValidate>
        <label htmlFor={ids.input} className="visually-hidden">
          {t('phone.reply')}
        </label>
        <div className="phone-reply-row">
          <input
            id={ids.input}
            type="text"
            name="reply"
            autoComplete="off"
            maxLength={1000}
            placeholder={t('phone.replyPlaceholder')}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setError(undefined);
            }}
            aria-describedby={`${ids.counter}${error ? ` ${ids.error}` : ''}`}
            aria-invalid={error ? true : undefined}
          />
          <button type="submit" className="button button-primary phone-send" disabled={busy}>
            {busy ? t('phone.sending') : t('phone.send')}
          </button>
        </div>
        <p id={ids.counter} className="phone-counter">
          {text ? t('phone.length', { count: length.characters, parts: length.parts, encoding: length.encoding }) : t('phone.autoRefresh')}
        </p>
        {error && (
          <p id={ids.error} className="notice notice-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
