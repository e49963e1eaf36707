import { useId } from 'react';
import type { DevicePageOut } from '../../../src/contract/devices.js';
import type { LinePlanOut, PlanChangeOut } from '../../../src/contract/plan-changes.js';
import { enc, request } from '../api.js';
import { formatCalendarDay, formatDate, formatEuros, formatPhone } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { CustomerCard } from '../types.js';
import { useLoad } from '../use-load.js';
import { LoadState } from './load-state.js';

/** The most lines whose plan the card loads at once, the most devices it lists (a business may have hundreds). */
const MAX_LINES = 3;
const MAX_DEVICES = 5;

const linesApi = {
  plan: (msisdn: string) => request<LinePlanOut>('GET', `/api/v1/lines/${enc(msisdn)}/plan`),
  devices: (customerId: string) => request<DevicePageOut>('GET', `/api/v1/customers/${enc(customerId)}/devices?limit=200`),
};

/**
 * On the customer's card, compact: each mobile line's plan, the change that waits for the next period
 * and the last changes (who asked, when, from which period), and the customer's devices with their
 * status, warranty and instalments (docs/self-service.md, "Changing plan", "Devices").
 */
export function CustomerPlansAndDevices({ customerId, accounts, readsPlans, readsDevices }: { customerId: string; accounts: CustomerCard['accounts']; readsPlans: boolean; readsDevices: boolean }) {
  const t = useT();
  const titleId = useId();
  const lines = accounts.flatMap((a) => a.lines).filter((l) => l.kind === 'mobile' && l.status !== 'terminated').slice(0, MAX_LINES);
  if ((!readsPlans || lines.length === 0) && !readsDevices) return null;
  return (
    <section className="panel customer-plans" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('consumption.plans.title')}</h3>
      {readsPlans && lines.map((line) => <LinePlanSummary key={line.msisdn} msisdn={line.msisdn} />)}
      {readsDevices && <DeviceList customerId={customerId} />}
    </section>
  );
}

function LinePlanSummary({ msisdn }: { msisdn: string }) {
  const t = useT();
  const language = useLanguage();
  const loaded = useLoad(msisdn, () => linesApi.plan(msisdn));
  const plan = loaded.data;
  const day = (value: string) => formatCalendarDay(value, language);
  const by = (c: PlanChangeOut) => t(`consumption.plans.by.${c.requestedBy.kind}`, { name: c.requestedBy.name ?? '?' });
  return (
    <div className="line-plan" role="group" aria-label={formatPhone(msisdn)} aria-busy={loaded.loading}>
      <LoadState loaded={loaded} failed="consumption.plans.failed" />
      {plan && (
        <>
          <p>
            <strong>{formatPhone(msisdn)}</strong> · {t('consumption.plans.current', { plan: plan.plan.name ?? plan.plan.code })}
            {plan.plan.monthlyPriceCents !== null && <span className="muted"> · {formatEuros(plan.plan.monthlyPriceCents, language)}</span>}
          </p>
          {plan.pending && (
            <p className="notice notice-info">
              {t('consumption.plans.pending', { plan: plan.pending.to.name ?? plan.pending.to.code, date: day(plan.pending.effectiveFrom), requested: formatDate(plan.pending.requestedAt, language), by: by(plan.pending) })}
            </p>
          )}
          {plan.history.filter((c) => c.status !== 'pending').length > 0 && (
            <details>
              <summary>{t('consumption.plans.history')}</summary>
              <ul className="plan-list">
                {plan.history.filter((c) => c.status !== 'pending').slice(0, 5).map((c) => (
                  <li key={c.id}>
                    {t('consumption.plans.item', {
                      date: formatDate(c.requestedAt, language), from: c.from.name ?? c.from.code, to: c.to.name ?? c.to.code,
                      status: t(`consumption.plans.statuses.${c.status}`, { date: day(c.effectiveFrom) }), by: by(c),
                    })}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </div>
  );
}

function DeviceList({ customerId }: { customerId: string }) {
  const t = useT();
  const language = useLanguage();
  const loaded = useLoad(customerId, () => linesApi.devices(customerId));
  const items = loaded.data?.items ?? [];
  const day = (value: string) => formatCalendarDay(value, language);
  return (
    <div className="customer-devices" aria-busy={loaded.loading}>
      <LoadState loaded={loaded} failed="consumption.devices.failed" />
      {loaded.data && items.length === 0 && <p className="empty">{t('consumption.devices.none')}</p>}
      {items.length > 0 && (
        <ul className="plan-list">
          {items.slice(0, MAX_DEVICES).map((d) => (
            <li key={`${d.msisdn}:${d.imei}`} className={d.status === 'lost' || d.status === 'stolen' ? 'is-alert' : undefined}>
              <span>{t('consumption.devices.item', { make: d.make, model: d.model, imei: d.imei })}</span>{' '}
              <strong>{t(`consumption.devices.statuses.${d.status}`)}</strong>
              <br />
              <span className="muted">
                {formatPhone(d.msisdn)} · {t('consumption.devices.details', { purchased: day(d.purchasedOn) })} ·{' '}
                {t(d.underWarranty ? 'consumption.devices.warranty' : 'consumption.devices.warrantyOver', { date: day(d.warrantyUntil) })}
                {d.instalments && d.instalments.remainingCents > 0 && <> · {t('consumption.devices.instalments', { amount: formatEuros(d.instalments.remainingCents, language), date: day(d.instalments.lastOn) })}</>}
              </span>
            </li>
          ))}
        </ul>
      )}
      {items.length > MAX_DEVICES && <p className="muted">{t('consumption.devices.more', { count: items.length - MAX_DEVICES })}</p>}
    </div>
  );
}
