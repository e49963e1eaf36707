import type { Kysely } from 'kysely';
import { capabilitiesOf, rowsPerStatement } from '../storage/database.js';
import type { Database, Language } from '../storage/schema.js';
import type { Dimension } from './dimensions.js';
import type { Report, ReportRow } from './nps-report.js';

/**
 * A report as a table: one flat record per period, group and basis, the same in the API's JSON,
 * its CSV, the CLI and the dashboard's export. Figures are rounded here, once, so every place
 * shows the same digits.
 */

export type TableRow = Record<string, string | number | boolean | null>;

/** Names of the ids a report shows (teams, sites, advisors, reasons); channels, segments and languages are codes. */
export type Labels = Partial<Record<Dimension, Record<string, string>>>;

const round = (x: number | null, digits = 2) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

export function tableRows(report: Report, groupBy: readonly Dimension[], labels: Labels): TableRow[] {
  return report.rows.map((r) => flat(r, groupBy, labels));
}

function flat(r: ReportRow, groupBy: readonly Dimension[], labels: Labels): TableRow {
  const row: TableRow = { period: r.period, start: r.start, end: r.end, complete: r.complete };
  for (const d of groupBy) {
    const key = r.group[d] ?? '';
    row[d] = key;
    if (labels[d]) row[`${d}_name`] = labels[d][key] ?? (key === '' ? '' : key);
  }
  return Object.assign(row, {
    basis: r.basis,
    nps: round(r.nps),
    ci_low: round(r.ciLow),
    ci_high: round(r.ciHigh),
    n: r.n,
    reliable: r.reliable,
    rank: r.rank,
    promoters: r.promoters,
    passives: r.passives,
    detractors: r.detractors,
    promoters_pct: round(r.promotersShare),
    passives_pct: round(r.passivesShare),
    detractors_pct: round(r.detractorsShare),
    sent: r.sent,
    response_rate: round(r.responseRate),
    unparsed: r.unparsed,
    resolved_yes: r.resolvedYes,
    resolved_no: r.resolvedNo,
    resolved_pct: round(r.resolvedShare),
    contacts: r.contacts,
    advisor_resolved_pct: round(r.advisorResolvedShare),
    repeats: r.repeats,
    repeat_pct: round(r.repeatShare),
    fcr: r.fcr,
    fcr_pct: round(r.fcrShare),
    standard_error: round(r.standardError, 3),
    previous_period: r.previous?.period ?? null,
    previous_nps: round(r.previous?.nps ?? null),
    previous_n: r.previous?.n ?? null,
    change: round(r.change?.difference ?? null),
    p_value: round(r.change?.pValue ?? null, 4),
    significant: r.change?.significant ?? false,
    vs_rest: round(r.versusRest?.difference ?? null),
    vs_rest_p_value: round(r.versusRest?.pValue ?? null, 4),
    vs_rest_significant: r.versusRest?.significant ?? false,
    ...Object.fromEntries(SCORE_COLUMNS.map((column, score) => [column, r.scores[score] ?? 0])),
  });
}

/** The names of the ids in a report's groups, in the reader's language for reasons. */
export async function labelsOf(db: Kysely<Database>, report: Report, groupBy: readonly Dimension[], language: Language): Promise<Labels> {
  const ids = (d: Dimension) => [...new Set(report.rows.map((r) => r.group[d]).filter((k): k is string => !!k))];
  const labels: Labels = {};
  const named = async (d: Dimension, load: (list: string[]) => Promise<{ id: string; name: string }[]>) => {
    if (!groupBy.includes(d)) return;
    const list = ids(d);
    const names: Record<string, string> = {};
    const n = rowsPerStatement(capabilitiesOf(db), 1, 500);
    for (let i = 0; i < list.length; i += n) for (const { id, name } of await load(list.slice(i, i + n))) names[id] = name;
    labels[d] = names;
  };
  await named('team', (list) => db.selectFrom('teams').select(['id', 'name']).where('id', 'in', list).execute());
  await named('site', (list) => db.selectFrom('sites').select(['id', 'name']).where('id', 'in', list).execute());
  await named('advisor', (list) => db.selectFrom('users').select(['id', 'display_name as name']).where('id', 'in', list).execute());
  const labelColumn = language === 'de' ? 'label_de' : language === 'en' ? 'label_en' : 'label_fr';
  await named('reason', (list) => db.selectFrom('reasons').select(['code as id', `${labelColumn} as name`]).where('code', 'in', list).execute());
  return labels;
}

/** The count of responses per score, 0 to 10 (a 1-10 basis has none at 0). */
export const SCORE_COLUMNS = Array.from({ length: 11 }, (_, score) => `score_${score}`);

/** Columns of a report table, in order (the CSV header). */
export function columnsOf(groupBy: readonly Dimension[], labels: Labels): string[] {
  return [
    'period', 'start', 'end', 'complete',
    ...groupBy.flatMap((d) => (labels[d] ? [d, `${d}_name`] : [d])),
    'basis', 'nps', 'ci_low', 'ci_high', 'n', 'reliable', 'rank', 'promoters', 'passives', 'detractors',
    'promoters_pct', 'passives_pct', 'detractors_pct', 'sent', 'response_rate', 'unparsed', 'resolved_yes', 'resolved_no', 'resolved_pct',
    'contacts', 'advisor_resolved_pct', 'repeats', 'repeat_pct', 'fcr', 'fcr_pct', 'standard_error', 'previous_period', 'previous_nps', 'previous_n', 'change', 'p_value', 'significant',
    'vs_rest', 'vs_rest_p_value', 'vs_rest_significant', ...SCORE_COLUMNS,
  ];
}
