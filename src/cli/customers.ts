import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { openBlobStore } from '../blobs/open-blob-store.js';
import { exportCustomer } from '../privacy/customer-export.js';
import { eraseCustomer } from '../privacy/erasure.js';
import { exportZip } from '../privacy/export-files.js';
import { presentExport } from '../privacy/privacy-presenters.js';
import { commandLineActor, println, UsageError, withStorage, type CliIo } from './context.js';

/** Adds the command to `program`; it writes to `io`. */
export function register(program: Command, io: CliIo): void {
  const group = program.command('customers').description("a customer's privacy rights: export everything held on them, erase them (docs/privacy.md)");

  group
    .command('export')
    .argument('<id>', 'the customer id (shown on the card)')
    .description('everything Ecoute holds on one customer (GDPR art. 15), as JSON or as a zip of CSV files; the export is audited')
    .addOption(new Option('--format <format>', 'json or zip (one CSV per kind of record)').choices(['json', 'zip']).default('json'))
    .option('--out <file>', 'write to this file (a zip needs one); JSON goes to stdout without it')
    .action(async (id: string, options: { format: 'json' | 'zip'; out?: string }) => {
      if (options.format === 'zip' && !options.out) throw new UsageError('--format zip needs --out FILE.zip');
      const data = await withStorage(io, async (storage, config) =>
        presentExport(await exportCustomer(storage.db, id, { actor: commandLineActor(), via: 'cli' }, config.privacySecret)),
      );
      const body = options.format === 'zip' ? exportZip(data) : `${JSON.stringify(data, null, 2)}\n`;
      if (!options.out) {
        io.stdout.write(body);
        return;
      }
      writeFileSync(options.out, body);
      println(io.stdout, `customer ${id}: written to ${options.out} (${body.length.toLocaleString('en')} bytes)`);
    });

  group
    .command('erase')
    .argument('<id>', 'the customer id (shown on the card)')
    .description("erase a customer's personal data (GDPR art. 17), all or nothing; every NPS, FCR and contact figure stays as it was")
    .requiredOption('--reason <text>', 'why (a ticket or request reference), recorded with the erasure: no personal data')
    .action(async (id: string, options: { reason: string }) => {
      const erasure = await withStorage(io, (storage, config) =>
        eraseCustomer(storage.db, id, { reason: options.reason, actor: commandLineActor(), via: 'cli' }, config.privacySecret, openBlobStore(config.blobs)),
      );
      const counts = Object.entries(erasure.counts)
        .filter(([, n]) => n > 0)
        .map(([table, n]) => `${table} ${n}`)
        .join(', ');
      println(io.stdout, `customer ${id} erased at ${new Date(erasure.erasedAt).toISOString()}: ${counts || 'nothing else held'}`);
    });
}
