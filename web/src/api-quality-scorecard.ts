import { api, enc, query, request } from './api.js';
import type { AdvisorScorecardView, TeamScorecardView } from './types.js';

/** The days a scorecard covers as the address gives them (YYYY-MM-DD); absent: the server's default, the 90 days to yesterday. */
export interface ScorecardPeriod {
  from?: string | undefined;
  to?: string | undefined;
}

/** A team the reader may choose, by its id and name. */
export interface TeamChoice {
  id: string;
  name: string;
}

/** The advisor's scorecard and the team's (docs/quality.md, "Advisor scorecard"). */
export const scorecardApi = {
  advisor: (id: string, period: ScorecardPeriod) => request<AdvisorScorecardView>('GET', `/api/v1/quality/advisors/${enc(id)}/scorecard${search(period)}`),
  team: (id: string, period: ScorecardPeriod) => request<TeamScorecardView>('GET', `/api/v1/quality/teams/${enc(id)}/scorecard${search(period)}`),
  /** The team's figures as a CSV file, for an <a download> (the session cookie goes along). */
  teamCsvUrl: (id: string, period: ScorecardPeriod) => `/api/v1/quality/teams/${enc(id)}/scorecard?${query({ from: period.from || undefined, to: period.to || undefined, format: 'csv' })}`,
  /**
   * The teams a reader who sees every team may choose: those the NPS report names over the days (the
   * same list as the NPS filters'), by name.
   */
  teams: async (from: string, to: string): Promise<TeamChoice[]> => {
    const report = await api.nps({ from, to, interval: 'total', groupBy: 'team' });
    const names = new Map(report.rows.map((row) => [String(row.team ?? ''), String(row.team_name ?? '')]));
    names.delete('');
    return [...names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  },
};

function search(period: ScorecardPeriod): string {
  const q = query({ from: period.from || undefined, to: period.to || undefined });
  return q ? `?${q}` : '';
}
