import { useId, useRef, useState, type FormEvent } from 'react';
import { formatPhone, formatTime } from '../format.js';
import type { MyAccountOut } from '../../../src/contract/self-service.js';
import { myApi, MyApiError } from './my-api.js';
import { useMyLanguage, type Translate } from './my-i18n.js';

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
 * Sign-in in two steps: the mobile number, then the code that arrived by SMS (docs/self-service.md,
 * "Sign-in"). What the server says after the number is the same for anyone: "if this number is a
 * customer's, a code was sent".
 */
export function SignIn({ onSignedIn }: { onSignedIn: (account: MyAccountOut) => void }) {
  const { t, language } = useMyLanguage();
  const [msisdn, setMsisdn] = useState('');
  const [asked, setAsked] = useState<{ challenge: string; expiresAt: string; number: string } | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field?: string; text: string } | null>(null);
  const numberId = useId();
  const codeId = useId();
  const errorId = useId();
  const codeInput = useRef<HTMLInputElement>(null);

  async function askCode(event?: FormEvent) {
    event?.preventDefault();
    if (msisdn.trim() === '') return setError({ field: 'msisdn', text: t('signIn.numberRequired') });
    setBusy(true);
    setError(null);
    try {
      const result = await myApi.askCode(msisdn, language);
      setAsked({ ...result, number: msisdn });
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
      onSignedIn(await myApi.verify(asked.challenge, code));
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
        <p>{t('signIn.intro')}</p>
        <label htmlFor={numberId}>{t('signIn.number')}</label>
        <input id={numberId} name="msisdn" type="tel" inputMode="tel" autoComplete="tel" value={msisdn} placeholder={t('signIn.numberHint')}
          onChange={(e) => setMsisdn(e.target.value)} aria-invalid={error?.field === 'msisdn' || undefined} aria-describedby={error ? errorId : undefined} />
        {fieldError('msisdn')}
        <button type="submit" className="my-primary" disabled={busy}>{busy ? t('signIn.sending') : t('signIn.send')}</button>
      </form>
    );
  }
  return (
    <form className="my-card my-sign-in" onSubmit={verify} noValidate>
      <h1>{t('signIn.codeTitle')}</h1>
      <p role="status">{t('signIn.codeSent', { number: formatPhone(asked.number), time: formatTime(asked.expiresAt, language) })}</p>
      <label htmlFor={codeId}>{t('signIn.code')}</label>
      <input id={codeId} ref={codeInput} name="code" className="my-code" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" maxLength={6}
        value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))} aria-invalid={error?.field === 'code' || undefined}
        aria-describedby={error ? errorId : undefined} />
      {fieldError('code')}
      <button type="submit" className="my-primary" disabled={busy}>{busy ? t('signIn.verifying') : t('signIn.verify')}</button>
      <div className="my-links">
        <button type="button" className="my-link" onClick={() => void askCode()} disabled={busy}>{t('signIn.resend')}</button>
        <button type="button" className="my-link" onClick={() => (setAsked(null), setError(null))}>{t('signIn.otherNumber')}</button>
      </div>
    </form>
  );
}
