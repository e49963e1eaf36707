import { useEffect, useRef } from 'react';
import type { MonthlyReview } from '../../../src/contract/review.js';
import { reviewApi } from '../api-review.js';
import { LoadState } from '../components/load-state.js';
import { formatDecimal, formatMonth, formatNps, formatPercent } from '../format.js';
import { LOCALES, useLanguage, useT, type MessageKey } from '../i18n/index.js';
import { useLoad } from '../use-load.js';

/** The month before today's, YYYY-MM (Luxembourg): the month a review is usually made of. */
export function lastMonth(now = new Date()): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Luxembourg', year: 'numeric', month: '2-digit' }).format(now).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * The management committee's monthly review (docs/improvement.md, "The monthly review"): the NPS and
 * what moved, complaints, top causes, overdue cases, actions and their measured effect, external
 * studies; the same figures as the PDF and CSV it offers to download.
 */
export function ReviewPage({ month, onMonth }: { month: string | undefined; onMonth: (month: string) => void }) {
  const t = useT();
  const language = useLanguage();
  const shown = month ?? lastMonth();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const review = useLoad(`${shown}:${language}`, () => reviewApi.monthly(shown, language));
  const r = review.data?.month === shown ? review.data : undefined;
  const count = (n: number) => new Intl.NumberFormat(LOCALES[language]).format(n);
  const share = (v: number | null) => (v === null ? '—' : formatPercent(v * 100, language, 1));

  return (
    <div className="page review-page">
      <div className="page-head">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('review.title', { month: formatMonth(shown, language) })}
        </h1>
        <p className="muted">{t('review.intro')}</p>
      </div>
      <div className="review-toolbar">
        <label>
          {t('review.month')}{' '}
          <input type="month" value={shown} max={new Date().toISOString().slice(0, 7)} onChange={(e) => e.target.value && onMonth(e.target.value)} />
        </label>
        <a className="button button-secondary" href={reviewApi.fileUrl(shown, language, 'pdf')} download>
          {t('review.pdf')}
        </a>
        <a className="button button-secondary" href={reviewApi.fileUrl(shown, language, 'csv')} download>
          {t('review.csv')}
        </a>
      </div>
      <LoadState loaded={review} failed="review.failed" />
      {r && <ReviewBody review={r} count={count} share={share} />}
    </div>
  );
}

