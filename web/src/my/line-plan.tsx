import { useCallback, useEffect, useId, useState } from 'react';
import type { LinePlanOut, PlanChangeOut, PlanOfferOut } from '../../../src/contract/plan-changes.js';
import { formatCalendarDay, formatDate, formatEuros, formatUsage } from '../format.js';
import { call, MyApiError } from './my-api.js';
import { useMyLanguage } from './my-i18n.js';
import { wordError } from './sign-in.js';

const path = (msisdn: string) => `/lines/${encodeURIComponent(msisdn)}`;
export const planApi = {
  plan: (msisdn: string) => call<LinePlanOut>(`${path(msisdn)}/plan`),
  offers: (msisdn: string) => call<{ items: PlanOfferOut[] }>(`${path(msisdn)}/plan-offers`),
  change: (msisdn: string, plan: string) => call<PlanChangeOut>(`${path(msisdn)}/plan-change`, { method: 'POST', body: { plan } }),
  cancel: (id: string) => call<PlanChangeOut>(`/plan-changes/${encodeURIComponent(id)}/cancel`, { method: 'POST' }),
};

/**
 * A line's plan in the app (docs/self-service.md, "Changing plan"): what it is, the change that waits
 * for the next period (cancellable), the account holder's choice of another plan among those offered,
 * with what it changes in the current period shown before confirming, and the history of changes.
 */
export function LinePlan({ msisdn, canChange, onChanged }: { msisdn: string; canChange: boolean; onChanged: () => void }) {
  const { t, language } = useMyLanguage();
  const ids = { title: useId(), choose: useId() };
  const [plan, setPlan] = useState<LinePlanOut | null>(null);
  const [offers, setOffers] = useState<PlanOfferOut[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const load = useCallback(() => planApi.plan(msisdn).then(setPlan, () => undefined), [msisdn]);
  useEffect(() => void load(), [load]);

  const day = (value: string) => formatCalendarDay(value, language);
  const euros = (cents: number) => formatEuros(cents, language);
  const amount = (value: number | null, unit: 'bytes' | 'seconds' | 'messages') => (value === null ? t('plan.unlimited') : value === 0 ? t('plan.notIncluded') : formatUsage(value, unit, language));

  async function act(run: () => Promise<PlanChangeOut>, done: (change: PlanChangeOut) => string) {
    setBusy(true);
    try {
      const change = await run();
      setMessage({ ok: true, text: done(change) });
      setOffers(null);
      setChosen(null);
      await load();
      onChanged();
    } catch (error) {
      setMessage({ ok: false, text: error instanceof MyApiError ? wordError(t, error).text : t('errors.generic') });
    } finally {
      setBusy(false);
    }
  }

  async function openOffers() {
    setMessage(null);
    try {
      setOffers((await planApi.offers(msisdn)).items);
    } catch (error) {
      setMessage({ ok: false, text: wordError(t, error).text });
    }
  }

  if (!plan) return null;
  const offer = offers?.find((o) => o.plan.code === chosen);
  return (
    <div className="my-limit my-line-plan" role="group" aria-labelledby={ids.title}>
      <h4 id={ids.title}>{t('plan.title')}</h4>
      <p>{plan.plan.monthlyPriceCents === null ? plan.plan.code : t('plan.current', { name: plan.plan.name ?? plan.plan.code, price: euros(plan.plan.monthlyPriceCents) })}</p>
      {plan.pending && (
        <p className="my-stale">
          {t('plan.pending', { plan: plan.pending.to.name ?? plan.pending.to.code, date: day(plan.pending.effectiveFrom) })}{' '}
          {canChange && (
            <button type="button" className="my-link" disabled={busy} onClick={() => void act(() => planApi.cancel(plan.pending!.id), () => t('plan.cancelled'))}>
              {t('plan.cancel')}
            </button>
          )}
        </p>
      )}
      {canChange && !plan.pending && offers === null && plan.lineStatus !== 'terminated' && (
        <button type="button" className="my-secondary" onClick={() => void openOffers()}>{t('plan.change')}</button>
      )}
      {offers !== null && (
        <form className="my-form" onSubmit={(e) => (e.preventDefault(), offer && void act(() => planApi.change(msisdn, offer.plan.code), (c) => c.status === 'applied' ? t('plan.applied', { plan: c.to.name ?? c.to.code }) : t('plan.scheduled', { plan: c.to.name ?? c.to.code, date: day(c.effectiveFrom) })))}>
          {offers.length === 0 && <p>{t('plan.none')}</p>}
          {offers.length > 0 && (
            <fieldset className="my-plan-offers">
              <legend id={ids.choose}>{t('plan.choose')}</legend>
              {offers.map((o) => (
                <label key={o.plan.code} className="my-check">
                  <input type="radio" name={`plan-${msisdn}`} value={o.plan.code} checked={chosen === o.plan.code} onChange={() => setChosen(o.plan.code)} />
                  <span>
                    <strong>{o.plan.name}</strong> · {t('plan.monthly', { price: euros(o.plan.monthlyPriceCents) })}
                    <br />
                    <span className="my-muted">{o.kind === 'upgrade' ? t('plan.now') : t('plan.from', { date: day(o.effectiveFrom) })}</span>
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          {offer && (
            <div className="my-plan-preview" aria-live="polite">
              <p className="my-list-title">{t('plan.preview', { plan: offer.plan.name })}</p>
              <ul>
                {offer.buckets.map((b) => (
                  <li key={b.type}>{t('plan.allowance', { bucket: t(`consumption.buckets.${b.type}`), before: amount(b.allowance.before, b.unit), after: amount(b.allowance.after, b.unit) })}</li>
                ))}
              </ul>
              {offer.kind === 'upgrade' ? (
                <p>{t('plan.outOfBundle', { before: euros(offer.buckets.reduce((s, b) => s + b.chargedCents.before, 0)), after: euros(offer.buckets.reduce((s, b) => s + b.chargedCents.after, 0)) })}</p>
              ) : (
                <p>{t('plan.nothingNow', { date: day(plan.period.end) })}</p>
              )}
            </div>
          )}
          <div className="my-inline-form">
            {offer && <button type="submit" className="my-primary" disabled={busy}>{t('plan.confirm')}</button>}
            <button type="button" className="my-link" onClick={() => (setOffers(null), setChosen(null))}>{t('plan.back')}</button>
          </div>
        </form>
      )}
      {message && <p className={message.ok ? 'my-done' : 'my-error'} role={message.ok ? 'status' : 'alert'}>{message.text}</p>}
      {plan.history.length > 0 && (
        <details className="my-plan-history">
          <summary>{t('plan.history')}</summary>
          <ul>
            {plan.history.map((c) => (
              <li key={c.id}>
                {t('plan.historyItem', {
                  date: formatDate(c.requestedAt, language), from: c.from.name ?? c.from.code, to: c.to.name ?? c.to.code,
                  status: t(`plan.statuses.${c.status}`, { date: day(c.effectiveFrom) }), by: t(`plan.by.${c.requestedBy.kind}`),
                })}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
