import type { Command } from 'commander';
import { importDeviceFile } from '../devices/device-csv.js';
import { println, withStorage, type CliIo } from './context.js';
import { importOptions, printImportReport, withImportOptions, type ImportFlags } from './import.js';

/** Adds the command to `program`; it writes to `io`. */
export function register(program: Command, io: CliIo): void {
  const group = program.command('devices').description("customers' devices, as the operator's systems know them (docs/self-service.md)");

  withImportOptions(
    group
      .command('import')
      .description(
        'record devices from a CSV file (msisdn, imei, make, model, purchased_on, warranty_until, instalment_remaining_cents, instalment_last_on, status); ' +
          'a device already held (same line and IMEI) is updated when something changed and left as it is otherwise, so a file can be imported again',
      ),
  ).action(async (file: string, flags: ImportFlags) => {
    await withStorage(io, async (storage) => {
      const report = await importDeviceFile(storage, importOptions(file, flags, io));
      printImportReport(report, flags, io);
      if (report.status === 'imported') println(io.stdout, `devices created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}`);
    });
  });
}
