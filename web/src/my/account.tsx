import { useCallback, useEffect, useId, useState } from 'react';
import type { MyAccountOut } from '../../../src/contract/self-service.js';
import type { LineConsumptionOut } from '../../../src/contract/usage.js';
import { formatCalendarDay, formatCountry, formatDateTime, formatEuros, formatPhone, formatUsage } from '../format.js';
import { myApi, MyApiError } from './my-api.js';
import { Complaints } from './complaints.js';
import { Contacts } from './contacts.js';
import { MyData } from './my-data.js';
import { Bills } from './bills.js';
import { CallbackRequest } from './callback.js';
import { RoamingLimit } from './roaming-limit.js';
import { Devices } from './devices.js';
import { LinePlan } from './line-plan.js';
import { Security } from './security.js';
import { useMyLanguage } from './my-i18n.js';

/** The sections of the signed-in app, each at its own address (#/contacts…), so the back button and a bookmark work. */
const SECTIONS = ['usage', 'devices', 'bills', 'contacts', 'complaints', 'data', 'security'] as const;
/** What only the account holder sees (a business's line user does not: the company's bills and records). */
const HOLDER_ONLY: ReadonlySet<Section> = new Set(['bills', 'data']);
type Section = (typeof SECTIONS)[number];
const sectionOf = (hash: string): Section => {
  const name = hash.replace(/^#\/?/, '');
  return (SECTIONS as readonly string[]).includes(name) ? (name as Section) : 'usage';
};

function useSection(): Section {
  const [section, setSection] = useState<Section>(() => sectionOf(location.hash));
  useEffect(() => {
    const onHash = () => setSection(sectionOf(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return section;
}

/** How often the open page asks for fresh figures (and at once when it comes back into view). */
const REFRESH_MS = 15_000;
const LAST_KNOWN = 'ecoute-my-last-known';

/** What the app shows when it cannot reach the server: the last figures it had, with their time. Kept on this device only, removed at sign-out. */
interface LastKnown {
  at: string;
  account: MyAccountOut;
  consumption: Record<string, LineConsumptionOut>;
}

export const readLastKnown = (): LastKnown | null => {
  try {
    return JSON.parse(localStorage.getItem(LAST_KNOWN) ?? 'null') as LastKnown | null;
  } catch {
    return null;
  }
};
export const forgetLastKnown = () => localStorage.removeItem(LAST_KNOWN);

/** The signed-in customer's page: their lines and each one's consumption in its billing period, kept fresh while open. */
export function Account({ initial, onSignedOut }: { initial: LastKnown | { account: MyAccountOut; at?: undefined; consumption?: undefined }; onSignedOut: () => void }) {
  const { t, language } = useMyLanguage();
  const section = useSection();
  const [account, setAccount] = useState(initial.account);
  const [consumption, setConsumption] = useState<Record<string, LineConsumptionOut>>(initial.consumption ?? {});
  const [stale, setStale] = useState<{ at: string; offline: boolean } | null>(initial.at ? { at: initial.at, offline: !navigator.onLine } : null);
  const [failed, setFailed] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const fresh = await myApi.account();
      const lines = fresh.lines.filter((l) => l.kind === 'mobile' && l.status !== 'terminated');
      const figures = Object.fromEntries(await Promise.all(lines.map(async (l) => [l.msisdn, await myApi.consumption(l.msisdn)] as const)));
      setAccount(fresh);
      setConsumption(figures);
      setStale(null);
      setFailed(false);
      localStorage.setItem(LAST_KNOWN, JSON.stringify({ at: new Date().toISOString(), account: fresh, consumption: figures } satisfies LastKnown));
    } catch (error) {
      if (error instanceof MyApiError && error.status === 401) return onSignedOut();
      const last = readLastKnown();
      if (last) setStale({ at: last.at, offline: error instanceof MyApiError && error.code === 'offline' });
      else setFailed(true);
    }
  }, [onSignedOut]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => document.visibilityState === 'visible' && void refresh(), REFRESH_MS);
    const onVisible = () => document.visibilityState === 'visible' && void refresh();
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('online', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('online', onVisible);
    };
  }, [refresh]);

  async function signOut() {
    await myApi.signOut().catch(() => undefined);
    forgetLastKnown();
    onSignedOut();
  }

  const lines = account.lines.filter((l) => l.kind === 'mobile' && l.status !== 'terminated');
  return (
    <main className="my-account" aria-labelledby="my-hello">
      <div className="my-who">
        <div>
          <h1 id="my-hello">{t('account.hello', { name: account.customer.displayName })}</h1>
          <p className="my-muted">{t('account.customerNumber', { number: account.customer.customerNumber })}</p>
        </div>
        <div className="my-actions">
          <button type="button" className="my-link" onClick={() => void refresh()}>{t('account.refresh')}</button>
          <button type="button" className="my-secondary" onClick={() => void signOut()}>{t('account.signOut')}</button>
        </div>
      </div>
      {stale && <p className="my-stale" role="status">{t(stale.offline ? 'account.offline' : 'account.stale', { time: formatDateTime(stale.at, language) })}</p>}
      {failed && <p className="my-error" role="alert">{t('account.loadFailed')}</p>}
      {account.scope === 'line' && <p className="my-muted">{t('account.scopeLine')}</p>}
      <nav className="my-nav" aria-label={t('nav.label')}>
        {SECTIONS.filter((s) => !HOLDER_ONLY.has(s) || account.scope === 'account').map((s) => (
          <a key={s} href={s === 'usage' ? '#/' : `#/${s}`} aria-current={s === section ? 'page' : undefined}>{t(`nav.${s}`)}</a>
        ))}
      </nav>
      {section === 'usage' && (
        <>
          <h2 className="my-section">{t('account.lines')}</h2>
          {lines.length === 0 && <p>{t('account.noLines')}</p>}
          <div className="my-lines">
            {lines.map((line) => (
              <LineCard key={line.msisdn} msisdn={line.msisdn} plan={line.plan.name ?? line.plan.code} status={line.status} data={consumption[line.msisdn]} own={line.msisdn === account.signedInWith}
                canChoose={account.scope === 'account'} onChanged={(data) => setConsumption((current) => ({ ...current, [line.msisdn]: data }))} />
            ))}
          </div>
        </>
      )}
      {section === 'bills' && account.scope === 'account' && <Bills onSignedOut={onSignedOut} />}
      {section === 'contacts' && (
        <>
          <CallbackRequest account={account} onSignedOut={onSignedOut} />
          <Contacts onSignedOut={onSignedOut} />
        </>
      )}
      {section === 'complaints' && <Complaints account={account} onSignedOut={onSignedOut} />}
      {section === 'devices' && <Devices onSignedOut={onSignedOut} />}
      {section === 'data' && account.scope === 'account' && <MyData onSignedOut={onSignedOut} />}
      {section === 'security' && <Security account={account} onSignedOut={onSignedOut} onSignInAgain={() => void signOut()} />}
    </main>
  );
}

