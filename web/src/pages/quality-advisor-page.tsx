import { useEffect, useMemo, useRef } from 'react';
import { ApiError } from '../api.js';
import { scorecardApi, type ScorecardPeriod as Period } from '../api-quality-scorecard.js';
import { AdvisorScorecard } from '../components/scorecard-advisor.js';
import { ScorecardPeriod } from '../components/scorecard-period.js';
import { TeamScorecard } from '../components/scorecard-team.js';
import { errorMessage } from '../error-message.js';
import { fieldErrorsOf } from '../field-errors.js';
import { luxembourgDay } from '../format.js';
import { useT, type MessageKey } from '../i18n/index.js';
import type { QualitySectionProps } from '../quality-section.js';
import type { Role } from '../types.js';
import { useLoad, type Loaded } from '../use-load.js';
import { linkTo } from '../use-route.js';

/** The roles that see every team: they choose one. */
const TEAM_CHOOSERS: readonly Role[] = ['quality_coach', 'cx_manager'];

/** The server's default days (the 90 days to yesterday, Luxembourg), for the list of teams before any answer gives them. */
function defaultDays(now = Date.now()): { from: string; to: string } {
  const day = 86_400_000;
  return { from: luxembourgDay(new Date(now - 90 * day).toISOString()), to: luxembourgDay(new Date(now - day).toISOString()) };
}

/**
 * The advisor's scorecard and the team's (docs/quality.md, "Advisor scorecard"). `/quality/advisor`:
 * an advisor's own scorecard, a team lead's team; `?advisor=` one advisor's scorecard (themselves,
 * their team lead, the coaches), `?team=` a team's figures (each advisor's for its lead and the
 * coaches, the total only for a CX manager, who with the coaches choose the team); `&from=&to=` the days.
 */
export function QualityAdvisorPage({ user, query, navigate }: QualitySectionProps) {
  const t = useT();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const params = new URLSearchParams(query);
  const period: Period = { from: params.get('from') ?? '', to: params.get('to') ?? '' };
  const chooser = TEAM_CHOOSERS.includes(user.role);
  const teamParam = params.get('team') || undefined;
  const advisorId = params.get('advisor') || (user.role === 'advisor' && !teamParam ? user.id : undefined);
  const teamId = advisorId ? undefined : (teamParam ?? (user.role === 'team_lead' ? user.teamId ?? undefined : undefined));
  const days = `${period.from}/${period.to}`;
  const advisor = useLoad(advisorId ? `${advisorId}/${days}` : null, () => scorecardApi.advisor(advisorId!, period));
  const team = useLoad(teamId ? `${teamId}/${days}` : null, () => scorecardApi.team(teamId!, period));
  const loaded: Loaded<unknown> = advisorId ? advisor : team;
  const shown = advisorId ? advisor.data : team.data;
  const listDays = period.from && period.to ? { from: period.from, to: period.to } : (shown ?? defaultDays());
  const teams = useLoad(chooser && !advisorId ? `${listDays.from}/${listDays.to}` : null, () => scorecardApi.teams(listDays.from, listDays.to));
  const serverErrors = useMemo(() => fieldErrorsOf(loaded.error), [loaded.error]);
  useEffect(() => headingRef.current?.focus(), [advisorId, teamId]);

  const setQuery = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(query);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    navigate({ page: 'quality', section: 'advisor', query: next.toString() });
  };
  /** An address in this section with the days kept. */
  const withDays = (changes: Record<string, string>) => new URLSearchParams({ ...changes, ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}) }).toString();

  const failure = failureText(loaded.error, Object.keys(serverErrors).length > 0, advisorId ? 'qualityAdvisor.notFound' : 'qualityAdvisor.teamNotFound', t);
  const intro = advisorId ? 'qualityAdvisor.intro' : user.role === 'cx_manager' ? 'qualityAdvisor.teamTotalIntro' : 'qualityAdvisor.teamIntro';
  const backTeam = advisorId && advisor.data?.advisor.teamId && user.role !== 'advisor' ? advisor.data.advisor : undefined;

  return (
    <div className="page quality-advisor-page">
      <div className="page-head">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('qualityAdvisor.title')}
        </h1>
        <p className="muted">{t(intro)}</p>
      </div>
      {backTeam && (
        <p className="scorecard-back">
          <a {...linkTo({ page: 'quality', section: 'advisor', query: withDays({ team: backTeam.teamId! }) }, navigate)}>
            {t('qualityAdvisor.backToTeam', { team: backTeam.teamName ?? '' })}
          </a>
        </p>
      )}
      <div className="scorecard-controls">
        {chooser && !advisorId && (
          <div className="panel scorecard-team-choice">
            <div className="field">
              <label htmlFor="scorecard-team">{t('qualityAdvisor.team.choose')}</label>
              <select id="scorecard-team" value={teamId ?? ''} onChange={(e) => setQuery({ team: e.target.value || undefined, advisor: undefined })}>
                <option value="">{t('qualityAdvisor.team.choosePlaceholder')}</option>
                {teamId && !teams.data?.some((c) => c.id === teamId) && <option value={teamId}>{team.data?.team.name ?? teamId}</option>}
                {teams.data?.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
        )}
        <ScorecardPeriod
          from={period.from || listDays.from}
          to={period.to || listDays.to}
          shown={shown && { from: shown.from, to: shown.to }}
          serverErrors={serverErrors}
          onApply={(from, to) => setQuery({ from, to })}
        />
      </div>
      {failure && (
        <p className="notice notice-error" role="alert">
          {failure}
        </p>
      )}
      {loaded.loading && !shown && (
        <p className="muted" role="status">
          {t('app.loading')}
        </p>
      )}
      {!advisorId && !teamId && <p className="empty">{t('qualityAdvisor.team.chooseHint')}</p>}
      {advisorId && advisor.data && !advisor.error && <AdvisorScorecard card={advisor.data} navigate={navigate} />}
      {teamId && team.data && !team.error && (
        <TeamScorecard
          card={team.data}
          csvUrl={scorecardApi.teamCsvUrl(teamId, period)}
          perAdvisor={user.role !== 'cx_manager'}
          advisorQuery={(id) => withDays({ advisor: id })}
          navigate={navigate}
        />
      )}
    </div>
  );
}

/** What to say about a failed load: nothing when the refused days are worded beside their fields; "not found or no access" for a 404. */
function failureText(error: unknown, worded: boolean, notFound: MessageKey, t: ReturnType<typeof useT>): string | undefined {
  if (error === undefined || worded) return undefined;
  if (error instanceof ApiError && error.status === 404) return t(notFound);
  return errorMessage(error, t, 'qualityAdvisor.failed');
}
