import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { loadDemoActions } from '../demo/demo-actions.js';
import { loadDemoQuality } from '../demo/demo-quality.js';
import { loadDemoTrainings } from '../demo/demo-training.js';
import { loadDemoCoaching } from '../demo/demo-coaching.js';
import { loadDemoUsage } from '../demo/demo-usage.js';
import { loadDemoBills } from '../demo/demo-bills.js';
import { loadDemoDevices } from '../demo/demo-devices.js';
import { loadDemoCases } from '../demo/demo-cases.js';
import { loadDemoSurveys } from '../demo/demo-surveys.js';
import { DEMO_LOGINS } from '../demo/logins.js';
import { defaultInteractionsPerCustomer, isDatabaseEmpty, loadDemo, MAX_DEMO_CUSTOMERS } from '../demo/load.js';
import { println, UsageError, withStorage, type CliIo } from './context.js';

interface DemoCommandOptions {
  customers: string;
  seed: string;
  months: string;
  interactionsPerCustomer?: string;
}

function wholeNumber(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

/** Adds the command to `program`; it writes to `io`. */
export function register(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('load deterministic demo data (sites, teams, staff, customers, their contacts, survey history, follow-ups and complaints) into an empty database')
    .option('--customers <n>', 'customers to generate', '10000')
    .option('--seed <n>', 'random seed: the same seed gives the same data', '1')
    .option('--months <n>', 'months of contact history', '12')
    .option('--interactions-per-customer <x>', 'contacts per customer over the period (default: 4 a year)')
    .action(async (options: DemoCommandOptions) => {
      const customers = wholeNumber('customers', options.customers, 0, MAX_DEMO_CUSTOMERS);
      const seed = wholeNumber('seed', options.seed, 0, Number.MAX_SAFE_INTEGER);
      const months = wholeNumber('months', options.months, 1, 120);
      const rate = options.interactionsPerCustomer === undefined ? defaultInteractionsPerCustomer(months) : Number(options.interactionsPerCustomer);
      if (!Number.isFinite(rate) || rate < 0 || rate > 500) {
        throw new UsageError(`--interactions-per-customer must be a number between 0 and 500, got "${options.interactionsPerCustomer}"`);
      }
      await withStorage(io, async (storage, config) => {
        if (!(await isDatabaseEmpty(storage))) {
          throw new UsageError('the database already has data; demo data is loaded only into an empty database (point ECOUTE_SQLITE_PATH or DATABASE_URL to a new one)');
        }
        const bar = new cliProgress.SingleBar(
          {
            format: 'demo [{bar}] {percentage}% | {value}/{total} customers | {duration_formatted} | ETA {eta_formatted}',
            stream: io.stderr,
            etaBuffer: 50,
            fps: 5,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(customers, 0);
        const now = Date.now();
        let summary;
        try {
          summary = await loadDemo(storage, {
            customers,
            seed,
            now,
            months,
            interactionsPerCustomer: rate,
            fcrWindowDays: config.fcrWindowDays,
            onProgress: (done, total) => {
              bar.update(done);
              if (done === total && total > 0) {
                bar.stop();
                io.stderr.write('Finishing the load (indexes, statistics)…\n');
              }
            },
          });
        } finally {
          bar.stop();
        }
        io.stderr.write('Adding the survey history of the phone contacts, the follow-ups and the complaints with their root causes…\n');
        const history = await loadDemoSurveys(storage, { seed, now });
        const cases = await loadDemoCases(storage, { seed, now });
        const improvement = await loadDemoActions(storage, { now });
        const trainings = await loadDemoTrainings(storage, { seed, now });
        const quality = await loadDemoQuality(storage, { seed, now });
        const coaching = await loadDemoCoaching(storage, { now });
        const usage = await loadDemoUsage(storage, { seed, now });
        const bills = await loadDemoBills(storage, { seed, now });
        const devices = await loadDemoDevices(storage, { seed, now });
        println(
          io.stdout,
          `Loaded in ${(summary.durationMs / 1000).toFixed(1)} s (${storage.capabilities.engine}, seed ${seed}): ` +
            `${summary.customers} customers (${summary.organisations} businesses), ${summary.accounts} accounts, ` +
            `${summary.lines} lines, ${summary.contactPoints} contact points, ${summary.interactions} contacts ` +
            `(${summary.repeatContacts} repeats within ${config.fcrWindowDays} days); ` +
            `${history.surveys} surveys, ${history.responses} responses, ${cases.followups} follow-ups, ${cases.complaints} complaints, ${cases.codings} root causes coded, ${improvement.actions} improvement actions, ${trainings.trainings} trainings (${trainings.completions} completions), ${quality.evaluations} evaluations, ${coaching.sessions} coaching sessions, ${usage.events} usage events on ${usage.lines} lines; ` +
            `${summary.sites} sites, ${summary.teams} teams, ${summary.users} staff.`,
        );
        if (usage.nearLimit) println(io.stdout, `The line ${usage.nearLimit} has used 78% of its data: \`ecoute usage simulate\` takes it past 80%, and its alert SMS leaves.`);
        println(io.stdout, `${bills.bills} bills of ${bills.accounts} accounts` + (bills.overdueAccount ? `; the account ${bills.overdueAccount} has overdue bills.` : '.'));
        println(io.stdout, `${devices.devices} devices on ${devices.lines} lines.`);
        println(io.stdout, `Demo logins (password "${DEMO_LOGINS[0]?.password}"): ${DEMO_LOGINS.map((l) => `${l.email} (${l.role})`).join(', ')}`);
      });
    });
}
