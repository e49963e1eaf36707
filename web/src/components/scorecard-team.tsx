import type { ReactNode } from 'react';
import { formatNps, formatPercent } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { TeamScorecardView } from '../types.js';
import { linkTo, type Route } from '../use-route.js';
import { FewResponses, FigureTiles, figureValues, ValueWithInterval, type Figures } from './scorecard-figures.js';

/**
 * A team's figures (docs/quality.md, "Advisor scorecard"): the team's total against the days before
 * and, for its lead and the coaches, a row per advisor leading to their scorecard with the total
 * under them; a CX manager gets the total only (the server sends no advisor).
 */
export function TeamScorecard({ card, csvUrl, perAdvisor, advisorQuery, navigate }: {
  card: TeamScorecardView;
  csvUrl: string;
  /** the reader sees each advisor's figures */
  perAdvisor: boolean;
  /** the address of an advisor's scorecard, keeping the days */
  advisorQuery: (advisorId: string) => string;
  navigate: (route: Route) => void;
}) {
  const t = useT();
  return (
    <div className="scorecard">
      <div className="scorecard-who">
        <h2>{t('qualityAdvisor.teamOf', { team: card.team.name })}</h2>
        <p className="muted">{t('qualityAdvisor.team.people', { count: card.people })}</p>
        <a className="button button-secondary button-small" href={csvUrl} download>
          {t('qualityAdvisor.team.csv')}
        </a>
      </div>
      <FigureTiles figures={card.total} change={card.change} title={t('qualityAdvisor.team.totalTitle', { team: card.team.name })} />
      {perAdvisor && (
        <section className="panel" aria-labelledby="scorecard-team-table">
          <h2 id="scorecard-team-table">{t('qualityAdvisor.team.caption', { team: card.team.name })}</h2>
          {card.advisors.length === 0 ? (
            <p className="empty">{t('qualityAdvisor.team.empty')}</p>
          ) : (
            <div className="table-scroll">
              <table className="data-table scorecard-team-table" aria-labelledby="scorecard-team-table">
                <thead>
                  <tr>
                    <th scope="col">{t('qualityAdvisor.team.advisor')}</th>
                    <th scope="col" className="num">{t('qualityAdvisor.team.evaluations')}</th>
                    <th scope="col" className="num">{t('qualityAdvisor.team.quality')}</th>
                    <th scope="col" className="num">{t('qualityAdvisor.team.nps')}</th>
                    <th scope="col" className="num">{t('qualityAdvisor.team.fcr')}</th>
                    <th scope="col" className="num">{t('qualityAdvisor.team.repeat')}</th>
                  </tr>
                </thead>
                <tbody>
                  {card.advisors.map((a) => (
                    <Row key={a.id} figures={a.figures} name={
                      <a {...linkTo({ page: 'quality', section: 'advisor', query: advisorQuery(a.id) }, navigate)}>{a.name}</a>
                    } />
                  ))}
                </tbody>
                <tfoot>
                  <Row figures={card.total} name={t('qualityAdvisor.team.total')} />
                </tfoot>
              </table>
            </div>
          )}
        </section>
      )}
    </div>
  );
}

function Row({ name, figures }: { name: ReactNode; figures: Figures }) {
  const language = useLanguage();
  const values = figureValues(figures, language);
  return (
    <tr>
      <th scope="row">{name}</th>
      <td className="num">{figures.quality.evaluations}</td>
      <td className="num">
        <ValueWithInterval value={values.quality} interval={figures.quality.interval} />
      </td>
      <td className="num">
        {figures.nps.nps === null ? '—' : formatNps(figures.nps.nps, language)} <span className="muted">({figures.nps.n})</span>
        {figures.nps.n > 0 && !figures.nps.reliable && (
          <>
            {' '}
            <FewResponses />
          </>
        )}
      </td>
      <td className="num">{formatPercent(figures.fcr.rate, language, 1)}</td>
      <td className="num">{formatPercent(figures.repeat.rate, language, 1)}</td>
    </tr>
  );
}
