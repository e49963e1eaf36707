import { useId, useRef, useState, type FormEvent } from 'react';
import { formatPhone, formatTime } from '../format.js';
import type { MyAccountOut } from '../../../src/contract/self-service.js';
import { myApi, MyApiError } from './my-api.js';
import { useMyLanguage, type Translate } from './my-i18n.js';
import { PasskeySignIn } from './passkey-sign-in.js';

/** How the one-time code travels: SMS to a mobile line, or e-mail to the address on file. */
type Channel = 'sms' | 'email';

/** A refusal worded in the reader's language: the field's or the problem's code with its params, else by kind. */
export function wordError(t: Translate, error: unknown): { field?: string; text: string } {
  if (!(error instanceof MyApiError)) return { text: t('errors.generic') };
  if (error.code === 'offline') return { text: t('errors.offline') };
  const field = error.fields[0];
  if (field?.code) {
    const text = t(`issues.fields.${field.code}`, field.params ?? {});
    if (text !== `issues.fields.${field.code}`) return { field: field.field, text };
  }
  const text = t(`issues.problems.${error.code}`, error.params);
  return { text: text === `issues.problems.${error.code}` ? t('errors.generic') : text };
}

/**
 * Sign-in with a passkey (nothing typed), or in two steps: the mobile number, then the code that
 * arrived by SMS, or the e-mail address and the code that arrived by e-mail (docs/self-service.md,
 * "Sign-in"). What the server says after the number or address is the same for anyone: "if this is a
 * customer's, a code was sent".
 */
export function SignIn({ onSignedIn }: { onSignedIn: (account: MyAccountOut) => void }) {
  const { t, language } = useMyLanguage();
  const [msisdn, setMsisdn] = useState('');
  const [channel, setChannel] = useState<Channel>('sms');
  const [email, setEmail] = useState('');
  const [asked, setAsked] = useState<{ challenge: string; expiresAt: string; number: string; channel: Channel } | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field?: string; text: string } | null>(null);
  const numberId = useId();
  const emailId = useId();
  const codeId = useId();
  const errorId = useId();
  const codeInput = useRef<HTMLInputElement>(null);

  async function askCode(event?: FormEvent) {
    event?.preventDefault();
    if (channel === 'sms' && msisdn.trim() === '') return setError({ field: 'msisdn', text: t('signIn.numberRequired') });
    if (channel === 'email' && email.trim() === '') return setError({ field: 'email', text: t('emailSignIn.addressRequired') });
    if (channel === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) return setError({ field: 'email', text: t('emailSignIn.addressFormat') });
    setBusy(true);
    setError(null);
    try {
      const result = channel === 'sms' ? await myApi.askCode(msisdn, language) : await myApi.askEmailCode(email.trim(), language);
      setAsked({ ...result, number: channel === 'sms' ? msisdn : email.trim(), channel });
      setCode('');
      setTimeout(() => codeInput.current?.focus(), 0);
    } catch (e) {
      setError(wordError(t, e));
    } finally {
      setBusy(false);
    }
  }

  async function verify(event: FormEvent) {
    event.preventDefault();
    if (!asked) return;
    if (!/^\d{6}$/.test(code)) return setError({ field: 'code', text: t('signIn.codeFormat') });
    setBusy(true);
    setError(null);
    try {
      onSignedIn(asked.channel === 'sms' ? await myApi.verify(asked.challenge, code) : await myApi.verifyEmailCode(asked.challenge, code));
    } catch (e) {
      setError(wordError(t, e));
      setBusy(false);
    }
  }

  const fieldError = (field: string) =>
    error && (error.field === field || (!error.field && ((field === 'code') === Boolean(asked)))) ? (
      <p className="my-error" id={errorId} role="alert">{error.text}</p>
    ) : null;

  if (!asked) {
    return (
      <form className="my-card my-sign-in" onSubmit={askCode} noValidate>
        <h1>{t('signIn.title')}</h1>
        <PasskeySignIn onSignedIn={onSignedIn} word={(e) => wordError(t, e).text} />
        {channel === 'sms' ? (
          <>
            <p>{t('signIn.intro')}</p>
            <label htmlFor={numberId}>{t('signIn.number')}</label>
            <input id={numberId} name="msisdn" type="tel" inputMode="tel" autoComplete="tel" value={msisdn} placeholder={t('signIn.numberHint')}
              onChange={(e) => setMsisdn(e.target.value)} aria-invalid={error?.field === 'msisdn' || undefined} aria-describedby={error ? errorId : undefined} />
            {fieldError('msisdn')}
          </>
        ) : (
          <>
            <p>{t('emailSignIn.intro')}</p>
            <label htmlFor={emailId}>{t('emailSignIn.address')}</label>
            <input id={emailId} name="email" type="email" inputMode="email" autoComplete="email" value={email} placeholder={t('emailSignIn.addressHint')}
              onChange={(e) => setEmail(e.target.value)} aria-invalid={error?.field === 'email' || undefined} aria-describedby={error ? errorId : undefined} />
            {fieldError('email')}
          </>
        )}
        <button type="submit" className="my-primary" disabled={busy}>{busy ? t('signIn.sending') : t('signIn.send')}</button>
        <div className="my-links">
          <button type="button" className="my-link" onClick={() => (setChannel(channel === 'sms' ? 'email' : 'sms'), setError(null))}>
            {t(channel === 'sms' ? 'emailSignIn.switch' : 'emailSignIn.back')}
          </button>
        </div>
      </form>
    );
  }
  return (
    <form className="my-card my-sign-in" onSubmit={verify} noValidate>
      <h1>{t('signIn.codeTitle')}</h1>
      <p role="status">
        {asked.channel === 'sms'
          ? t('signIn.codeSent', { number: formatPhone(asked.number), time: formatTime(asked.expiresAt, language) })
          : t('emailSignIn.codeSent', { address: asked.number, time: formatTime(asked.expiresAt, language) })}
      </p>
      <label htmlFor={codeId}>{t('signIn.code')}</label>
      <input id={codeId} ref={codeInput} name="code" className="my-code" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" maxLength={6}
        value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))} aria-invalid={error?.field === 'code' || undefined}
        aria-describedby={error ? errorId : undefined} />
      {fieldError('code')}
      <button type="submit" className="my-primary" disabled={busy}>{busy ? t('signIn.verifying') : t('signIn.verify')}</button>
      <div className="my-links">
        <button type="button" className="my-link" onClick={() => void askCode()} disabled={busy}>{t('signIn.resend')}</button>
        <button type="button" className="my-link" onClick={() => (setAsked(null), setError(null))}>{t(asked.channel === 'sms' ? 'signIn.otherNumber' : 'emailSignIn.otherAddress')}</button>
      </div>
    </form>
  );
}
