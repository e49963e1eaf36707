import { useEffect, useId, useState, type FormEvent } from 'react';
import { myApi, MyApiError } from './my-api.js';
import { useMyLanguage } from './my-i18n.js';
import { wordError } from './sign-in.js';

/** The customer's choices (satisfaction surveys, marketing) and the download of their data (GDPR art. 15). */
export function MyData({ onSignedOut }: { onSignedOut: () => void }) {
  const { t } = useMyLanguage();
  const ids = { title: useId(), download: useId() };
  const [choices, setChoices] = useState<{ surveys: boolean; marketing: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const failed = (e: unknown) => {
    if (e instanceof MyApiError && e.status === 401) return onSignedOut();
    setMessage({ ok: false, text: wordError(t, e).text });
  };
  useEffect(() => {
    myApi.consents().then((c) => setChoices({ surveys: c.surveys, marketing: c.marketing }), failed);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!choices) return;
    setBusy(true);
    try {
      const saved = await myApi.saveConsents(choices);
      setChoices({ surveys: saved.surveys, marketing: saved.marketing });
      setMessage({ ok: true, text: t('data.saved') });
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form className="my-card my-form" onSubmit={save} aria-labelledby={ids.title} aria-busy={choices === null}>
        <h2 id={ids.title} className="my-section">{t('data.title')}</h2>
        {choices && (
          <>
            <label className="my-check">
              <input type="checkbox" checked={choices.surveys} onChange={(e) => setChoices({ ...choices, surveys: e.target.checked })} />
              <span>{t('data.surveys')}</span>
            </label>
            <label className="my-check">
              <input type="checkbox" checked={choices.marketing} onChange={(e) => setChoices({ ...choices, marketing: e.target.checked })} />
              <span>{t('data.marketing')}</span>
            </label>
            <button type="submit" className="my-primary" disabled={busy}>{t('data.save')}</button>
          </>
        )}
        {message && <p className={message.ok ? 'my-done' : 'my-error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
      </form>
      <section className="my-card" aria-labelledby={ids.download}>
        <h2 id={ids.download} className="my-section">{t('data.downloadTitle')}</h2>
        <p>{t('data.downloadIntro')}</p>
        <a className="my-secondary my-button-link" href="/api/v1/my/data-export?format=zip" download>{t('data.download')}</a>
      </section>
    </>
  );
}
