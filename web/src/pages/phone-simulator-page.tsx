import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api.js';
import { PhoneDevice } from '../components/phone-device.js';
import { PhoneNumberPicker, type PhoneSuggestion } from '../components/phone-number-picker.js';
import { errorMessage } from '../error-message.js';
import { useT } from '../i18n/index.js';
import type { PhoneMessage } from '../types.js';

/** How often the open thread is fetched again. */
export const PHONE_REFRESH_MS = 2000;

type Thread =
  | { kind: 'none' }
  | { kind: 'loading' }
  | { kind: 'open'; msisdn: string; items: PhoneMessage[] }
  | { kind: 'no-simulator' }
  | { kind: 'error'; message: string };

/**
 * Development and demo: plays a customer's phone through the built-in SMSC simulator. Shows the
 * SMS the number received and sent, refreshed every 2 s while the page is open, and sends the
 * reply typed in as a mobile-originated SMS.
 */
export function PhoneSimulatorPage({
  msisdn,
  suggestions,
  onOpen,
}: {
  msisdn: string | undefined;
  suggestions: PhoneSuggestion[];
  onOpen: (msisdn: string) => void;
}) {
  const t = useT();
  const [thread, setThread] = useState<Thread>({ kind: msisdn ? 'loading' : 'none' });
  const [fetching, setFetching] = useState(false);
  const [nonce, setNonce] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!msisdn) {
      setThread({ kind: 'none' });
      return;
    }
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setThread((current) => (current.kind === 'open' && current.msisdn === msisdn ? current : { kind: 'loading' }));
    const load = async () => {
      if (document.visibilityState === 'hidden') {
        timer = setTimeout(load, PHONE_REFRESH_MS);
        return;
      }
      setFetching(true);
      try {
        const answer = await api.phoneMessages(msisdn);
        if (cancelled) return;
        setThread({ kind: 'open', msisdn: answer.msisdn, items: answer.items });
      } catch (error) {
        if (cancelled) return;
        if (error instanceof ApiError && error.status === 404) {
          setThread({ kind: 'no-simulator' });
          return;
        }
        const message = errorMessage(error, t, 'phone.failed');
        setThread((current) => (current.kind === 'open' && error instanceof ApiError && error.status === 0 ? current : { kind: 'error', message }));
        // A number the server refuses stays refused: no point asking again.
        if (error instanceof ApiError && error.status === 400) return;
      } finally {
        if (!cancelled) setFetching(false);
      }
      if (!cancelled) timer = setTimeout(load, PHONE_REFRESH_MS);
    };
    void load();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [msisdn, nonce]);

  const reply = useCallback(
    async (text: string) => {
      if (thread.kind !== 'open') return;
      try {
        await api.phoneReply(thread.msisdn, text);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) setThread({ kind: 'no-simulator' });
        throw new Error(errorMessage(error, t, 'phone.replyFailed'));
      }
      // Show the reply (and soon the answer to it) without waiting for the next refresh.
      setNonce((n) => n + 1);
    },
    [thread, t],
  );

  return (
    <div className="page phone-page">
      <div className="page-head">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('phone.title')}
        </h1>
        <p className="muted">{t('phone.intro')}</p>
      </div>
      <div className="phone-layout">
        <PhoneNumberPicker current={thread.kind === 'open' ? thread.msisdn : msisdn} suggestions={suggestions} onPick={onOpen} />
        <div className="phone-stage">
          {thread.kind === 'none' && (
            <div className="phone-device phone-device-idle">
              <p className="phone-empty">{t('phone.choose')}</p>
            </div>
          )}
          {thread.kind === 'loading' && (
            <div className="phone-device phone-device-idle" aria-busy="true">
              <p className="phone-empty">{t('app.loading')}</p>
            </div>
          )}
          {thread.kind === 'no-simulator' && (
            <p className="notice notice-info" role="status">
              {t('phone.noSimulator')}
            </p>
          )}
          {thread.kind === 'error' && (
            <p className="notice notice-error" role="alert">
              {thread.message}
            </p>
          )}
          {thread.kind === 'open' && <PhoneDevice msisdn={thread.msisdn} items={thread.items} loading={fetching} onReply={reply} />}
        </div>
      </div>
    </div>
  );
}
