import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { simulateUsage } from '../demo/usage-simulator.js';
import { consumeUsage } from '../usage/usage-bus.js';
import { importUsage } from '../usage/usage-import.js';
import { UsageError, withStorage, type CliIo } from './context.js';
import { importOptions, printImportReport, withImportOptions, type ImportFlags } from './import.js';

/** Adds the command to `program`; it writes to `io`. */
export function register(program: Command, io: CliIo): void {
  const group = program.command('usage').description("customers' usage of their lines: events counted per billing period and bucket (docs/self-service.md)");

  withImportOptions(
    group
      .command('import')
      .description('count usage events from a CSV file (event_id, msisdn, occurred_at, type, quantity, country); an event already counted is skipped, so a file can be imported again'),
  ).action(async (file: string, flags: ImportFlags) => {
    await withStorage(io, async (storage) => printImportReport(await importUsage(storage, importOptions(file, flags, io)), flags, io));
  });

  registerSimulate(group, io);

  group
    .command('consume')
    .description('count usage events from a NATS JetStream stream, one JSON event per message, until stopped (Ctrl-C); each batch acknowledged once counted')
    .option('--nats <url>', 'the NATS server', process.env.ECOUTE_NATS_URL || 'nats://127.0.0.1:4222')
    .option('--stream <name>', 'the stream (created on --subject when missing)', 'USAGE')
    .option('--subject <subject>', 'the subject the mediation platform publishes on', 'usage.events')
    .option('--durable <name>', 'the durable consumer: another run with this name goes on where it stopped', 'ecoute-usage')
    .option('--batch <n>', 'messages counted together', wholeNumber(1, 10_000), 1_000)
    .action(async (flags: { nats: string; stream: string; subject: string; durable: string; batch: number }) => {
      await withStorage(io, async (storage) => {
        // a writer that runs for days, as `serve`: WAL checkpoints from a worker thread, not inside its batches
        storage.backgroundCheckpoints?.();
        const controller = new AbortController();
        const stop = () => controller.abort();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        const totals = { messages: 0, accepted: 0, duplicates: 0, refused: 0 };
        io.stderr.write(`Counting usage from ${flags.nats}, stream ${flags.stream}, consumer ${flags.durable} (Ctrl-C to stop)\n`);
        try {
          await consumeUsage(storage, { url: flags.nats, stream: flags.stream, subject: flags.subject, durable: flags.durable, batch: flags.batch, maxWaitMs: 1_000 }, {
            signal: controller.signal,
            onStall: (inARow) => io.stderr.write(`no heartbeat from ${flags.nats} during a fetch (${inARow} in a row): fetching again\n`),
            onBatch: ({ messages, report }) => {
              totals.messages += messages;
              totals.accepted += report.accepted;
              totals.duplicates += report.duplicates;
              totals.refused += report.refused.length;
              // ids and codes only: an event's number and place are personal data
              for (const r of report.refused) io.stderr.write(`refused ${r.eventId ?? '(no id)'}: ${r.issues.map((i) => `${i.field} ${i.code}`).join(', ')}\n`);
            },
          });
        } finally {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        }
        io.stdout.write(`${totals.messages} messages: counted ${totals.accepted}, duplicates ${totals.duplicates}, refused ${totals.refused}\n`);
      });
    });
}

function registerSimulate(group: Command, io: CliIo): void {
  group
    .command('simulate')
    .description('demo: live usage of the first N active mobile lines at R events a second, until stopped (Ctrl-C) or --duration; bars move on the cards, alerts leave')
    .option('--lines <n>', 'lines that use the network', wholeNumber(1, 100_000), 50)
    .option('--rate <r>', 'events a second', wholeNumber(1, 10_000), 20)
    .option('--duration <seconds>', 'stop after this many seconds', wholeNumber(1, 86_400))
    .action(async (flags: { lines: number; rate: number; duration?: number }) => {
      await withStorage(io, async (storage) => {
        const controller = new AbortController();
        const stop = () => controller.abort();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        io.stderr.write(`Simulating usage: ${flags.rate} events a second on ${flags.lines} lines (Ctrl-C to stop)\n`);
        try {
          const totals = await simulateUsage(storage, { lines: flags.lines, rate: flags.rate, signal: controller.signal, durationSeconds: flags.duration });
          if (totals.lines === 0) throw new UsageError('no active mobile line to simulate: load the demo first (ecoute demo)');
          io.stdout.write(`${totals.events} usage events on ${totals.lines} lines, ${totals.alerts} alerts\n`);
        } finally {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        }
      });
    });
}

function wholeNumber(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
    return n;
  };
}
