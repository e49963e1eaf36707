import { useState } from 'react';
import { api } from '../api.js';
import { errorMessage } from '../error-message.js';
import { useT } from '../i18n/index.js';

/** Demo mode only: asks the server to play the phone system and ring this advisor. */
export function DemoCallPanel() {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  async function ring() {
    setBusy(true);
    setError(undefined);
    try {
      await api.demoCall();
    } catch (caught) {
      setError(errorMessage(caught, t, 'demo.failed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel demo-call" aria-labelledby="demo-call-title">
      <h2 id="demo-call-title">{t('demo.title')}</h2>
      <p className="muted">{t('demo.hint')}</p>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="button button-secondary button-block" onClick={ring} disabled={busy}>
        {t('demo.simulateCall')}
      </button>
    </section>
  );
}
