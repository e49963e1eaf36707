import type { Command } from 'commander';
import { importBillFile } from '../billing/bill-csv.js';
import { println, withStorage, type CliIo } from './context.js';
import { importOptions, printImportReport, withImportOptions, type ImportFlags } from './import.js';

/** Adds the command to `program`; it writes to `io`. */
export function register(program: Command, io: CliIo): void {
  const group = program.command('bills').description("customers' bills, as the billing system issues them (docs/self-service.md)");

  withImportOptions(
    group
      .command('import')
      .description(
        'record bills from a CSV file (bill_number, account_number, period_start, period_end, amount_cents, issued_on, due_on, paid_at, pdf_url); ' +
          'a bill already held is updated when its payment, due date or PDF link changed and left as it is otherwise, so a file can be imported again',
      ),
  ).action(async (file: string, flags: ImportFlags) => {
    await withStorage(io, async (storage) => {
      const report = await importBillFile(storage, importOptions(file, flags, io));
      printImportReport(report, flags, io);
      if (report.status === 'imported') println(io.stdout, `bills created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}`);
    });
  });
}
