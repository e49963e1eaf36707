import { Option, type Command } from 'commander';
import { toCsv } from '../shared/csv-export.js';
import { importStudies } from '../studies/study-import.js';
import { deleteStudy, listStudies, type ExternalStudy } from '../studies/study-service.js';
import { commandLineActor, withStorage, type CliIo } from './context.js';
import { importOptions, printImportReport, withImportOptions, type ImportFlags } from './import.js';

type Format = 'table' | 'csv' | 'json';

/** Adds the command to `program`; it writes to `io`. */
export function register(program: Command, io: CliIo): void {
  const group = program
    .command('studies')
    .description("external relational NPS studies: imported from CSV (docs/studies.md), shown beside Ecoute's transactional NPS, never merged into it");

  withImportOptions(group.command('import').description('import study results, one row per study, period and segment; studies already imported are skipped')).action(
    async (file: string, flags: ImportFlags) => {
      await withStorage(io, async (storage) => printImportReport(await importStudies(storage, importOptions(file, flags, io)), flags, io));
    },
  );

  group
    .command('list')
    .description('the studies whose period overlaps --from … --to, with their NPS and 95% interval, each on its own basis')
    .option('--from <date>', 'first day, YYYY-MM-DD')
    .option('--to <date>', 'last day, YYYY-MM-DD')
    .option('--segment <segment>', 'only this segment (residential, business …)')
    .addOption(new Option('--format <format>', 'output').choices(['table', 'csv', 'json']).default('table'))
    .action(async (options: { from?: string; to?: string; segment?: string; format: Format }) => {
      const studies = await withStorage(io, (storage) => listStudies(storage.db, options));
      io.stdout.write(FORMATS[options.format](studies));
    });

  group
    .command('delete')
    .argument('<id>', 'the id of the study (ecoute studies list --format json)')
    .description('delete an imported study: to correct one, delete it and import the corrected file again')
    .action(async (id: string) => {
      const study = await withStorage(io, (storage) => deleteStudy(storage.db, id, { actor: commandLineActor(), via: 'cli' }));
      io.stdout.write(`deleted: ${study.firm}, ${study.study}, ${study.period.label}${study.segment ? `, ${study.segment}` : ''} (n ${study.n}, from ${study.sourceFile})\n`);
    });
}

const FORMATS: Record<Format, (studies: ExternalStudy[]) => string> = {
  json: (studies) => `${JSON.stringify(studies, null, 2)}\n`,
  csv: (studies) => toCsv(studies.map(csvRecord)),
  table: (studies) => (studies.length === 0 ? 'no external study in this period\n' : table(studies.map(tableRow))),
};

function csvRecord(s: ExternalStudy) {
  return {
    period_start: s.period.start,
    period_end: s.period.end,
    firm: s.firm,
    study: s.study,
    segment: s.segment ?? '',
    n: s.n,
    promoters: s.promoters,
    passives: s.passives,
    detractors: s.detractors,
    nps: s.nps,
    ci95_low: s.ci95.low,
    ci95_high: s.ci95.high,
    scale: `${s.basis.scaleMin}-${s.basis.scaleMax}`,
    promoter_min: s.basis.promoterMin,
    detractor_max: s.basis.detractorMax,
    method: s.method ?? '',
    source_file: s.sourceFile,
    id: s.id,
  };
}

const percent = (share: number) => `${(100 * share).toFixed(1)}%`;
const points = (value: number) => value.toFixed(1);

function tableRow(s: ExternalStudy): Record<string, string> {
  return {
    period: s.period.label,
    firm: s.firm,
    study: s.study,
    segment: s.segment ?? '',
    n: s.n.toLocaleString('en'),
    promoters: percent(s.promoters),
    passives: percent(s.passives),
    detractors: percent(s.detractors),
    NPS: points(s.nps),
    '95% CI': `${points(s.ci95.low)} to ${points(s.ci95.high)}`,
    basis: `${s.basis.scaleMin}-${s.basis.scaleMax}, promoters ≥ ${s.basis.promoterMin}, detractors ≤ ${s.basis.detractorMax}`,
  };
}

/** Columns padded to their widest value; figures right-aligned. */
function table(rows: Record<string, string>[]): string {
  const columns = Object.keys(rows[0]!);
  const right = new Set(['n', 'promoters', 'passives', 'detractors', 'NPS']);
  const width = (column: string) => Math.max(column.length, ...rows.map((row) => row[column]!.length));
  const line = (cell: (column: string) => string) =>
    columns.map((column) => (right.has(column) ? cell(column).padStart(width(column)) : cell(column).padEnd(width(column)))).join('  ').trimEnd();
  return [line((column) => column), ...rows.map((row) => line((column) => row[column]!))].join('\n') + '\n';
}
