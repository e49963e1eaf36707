import { useId } from 'react';
import type { MyContactsPageOut } from '../../../src/contract/self-service.js';
import { formatDateTime } from '../format.js';
import { myApi } from './my-api.js';
import { useMyLanguage } from './my-i18n.js';
import { usePages } from './use-pages.js';

type Contact = MyContactsPageOut['items'][number];

/** The customer's contacts on every channel, newest first, 20 at a time. */
export function Contacts({ onSignedOut }: { onSignedOut: () => void }) {
  const { t, language } = useMyLanguage();
  const titleId = useId();
  const { items, next, error, more } = usePages<Contact>(myApi.contacts, onSignedOut);

  return (
    <section className="my-card" aria-labelledby={titleId} aria-busy={items === null}>
      <h2 id={titleId} className="my-section">{t('contacts.title')}</h2>
      <p className="my-muted">{t('contacts.intro')}</p>
      {error && <p className="my-error" role="alert">{error}</p>}
      {items?.length === 0 && <p>{t('contacts.none')}</p>}
      {items && items.length > 0 && (
        <ol className="my-list">
          {items.map((c) => (
            <li key={c.id}>
              <p className="my-list-title">
                <span>{t(`channels.${c.channel}`)}</span> · <span className="my-muted">{t(`contacts.${c.direction}`)}</span>
              </p>
              <p>{c.reason?.label ?? c.reason?.code ?? t('contacts.noReason')}</p>
              <p className="my-muted">
                <time dateTime={c.startedAt}>{formatDateTime(c.startedAt, language)}</time>
                {c.resolved !== null && <> · {t(c.resolved ? 'contacts.resolved' : 'contacts.notResolved')}</>}
              </p>
            </li>
          ))}
        </ol>
      )}
      {next && (
        <button type="button" className="my-secondary" onClick={() => void more()}>
          {t('contacts.more')}
        </button>
      )}
    </section>
  );
}
