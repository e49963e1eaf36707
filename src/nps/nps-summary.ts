import type { Kysely } from 'kysely';
import { offsetAt } from '../shared/local-time.js';
import type { Database } from '../storage/schema.js';

export interface NpsRow {
  /** calendar month in Europe/Luxembourg, YYYY-MM */
  month: string;
  team: { id: string; name: string } | null;
  /** the NPS basis these responses were given on; figures on different bases are never mixed */
  basis: { scaleMin: number; scaleMax: number; promoterMin: number; detractorMax: number };
  promoters: number;
  passives: number;
  detractors: number;
  responses: number;
  /** 100 × (promoters − detractors) / responses */
  nps: number;
}

/** The Europe/Luxembourg calendar month an instant falls in. */
export function luxembourgMonth(at: number): string {
  return new Date(at + offsetAt(at)).toISOString().slice(0, 7);
}

/**
 * NPS per month and team over answered responses (received between `from` and `to`), one row per
 * basis. A first figure for the console; the full analytics keep aggregates instead of scanning.
 */
export async function npsByMonthAndTeam(db: Kysely<Database>, from: number, to: number, teamId?: string): Promise<NpsRow[]> {
  let query = db
    .selectFrom('survey_responses')
    .leftJoin('teams', 'teams.id', 'survey_responses.team_id')
    .select([
      'survey_responses.received_at', 'survey_responses.category', 'survey_responses.team_id', 'teams.name as team_name',
      'survey_responses.scale_min', 'survey_responses.scale_max', 'survey_responses.promoter_min', 'survey_responses.detractor_max',
    ])
    .where('survey_responses.received_at', '>=', from)
    .where('survey_responses.received_at', '<', to)
    .where('survey_responses.category', 'is not', null);
  if (teamId) query = query.where('survey_responses.team_id', '=', teamId);
  const rows = await query.execute();
  const groups = new Map<string, NpsRow>();
  for (const r of rows) {
    const month = luxembourgMonth(r.received_at);
    const key = [month, r.team_id, r.scale_min, r.scale_max, r.promoter_min, r.detractor_max].join('|');
    let group = groups.get(key);
    if (!group) {
      group = {
        month,
        team: r.team_id ? { id: r.team_id, name: r.team_name ?? '' } : null,
        basis: { scaleMin: r.scale_min, scaleMax: r.scale_max, promoterMin: r.promoter_min, detractorMax: r.detractor_max },
        promoters: 0,
        passives: 0,
        detractors: 0,
        responses: 0,
        nps: 0,
      };
      groups.set(key, group);
    }
    group.responses++;
    if (r.category === 'promoter') group.promoters++;
    else if (r.category === 'detractor') group.detractors++;
    else group.passives++;
  }
  const result = [...groups.values()];
  for (const g of result) g.nps = Math.round((10_000 * (g.promoters - g.detractors)) / g.responses) / 100;
  return result.sort((a, b) => a.month.localeCompare(b.month) || (a.team?.name ?? '').localeCompare(b.team?.name ?? ''));
}
