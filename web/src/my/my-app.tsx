import { useCallback, useEffect, useMemo, useState } from 'react';
import type { MyAccountOut } from '../../../src/contract/self-service.js';
import { UI_LANGUAGES, type UiLanguage } from '../ui-languages.js';
import { Account, forgetLastKnown, readLastKnown } from './account.js';
import { myApi, MyApiError } from './my-api.js';
import { initialLanguage, LanguageContext, rememberLanguage, translator } from './my-i18n.js';
import { SignIn } from './sign-in.js';

type State =
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  | { kind: 'signed-in'; initial: Parameters<typeof Account>[0]['initial'] };

/** The customer app (/my/): sign-in, then the customer's account; the last known figures when offline. */
export function MyApp() {
  const [language, setLanguageState] = useState<UiLanguage>(initialLanguage);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const setLanguage = useCallback((l: UiLanguage) => (rememberLanguage(l), setLanguageState(l)), []);
  const context = useMemo(() => ({ language, setLanguage, t: translator(language) }), [language, setLanguage]);
  const { t } = context;

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('appName');
  }, [language, t]);

  useEffect(() => {
    myApi.account().then(
      (account) => setState({ kind: 'signed-in', initial: { account } }),
      (error: unknown) => {
        const last = readLastKnown();
        // offline or the server unreachable: the last figures this device had, with their time
        if (last && !(error instanceof MyApiError && error.status === 401)) setState({ kind: 'signed-in', initial: last });
        else setState({ kind: 'signed-out' });
      },
    );
  }, []);

  const signedOut = useCallback(() => (forgetLastKnown(), setState({ kind: 'signed-out' })), []);
  const signedIn = useCallback((account: MyAccountOut) => setState({ kind: 'signed-in', initial: { account } }), []);

  return (
    <LanguageContext.Provider value={context}>
      <header className="my-header">
        <span className="my-brand" aria-hidden="true">É</span>
        <span className="my-title">{t('appName')}</span>
        <label className="my-language">
          <span className="my-visually-hidden">{t('language')}</span>
          <select value={language} onChange={(e) => setLanguage(e.target.value as UiLanguage)}>
            {UI_LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>{l === 'fr' ? 'Français' : l === 'de' ? 'Deutsch' : 'English'}</option>
            ))}
          </select>
        </label>
      </header>
      <div className="my-body">
        {state.kind === 'loading' && <p className="my-muted" aria-busy="true">…</p>}
        {state.kind === 'signed-out' && <SignIn onSignedIn={signedIn} />}
        {state.kind === 'signed-in' && <Account initial={state.initial} onSignedOut={signedOut} />}
      </div>
    </LanguageContext.Provider>
  );
}
