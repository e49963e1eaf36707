import { useEffect, useId, useState, type FormEvent } from 'react';
import type { MyAccountOut, MyComplaintsOut } from '../../../src/contract/self-service.js';
import { formatDate, formatPhone } from '../format.js';
import { myApi, MyApiError } from './my-api.js';
import { useMyLanguage } from './my-i18n.js';
import { wordError } from './sign-in.js';

type Complaint = MyComplaintsOut['items'][number];

/** The customer's complaints and where each stands, and the form to file a new one. */
export function Complaints({ account, onSignedOut }: { account: MyAccountOut; onSignedOut: () => void }) {
  const { t, language } = useMyLanguage();
  const listId = useId();
  const [items, setItems] = useState<Complaint[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filed, setFiled] = useState<string | null>(null);

  async function load() {
    try {
      setItems((await myApi.complaints()).items);
    } catch (e) {
      if (e instanceof MyApiError && e.status === 401) return onSignedOut();
      setError(wordError(t, e).text);
    }
  }
  useEffect(() => void load(), []); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <>
      {filed && <p className="my-done" role="status">{t('complaints.filed', { reference: filed })}</p>}
      <ComplaintForm account={account} onFiled={(reference) => (setFiled(reference), void load())} onSignedOut={onSignedOut} />
      <section className="my-card" aria-labelledby={listId} aria-busy={items === null}>
        <h2 id={listId} className="my-section">{t('complaints.title')}</h2>
        {error && <p className="my-error" role="alert">{error}</p>}
        {items?.length === 0 && <p>{t('complaints.none')}</p>}
        {items && items.length > 0 && (
          <ul className="my-list">
            {items.map((c) => (
              <li key={c.id}>
                <p className="my-list-title">
                  {t('complaints.reference', { reference: c.reference })} <span className={`my-state is-${c.state}`}>{t(`complaints.states.${c.state}`)}</span>
                </p>
                <p>{c.category.label}{c.line && <> · {formatPhone(c.line)}</>}</p>
                <p className="my-muted">
                  {t('complaints.received', { date: formatDate(c.receivedAt, language) })}
                  {c.closedAt && <> · {t('complaints.closed', { date: formatDate(c.closedAt, language) })}</>}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function ComplaintForm({ account, onFiled, onSignedOut }: { account: MyAccountOut; onFiled: (reference: string) => void; onSignedOut: () => void }) {
  const { t, language } = useMyLanguage();
  const ids = { title: useId(), category: useId(), line: useId(), description: useId(), hint: useId(), error: useId() };
  const [categories, setCategories] = useState<{ code: string; label: string }[]>([]);
  const [category, setCategory] = useState('');
  const [msisdn, setMsisdn] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field?: string; text: string } | null>(null);
  const lines = account.lines.filter((l) => l.status !== 'terminated');

  useEffect(() => {
    myApi.complaintCategories().then((r) => setCategories(r.items), () => setCategories([]));
  }, [language]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!category) return setError({ field: 'category', text: t('complaints.categoryRequired') });
    if (description.trim().length < 10) return setError({ field: 'description', text: t('complaints.descriptionShort') });
    setBusy(true);
    setError(null);
    try {
      const filed = await myApi.fileComplaint({ category, description, ...(msisdn ? { msisdn } : {}) });
      setCategory('');
      setDescription('');
      setMsisdn('');
      onFiled(filed.reference);
    } catch (e) {
      if (e instanceof MyApiError && e.status === 401) return onSignedOut();
      setError(wordError(t, e));
    } finally {
      setBusy(false);
    }
  }

  const errorOf = (field: string) =>
    error?.field === field ? <p className="my-error" id={ids.error} role="alert">{error.text}</p> : null;
  return (
    <form className="my-card my-form" onSubmit={submit} noValidate aria-labelledby={ids.title}>
      <h2 id={ids.title} className="my-section">{t('complaints.newTitle')}</h2>
      <label htmlFor={ids.category}>{t('complaints.category')}</label>
      <select id={ids.category} value={category} onChange={(e) => setCategory(e.target.value)} aria-invalid={error?.field === 'category' || undefined}>
        <option value="">{t('complaints.chooseCategory')}</option>
        {categories.map((c) => (
          <option key={c.code} value={c.code}>{c.label}</option>
        ))}
      </select>
      {errorOf('category')}
      {lines.length > 0 && (
        <>
          <label htmlFor={ids.line}>{t('complaints.line')}</label>
          <select id={ids.line} value={msisdn} onChange={(e) => setMsisdn(e.target.value)} aria-invalid={error?.field === 'msisdn' || undefined}>
            <option value="">{t('complaints.noLine')}</option>
            {lines.map((l) => (
              <option key={l.msisdn} value={l.msisdn}>{formatPhone(l.msisdn)}</option>
            ))}
          </select>
          {errorOf('msisdn')}
        </>
      )}
      <label htmlFor={ids.description}>{t('complaints.description')}</label>
      <textarea id={ids.description} rows={5} maxLength={4000} value={description} onChange={(e) => setDescription(e.target.value)}
        aria-describedby={ids.hint} aria-invalid={error?.field === 'description' || undefined} />
      <p id={ids.hint} className="my-muted">{t('complaints.descriptionHint')}</p>
      {errorOf('description')}
      {error && !error.field && <p className="my-error" role="alert">{error.text}</p>}
      <button type="submit" className="my-primary" disabled={busy}>{busy ? t('complaints.submitting') : t('complaints.submit')}</button>
    </form>
  );
}
