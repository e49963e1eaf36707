import { useCallback, useEffect, useState } from 'react';
import { api, setUnauthorizedHandler } from './api.js';
import { useT } from './i18n/index.js';
import { ConsolePage } from './pages/console-page.js';
import { LoginPage } from './pages/login-page.js';
import type { User } from './types.js';
import { useRoute } from './use-route.js';
import { useDocumentTitle } from './document-title.js';

type Session = { state: 'loading' } | { state: 'anonymous'; notice?: string } | { state: 'signed-in'; user: User };

/** Shows the login page or the console, depending on the session cookie. */
export function App() {
  const t = useT();
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const [route, navigate] = useRoute();
  useDocumentTitle(t, session.state === 'loading' ? undefined : session.state === 'anonymous' ? 'login' : route.page);

  useEffect(() => {
    let cancelled = false;
    api
      .me()
      .then(({ user }) => !cancelled && setSession({ state: 'signed-in', user }))
      .catch(() => !cancelled && setSession({ state: 'anonymous' }));
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => setSession({ state: 'anonymous', notice: 'session' }));
    return () => setUnauthorizedHandler(undefined);
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setSession({ state: 'anonymous' });
    }
  }, []);

  if (session.state === 'loading') {
    return (
      <main className="page-loading" aria-busy="true">
        <p>{t('app.loading')}</p>
      </main>
    );
  }
  if (session.state === 'anonymous') {
    return (
      <LoginPage
        notice={session.notice === 'session' ? t('errors.session') : undefined}
        onLoggedIn={(user) => setSession({ state: 'signed-in', user })}
      />
    );
  }
  return <ConsolePage user={session.user} onLogout={logout} route={route} navigate={navigate} />;
}
