import { useId } from 'react';
import { usageApi } from '../api-usage.js';
import { formatCalendarDay, formatCountry, formatEuros, formatDateTime, formatPhone, formatUsage } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { CustomerCard, LineConsumption } from '../types.js';
import { useLoad } from '../use-load.js';
import { LoadState } from './load-state.js';

/** The most lines whose consumption the card loads at once (a business account may have hundreds). */
const MAX_LINES = 3;

/**
 * On the customer's card: each mobile line's consumption in its current billing period, bucket by
 * bucket against the plan's allowance, and the out-of-bundle amount, so the advisor sees why the
 * customer calls ("data exhausted since yesterday") as the customer sees it (docs/self-service.md).
 */
export function CustomerConsumption({ accounts }: { accounts: CustomerCard['accounts'] }) {
  const t = useT();
  const titleId = useId();
  const lines = accounts.flatMap((a) => a.lines).filter((l) => l.kind === 'mobile' && l.status !== 'terminated').slice(0, MAX_LINES);
  if (lines.length === 0) return null;
  return (
    <section className="panel customer-consumption" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('consumption.title')}</h3>
      {lines.map((line) => (
        <LineUsage key={line.msisdn} msisdn={line.msisdn} />
      ))}
    </section>
  );
}

function LineUsage({ msisdn }: { msisdn: string }) {
  const t = useT();
  const language = useLanguage();
  const headingId = useId();
  const loaded = useLoad(msisdn, () => usageApi.consumption(msisdn));
  const data = loaded.data;
  return (
    <div className="line-usage" aria-labelledby={headingId} role="group" aria-busy={loaded.loading}>
      <h4 id={headingId}>
        {t('consumption.line', { number: formatPhone(msisdn) })}
        {data && <span className="muted"> · {data.plan.name ?? data.plan.code}</span>}
      </h4>
      <LoadState loaded={loaded} failed="consumption.failed" />
      {data && <UsageFigures data={data} />}
      {data && (
        <p className="muted usage-period">
          {t('consumption.period', { start: formatCalendarDay(data.period.start, language, 'short'), end: formatCalendarDay(data.period.end, language, 'short') })}
          {data.updatedAt && <> · {t('consumption.updated', { time: formatDateTime(data.updatedAt, language) })}</>}
        </p>
      )}
    </div>
  );
}

function UsageFigures({ data }: { data: LineConsumption }) {
  const t = useT();
  const language = useLanguage();
  if (data.plan.name === null && data.buckets.length === 0) return <p className="empty">{t('consumption.planUnknown', { plan: data.plan.code })}</p>;
  // a line not used yet this period: one line, so that the lines that were used stay in view
  if (data.updatedAt === null) return <p className="empty">{t('consumption.noUsage')}</p>;
  return (
    <>
      {data.plan.name === null && <p className="muted">{t('consumption.planUnknown', { plan: data.plan.code })}</p>}
      <ul className="usage-buckets">
        {data.buckets.map((b) => {
          const used = formatUsage(b.used, b.unit, language);
          const label = t(`consumption.buckets.${b.type}`);
          // unlimited, or not included at all (every unit charged): no bar to fill
          if (b.allowance === null || b.allowance === 0) {
            return (
              <li key={b.type} className="usage-bucket">
                <span className="usage-label">{label}</span>
                <span className="usage-amount">{t(b.allowance === null ? 'consumption.usedUnlimited' : 'consumption.usedNotIncluded', { used })}</span>
              </li>
            );
          }
          const over = b.used > b.allowance;
          const share = (100 * b.used) / b.allowance;
          const text = t('consumption.usedOf', { used, allowance: formatUsage(b.allowance, b.unit, language) });
          return (
            <li key={b.type} className={`usage-bucket${over ? ' is-over' : share >= 80 ? ' is-near' : ''}`}>
              <span className="usage-label" id={`usage-${data.msisdn}-${b.type}`}>{label}</span>
              <meter min={0} max={b.allowance} value={Math.min(b.used, b.allowance)} low={b.allowance * 0.8} high={b.allowance * 0.999} optimum={0}
                aria-labelledby={`usage-${data.msisdn}-${b.type}`} aria-valuetext={text} />
              <span className="usage-amount">
                {text}
                {over && <strong> · {t('consumption.beyond', { amount: formatUsage(b.used - b.allowance, b.unit, language) })}</strong>}
              </span>
            </li>
          );
        })}
      </ul>
      {data.alerts.length > 0 && (
        <div className="usage-alerts">
          <h5>{t('consumption.alertsTitle')}</h5>
          <ul>
            {data.alerts.map((a) => (
              <li key={`${a.type}:${a.country ?? ''}:${a.at}`}>
                {t(`consumption.alerts.${a.type}`, { time: formatDateTime(a.at, language), country: a.country ? formatCountry(a.country, language) : '' })}
                {a.status === 'failed' && <strong> · {t('consumption.alertFailed')}</strong>}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="usage-out-of-bundle">
        {data.outOfBundle.used > 0 ? <strong>{t('consumption.outOfBundle', { amount: formatEuros(data.outOfBundle.used, language) })}</strong> : <span className="muted">{t('consumption.noOutOfBundle')}</span>}
      </p>
    </>
  );
}