function LineCard({ msisdn, plan, status, data, own, canChoose, onChanged }: {
  msisdn: string; plan: string; status: 'active' | 'suspended' | 'terminated'; data: LineConsumptionOut | undefined; own: boolean;
  canChoose: boolean; onChanged: (data: LineConsumptionOut) => void;
}) {
  const { t, language } = useMyLanguage();
  const headingId = useId();
  return (
    <section className="my-card my-line" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t(own ? 'account.yourLine' : 'account.line', { number: formatPhone(msisdn) })}
        <span className="my-plan">{plan}</span>
      </h3>
      {status !== 'active' && <p className="my-badge">{t(`account.lineStatus.${status}`)}</p>}
      {data && (
        <p className="my-muted">
          {t('usage.period', { start: formatCalendarDay(data.period.start, language, 'short'), end: formatCalendarDay(data.period.end, language, 'short') })}
          {data.updatedAt && <> · {t('usage.updated', { time: formatDateTime(data.updatedAt, language) })}</>}
        </p>
      )}
      {data && data.updatedAt === null && <p>{t('usage.noUsage')}</p>}
      {data && data.updatedAt !== null && (
        <ul className="my-buckets">
          {data.buckets.map((b) => {
            const label = t(`consumption.buckets.${b.type}`);
            const used = formatUsage(b.used, b.unit, language);
            if (b.allowance === null || b.allowance === 0) {
              return (
                <li key={b.type} className="my-bucket">
                  <span className="my-bucket-label">{label}</span>
                  <span className="my-bucket-amount">{t(b.allowance === null ? 'consumption.usedUnlimited' : 'consumption.usedNotIncluded', { used })}</span>
                </li>
              );
            }
            const share = Math.min(100, (100 * b.used) / b.allowance);
            const text = t('consumption.usedOf', { used, allowance: formatUsage(b.allowance, b.unit, language) });
            const state = b.used > b.allowance ? ' is-over' : share >= 80 ? ' is-near' : '';
            return (
              <li key={b.type} className={`my-bucket${state}`}>
                <span className="my-bucket-label" id={`my-${msisdn}-${b.type}`}>{label}</span>
                <span className="my-bar" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share)} aria-valuetext={text} aria-labelledby={`my-${msisdn}-${b.type}`}>
                  <span className="my-bar-fill" style={{ inlineSize: `${share}%` }} />
                </span>
                <span className="my-bucket-amount">
                  {text}
                  {b.remaining !== null && b.remaining > 0 && <> · {t('usage.remaining', { amount: formatUsage(b.remaining, b.unit, language) })}</>}
                  {b.used > b.allowance && <strong> · {t('consumption.beyond', { amount: formatUsage(b.used - b.allowance, b.unit, language) })}</strong>}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {data && <RoamingLimit data={data} canChoose={canChoose} onChanged={onChanged} />}
      <LinePlan msisdn={msisdn} canChange={canChoose} onChanged={() => void myApi.consumption(msisdn).then(onChanged, () => undefined)} />
      {data && data.outOfBundle.used > 0 && <p className="my-out"><strong>{t('consumption.outOfBundle', { amount: formatEuros(data.outOfBundle.used, language) })}</strong></p>}
      {data && data.alerts.length > 0 && (
        <div className="my-alerts">
          <h4>{t('usage.alertsTitle')}</h4>
          <ul>
            {data.alerts.map((a) => (
              <li key={`${a.type}:${a.country ?? ''}:${a.at}`}>{t(`consumption.alerts.${a.type}`, { time: formatDateTime(a.at, language), country: a.country ? formatCountry(a.country, language) : '' })}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
