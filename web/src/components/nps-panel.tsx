import { useState } from 'react';
import { api } from '../api.js';
import { formatMonth } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import { useNpsLabels } from '../nps-labels.js';
import type { NpsReportRow } from '../types.js';
import { useLoad } from '../use-load.js';
import { linkTo, type Route } from '../use-route.js';
import { LoadState } from './load-state.js';
import { NpsInterval, NpsValue, RunningBadge } from './nps-figures.js';

/**
 * NPS per month and team over the last 12 months (the API's default range; advisors and team leads
 * get their own team, the server decides), with its 95% interval. One row per basis: rows on
 * different bases are never merged. Reloaded when `refreshKey` changes; the dashboard has the rest.
 */
export function NpsPanel({ refreshKey, ownTeam, navigate }: { refreshKey: number; ownTeam: boolean; navigate: (route: Route) => void }) {
  const t = useT();
  const language = useLanguage();
  const labels = useNpsLabels();
  const [reloads, setReloads] = useState(0);
  const loaded = useLoad(`${refreshKey}:${reloads}`, () => api.nps({ interval: 'month', groupBy: 'team' }));
  const report = loaded.data;

  // Months without an answer have no NPS to show.
  const rows = (report?.rows ?? [])
    .filter((row) => row.n > 0)
    .sort((a, b) => b.period.localeCompare(a.period) || teamName(a).localeCompare(teamName(b)) || a.basis.localeCompare(b.basis));
  const showBasis = new Set(rows.map((r) => r.basis)).size > 1;
  const anyIndicative = rows.some((row) => !row.reliable);

  return (
    <section className="panel nps-panel" aria-labelledby="nps-title" aria-busy={loaded.loading}>
      <div className="panel-head">
        <h3 id="nps-title">
          {t('nps.title')}
          {ownTeam && <span className="badge badge-quiet">{t('nps.ownTeam')}</span>}
        </h3>
        <div className="panel-tools">
          <a {...linkTo({ page: 'nps', query: '' }, navigate)} className="button button-secondary button-small">
            {t('nps.dashboard')}
          </a>
          <button type="button" className="button button-secondary button-small" onClick={() => setReloads((n) => n + 1)}>
            {t('nps.refresh')}
          </button>
        </div>
      </div>
      <p className="muted nps-subtitle">{t('nps.subtitle')}</p>
      <LoadState loaded={loaded} empty={rows.length === 0} emptyText={t('nps.empty')} failed="nps.failed" />
      {report && rows.length > 0 && (
        <>
          <div className="table-scroll" role="region" aria-labelledby="nps-title" tabIndex={0}>
            <table className="data-table nps-table">
              <thead>
                <tr>
                  <th scope="col">{t('nps.month')}</th>
                  <th scope="col">{t('nps.team')}</th>
                  {showBasis && <th scope="col">{t('nps.basis')}</th>}
                  <th scope="col" className="num">{t('nps.promoters')}</th>
                  <th scope="col" className="num">{t('nps.passives')}</th>
                  <th scope="col" className="num">{t('nps.detractors')}</th>
                  <th scope="col" className="num">{t('nps.responses')}</th>
                  <th scope="col" className="num">{t('nps.nps')}</th>
                  <th scope="col" className="num">{t('dashboard.columns.ci')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={`${row.period}:${row.team}:${row.basis}`} data-team={teamName(row)}>
                    <th scope="row" className="nps-month">
                      <time dateTime={row.period} title={formatMonth(row.period, language)}>
                        {formatMonth(row.period, language, 'short')}
                      </time>
                      {!row.complete && <> <RunningBadge /></>}
                    </th>
                    <td>{row.team ? teamName(row) : <span className="muted">{t('nps.noTeam')}</span>}</td>
                    {showBasis && <td className="nps-basis">{labels.basis(row.basis)}</td>}
                    <td className="num">{row.promoters}</td>
                    <td className="num">{row.passives}</td>
                    <td className="num">{row.detractors}</td>
                    <td className="num">{row.n}</td>
                    <td className="num nps-value">
                      <NpsValue value={row.nps} />
                      {!row.reliable && (
                        <span className="badge badge-indicative" title={t('nps.indicativeNote', { min: report.minResponses })}>
                          {t('nps.indicative')}
                        </span>
                      )}
                    </td>
                    <td className="num nowrap">
                      <NpsInterval low={row.ci_low} high={row.ci_high} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {anyIndicative && <p className="table-note">{t('nps.indicativeNote', { min: report.minResponses })}</p>}
          {showBasis && <p className="table-note">{t('nps.basisNote')}</p>}
        </>
      )}
    </section>
  );
}

const teamName = (row: NpsReportRow) => String(row.team_name ?? '');
