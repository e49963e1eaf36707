import { useEffect, useState } from 'react';
import { api } from '../api.js';
import { errorMessage } from '../error-message.js';
import { formatDecimal, formatMonth } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { NpsRow } from '../types.js';

/** Below this many responses a month's NPS is shown as indicative. */
export const NPS_MIN_RESPONSES = 30;

const basisKey = (row: NpsRow) => `${row.basis.scaleMin}-${row.basis.scaleMax}/${row.basis.promoterMin}/${row.basis.detractorMax}`;

type State = { kind: 'loading' } | { kind: 'done'; items: NpsRow[] } | { kind: 'error'; message: string };

/**
 * NPS per month and team over the last 12 months (advisors and team leads get their own team,
 * the server decides). One row per basis: rows on different bases are never merged.
 * Reloaded when `refreshKey` changes.
 */
export function NpsPanel({ refreshKey, ownTeam }: { refreshKey: number; ownTeam: boolean }) {
  const t = useT();
  const language = useLanguage();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let cancelled = false;
    api
      .npsMonthly(12)
      .then(({ items }) => !cancelled && setState({ kind: 'done', items }))
      .catch((error) => !cancelled && setState({ kind: 'error', message: errorMessage(error, t, 'nps.failed') }));
    return () => {
      cancelled = true;
    };
  }, [refreshKey, reloads]);

  const items =
    state.kind === 'done'
      ? [...state.items].sort(
          (a, b) => b.month.localeCompare(a.month) || (a.team?.name ?? '').localeCompare(b.team?.name ?? '') || basisKey(a).localeCompare(basisKey(b)),
        )
      : [];
  const showBasis = new Set(items.map(basisKey)).size > 1;
  const anyIndicative = items.some((row) => row.responses < NPS_MIN_RESPONSES);

  return (
    <section className="panel nps-panel" aria-labelledby="nps-title" aria-busy={state.kind === 'loading'}>
      <div className="panel-head">
        <h3 id="nps-title">
          {t('nps.title')}
          {ownTeam && <span className="badge badge-quiet">{t('nps.ownTeam')}</span>}
        </h3>
        <button type="button" className="button button-secondary button-small" onClick={() => setReloads((n) => n + 1)}>
          {t('nps.refresh')}
        </button>
      </div>
      <p className="muted nps-subtitle">{t('nps.subtitle')}</p>
      {state.kind === 'loading' && <p className="muted">{t('app.loading')}</p>}
      {state.kind === 'error' && (
        <p className="notice notice-error" role="alert">
          {state.message}
        </p>
      )}
      {state.kind === 'done' && items.length === 0 && <p className="empty">{t('nps.empty')}</p>}
      {items.length > 0 && (
        <>
          <div className="table-scroll" role="region" aria-labelledby="nps-title" tabIndex={0}>
            <table className="data-table nps-table">
              <thead>
                <tr>
                  <th scope="col">{t('nps.month')}</th>
                  <th scope="col">{t('nps.team')}</th>
                  {showBasis && <th scope="col">{t('nps.basis')}</th>}
                  <th scope="col" className="num">
                    {t('nps.promoters')}
                  </th>
                  <th scope="col" className="num">
                    {t('nps.passives')}
                  </th>
                  <th scope="col" className="num">
                    {t('nps.detractors')}
                  </th>
                  <th scope="col" className="num">
                    {t('nps.responses')}
                  </th>
                  <th scope="col" className="num">
                    {t('nps.nps')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((row) => {
                  const indicative = row.responses < NPS_MIN_RESPONSES;
                  return (
                    <tr key={`${row.month}:${row.team?.id ?? ''}:${basisKey(row)}`} data-team={row.team?.name ?? ''}>
                      <th scope="row" className="nps-month">
                        <time dateTime={row.month} title={formatMonth(row.month, language)}>
                          {formatMonth(row.month, language, 'short')}
                        </time>
                      </th>
                      <td>{row.team?.name ?? <span className="muted">{t('nps.noTeam')}</span>}</td>
                      {showBasis && (
                        <td className="nps-basis">
                          {t('nps.basisValue', {
                            min: row.basis.scaleMin,
                            max: row.basis.scaleMax,
                            promoterMin: row.basis.promoterMin,
                            detractorMax: row.basis.detractorMax,
                          })}
                        </td>
                      )}
                      <td className="num">{row.promoters}</td>
                      <td className="num">{row.passives}</td>
                      <td className="num">{row.detractors}</td>
                      <td className="num">{row.responses}</td>
                      <td className="num nps-value">
                        <strong className={row.nps > 0 ? 'nps-positive' : row.nps < 0 ? 'nps-negative' : undefined}>
                          {formatDecimal(row.nps, language, 1, true)}
                        </strong>
                        {indicative && (
                          <span className="badge badge-indicative" title={t('nps.indicativeNote')}>
                            {t('nps.indicative')}
                          </span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {anyIndicative && <p className="table-note">{t('nps.indicativeNote')}</p>}
          {showBasis && <p className="table-note">{t('nps.basisNote')}</p>}
        </>
      )}
    </section>
  );
}
