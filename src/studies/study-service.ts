import type { Kysely, Selectable } from 'kysely';
import { auditAdministration, type CommandLineActor } from '../auth/audit.js';
import type { Actor } from '../auth/policies.js';
import { estimate } from '../nps/statistics.js';
import { invalid, notFound } from '../shared/errors.js';
import type { Database, ExternalStudyTable } from '../storage/schema.js';
import type { NpsBasis, ScoreDistribution } from './study-figures.js';
import { isCalendarDate, periodLabel } from './study-period.js';

/**
 * External relational studies as they are shown: each on its own basis and sample, with its NPS
 * and confidence interval, marked external. They are listed beside the transactional NPS (Ecoute's
 * own surveys after each contact) and never added to it: other question, other sample, other basis.
 */

export interface StudyFilter {
  /** first day, YYYY-MM-DD: studies whose period ends before it are left out */
  from?: string | undefined;
  /** last day, YYYY-MM-DD: studies whose period starts after it are left out */
  to?: string | undefined;
  segment?: string | undefined;
}

export interface ExternalStudy {
  id: string;
  /** always `external`: a firm's relational study, not Ecoute's transactional NPS */
  source: 'external';
  firm: string;
  study: string;
  period: { start: string; end: string; label: string };
  segment: string | null;
  n: number;
  basis: NpsBasis;
  /** shares of the respondents, 0–1, four decimals */
  promoters: number;
  passives: number;
  detractors: number;
  /** 100 × (promoters − detractors), in points, two decimals */
  nps: number;
  /** 95% interval (adjusted Wald, src/nps/statistics.ts), in points, two decimals */
  ci95: { low: number; high: number };
  /** n at or above the reliability threshold */
  reliable: boolean;
  distribution: ScoreDistribution | null;
  method: string | null;
  sourceFile: string;
  importedAt: string;
  importedBy: string | null;
}

/** Studies whose period overlaps [from, to], by period, firm, study and segment. */
export async function listStudies(db: Kysely<Database>, filter: StudyFilter = {}): Promise<ExternalStudy[]> {
  checkRange(filter);
  let query = db
    .selectFrom('external_studies')
    .selectAll()
    .orderBy('period_start')
    .orderBy('period_end')
    .orderBy('firm')
    .orderBy('name')
    .orderBy('segment');
  if (filter.from) query = query.where('period_end', '>=', filter.from);
  if (filter.to) query = query.where('period_start', '<=', filter.to);
  if (filter.segment) query = query.where('segment', '=', filter.segment.toLowerCase());
  return (await query.execute()).map(present);
}

/**
 * Deletes one imported study, the way to correct it: an import never overwrites a study, so a
 * study with wrong figures is deleted, then the corrected file imported again. Returns what was deleted.
 * With `by`, the deletion is written in the audit trail (`study.delete`, the study's id).
 */
export async function deleteStudy(db: Kysely<Database>, id: string, by?: { actor: Actor | CommandLineActor; via: 'api' | 'cli' }): Promise<ExternalStudy> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('external_studies').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound(`No external study has id ${id}: list them with ecoute studies list --format json, or GET /api/v1/studies`);
    await trx.deleteFrom('external_studies').where('id', '=', id).execute();
    if (by) await auditAdministration(trx, by.actor, ['study.delete'], { kind: 'study', id }, by.via);
    return present(row);
  });
}

function checkRange({ from, to }: StudyFilter): void {
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (value !== undefined && !isCalendarDate(value)) throw invalid(name, `must be a date YYYY-MM-DD, got "${value}"`, 'invalid-format', { format: 'date' });
  }
  if (from && to && from > to) throw invalid('from', `(${from}) must not be after to (${to})`, 'from-after-to');
}

function present(row: Selectable<ExternalStudyTable>): ExternalStudy {
  // The shares of the study's own sample, as counts: what the interval is computed from.
  const figure = estimate({ promoters: row.promoters * row.n, passives: row.passives * row.n, detractors: row.detractors * row.n });
  const period = { start: row.period_start, end: row.period_end };
  return {
    id: row.id,
    source: 'external',
    firm: row.firm,
    study: row.name,
    period: { ...period, label: periodLabel(period) },
    segment: row.segment,
    n: row.n,
    basis: { scaleMin: row.scale_min, scaleMax: row.scale_max, promoterMin: row.promoter_min, detractorMax: row.detractor_max },
    promoters: round(row.promoters, 4),
    passives: round(row.passives, 4),
    detractors: round(row.detractors, 4),
    nps: round(figure.nps!, 2),
    ci95: { low: round(figure.ciLow!, 2), high: round(figure.ciHigh!, 2) },
    reliable: figure.reliable,
    distribution: row.distribution === null ? null : (JSON.parse(row.distribution) as ScoreDistribution),
    method: row.method,
    sourceFile: row.source_file,
    importedAt: new Date(row.imported_at).toISOString(),
    importedBy: row.imported_by,
  };
}

function round(value: number, decimals: number): number {
  return Math.round(value * 10 ** decimals) / 10 ** decimals;
}
