import { useId } from 'react';
import type { BillPageOut } from '../../../src/contract/billing.js';
import { formatCalendarDay, formatDate, formatEuros } from '../format.js';
import { myApi } from './my-api.js';
import { useMyLanguage } from './my-i18n.js';
import { usePages } from './use-pages.js';

type Bill = BillPageOut['items'][number];

/** The account holder's bills, newest first: amount, period, due day, paid or not, and the PDF. */
export function Bills({ onSignedOut }: { onSignedOut: () => void }) {
  const { t, language } = useMyLanguage();
  const titleId = useId();
  const { items, next, error, more } = usePages<Bill>(myApi.bills, onSignedOut);

  return (
    <section className="my-card" aria-labelledby={titleId} aria-busy={items === null}>
      <h2 id={titleId} className="my-section">{t('bills.title')}</h2>
      {error && <p className="my-error" role="alert">{error}</p>}
      {items?.length === 0 && <p>{t('bills.none')}</p>}
      {items && items.length > 0 && (
        <ul className="my-list">
          {items.map((b) => (
            <li key={b.billNumber}>
              <p className="my-list-title my-bill-head">
                <span>{t('bills.number', { number: b.billNumber })}</span>
                <span className="my-amount">{formatEuros(b.amountCents, language)}</span>
              </p>
              <p className="my-muted">{t('bills.period', { start: formatCalendarDay(b.period.start, language, 'short'), end: formatCalendarDay(b.period.end, language, 'short') })}</p>
              <p>
                <span className={`my-state is-${b.status === 'paid' ? 'closed' : b.status}`}>{t(`bills.status.${b.status}`)}</span>{' '}
                {b.paid && b.paidAt ? t('bills.paidOn', { date: formatDate(b.paidAt, language) }) : t('bills.due', { date: formatCalendarDay(b.dueOn, language) })}
              </p>
              {b.pdfUrl && (
                <p>
                  <a href={b.pdfUrl} target="_blank" rel="noopener noreferrer">{t('bills.pdf')}</a>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {next && (
        <button type="button" className="my-secondary" onClick={() => void more()}>
          {t('bills.more')}
        </button>
      )}
    </section>
  );
}
