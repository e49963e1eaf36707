import { useEffect, useRef, useState } from 'react';
import { after, api } from '../api.js';
import { errorMessage } from '../error-message.js';
import { formatDateTime, formatPhone } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { OptOut } from '../types.js';

const PAGE = 50;

/** Numbers that replied STOP, newest first, 50 at a time. */
export function OptOutList() {
  const t = useT();
  const language = useLanguage();
  const [items, setItems] = useState<OptOut[] | undefined>();
  const [more, setMore] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const cancelled = useRef(false);

  useEffect(() => {
    cancelled.current = false;
    api
      .optOuts({ limit: PAGE })
      .then((answer) => {
        if (cancelled.current) return;
        setItems(answer.items);
        setMore(answer.next !== null);
      })
      .catch((caught) => !cancelled.current && setError(errorMessage(caught, t, 'surveys.failed')));
    return () => {
      cancelled.current = true;
    };
  }, []);

  async function older() {
    const last = items?.[items.length - 1];
    if (!items || !last) return;
    setLoadingMore(true);
    setError(undefined);
    try {
      const answer = await api.optOuts({ limit: PAGE, before: after(last.optedOutAt, last.msisdn) });
      if (cancelled.current) return;
      const known = new Set(items.map((i) => i.msisdn));
      setItems([...items, ...answer.items.filter((i) => !known.has(i.msisdn))]);
      setMore(answer.next !== null);
    } catch (caught) {
      if (!cancelled.current) setError(errorMessage(caught, t, 'surveys.failed'));
    } finally {
      if (!cancelled.current) setLoadingMore(false);
    }
  }

  return (
    <section className="panel admin-panel" aria-labelledby="opt-outs-title">
      <h2 id="opt-outs-title">{t('optOuts.title')}</h2>
      <p className="muted">{t('optOuts.hint')}</p>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {!items && !error && <p className="muted">{t('app.loading')}</p>}
      {items && items.length === 0 && <p className="empty">{t('optOuts.empty')}</p>}
      {items && items.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="opt-outs-title" tabIndex={0}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('optOuts.number')}</th>
                <th scope="col">{t('optOuts.at')}</th>
                <th scope="col">{t('optOuts.keyword')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.msisdn}>
                  <td>
                    <span className="phone">{formatPhone(item.msisdn)}</span>
                  </td>
                  <td>
                    <time dateTime={item.optedOutAt}>{formatDateTime(item.optedOutAt, language)}</time>
                  </td>
                  <td>
                    <code>{item.keyword}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more && (
        <button type="button" className="button button-secondary button-block" onClick={older} disabled={loadingMore} aria-busy={loadingMore}>
          {loadingMore ? t('surveys.loadingOlder') : t('surveys.older')}
        </button>
      )}
    </section>
  );
}