function ReviewBody({ review: r, count, share }: { review: MonthlyReview; count: (n: number) => string; share: (v: number | null) => string }) {
  const t = useT();
  const language = useLanguage();
  const nps = r.nps;
  const interval = (low: number | null, high: number | null) => (low === null || high === null ? '' : `[${formatNps(low, language)} ; ${formatNps(high, language)}]`);
  return (
    <>
      <section className="panel" aria-labelledby="review-nps">
        <h2 id="review-nps">{t('review.nps')}</h2>
        <p className="review-headline">
          <strong>{formatNps(nps.current.value, language)}</strong> <span className="muted">{interval(nps.current.low, nps.current.high)}</span>{' '}
          {t('review.responses', { n: count(nps.current.responses) })}
          {nps.change && (
            <span className={nps.change.significant ? 'review-significant' : 'muted'}>
              {' · '}
              {t(nps.change.significant ? 'review.changeSignificant' : 'review.changeNot', { difference: formatDecimal(nps.change.difference, language, 1, true) })}
            </span>
          )}
        </p>
        <div className="table-scroll" tabIndex={0}>
        <table className="data-table review-table">
          <caption>{t('review.trend')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('review.monthColumn')}</th>
              <th scope="col">NPS</th>
              <th scope="col">{t('review.interval')}</th>
              <th scope="col">{t('review.responsesColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {nps.trend.map((p) => (
              <tr key={p.month}>
                <th scope="row">{formatMonth(p.month, language, 'short')}</th>
                <td className="num">{formatNps(p.value, language)}</td>
                <td className="num">{interval(p.low, p.high)}</td>
                <td className="num">{count(p.responses)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
        <h3>{t('review.moved')}</h3>
        {nps.significantChanges.length === 0 ? (
          <p className="muted">{t('review.nothingMoved')}</p>
        ) : (
          <ul>
            {nps.significantChanges.map((c) => (
              <li key={`${c.dimension}:${c.key}`}>
                {t(`review.dimensions.${c.dimension}` as MessageKey)} · {c.label}: {formatNps(c.previousValue, language)} → <strong>{formatNps(c.value, language)}</strong> (
                {formatDecimal(c.difference, language, 1, true)})
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="review-complaints">
        <h2 id="review-complaints">{t('review.complaints')}</h2>
        <dl className="facts">
          <div><dt>{t('review.received')}</dt><dd>{count(r.complaints.received)}</dd></div>
          <div><dt>{t('review.perThousand')}</dt><dd>{r.complaints.ratePerThousand === null ? '—' : formatDecimal(r.complaints.ratePerThousand, language, 2)}</dd></div>
          <div><dt>{t('review.answeredOnTime')}</dt><dd>{share(r.complaints.answeredOnTime.rate)} ({count(r.complaints.answeredOnTime.count)}/{count(r.complaints.answeredOnTime.of)})</dd></div>
          <div><dt>{t('review.acknowledgedOnTime')}</dt><dd>{share(r.complaints.acknowledgedOnTime.rate)}</dd></div>
          <div><dt>{t('review.reopened')}</dt><dd>{count(r.complaints.reopened)}</dd></div>
          <div><dt>{t('review.overdue')}</dt><dd>{t('review.overdueCounts', { complaints: count(r.overdue.complaints), followups: count(r.overdue.followups) })}</dd></div>
        </dl>
      </section>

      <section className="panel" aria-labelledby="review-causes">
        <h2 id="review-causes">{t('review.topCauses')}</h2>
        {r.topCauses.length === 0 ? (
          <p className="muted">{t('review.noCause')}</p>
        ) : (
          <div className="table-scroll" tabIndex={0}>
        <table className="data-table review-table">
            <thead>
              <tr>
                <th scope="col">{t('review.cause')}</th>
                <th scope="col">{t('review.complaintsColumn')}</th>
                <th scope="col">{t('review.detractors')}</th>
                <th scope="col">{t('review.repeats')}</th>
                <th scope="col">{t('review.cumulative')}</th>
              </tr>
            </thead>
            <tbody>
              {r.topCauses.slice(0, 10).map((c) => (
                <tr key={c.code}>
                  <th scope="row">{c.label}{c.department ? <span className="muted"> · {c.department}</span> : null}</th>
                  <td className="num">{count(c.complaints)}</td>
                  <td className="num">{count(c.detractors)}</td>
                  <td className="num">{count(c.repeatContacts)}</td>
                  <td className="num">{share(c.cumulativeShare)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="review-actions">
        <h2 id="review-actions">{t('review.actions')}</h2>
        {r.actions.length === 0 ? (
          <p className="muted">{t('review.noAction')}</p>
        ) : (
          <ul className="review-actions">
            {r.actions.map((a) => (
              <li key={a.reference}>
                <strong>{a.reference}</strong> {a.title} <span className="muted">· {a.statusLabel}</span>
                {a.effect?.complaintRate && (
                  <span>
                    {' · '}
                    {t(`review.effect.${a.effect.complaintRate.direction}` as MessageKey, {
                      before: formatDecimal(a.effect.complaintRate.before, language, 2),
                      after: formatDecimal(a.effect.complaintRate.after, language, 2),
                    })}
                  </span>
                )}
                {a.faded && <span className="review-significant"> · {t('review.faded')}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="review-studies">
        <h2 id="review-studies">{t('review.studies')}</h2>
        {r.externalStudies.length === 0 ? (
          <p className="muted">{t('review.noStudy')}</p>
        ) : (
          <ul>
            {r.externalStudies.map((s) => (
              <li key={`${s.firm}:${s.study}:${s.fieldedFrom}`}>
                {s.study} ({s.firm}, {s.fieldedFrom} – {s.fieldedTo}): NPS {formatNps(s.nps, language)} {interval(s.low, s.high)}, n = {count(s.respondents)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
