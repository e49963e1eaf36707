import type { Command } from 'commander';
import { openBlobStore } from '../blobs/open-blob-store.js';
import { loadDemoRecordings } from '../demo/demo-recordings.js';
import type { DemoLogin } from '../sessions/session-routes.js';
import { loadConfig, secretProblems } from '../config.js';
import { loadDemoActions } from '../demo/demo-actions.js';
import { loadDemoQuality } from '../demo/demo-quality.js';
import { loadDemoTrainings } from '../demo/demo-training.js';
import { loadDemoCoaching } from '../demo/demo-coaching.js';
import { loadDemoUsage } from '../demo/demo-usage.js';
import { loadDemoBills } from '../demo/demo-bills.js';
import { loadDemoDevices } from '../demo/demo-devices.js';
import { loadDemoCases } from '../demo/demo-cases.js';
import { loadDemoSurveys } from '../demo/demo-surveys.js';
import { restoreDemoAccounts, retireDemoAccounts } from '../demo/demo-accounts.js';
import { LiveHub } from '../http/live-hub.js';
import { DEMO_LOGINS, isDatabaseEmpty, loadDemo } from '../demo/index.js';
import type { Storage } from '../storage/database.js';
import { activeRules, saveRules } from '../surveys/survey-rules.js';
import { startServer } from '../server/server.js';
import { openStorage } from '../storage/database.js';
import { migrate, println, UsageError, type CliIo } from './context.js';
import { startSmsRuntime } from './sms-runtime.js';

/** Adds the command to `program`; it writes to `io`. */
export function register(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('run the API, the console and the background work')
    .option('--port <port>', 'HTTP port (default: PORT or 3000)')
    .option('--host <host>', 'address to listen on', '0.0.0.0')
    .option('--demo', 'demo mode: load demo data into an empty database and show the demo logins')
    .option('--demo-customers <n>', 'customers to generate in demo mode', '10000')
    .action(async (options: { port?: string; host: string; demo?: boolean; demoCustomers: string }) => {
      const port = options.port === undefined ? undefined : Number(options.port);
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
        throw new UsageError(`--port must be a port number (0-65535), got "${options.port}"`);
      }
      const demoCustomers = Number(options.demoCustomers);
      if (!Number.isInteger(demoCustomers) || demoCustomers < 1) {
        throw new UsageError(`--demo-customers must be a positive whole number, got "${options.demoCustomers}"`);
      }
      const config = loadConfig({ ...io.config, ...(options.demo ? { demoMode: true } : {}) });
      const problems = secretProblems(config);
      if (problems.length > 0) {
        throw new UsageError(
          `Ecoute will not start without its secrets (outside demo mode):\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
            'See docs/security.md#secrets. To try Ecoute with demo data and demo secrets, run `ecoute serve --demo`.',
        );
      }
      const storage = openStorage(config);
      await migrate(storage, io);
      const demoLogins = config.demoMode ? await prepareDemo(storage, io, demoCustomers, config.fcrWindowDays) : [];
      if (!config.demoMode) {
        const retired = await retireDemoAccounts(storage.db);
        if (retired > 0) {
          println(io.stderr, `${retired} demo accounts (@demo.ecoute.lu, published password) deactivated: this database was made by \`ecoute serve --demo\` and is now served outside demo mode.`);
        }
      }
      storage.backgroundCheckpoints?.();
      // One live hub for the consoles' streams and the worker's pushes (hot follow-ups, escalations).
      const live = new LiveHub();
      const sms = config.worker ? await startSmsRuntime(storage, { worker: { leaseMs: config.jobLeaseMs }, config, live }) : undefined;
      const blobs = openBlobStore(config.blobs);
      if (config.demoMode) await loadDemoRecordings(storage.db, blobs);
      const server = await startServer({
        storage,
        config,
        blobs,
        port: port ?? config.port,
        host: options.host,
        demoLogins,
        live,
        ...(sms?.simulator ? { simulator: sms.simulator } : {}),
        ...(sms?.httpGateway ? { httpGateway: sms.httpGateway } : {}),
        ...(sms ? { smsGateway: sms.surveys.gateway } : {}),
        ...(sms?.mailCatcher ? { mailCatcher: sms.mailCatcher } : {}),
      });
      const where = config.databaseUrl ? 'PostgreSQL' : config.sqlitePath;
      const smsc = sms?.description ?? 'no worker (ECOUTE_WORKER=0)';
      const mail = sms?.mailDescription ?? 'no worker (ECOUTE_WORKER=0)';
      println(io.stdout, `Ecoute is running at http://localhost:${new URL(server.url).port} (database: ${where}; SMS: ${smsc}; e-mail: ${mail}; files: ${blobs.description})`);
      const stop = async () => {
        await server.close();
        await sms?.stop();
        await storage.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

/** Demo mode: an empty database gets demo data; a database that already has data is left as it is. */
async function prepareDemo(storage: Storage, io: CliIo, customers: number, fcrWindowDays: number): Promise<readonly DemoLogin[]> {
  if (await isDatabaseEmpty(storage)) {
    println(io.stdout, `Loading demo data (${customers} customers, 12 months of contacts)…`);
    const started = performance.now();
    const now = Date.now();
    const summary = await loadDemo(storage, { customers, seed: 1, fcrWindowDays, now });
    const history = await loadDemoSurveys(storage, { seed: 1, now });
    const cases = await loadDemoCases(storage, { seed: 1, now });
    const improvement = await loadDemoActions(storage, { now });
    const trainings = await loadDemoTrainings(storage, { seed: 1, now });
    const quality = await loadDemoQuality(storage, { seed: 1, now });
    const coaching = await loadDemoCoaching(storage, { now });
    const usage = await loadDemoUsage(storage, { seed: 1, now });
    const bills = await loadDemoBills(storage, { seed: 1, now });
    const devices = await loadDemoDevices(storage, { seed: 1, now });
    println(
      io.stdout,
      `Demo data loaded in ${((performance.now() - started) / 1000).toFixed(1)} s: ${summary.customers} customers, ${summary.interactions} contacts, ` +
        `${history.surveys} surveys, ${history.responses} responses, ${cases.followups} follow-ups, ${cases.complaints} complaints, ${cases.codings} root causes coded, ${improvement.actions} improvement actions, ${trainings.trainings} trainings (${trainings.completions} completions), ${quality.evaluations} evaluations, ${quality.calibrations} calibration session, ${coaching.sessions} coaching sessions, ${usage.events} usage events on ${usage.lines} lines.`,
    );
    if (usage.nearLimit) println(io.stdout, `The line ${usage.nearLimit} has used 78% of its data: \`ecoute usage simulate\` takes it past 80%, and its alert SMS leaves.`);
    println(io.stdout, `${bills.bills} bills of ${bills.accounts} accounts` + (bills.overdueAccount ? `; the account ${bills.overdueAccount} has overdue bills.` : '.'));
    println(io.stdout, `${devices.devices} devices on ${devices.lines} lines.`);
    // In the demo the survey SMS follows the call at once, at any hour, so the loop can be seen.
    const rules = await activeRules(storage.db);
    if (rules) await saveRules(storage.db, rules.id, { ...rules, delayMinutes: 0, minDurationSeconds: 0, quietStart: '00:00', quietEnd: '00:00', quietSundays: false, quarantineDays: 0 });
  }
  // Deactivated by a start outside demo mode: usable again in demo mode.
  await restoreDemoAccounts(storage.db);
  return DEMO_LOGINS;
}
