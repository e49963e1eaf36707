import { useEffect, useState } from 'react';
import { api } from '../api.js';
import { errorMessage } from '../error-message.js';
import { formatDecimal } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { DecisionCount } from '../types.js';
import { labelOf } from './customer-accounts.js';

const DAY = 86_400_000;

/** Why contacts got a survey or not over the last 30 days: counts by outcome and reason, with shares. */
export function SurveyDecisions() {
  const t = useT();
  const language = useLanguage();
  const [items, setItems] = useState<DecisionCount[] | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    let cancelled = false;
    const to = new Date(Date.now() + 60_000);
    const from = new Date(to.getTime() - 30 * DAY);
    api
      .surveyDecisions(from.toISOString(), to.toISOString())
      .then((answer) => !cancelled && setItems(answer.items))
      .catch((caught) => !cancelled && setError(errorMessage(caught, t, 'surveys.failed')));
    return () => {
      cancelled = true;
    };
  }, []);

  const total = items?.reduce((sum, item) => sum + item.count, 0) ?? 0;
  // Surveys first, then the skip reasons from the most frequent.
  const rows = [...(items ?? [])].sort((a, b) => Number(b.outcome === 'survey') - Number(a.outcome === 'survey') || b.count - a.count);
  return (
    <section className="panel admin-panel" aria-labelledby="decisions-title">
      <h2 id="decisions-title">{t('decisions.title')}</h2>
      <p className="muted">{t('decisions.hint')}</p>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {!items && !error && <p className="muted">{t('app.loading')}</p>}
      {items && items.length === 0 && <p className="empty">{t('decisions.empty')}</p>}
      {items && items.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="decisions-title" tabIndex={0}>
          <table className="data-table decisions-table">
            <thead>
              <tr>
                <th scope="col">{t('decisions.outcome')}</th>
                <th scope="col">{t('decisions.reason')}</th>
                <th scope="col" className="num">
                  {t('decisions.count')}
                </th>
                <th scope="col" className="num">
                  {t('decisions.share')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.outcome}:${row.reason}`}>
                  <td>
                    <span className={`badge ${row.outcome === 'survey' ? 'badge-tone-ok' : 'badge-tone-neutral'}`}>
                      {row.outcome === 'survey' ? t('decisions.survey') : t('decisions.skipped')}
                    </span>
                  </td>
                  <td>{labelOf(t, 'decisions.reasons', row.reason)}</td>
                  <td className="num">{row.count}</td>
                  <td className="num">{formatDecimal((100 * row.count) / total, language)} %</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  {t('decisions.total')}
                </th>
                <td className="num">{total}</td>
                <td className="num">{formatDecimal(100, language)} %</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
