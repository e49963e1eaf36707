import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { openStorage } from '../storage/database.js';
import { migrate, println, UsageError, type CliIo } from './context.js';
import { startSmsRuntime } from './sms-runtime.js';

/** Adds the command to `program`; it writes to `io`. */
export function register(program: Command, io: CliIo): void {
  program
    .command('worker')
    .description('run only the background work (survey decisions, SMS sending, replies, notifications) — for deployments with several processes')
    .action(async () => {
      const config = loadConfig(io.config);
      if (!process.env.ECOUTE_SMSC_URL) {
        throw new UsageError('a separate worker needs a real SMSC: set ECOUTE_SMSC_URL=smpp://system_id:password@host:port');
      }
      const storage = openStorage(config);
      await migrate(storage, io);
      const runtime = await startSmsRuntime(storage, { worker: { leaseMs: config.jobLeaseMs }, config });
      println(io.stdout, `Ecoute worker running (database: ${config.databaseUrl ? 'PostgreSQL' : config.sqlitePath}; e-mail: ${runtime.mailDescription})`);
      const stop = async () => {
        await runtime.stop();
        await storage.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
