import { useEffect, useId, useState } from 'react';
import type { DeviceOut } from '../../../src/contract/devices.js';
import { formatCalendarDay, formatEuros, formatPhone } from '../format.js';
import { call, MyApiError } from './my-api.js';
import { useMyLanguage } from './my-i18n.js';
import { wordError } from './sign-in.js';

/**
 * The devices of the customer's lines (docs/self-service.md, "Devices"): make and model, the IMEI's last
 * digits, when bought, the warranty, what is left of an instalment plan, and whether it was reported
 * lost or stolen.
 */
export function Devices({ onSignedOut }: { onSignedOut: () => void }) {
  const { t, language } = useMyLanguage();
  const titleId = useId();
  const [items, setItems] = useState<DeviceOut[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call<{ items: DeviceOut[] }>('/devices').then(
      (answer) => setItems(answer.items),
      (e: unknown) => (e instanceof MyApiError && e.status === 401 ? onSignedOut() : setError(wordError(t, e).text)),
    );
  }, [onSignedOut, t]);

  const day = (value: string) => formatCalendarDay(value, language);
  return (
    <section className="my-card my-devices" aria-labelledby={titleId} aria-busy={items === null && error === null}>
      <h2 id={titleId} className="my-section">{t('devices.title')}</h2>
      <p className="my-muted">{t('devices.intro')}</p>
      {error && <p className="my-error" role="alert">{error}</p>}
      {items?.length === 0 && <p>{t('devices.none')}</p>}
      {items && items.length > 0 && (
        <ul className="my-list">
          {items.map((d) => (
            <li key={`${d.msisdn}:${d.imei}:${d.purchasedOn}`}>
              <p className="my-list-title my-bill-head">
                <span>{d.make} {d.model}</span>
                <span className={`my-state is-${d.status === 'active' ? 'closed' : d.status === 'replaced' ? 'due' : 'overdue'}`}>{t(`devices.statuses.${d.status}`)}</span>
              </p>
              <p className="my-muted">{t('devices.line', { number: formatPhone(d.msisdn) })} · {t('devices.imei', { imei: d.imei })}</p>
              <p>{t('devices.purchased', { date: day(d.purchasedOn) })} · {t(d.underWarranty ? 'devices.warranty' : 'devices.warrantyOver', { date: day(d.warrantyUntil) })}</p>
              {d.instalments && (
                <p>{d.instalments.remainingCents > 0 ? t('devices.instalments', { amount: formatEuros(d.instalments.remainingCents, language), date: day(d.instalments.lastOn) }) : t('devices.instalmentsPaid')}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
