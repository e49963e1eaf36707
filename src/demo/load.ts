import { hashPassword } from '../auth/passwords.js';
import { loadDemoPlans } from './demo-plans.js';
import { rebuildContactCounts } from '../nps/contact-facts.js';
import { invalid } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import { openBulkLoad } from '../storage/bulk.js';
import { DemoGenerator, MAX_GENERATED_CUSTOMERS, type GeneratedCounts, type GeneratorOptions } from './generator.js';
import type { DemoPart } from './load-worker.js';
import { DEMO_PASSWORD } from './logins.js';

export interface DemoOptions {
  customers: number;
  seed: number;
  /** months of contact history before `now` (default 12) */
  months?: number;
  /** contacts per customer over the whole period (default 4 a year) */
  interactionsPerCustomer?: number;
  /** the moment the history ends (default: the current time) */
  now?: number;
  /** FCR window the repeat links are computed for (default 7 days, as ECOUTE_FCR_WINDOW_DAYS) */
  fcrWindowDays?: number;
  onProgress?: (done: number, total: number) => void;
  /** customers from which a worker thread takes part of the load, when the engine gains from it (default 20,000) */
  parallelFrom?: number;
}

export interface DemoSummary extends GeneratedCounts {
  seed: number;
  months: number;
  interactionsPerCustomer: number;
  durationMs: number;
}

/** Customers generated and written per step (the writer flushes and the progress is reported between steps). */
const CUSTOMERS_PER_STEP = 1000;
/** Three unique mobile numbers (+352 621/628/661/671/691 + 6 digits) per customer. */
export const MAX_DEMO_CUSTOMERS = Math.min(1_600_000, MAX_GENERATED_CUSTOMERS);
/** From this size on, a worker thread generates part of the customers when the writer offers it. */
const PARALLEL_FROM = 20_000;
/**
 * Share of the customers the calling thread generates itself when a worker takes the rest: besides
 * its own rows it appends the worker's scratch files, so it takes the smaller share (measured on 2 cores).
 */
const LOCAL_SHARE = 0.25;

/** Default contacts per customer for a period: about four a year. */
export function defaultInteractionsPerCustomer(months: number): number {
  return Math.round((4 * months) / 12);
}

/**
 * Loads the demo operator and `customers` customers with their history into an (empty) database.
 * The same options give the same data, ids included (only `now` moves the dates).
 */
export async function loadDemo(storage: Storage, options: DemoOptions): Promise<DemoSummary> {
  const started = performance.now();
  const months = options.months ?? 12;
  const rate = options.interactionsPerCustomer ?? defaultInteractionsPerCustomer(months);
  const { customers, seed } = options;
  if (!Number.isInteger(customers) || customers < 0 || customers > MAX_DEMO_CUSTOMERS) {
    throw invalid('customers', `must be a whole number between 0 and ${MAX_DEMO_CUSTOMERS}`);
  }
  if (!Number.isSafeInteger(seed) || seed < 0) throw invalid('seed', 'must be a whole number, 0 or more');
  if (!Number.isInteger(months) || months < 1 || months > 120) throw invalid('months', 'must be a whole number between 1 and 120');
  if (!Number.isFinite(rate) || rate < 0 || rate > 500) throw invalid('interactionsPerCustomer', 'must be between 0 and 500');
  const fcrWindowDays = options.fcrWindowDays ?? 7;

  const reasons = await storage.db.selectFrom('reasons').select('code').where('active', '=', 1).execute();
  const generatorOptions: GeneratorOptions = {
    seed,
    customers,
    months,
    interactionsPerCustomer: rate,
    now: options.now ?? Date.now(),
    fcrWindowDays,
    reasonCodes: reasons.map((r) => r.code),
    // one hash for every demo account: scrypt is deliberately slow
    passwordHash: await hashPassword(DEMO_PASSWORD),
  };
  const writer = openBulkLoad(storage);
  const generator = new DemoGenerator(generatorOptions, writer);
  let counts: GeneratedCounts;
  try {
    generator.generateOrganisation();
    await writer.flush();
    // The calling thread generates [0, split), a worker (when the writer can use one) [split, customers).
    const split =
      writer.offload && customers >= (options.parallelFrom ?? PARALLEL_FROM)
        ? Math.round((customers * LOCAL_SHARE) / CUSTOMERS_PER_STEP) * CUSTOMERS_PER_STEP
        : customers;
    let localDone = 0;
    let remoteDone = 0;
    const progress = () => options.onProgress?.(localDone + remoteDone, customers);
    const part: DemoPart = { options: generatorOptions, from: split, to: customers, step: CUSTOMERS_PER_STEP };
    const remote =
      split < customers && writer.offload
        ? writer.offload({
            module: new URL(`./load-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
            data: part,
            onReport: (done) => {
              remoteDone = done as number;
              progress();
            },
          })
        : undefined;
    progress();
    await generator.generateRange(0, split, CUSTOMERS_PER_STEP, (done) => {
      localDone = done;
      progress();
    });
    const remoteCounts = remote ? ((await remote) as GeneratedCounts) : undefined;
    await writer.finish();
    counts = { ...generator.counts };
    if (remoteCounts) for (const key of Object.keys(counts) as (keyof GeneratedCounts)[]) counts[key] += remoteCounts[key];
  } catch (error) {
    await writer.abort();
    throw error;
  }
  // The contacts' figures (advisor-recorded resolution, FCR) for the reports.
  await storage.db.transaction().execute((trx) => rebuildContactCounts(trx));
  // The plans the lines carry, with their allowances (docs/self-service.md).
  await loadDemoPlans(storage.db, generatorOptions.now);
  return {
    ...counts,
    seed,
    months,
    interactionsPerCustomer: rate,
    durationMs: Math.round(performance.now() - started),
  };
}

/** True when the database holds no customers, contacts, staff, teams or sites: `serve --demo` may then load the demo. */
export async function isDatabaseEmpty(storage: Storage): Promise<boolean> {
  for (const table of ['parties', 'interactions', 'users', 'teams', 'sites'] as const) {
    const row = await storage.db.selectFrom(table).select('id').limit(1).executeTakeFirst();
    if (row) return false;
  }
  return true;
}
