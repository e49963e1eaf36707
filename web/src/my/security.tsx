import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { PasskeyListOut } from '../../../src/contract/passkeys.js';
import type { MyAccountOut } from '../../../src/contract/self-service.js';
import { formatDate, formatPhone } from '../format.js';
import { myApi, MyApiError } from './my-api.js';
import { useMyLanguage } from './my-i18n.js';
import { ceremonyProblem, deviceName, passkeysSupported } from './passkey-ceremony.js';
import { wordError } from './sign-in.js';

/** How recent a sign-in must be to add a passkey (the server's rule, docs/self-service.md, "Passkeys"). */
const FRESH_MINUTES = 10;

/**
 * The Security section: how the customer signed in, their passkeys (name, line, made, last used, synced,
 * the one of this session) with their removal, and adding one from this device, named after it by
 * default. Adding needs a sign-in of the last 10 minutes: past it, the section offers to sign in again.
 */
export function Security({ account, onSignedOut, onSignInAgain }: { account: MyAccountOut; onSignedOut: () => void; onSignInAgain: () => void }) {
  const { t, language } = useMyLanguage();
  const ids = { title: useId(), add: useId(), name: useId(), nameHint: useId() };
  const supported = passkeysSupported();
  const [list, setList] = useState<PasskeyListOut | null>(null);
  const [name, setName] = useState(() => deviceName(t));
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);

  const failed = (e: unknown) => {
    if (e instanceof MyApiError && e.status === 401 && e.code === 'not-signed-in') return onSignedOut();
    setMessage({ ok: false, text: wordError(t, e).text });
  };
  const load = () => myApi.passkeys().then(setList, failed);
  useEffect(() => void load(), []); // eslint-disable-line react-hooks/exhaustive-deps

  async function add(event: FormEvent) {
    event.preventDefault();
    if (name.trim() === '') return setNameError(t('security.nameRequired'));
    setNameError(null);
    setBusy(true);
    setMessage(null);
    try {
      const { ceremony, options } = await myApi.passkeyRegistrationOptions();
      const response = await startRegistration({ optionsJSON: options as PublicKeyCredentialCreationOptionsJSON });
      const kept = await myApi.registerPasskey(ceremony, name.trim(), response);
      setMessage({ ok: true, text: t('security.added', { name: kept.name }) });
      setName(deviceName(t));
      await load();
    } catch (e) {
      const problem = ceremonyProblem(e);
      if (problem) setMessage({ ok: false, text: t(`security.${problem}`) });
      else failed(e);
    } finally {
      setBusy(false);
    }
  }

  async function remove(id: string, removedName: string) {
    setBusy(true);
    setMessage(null);
    try {
      await myApi.removePasskey(id);
      setConfirming(null);
      setMessage({ ok: true, text: t('security.removed', { name: removedName }) });
      await load();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  }

  const onLine = list?.items.filter((k) => k.line === account.signedInWith).length ?? 0;
  return (
    <section className="my-card my-form my-security" aria-labelledby={ids.title} aria-busy={list === null}>
      <h2 id={ids.title} className="my-section">{t('security.title')}</h2>
      <p className="my-muted">{t(`security.signedInWith.${account.factor}`)}</p>
      <p>{t('security.intro')}</p>
      {list && list.items.length === 0 && <p>{t('security.none')}</p>}
      {list && list.items.length > 0 && (
        <ul className="my-list">
          {list.items.map((k) => (
            <li key={k.id}>
              <p className="my-list-title">
                {k.name}
                {k.current && <span className="my-state is-closed">{t('security.current')}</span>}
              </p>
              <p className="my-muted">
                {t('security.line', { number: formatPhone(k.line) })} · {t('security.created', { date: formatDate(k.createdAt, language) })}
              </p>
              <p className="my-muted">
                {k.lastUsedAt ? t('security.lastUsed', { date: formatDate(k.lastUsedAt, language) }) : t('security.neverUsed')} · {t(k.synced ? 'security.synced' : 'security.deviceBound')}
              </p>
              {confirming === k.id ? (
                <div className="my-confirm" role="group" aria-label={t('security.confirmRemove', { name: k.name })}>
                  <p>{t('security.confirmRemove', { name: k.name })}</p>
                  <div className="my-inline-form">
                    <button type="button" className="my-secondary my-danger" onClick={() => void remove(k.id, k.name)} disabled={busy}>{t('security.confirm')}</button>
                    <button type="button" className="my-link" onClick={() => setConfirming(null)}>{t('security.keep')}</button>
                  </div>
                </div>
              ) : (
                <button type="button" className="my-link" onClick={() => (setConfirming(k.id), setMessage(null))} aria-label={`${t('security.remove')} ${k.name}`}>{t('security.remove')}</button>
              )}
            </li>
          ))}
        </ul>
      )}
      {message && <p className={message.ok ? 'my-done' : 'my-error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
      {list && (
        <div className="my-add-passkey">
          <h3 id={ids.add}>{t('security.addTitle')}</h3>
          {!supported ? (
            <p>{t('security.unsupported')}</p>
          ) : onLine >= list.maximum ? (
            <p>{t('security.maximum', { maximum: list.maximum })}</p>
          ) : list.freshUntil === null ? (
            <>
              <p>{t('security.signInAgain', { minutes: FRESH_MINUTES })}</p>
              <button type="button" className="my-secondary" onClick={onSignInAgain}>{t('security.signInAgainButton')}</button>
            </>
          ) : (
            <form className="my-form" onSubmit={add} aria-labelledby={ids.add} noValidate>
              <label htmlFor={ids.name}>{t('security.name')}</label>
              <input id={ids.name} className="my-text" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} aria-describedby={ids.nameHint}
                aria-invalid={nameError ? true : undefined} />
              <p className="my-muted" id={ids.nameHint}>{t('security.nameHint')}</p>
              {nameError && <p className="my-error" role="alert">{nameError}</p>}
              <button type="submit" className="my-primary" disabled={busy}>{busy ? t('security.adding') : t('security.add')}</button>
            </form>
          )}
        </div>
      )}
    </section>
  );
}
