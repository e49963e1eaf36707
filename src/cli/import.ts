import { InvalidArgumentError, type Command } from 'commander';
import cliProgress from 'cli-progress';
import { formatRowError } from '../imports/csv-rows.js';
import { importCustomers } from '../imports/customer-import.js';
import type { ImportOptions, ImportProgress, ImportReport } from '../imports/import-runner.js';
import { importInteractions } from '../imports/interaction-import.js';
import { lowerPriority } from './background-priority.js';
import { CommandFailed, println, withStorage, type CliIo } from './context.js';

/** The options every import command takes (withImportOptions). */
export interface ImportFlags {
  skipInvalid?: boolean;
  rejects?: string;
  dryRun?: boolean;
  maxErrors: number;
  progress: boolean;
  priority: 'low' | 'normal';
}

/** Files above this size show a progress bar (when stderr is a terminal). */
const PROGRESS_MIN_BYTES = 1_000_000;

/** Adds the command to `program`; it writes to `io`. */
export function register(program: Command, io: CliIo): void {
  const group = program
    .command('import')
    .description('import customers or contacts from a CSV file (formats: docs/import.md)');
  withImportOptions(
    group.command('customers').description('create customers, with their account, lines and contact points, one per row'),
  ).action(async (file: string, flags: ImportFlags) => {
    await withStorage(io, async (storage) => printImportReport(await importCustomers(storage, importOptions(file, flags, io)), flags, io));
  });
  withImportOptions(
    group.command('interactions').description('record past contacts (idempotent on external_id) and recompute repeat contacts'),
  ).action(async (file: string, flags: ImportFlags) => {
    await withStorage(io, async (storage, config) =>
      printImportReport(await importInteractions(storage, { ...importOptions(file, flags, io), fcrWindowDays: config.fcrWindowDays }), flags, io),
    );
  });
}

/** The file argument and the options of an import, the same for every kind of file (docs/import.md). */
export function withImportOptions(command: Command): Command {
  return command
    .argument('<file>', 'CSV file with a header line (UTF-8; comma or semicolon separated)')
    .option('--skip-invalid', 'import the valid rows and write the invalid ones to the reject file (default: a file with errors imports nothing)')
    .option('--rejects <path>', 'write the rejected rows with their line and error to this file (with --skip-invalid, default: FILE.rejects.csv next to the file)')
    .option('--dry-run', 'check the whole file and report (and write the reject file), without importing anything')
    .option('--max-errors <n>', 'row errors to print', positiveInteger, 100)
    .option('--no-progress', 'no progress bar')
    .option('--priority <level>', 'CPU priority: low (default: live work on the same machine comes first) or normal', priorityLevel, 'low');
}

function priorityLevel(value: string): 'low' | 'normal' {
  if (value !== 'low' && value !== 'normal') throw new InvalidArgumentError('must be low or normal');
  return value;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number');
  return n;
}

/**
 * What the flags ask of the import; a progress bar when stderr is a terminal. At `--priority low` the
 * process gives up its CPU to anything of normal priority (an Ecoute server on the same machine
 * answering advisors): an import is background work.
 */
export function importOptions(file: string, flags: ImportFlags, io: CliIo): ImportOptions {
  if (flags.priority === 'low') lowerPriority();
  return {
    file,
    skipInvalid: flags.skipInvalid,
    rejectsPath: flags.rejects,
    dryRun: flags.dryRun,
    maxErrors: flags.maxErrors,
    onProgress: flags.progress && io.stderr.isTTY ? progressBar(io.stderr) : undefined,
  };
}

/** A progress bar on stderr for big files, one per pass. */
function progressBar(stream: NodeJS.WritableStream): (progress: ImportProgress) => void {
  let bar: cliProgress.SingleBar | undefined;
  let phase: ImportProgress['phase'] | undefined;
  process.once('beforeExit', () => bar?.stop());
  return (progress) => {
    if (progress.totalBytes < PROGRESS_MIN_BYTES) return;
    if (phase !== progress.phase) {
      bar?.stop();
      phase = progress.phase;
      bar = new cliProgress.SingleBar(
        {
          format: `${progress.phase.padEnd(10)} |{bar}| {percentage}% | {rows} rows | {duration_formatted} (ETA {eta_formatted})`,
          stream,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(progress.totalBytes, 0, { rows: 0 });
    }
    bar?.update(progress.bytes, { rows: progress.rows.toLocaleString('en') });
    if (progress.bytes >= progress.totalBytes) {
      bar?.stop();
      bar = undefined;
    }
  };
}

/** Prints the errors and the summary; throws CommandFailed (exit code 1) when nothing was imported because of errors. */
export function printImportReport(report: ImportReport, flags: ImportFlags, io: CliIo): void {
  for (const error of report.errors.slice(0, flags.maxErrors)) println(io.stderr, formatRowError(error));
  const shown = Math.min(report.errors.length, flags.maxErrors);
  if (report.errorCount > shown) {
    println(
      io.stderr,
      `… and ${report.errorCount - shown} more error${report.errorCount - shown === 1 ? '' : 's'}` +
        (report.rejectsFile ? ` (all in ${report.rejectsFile})` : ' (run again with --rejects PATH to get them all in a file)'),
    );
  }
  const seconds = report.durationMs / 1000;
  const rate = seconds > 0 ? `, ${Math.round(report.rows / seconds).toLocaleString('en')} rows/s` : '';
  const timing = `${report.rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s${rate}`;
  if (report.status === 'validated') {
    println(
      io.stdout,
      `dry run of ${report.file}: would import ${report.valid}, rejected ${report.rejected}, duplicates skipped ${report.duplicates} (${timing}); nothing was written`,
    );
  } else {
    println(io.stdout, `${report.file}: imported ${report.imported}, rejected ${report.rejected}, duplicates skipped ${report.duplicates} (${timing})`);
  }
  if (report.rejectsFile) println(io.stdout, `rejected rows, with their line and error: ${report.rejectsFile}`);
  if (report.status === 'rejected') {
    println(
      io.stderr,
      report.valid === 0
        ? `nothing was imported: no row is valid`
        : `nothing was imported: ${report.rejected} row${report.rejected === 1 ? ' has' : 's have'} errors; fix ${report.rejected === 1 ? 'it' : 'them'}, or run again with --skip-invalid to import the ${report.valid} valid row${report.valid === 1 ? '' : 's'}`,
    );
    throw new CommandFailed(1);
  }
}
