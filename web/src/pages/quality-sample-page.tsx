import { useEffect, useRef, useState, type FormEvent } from 'react';
import { samplingApi, type ReplaceReason, type SampleDetail, type SampleItem, type SampleVerification } from '../api-quality-sampling.js';
import { LoadState } from '../components/load-state.js';
import { SampleReplaceForm } from '../components/sample-replace-form.js';
import { errorMessage } from '../error-message.js';
import { errorFor, fieldErrorsOf, type FieldErrors } from '../field-errors.js';
import { formatDateTime, formatDecimal, formatMonth, formatPercent } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import { useLoad } from '../use-load.js';
import { FieldError } from '../components/field-error.js';
import type { QualitySectionProps } from '../quality-section.js';
import { linkTo, routePath, type Route } from '../use-route.js';

/** The month before today's, YYYY-MM (Luxembourg): the month usually sampled. */
function previousMonth(now = new Date()): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Luxembourg', year: 'numeric', month: '2-digit' }).format(now).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * The quality coach's sample of the month (docs/quality.md, "Sampling"): the size per advisor with the
 * team's margin of error shown as it changes, sizing for a target margin, the draw, each item with why
 * it was drawn, replacing one with a reason, the CSV, re-deriving the draw from its seed.
 */
export function QualitySamplePage({ navigate }: Partial<Pick<QualitySectionProps, 'navigate'>> = {}) {
  const t = useT();
  const language = useLanguage();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const [period, setPeriod] = useState(previousMonth());
  const [perAdvisor, setPerAdvisor] = useState(4);
  const [oversample, setOversample] = useState(1);
  const [seed, setSeed] = useState('');
  const [target, setTarget] = useState(5);
  const [reloads, setReloads] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [verification, setVerification] = useState<SampleVerification>();
  const [withdrawReason, setWithdrawReason] = useState('');
  const [notice, setNotice] = useState<string>();

  const validSize = Number.isInteger(perAdvisor) && perAdvisor >= 1 && perAdvisor <= 200;
  const validTarget = target >= 0.5 && target <= 50;
  const plan = useLoad(validSize ? `${period}:${perAdvisor}:${validTarget ? target : ''}` : null, () =>
    samplingApi.plan({ period, perAdvisor, target: validTarget ? target / 100 : undefined }),
  );
  const samples = useLoad(`${period}:${reloads}`, () => samplingApi.list(period));
  const live = samples.data?.items.find((s) => s.period === period && s.withdrawn === null);
  const detail = useLoad(live ? `${live.id}:${reloads}` : null, () => samplingApi.get(live!.id));
  const sample = live && detail.data?.id === live.id ? detail.data : undefined;

  async function act(work: () => Promise<unknown>, done?: string) {
    setBusy(true);
    setFailure(undefined);
    setErrors({});
    setNotice(undefined);
    try {
      await work();
      if (done) setNotice(done);
      setReloads((n) => n + 1);
    } catch (caught) {
      setErrors(fieldErrorsOf(caught));
      setFailure(errorMessage(caught, t));
    } finally {
      setBusy(false);
    }
  }

  const draw = (event: FormEvent) => {
    event.preventDefault();
    void act(() => samplingApi.draw({ period, perAdvisor, oversample, seed: seed.trim() === '' ? undefined : seed.trim() }));
  };
  const points = (margin: number | null) => (margin === null ? '–' : formatDecimal(margin * 100, language, 1));
  const p = plan.data;

  return (
    <div className="page quality-sample-page">
      <div className="page-head">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('qualitySampling.title')}
        </h1>
        <p className="muted">{t('qualitySampling.intro')}</p>
      </div>
      <form className="panel sample-form" onSubmit={draw} noValidate aria-labelledby="sample-form-title">
        <h2 id="sample-form-title" className="visually-hidden">
          {t('qualitySampling.draw')}
        </h2>
        <div className="field">
          <label htmlFor="sample-period">{t('qualitySampling.period')}</label>
          <input id="sample-period" type="month" value={period} onChange={(e) => e.target.value && setPeriod(e.target.value)} />
          <FieldError id="sample-period-error" reason={errorFor(errors, 'period', t)} />
        </div>
        <div className="field">
          <label htmlFor="sample-per-advisor">{t('qualitySampling.perAdvisor')}</label>
          <input
            id="sample-per-advisor" type="number" min={1} max={200} step={1} value={Number.isNaN(perAdvisor) ? '' : perAdvisor}
            onChange={(e) => setPerAdvisor(e.target.valueAsNumber)} aria-describedby="sample-margin"
            {...(errors.perAdvisor ? { 'aria-invalid': true } : {})}
          />
          <FieldError id="sample-per-advisor-error" reason={errorFor(errors, 'perAdvisor', t)} />
        </div>
        <div className="field">
          <label htmlFor="sample-oversample">{t('qualitySampling.oversample')}</label>
          <input id="sample-oversample" type="number" min={0} max={50} step={1} value={Number.isNaN(oversample) ? '' : oversample} onChange={(e) => setOversample(e.target.valueAsNumber)} />
          <FieldError id="sample-oversample-error" reason={errorFor(errors, 'oversample', t)} />
        </div>
        <div className="field">
          <label htmlFor="sample-seed">{t('qualitySampling.seed')}</label>
          <input id="sample-seed" type="text" maxLength={100} value={seed} onChange={(e) => setSeed(e.target.value)} aria-describedby="sample-seed-hint" />
          <p id="sample-seed-hint" className="muted">
            {t('qualitySampling.seedHint')}
          </p>
          <FieldError id="sample-seed-error" reason={errorFor(errors, 'seed', t)} />
        </div>
        <p id="sample-margin" role="status" aria-live="polite">
          {p && (p.margin.population === 0
            ? t('qualitySampling.marginNone')
            : t('qualitySampling.margin', { points: points(p.margin.margin), n: p.margin.n, advisors: p.advisors, population: p.margin.population }))}
        </p>
        <div className="field">
          <label htmlFor="sample-target">{t('qualitySampling.target')}</label>
          <input id="sample-target" type="number" min={0.5} max={50} step={0.5} value={Number.isNaN(target) ? '' : target} onChange={(e) => setTarget(e.target.valueAsNumber)} aria-describedby="sample-target-result" />
          <p id="sample-target-result" aria-live="polite">
            {p?.target && p.target.perAdvisor !== null && (
              <>
                {t('qualitySampling.targetResult', { target: formatDecimal(target, language, 1), size: p.target.size, perAdvisor: p.target.perAdvisor })}{' '}
                <button type="button" className="button button-secondary button-small" onClick={() => setPerAdvisor(Math.min(200, p.target!.perAdvisor!))}>
                  {t('qualitySampling.useTarget')}
                </button>
              </>
            )}
          </p>
        </div>
        {failure && (
          <p className="notice notice-error" role="alert">
            {failure}
          </p>
        )}
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        {!live && (
          <button type="submit" className="button" disabled={busy || !validSize}>
            {busy ? t('qualitySampling.drawing') : t('qualitySampling.draw')}
          </button>
        )}
      </form>
      <LoadState loaded={live ? detail : samples} failed="qualitySampling.failed" />
      {samples.data && !live && <p className="muted">{t('qualitySampling.noSample')}</p>}
      {sample && (
        <SampleView
          navigate={navigate}
          sample={sample}
          busy={busy}
          verification={verification}
          onVerify={() => void act(async () => setVerification(await samplingApi.verify(sample.id)))}
          onReplace={(item, reason, note) => act(() => samplingApi.replace(sample.id, item.id, { reason, note }))}
          withdrawReason={withdrawReason}
          onWithdrawReason={setWithdrawReason}
          onWithdraw={() => void act(async () => {
            await samplingApi.withdraw(sample.id, withdrawReason);
            setWithdrawReason('');
            setVerification(undefined);
          }, t('qualitySampling.withdrawn'))}
          withdrawError={errorFor(errors, 'reason', t)}
          periodLabel={formatMonth(period, language)}
          share={(v) => formatPercent(v * 100, language, 0)}
        />
      )}
    </div>
  );
}

