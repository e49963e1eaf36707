import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { openStorage } from '../storage/database.js';
import { UsageError, migrate } from './context.js';
import { startSmsRuntime } from './sms-runtime.js';

export function register(program: Command): void {
  program
    .command('worker')
    .description('run only the background work (survey decisions, SMS sending, replies) — for deployments with several processes')
    .action(async () => {
      const config = loadConfig();
      if (!process.env.ECOUTE_SMSC_URL) {
        throw new UsageError('a separate worker needs a real SMSC: set ECOUTE_SMSC_URL=smpp://system_id:password@host:port');
      }
      const storage = openStorage(config);
      await migrate(storage);
      const runtime = await startSmsRuntime(storage, { worker: { leaseMs: config.jobLeaseMs } });
      console.log(`Ecoute worker running (database: ${config.databaseUrl ? 'PostgreSQL' : config.sqlitePath})`);
      const stop = async () => {
        await runtime.stop();
        await storage.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
