import type { Command } from 'commander';
import { flatRow, presentReport, REPORT_COLUMNS } from '../complaints/complaint-report-presenters.js';
import { complaintReport, parseComplaintReportParams } from '../complaints/complaint-report.js';
import { toCsv } from '../shared/csv-export.js';
import { DomainError } from '../shared/errors.js';
import { LABEL_LANGUAGES, type LabelLanguage } from '../shared/languages.js';
import { importComplaints } from '../complaints/complaint-import.js';
import { commandLineActor, println, UsageError, withStorage, type CliIo } from './context.js';
import { importOptions, printImportReport, withImportOptions, type ImportFlags } from './import.js';

interface ReportFlags {
  from?: string;
  to?: string;
  by: string;
  interval: string;
  format: string;
  lang: string;
}

/** Columns of the terminal table: the figures a reader looks at first. */
const TABLE: [header: string, cell: (r: ReturnType<typeof flatRow>) => string][] = [
  ['period', (r) => r.period],
  ['group', (r) => r.label],
  ['received', (r) => r.received],
  ['/1000/month', (r) => r.per_1000_customers_month],
  ['ack on time', (r) => pct(r.ack_on_time)],
  ['answer on time', (r) => pct(r.answer_on_time)],
  ['answer median h', (r) => r.answer_median_business_h],
  ['answer p90 h', (r) => r.answer_p90_business_h],
  ['reopened', (r) => pct(r.reopen_rate)],
  ['FCR', (r) => pct(r.fcr_rate)],
  ['rejected', (r) => pct(r.rejected_rate)],
  ['rated', (r) => r.satisfaction_answers],
  ['handling NPS', (r) => (r.satisfaction_nps === '' ? '–' : r.satisfaction_nps)],
];
const pct = (v: string) => (v === '' ? '–' : `${(Number(v) * 100).toFixed(1)} %`);

/** Adds the command to `program`; it writes to `io`. */
export function register(program: Command, io: CliIo): void {
  const complaints = program.command('complaints').description('complaints (docs/complaints.md)');
  withImportOptions(
    complaints
      .command('import')
      .description("import a back office's complaints with their history, one per row: each state change becomes an event at its own time; the customers are not told"),
  ).action(async (file: string, flags: ImportFlags) => {
    await withStorage(io, async (storage) => printImportReport(await importComplaints(storage, { ...importOptions(file, flags, io), actor: commandLineActor() }), flags, io));
  });
  complaints
    .command('report')
    .description('complaint figures per month and category, team or channel: the same rows as GET /api/v1/complaints/report')
    .option('--from <date>', 'first day of a month, YYYY-MM-DD')
    .option('--to <date>', 'last day of a month, YYYY-MM-DD (inclusive)')
    .option('--by <dimension>', 'category, team or channel', 'category')
    .option('--interval <interval>', 'month, quarter or year', 'month')
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--lang <language>', 'language of category labels (fr, de, en)', 'en')
    .action(async (flags: ReportFlags) => {
      if (!['table', 'csv', 'json'].includes(flags.format)) throw new UsageError(`--format must be table, csv or json (got "${flags.format}")`);
      if (!(LABEL_LANGUAGES as readonly string[]).includes(flags.lang)) throw new UsageError(`--lang must be fr, de or en (got "${flags.lang}")`);
      const query = (() => {
        try {
          return parseComplaintReportParams({ from: flags.from, to: flags.to, by: flags.by, interval: flags.interval });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          throw new UsageError(error.fields.map((f) => `--${f.field} ${f.reason}`).join('; '));
        }
      })();
      await withStorage(io, async (storage) => {
        const report = presentReport(await complaintReport(storage.db, { ...query, lang: flags.lang as LabelLanguage }));
        if (flags.format === 'json') return println(io.stdout, JSON.stringify(report, null, 2));
        const rows = report.rows.map(flatRow);
        if (flags.format === 'csv') return void io.stdout.write(toCsv(rows, [...REPORT_COLUMNS]));
        const cells = [TABLE.map(([h]) => h), ...rows.map((r) => TABLE.map(([, cell]) => cell(r)))];
        const widths = TABLE.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
        for (const row of cells) println(io.stdout, row.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
        if (rows.length === 0) println(io.stdout, '(no complaint received in these months)');
      });
    });
}
