import { useId } from 'react';
import { formatPhone } from '../format.js';
import { useT, type MessageKey, type Translate } from '../i18n/index.js';
import type { CustomerCard } from '../types.js';

/** A translated value when the console knows it, the raw value otherwise. */
export function labelOf(t: Translate, group: string, value: string): string {
  const key = `${group}.${value}`;
  const text = t(key as MessageKey);
  return text === key ? value : text;
}

export function CustomerAccounts({ accounts }: { accounts: CustomerCard['accounts'] }) {
  const t = useT();
  // unique: the same panel may be on the console and on a case page at once
  const titleId = useId();
  return (
    <section className="panel" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('card.accounts')}</h3>
      {accounts.length === 0 && <p className="empty">{t('card.noAccounts')}</p>}
      {accounts.map((account) => (
        <div key={account.id} className="account">
          <div className="account-head">
            <h4>{t('card.account', { number: account.accountNumber })}</h4>
            <span className={`badge badge-status badge-status-${account.status}`}>{labelOf(t, 'statuses', account.status)}</span>
            <span className={`badge badge-segment badge-${account.segment}`}>{t(`segments.${account.segment}`)}</span>
          </div>
          <p className="account-manager">
            {account.accountManager ? (
              <>
                <span className="muted">{t('card.accountManager')}</span> <strong>{account.accountManager.name}</strong>{' '}
                <a href={`mailto:${account.accountManager.email}`}>{account.accountManager.email}</a>
              </>
            ) : (
              <span className="muted">{t('card.noAccountManager')}</span>
            )}
          </p>
          {account.lines.length === 0 ? (
            <p className="empty">{t('card.noLines')}</p>
          ) : (
            <table className="lines">
              <thead>
                <tr>
                  <th scope="col">{t('card.line')}</th>
                  <th scope="col">{t('card.plan')}</th>
                  <th scope="col">{t('card.status')}</th>
                </tr>
              </thead>
              <tbody>
                {account.lines.map((line) => (
                  <tr key={line.msisdn}>
                    <td>
                      <span className="phone">{formatPhone(line.msisdn)}</span>
                      <span className="muted line-kind"> · {labelOf(t, 'lineKinds', line.kind)}</span>
                    </td>
                    <td>{line.plan}</td>
                    <td>
                      <span className={`badge badge-status badge-status-${line.status}`}>{labelOf(t, 'statuses', line.status)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
    </section>
  );
}