interface SampleViewProps {
  navigate: ((route: Route) => void) | undefined;
  sample: SampleDetail;
  busy: boolean;
  verification: SampleVerification | undefined;
  onVerify: () => void;
  onReplace: (item: SampleItem, reason: ReplaceReason, note: string | undefined) => Promise<void>;
  withdrawReason: string;
  onWithdrawReason: (reason: string) => void;
  onWithdraw: () => void;
  withdrawError: string | undefined;
  periodLabel: string;
  share: (v: number) => string;
}

function SampleView({ navigate, sample, busy, verification, onVerify, onReplace, withdrawReason, onWithdrawReason, onWithdraw, withdrawError, periodLabel, share }: SampleViewProps) {
  const t = useT();
  const language = useLanguage();
  const [replacing, setReplacing] = useState<string>();
  const advisors = [...new Set(sample.items.map((i) => i.advisorId))];
  return (
    <section className="panel" aria-labelledby="sample-title">
      <h2 id="sample-title">{periodLabel}</h2>
      <p>{t('qualitySampling.sampleHead', { at: formatDateTime(sample.drawnAt, language), seed: sample.seed ?? '–', population: sample.populationSize })}</p>
      <div className="sample-toolbar">
        <a className="button button-secondary button-small" href={samplingApi.csvUrl(sample.id)} download>
          {t('qualitySampling.csv')}
        </a>
        <button type="button" className="button button-secondary button-small" onClick={onVerify} disabled={busy}>
          {t('qualitySampling.verify')}
        </button>
      </div>
      {verification && (
        <p role="status" className={verification.sampleMatches ? 'notice' : 'notice notice-error'}>
          {verification.sampleMatches ? t('qualitySampling.verified') : t('qualitySampling.verifyDiffers', { missing: verification.missing.length, unexpected: verification.unexpected.length })}
          {!verification.populationMatches && ` ${t('qualitySampling.populationChanged')}`}
        </p>
      )}
      {advisors.map((advisorId) => {
        const items = sample.items.filter((i) => i.advisorId === advisorId);
        return (
          <div key={advisorId} className="table-scroll" tabIndex={0}>
            <table className="data-table sample-table">
              <caption>{items[0]?.advisorName}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('qualitySampling.contact')}</th>
                  <th scope="col">{t('qualitySampling.started')}</th>
                  <th scope="col">{t('qualitySampling.kind')}</th>
                  <th scope="col">{t('qualitySampling.why')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('qualitySampling.replace')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id} className={item.replaced ? 'sample-replaced' : undefined}>
                    <td>
                      {item.replaced ? <s>{item.contactId.slice(-8)}</s> : item.contactId.slice(-8)}
                      {item.replacesItemId && <div className="muted">{t('qualitySampling.replacement')}</div>}
                    </td>
                    <td>{formatDateTime(item.startedAt, language)}</td>
                    <td>{t(`qualitySampling.kinds.${item.kind}`)}</td>
                    <td>
                      {t('qualitySampling.whyText', {
                        stratum: item.stratum, size: item.why.stratumSize, population: item.why.advisorPopulation,
                        share: share(item.why.share), allocated: item.why.allocated, rank: item.why.rank,
                      })}
                      {item.replaced && <div>{t('qualitySampling.replaced', { reason: t(`qualitySampling.reasons.${item.replaced.reason}`) })}{item.replaced.note ? ` (${item.replaced.note})` : ''}</div>}
                      {replacing === item.id && (
                        <SampleReplaceForm
                          contact={item.contactId.slice(-8)}
                          onCancel={() => setReplacing(undefined)}
                          onReplace={async (reason, note) => {
                            await onReplace(item, reason, note);
                            setReplacing(undefined);
                          }}
                        />
                      )}
                    </td>
                    <td>
                      {!item.replaced && <EvaluateLink contactId={item.contactId} itemId={item.id} navigate={navigate} />}
                      {!item.replaced && sample.withdrawn === null && replacing !== item.id && (
                        <button type="button" className="button button-secondary button-small" onClick={() => setReplacing(item.id)} disabled={busy}>
                          {t('qualitySampling.replace')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
      <div className="field sample-withdraw">
        <label htmlFor="sample-withdraw-reason">{t('qualitySampling.withdrawReason')}</label>
        <input
          id="sample-withdraw-reason" type="text" maxLength={500} value={withdrawReason} onChange={(e) => onWithdrawReason(e.target.value)}
          {...(withdrawError ? { 'aria-invalid': true, 'aria-describedby': 'sample-withdraw-error' } : {})}
        />
        <FieldError id="sample-withdraw-error" reason={withdrawError} />
        <button type="button" className="button button-secondary" onClick={onWithdraw} disabled={busy || withdrawReason.trim() === ''}>
          {t('qualitySampling.withdraw')}
        </button>
      </div>
    </section>
  );
}

/** Opens the evaluation of a drawn contact, its sample item remembered. */
function EvaluateLink({ contactId, itemId, navigate }: { contactId: string; itemId: string; navigate: ((route: Route) => void) | undefined }) {
  const t = useT();
  const route: Route = { page: 'quality', section: 'evaluations', query: `contact=${encodeURIComponent(contactId)}&sampleItem=${encodeURIComponent(itemId)}` };
  const props = navigate ? linkTo(route, navigate) : { href: routePath(route) };
  return (
    <a className="button button-secondary button-small" {...props}>
      {t('qualitySampling.evaluate')}
    </a>
  );
}
