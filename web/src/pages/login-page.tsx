import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { LanguageSwitcher } from '../components/language-switcher.js';
import { errorMessage } from '../error-message.js';
import { useT } from '../i18n/index.js';
import type { DemoLogin, User } from '../types.js';

export function LoginPage({ notice, onLoggedIn }: { notice?: string | undefined; onLoggedIn: (user: User) => void }) {
  const t = useT();
  const emailId = useId();
  const passwordId = useId();
  const errorId = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [demo, setDemo] = useState<DemoLogin[]>([]);
  const passwordRef = useRef<HTMLInputElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let cancelled = false;
    api
      .demoLogins()
      .then((answer) => !cancelled && answer.demo && setDemo(answer.logins))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { user } = await api.login(email.trim(), password);
      onLoggedIn(user);
    } catch (caught) {
      setError(errorMessage(caught, t, 'login.failed'));
      setBusy(false);
      passwordRef.current?.focus();
    }
  }

  function fill(login: DemoLogin) {
    setEmail(login.email);
    setPassword(login.password);
    setError(undefined);
    submitRef.current?.focus();
  }

  return (
    <div className="login-layout">
      <header className="login-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">É</span>
          <span>
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </span>
        </div>
        <LanguageSwitcher />
      </header>
      <main className="login-main">
        <section className="panel login-panel" aria-labelledby="login-title">
          <h1 id="login-title">{t('login.title')}</h1>
          <p className="muted">{t('login.intro')}</p>
          {notice && !error && (
            <p className="notice notice-info" role="status">
              {notice}
            </p>
          )}
          <form onSubmit={submit} noValidate aria-describedby={error ? errorId : undefined}>
            <div className="field">
              <label htmlFor={emailId}>{t('login.email')}</label>
              <input
                id={emailId}
                type="email"
                name="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={passwordId}>{t('login.password')}</label>
              <input
                id={passwordId}
                ref={passwordRef}
                type="password"
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </div>
            {error && (
              <p id={errorId} className="notice notice-error" role="alert">
                {error}
              </p>
            )}
            <button ref={submitRef} type="submit" className="button button-primary button-block" disabled={busy}>
              {busy ? t('login.submitting') : t('login.submit')}
            </button>
          </form>
        </section>
        {demo.length > 0 && (
          <section className="panel demo-panel" aria-labelledby="demo-title">
            <h2 id="demo-title">{t('login.demoTitle')}</h2>
            <p className="muted">{t('login.demoHint')}</p>
            <ul className="demo-list">
              {demo.map((login) => (
                <li key={login.email}>
                  <button
                    type="button"
                    className="demo-login"
                    onClick={() => fill(login)}
                    title={t('login.useDemo', { name: login.displayName })}
                  >
                    <span className="demo-name">{login.displayName}</span>
                    <span className="demo-role">{t(`roles.${login.role}`)}</span>
                    <span className="demo-email">{login.email}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </main>
    </div>
  );
}
