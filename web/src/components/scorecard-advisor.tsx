import { formatCalendarDay, formatDate, formatDateTime } from '../format.js';
import { useLanguage, useT } from '../i18n/index.js';
import type { AdvisorScorecardView } from '../types.js';
import { linkTo, type Route } from '../use-route.js';
import { FigureTiles } from './scorecard-figures.js';

/**
 * One advisor's scorecard (docs/quality.md, "Advisor scorecard"): their figures against the days
 * before, the follow-ups and complaints of their contacts, their trainings, followed and required,
 * and their coaching actions.
 */
export function AdvisorScorecard({ card, navigate }: { card: AdvisorScorecardView; navigate: (route: Route) => void }) {
  const t = useT();
  const language = useLanguage();
  const { followups, complaints, coaching } = card;
  return (
    <div className="scorecard">
      <div className="scorecard-who">
        <h2>{card.advisor.name}</h2>
        <p className="muted">{card.advisor.teamName ? t('qualityAdvisor.teamOf', { team: card.advisor.teamName }) : t('qualityAdvisor.noTeam')}</p>
      </div>
      <FigureTiles figures={card.figures} change={card.change} title={t('qualityAdvisor.figures.title')} />
      <div className="scorecard-panels">
        <section className="panel" aria-labelledby="scorecard-followups">
          <h2 id="scorecard-followups">{t('qualityAdvisor.followups.title')}</h2>
          <dl className="scorecard-counts">
            <Count label={t('qualityAdvisor.followups.opened')} value={followups.opened} />
            <Count label={t('qualityAdvisor.followups.open')} value={followups.open} />
            <Count label={t('qualityAdvisor.followups.reached')} value={followups.reached} />
            <Count label={t('qualityAdvisor.followups.withinDeadline')} value={followups.withinDeadline} />
            <Count label={t('qualityAdvisor.followups.unreachable')} value={followups.unreachable} />
          </dl>
        </section>
        <section className="panel" aria-labelledby="scorecard-complaints">
          <h2 id="scorecard-complaints">{t('qualityAdvisor.complaints.title')}</h2>
          <dl className="scorecard-counts">
            <Count label={t('qualityAdvisor.complaints.opened')} value={complaints.opened} />
            <Count label={t('qualityAdvisor.complaints.open')} value={complaints.open} />
          </dl>
        </section>
        <section className="panel" aria-labelledby="scorecard-coaching">
          <h2 id="scorecard-coaching">{t('qualityAdvisor.coaching.title')}</h2>
          <dl className="scorecard-counts">
            <Count label={t('qualityAdvisor.coaching.sessions')} value={coaching.sessions} />
            <Count label={t('qualityAdvisor.coaching.open')} value={coaching.open} />
            <Count label={t('qualityAdvisor.coaching.overdue')} value={coaching.overdue} alert={coaching.overdue > 0} />
            <Count label={t('qualityAdvisor.coaching.done')} value={coaching.done} />
            <Count label={t('qualityAdvisor.coaching.dropped')} value={coaching.dropped} />
          </dl>
          {coaching.lastSessionAt && <p className="muted">{t('qualityAdvisor.coaching.last', { date: formatDate(coaching.lastSessionAt, language) })}</p>}
          <p>
            <a {...linkTo({ page: 'quality', section: 'coaching', query: `advisor=${encodeURIComponent(card.advisor.id)}` }, navigate)}>
              {t('qualityAdvisor.coaching.link', { name: card.advisor.name })}
            </a>
          </p>
        </section>
      </div>
      <Trainings card={card} />
    </div>
  );
}

function Count({ label, value, alert = false }: { label: string; value: number; alert?: boolean }) {
  return (
    <div className={alert ? 'scorecard-count is-alert' : 'scorecard-count'}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** The trainings followed (sessions and attendance) and the required ones with their due day, overdue ones highlighted. */
function Trainings({ card }: { card: AdvisorScorecardView }) {
  const t = useT();
  const language = useLanguage();
  return (
    <section className="panel scorecard-trainings" aria-labelledby="scorecard-trainings">
      <h2 id="scorecard-trainings">{t('qualityAdvisor.trainings.title')}</h2>
      <h3>{t('qualityAdvisor.trainings.required')}</h3>
      {card.required.length === 0 ? (
        <p className="empty">{t('qualityAdvisor.trainings.requiredNone')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" aria-label={t('qualityAdvisor.trainings.required')}>
            <thead>
              <tr>
                <th scope="col">{t('qualityAdvisor.trainings.training')}</th>
                <th scope="col">{t('qualityAdvisor.trainings.due')}</th>
                <th scope="col">{t('qualityAdvisor.trainings.status')}</th>
              </tr>
            </thead>
            <tbody>
              {card.required.map((r) => (
                <tr key={r.requirement.id} className={r.status === 'overdue' ? 'scorecard-overdue' : undefined}>
                  <th scope="row">
                    {r.requirement.training.title} <span className="muted">{r.requirement.training.code}</span>
                  </th>
                  <td>{formatCalendarDay(r.dueDate, language)}</td>
                  <td>
                    <span className={`badge scorecard-compliance-${r.status}`}>{t(`qualityAdvisor.trainings.compliance.${r.status}`)}</span>
                    {r.completedAt && <span className="muted"> {formatDate(r.completedAt, language)}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{t('qualityAdvisor.trainings.followed')}</h3>
      {card.trainings.length === 0 ? (
        <p className="empty">{t('qualityAdvisor.trainings.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" aria-label={t('qualityAdvisor.trainings.followed')}>
            <thead>
              <tr>
                <th scope="col">{t('qualityAdvisor.trainings.training')}</th>
                <th scope="col">{t('qualityAdvisor.trainings.session')}</th>
                <th scope="col">{t('qualityAdvisor.trainings.status')}</th>
              </tr>
            </thead>
            <tbody>
              {card.trainings.map((s) => (
                <tr key={s.sessionId}>
                  <th scope="row">
                    {s.training.title} <span className="muted">{s.training.code}</span>
                  </th>
                  <td>{formatDateTime(s.startsAt, language)}</td>
                  <td>
                    <span className="badge">{t(`qualityAdvisor.trainings.statuses.${s.status}`)}</span>
                    {s.completedAt && <span className="muted"> {formatDate(s.completedAt, language)}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
