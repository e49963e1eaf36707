import type { Command } from 'commander';
import { toCsv } from '../shared/csv-export.js';
import { DIMENSIONS, type Dimension } from '../nps/dimensions.js';
import { npsReport } from '../nps/nps-report.js';
import { columnsOf, labelsOf, tableRows, type TableRow } from '../nps/nps-table.js';
import { parseReportParams } from '../nps/report-query.js';
import { rebuildCounts } from '../nps/survey-facts.js';
import { DomainError } from '../shared/errors.js';
import { LABEL_LANGUAGES } from '../shared/languages.js';
import type { Language } from '../storage/schema.js';
import { println, UsageError, withStorage, type CliIo } from './context.js';

interface ReportFlags {
  from?: string;
  to?: string;
  interval: string;
  by?: string;
  format: string;
  lang: string;
  [filter: string]: string | undefined;
}

/** CLI flag of each report parameter, for error messages. */
const FLAG: Record<string, string> = { from: '--from', to: '--to', interval: '--interval', groupBy: '--by' };

/** Adds the command to `program`; it writes to `io`. */
export function register(program: Command, io: CliIo): void {
  const nps = program.command('nps').description('NPS figures (docs/nps.md)');
  const report = nps
    .command('report')
    .description('NPS per period and group, with 95% confidence intervals; the same rows as GET /api/v1/nps')
    .option('--from <date>', 'first contact day, YYYY-MM-DD (default: 12 months back)')
    .option('--to <date>', 'last contact day, YYYY-MM-DD, inclusive (default: today)')
    .option('--interval <interval>', 'day, week, month, quarter, year, rolling28 or total', 'month')
    .option('--by <dimensions>', `group by one or two of ${DIMENSIONS.join(', ')} (comma-separated)`)
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--lang <language>', 'language of reason labels (fr, de, en)', 'en');
  for (const d of DIMENSIONS) report.option(`--${d} <id>`, `only this ${d}`);
  report.action(async (flags: ReportFlags) => {
    if (!['table', 'csv', 'json'].includes(flags.format)) throw new UsageError(`--format must be table, csv or json (got "${flags.format}")`);
    if (!(LABEL_LANGUAGES as readonly string[]).includes(flags.lang)) throw new UsageError(`--lang must be fr, de or en (got "${flags.lang}")`);
    const filters = Object.fromEntries(DIMENSIONS.map((d) => [d, flags[d]]));
    await withStorage(io, async (storage, config) => {
      const query = (() => {
        try {
          return parseReportParams({ from: flags.from, to: flags.to, interval: flags.interval, groupBy: flags.by, filters }, config.npsMinResponses);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          throw new UsageError(error.fields.map((f) => `${FLAG[f.field] ?? `--${f.field}`} ${f.reason}`).join('; '));
        }
      })();
      const result = await npsReport(storage.db, query);
      const labels = await labelsOf(storage.db, result, query.groupBy, flags.lang as Language);
      const rows = tableRows(result, query.groupBy, labels);
      const columns = columnsOf(query.groupBy, labels);
      if (flags.format === 'json') println(io.stdout, JSON.stringify({ source: result.source, minResponses: query.minResponses, columns, labels, rows }, null, 2));
      else if (flags.format === 'csv') io.stdout.write(toCsv(rows, columns));
      else printTable(io, rows, query.groupBy, query.minResponses);
    });
  });

  nps
    .command('rebuild')
    .description('recompute the aggregates from the contacts, surveys and responses (they are kept up to date; this repairs or re-derives them)')
    .action(async () => {
      await withStorage(io, async (storage) => {
        const started = Date.now();
        let shown = 0;
        const { surveys, contacts, cells } = await rebuildCounts(storage, ({ surveys: done, total }) => {
          if (io.stderr.isTTY && Date.now() - shown > 500) {
            shown = Date.now();
            io.stderr.write(`\r${done.toLocaleString('en')} / ${total.toLocaleString('en')} surveys`);
          }
        });
        if (io.stderr.isTTY && shown > 0) io.stderr.write('\n');
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        println(io.stdout, `Aggregates rebuilt from ${contacts.toLocaleString('en')} contacts and ${surveys.toLocaleString('en')} surveys: ${cells.toLocaleString('en')} NPS rows in ${seconds} s.`);
      });
    });
}

/** The table for people: the figure, its interval, whether to trust it, and what changed. */
function printTable(io: CliIo, rows: TableRow[], groupBy: readonly Dimension[], minResponses: number): void {
  if (rows.length === 0) {
    println(io.stdout, 'No surveys sent for contacts in this period.');
    return;
  }
  const header = ['period', ...groupBy, 'n', 'NPS', '95% CI', 'resp. rate', 'vs before', 'contacts', 'FCR'];
  const lines = rows.map((r) => [
    `${String(r.period)}${r.complete ? '' : ' …'}`,
    ...groupBy.map((d) => String(r[`${d}_name`] ?? r[d] ?? '') || '(none)'),
    String(r.n),
    r.nps === null ? '–' : `${(r.nps as number).toFixed(1)}${r.reliable ? '' : ' ?'}`,
    r.ci_low === null ? '' : `[${(r.ci_low as number).toFixed(1)}, ${(r.ci_high as number).toFixed(1)}]`,
    r.response_rate === null ? '' : `${(r.response_rate as number).toFixed(1)}%`,
    r.change === null ? '' : `${(r.change as number) > 0 ? '+' : ''}${(r.change as number).toFixed(1)}${r.significant ? ' *' : ''}`,
    String(r.contacts),
    r.fcr_pct === null ? '' : `${(r.fcr_pct as number).toFixed(1)}%`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const numeric = new Set([1, 2, 4, 5, 6, 7].map((i) => groupBy.length + i));
  const format = (cells: string[]) => cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  println(io.stdout, format(header));
  for (const line of lines) println(io.stdout, format(line));
  const bases = new Set(rows.map((r) => r.basis).filter((b) => b !== ''));
  println(
    io.stdout,
    `\n? fewer than ${minResponses} responses: unreliable, not ranked.  * significant change against the period before (p < 0.05).` +
      (rows.some((r) => !r.complete) ? '  … period still running: its figures will move.' : '') +
      '  Contacts on every channel; FCR: recorded resolved, no repeat contact.' +
      (bases.size > 1 ? `  Several NPS bases (${[...bases].join(', ')}): their rows are separate.` : ''),
  );
}
