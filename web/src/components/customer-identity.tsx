import { formatDate } from '../format.js';
import { useLanguage, useT, type MessageKey } from '../i18n/index.js';
import { useId, type Ref } from 'react';
import type { CustomerCard } from '../types.js';

/** Days of the first-contact-resolution window the repeat warning refers to (server default). */
export const FCR_WINDOW_DAYS = 7;

/** Who the customer is, at a glance: name, number, badges, language, consents (a STOP by SMS shown as such) and the repeat warning. */
export function CustomerIdentity({
  card,
  headingRef,
  repeatWarning = true,
}: {
  card: CustomerCard;
  headingRef?: Ref<HTMLHeadingElement> | undefined;
  /** false where "why they may be calling" (call-reasons.tsx) already says it */
  repeatWarning?: boolean;
}) {
  const t = useT();
  // unique: the same panel may be on the console and on a case page at once
  const titleId = useId();
  const language = useLanguage();
  const { customer, flags } = card;
  const yesNo = (value: boolean) => (value ? t('card.yes') : t('card.no'));
  // A STOP by SMS stops every survey to that number, whatever the consent recorded: the card says so.
  const optOut = card.optOuts[0];
  const surveys = optOut ? t('callscreen.optOut.value', { date: formatDate(optOut.at, language) }) : yesNo(customer.consents.surveys);
  return (
    <section className="panel identity" aria-labelledby={titleId}>
      <div className="identity-top">
        <div>
          <h2 id={titleId} ref={headingRef} tabIndex={-1} className="customer-name">
            {customer.displayName}
          </h2>
          <p className="customer-number">
            <span className="muted">{t('card.customerNumber')}</span> <strong>{customer.customerNumber}</strong>
          </p>
        </div>
        <ul className="badges" aria-label={t('card.segment')}>
          <li>
            <span className="badge badge-kind">{customer.kind === 'organisation' ? t('card.organisation') : t('card.individual')}</span>
          </li>
          <li>
            <span className={`badge badge-segment badge-${card.segment}`}>{t(`segments.${card.segment}`)}</span>
          </li>
          {flags.businessAccount && card.segment !== 'business' && (
            <li>
              <span className="badge badge-business">{t('card.business')}</span>
            </li>
          )}
        </ul>
      </div>
      <dl className="facts">
        <div>
          <dt>{t('card.language')}</dt>
          <dd lang={customer.preferredLanguage}>{t(`language.${customer.preferredLanguage}` as MessageKey)}</dd>
        </div>
        {customer.locality && (
          <div>
            <dt>{t('customerSearch.locality')}</dt>
            <dd>{customer.locality}</dd>
          </div>
        )}
        <div>
          <dt>{t('card.since')}</dt>
          <dd>{formatDate(customer.customerSince, language)}</dd>
        </div>
        <div>
          <dt>{t('card.consents')}</dt>
          <dd data-testid="identity-consents">
            <span className={optOut ? 'consent-opted-out' : undefined}>{t('common.labelValue', { label: t('card.consentSurveys'), value: surveys })}</span> ·{' '}
            {t('common.labelValue', { label: t('card.consentMarketing'), value: yesNo(customer.consents.marketing) })}
          </dd>
        </div>
      </dl>
      {repeatWarning && flags.repeatContact && (
        <p className="notice notice-warning repeat-warning" role="note">
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
            <path d="M12 3l10 18H2zM12 10v5M12 18v.5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          <span>{t('card.repeatContact', { count: flags.recentContacts, days: FCR_WINDOW_DAYS })}</span>
        </p>
      )}
    </section>
  );
}
