/**
 * Usage ingestion (src/usage/usage-ingest.ts) on SQLite, in one process: batches of 10,000 events
 * (the API's largest) for random active mobile lines of the benchmark database, each checked, recorded
 * by its id and added to its counters, with the alerts it calls for, as `POST /api/v1/usage/events` does;
 * one event in twenty is abroad, from a tenth of the lines. Goal: ≥ 200,000 events/s
 * (docs/self-service.md). Reports events/s per run, and the counters checked against the events.
 * The database is opened as `ecoute serve` opens it (WAL checkpoints from a worker thread).
 *
 *   node --import tsx bench/usage.bench.ts                       # on a copy of data/bench-100000x10-seed1.sqlite
 *   node --import tsx bench/usage.bench.ts --events 200000 --runs 3
 *   node --import tsx bench/usage.bench.ts --source data/bench-610000x10-seed1.sqlite --bare --warm
 *
 * --bare       also runs the same batches, in turn with the product, on a second copy with bare
 *              better-sqlite3 statements (bench/usage-bare.ts): the floor, measured in the same minutes
 * --warm       first gives every active mobile line one event at home, not measured, on both copies
 *              (a line in use has a country it was last used in; the first event of a line writes it)
 * --ids uuid   event ids that are random UUIDs instead of the default increasing `bench-N`
 * --spread-days D   how far back the events happened, at random (default 20; 0.01 ≈ the last 15 minutes)
 * --no-alerts  count without alerts (as history is loaded)
 * --code DIR   ingestUsage from DIR/src/usage/usage-ingest.ts instead: the code as it was, from a copy of
 *              a commit's src/ (`git archive <commit> src | tar -x -C DIR`, node_modules linked), on the
 *              same database and events
 *
 * Build the database first with `npm run bench -- --customers 100000` (the recognition benchmark's). Figures in bench/README.md.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { Random } from '../src/demo/random.js';
import { openSqlite, type Storage } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrator.js';
import { ingestUsage as currentIngest, MAX_BATCH_EVENTS } from '../src/usage/usage-ingest.js';
import { bareIngester, type BareEvent } from './usage-bare.js';

const { values: args } = parseArgs({
  options: {
    source: { type: 'string', default: './data/bench-100000x10-seed1.sqlite' },
    events: { type: 'string', default: '500000' },
    runs: { type: 'string', default: '3' },
    bare: { type: 'boolean', default: false },
    warm: { type: 'boolean', default: false },
    ids: { type: 'string', default: 'seq' },
    'spread-days': { type: 'string', default: '20' },
    'no-alerts': { type: 'boolean', default: false },
    code: { type: 'string' },
  },
});
const source = args.source!;
const ingestUsage: typeof currentIngest = args.code ? (await import(`${args.code}/src/usage/usage-ingest.ts`)).ingestUsage : currentIngest;
if (!existsSync(source)) {
  console.error(`${source} is missing: build it with npm run bench -- --customers 100000`);
  process.exit(2);
}

async function copyOf(suffix: string): Promise<{ storage: Storage; path: string }> {
  const path = source.replace(/\.sqlite$/, `-${suffix}.sqlite`);
  for (const end of ['', '-wal', '-shm']) rmSync(path + end, { force: true });
  copyFileSync(source, path);
  const storage = openSqlite(path);
  await migrateToLatest(storage);
  storage.backgroundCheckpoints?.();
  return { storage, path };
}
const product = await copyOf('usage');
const bare = args.bare ? await copyOf('usage-bare') : undefined;
const bareIngest = bare ? bareIngester(bare.storage.sqlite!) : undefined;

const lines = (await product.storage.db.selectFrom('lines').select('msisdn').where('kind', '=', 'mobile').where('status', '=', 'active').execute()).map((l) => l.msisdn);
const counted = async (storage: Storage) => Number((await sql<{ n: number }>`select count(*) as n from usage_events`.execute(storage.db)).rows[0]!.n);
console.log(`Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, ${new Date().toISOString()}, load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
if (args.code) console.log(`Code: ingestUsage of ${args.code}`);
console.log(`Database: copy of ${source}, ${lines.length} active mobile lines, ${await counted(product.storage)} usage events; ids ${args.ids}, events spread over ${args['spread-days']} days${args['no-alerts'] ? ', no alerts' : ''}`);

const total = Number(args.events);
const spreadMs = Number(args['spread-days']) * 86_400_000;
const rng = new Random(7);
const now = Date.now();
// one event in twenty abroad, from a tenth of the lines (those away this month): each roaming line gets its tariff SMS once per country
const roamers = lines.filter((_, i) => i % 10 === 0);
const abroad = ['FR', 'DE', 'BE', 'US'];
let serial = 0;
function batchOf(size: number): BareEvent[] {
  return Array.from({ length: size }, () => {
    const r = rng.next();
    const type = r < 0.7 ? 'data' : r < 0.9 ? 'voice' : 'sms';
    const away = rng.chance(0.05);
    return {
      eventId: args.ids === 'uuid' ? randomUUID() : `bench-${++serial}`,
      msisdn: away ? roamers[rng.int(roamers.length)]! : lines[rng.int(lines.length)]!,
      occurredAt: new Date(now - rng.int(spreadMs)).toISOString(),
      type,
      quantity: type === 'data' ? 1 + rng.int(50_000_000) : type === 'voice' ? 1 + rng.int(600) : 1,
      country: away ? abroad[rng.int(abroad.length)]! : 'LU',
    };
  });
}

if (args.warm) {
  const started = performance.now();
  const warm = lines.map((msisdn, i) => ({ eventId: `warm-${i}`, msisdn, occurredAt: new Date(now - 3 * 86_400_000).toISOString(), type: 'sms', quantity: 1, country: 'LU' }));
  for (let i = 0; i < warm.length; i += MAX_BATCH_EVENTS) {
    const batch = warm.slice(i, i + MAX_BATCH_EVENTS);
    await ingestUsage(product.storage, batch, { now, alerts: false });
    bareIngest?.(batch, now);
  }
  console.log(`warm-up: one SMS at home for each of the ${lines.length} lines, in ${((performance.now() - started) / 1000).toFixed(1)} s (not measured)`);
}

const rates: number[] = [];
const bareRates: number[] = [];
for (let run = 1; run <= Number(args.runs); run++) {
  const batches = Array.from({ length: Math.ceil(total / MAX_BATCH_EVENTS) }, () => batchOf(MAX_BATCH_EVENTS));
  const load = loadavg()[0]!.toFixed(2);
  const started = performance.now();
  let accepted = 0;
  let alerts = 0;
  for (const batch of batches) {
    const report = await ingestUsage(product.storage, batch, { now, alerts: !args['no-alerts'] });
    accepted += report.accepted;
    alerts += report.alerts;
  }
  const seconds = (performance.now() - started) / 1000;
  rates.push(accepted / seconds);
  let line = `run ${run} (${new Date().toISOString().slice(11, 19)} UTC, load ${load} → ${loadavg()[0]!.toFixed(2)}): ${accepted} events in ${seconds.toFixed(2)} s = ${Math.round(accepted / seconds).toLocaleString('en')} events/s, ${alerts} alerts`;
  if (bareIngest) {
    const bareStarted = performance.now();
    let recorded = 0;
    for (const batch of batches) recorded += bareIngest(batch, now);
    const bareSeconds = (performance.now() - bareStarted) / 1000;
    bareRates.push(recorded / bareSeconds);
    line += `; bare ${Math.round(recorded / bareSeconds).toLocaleString('en')} events/s (product at ${Math.round((100 * accepted) / seconds / (recorded / bareSeconds))}% of bare)`;
  }
  console.log(line);
}

for (const [name, copy] of [['product', product], ['bare', bare]] as const) {
  if (!copy) continue;
  const check = await sql<{ a: number; b: number }>`select (select sum(used) from usage_counters) as a, (select sum(quantity) from usage_events) as b`.execute(copy.storage.db);
  console.log(`${name}: counters ${check.rows[0]!.a === check.rows[0]!.b ? 'equal' : 'DIFFER FROM'} the events summed again (${check.rows[0]!.a}), ${await counted(copy.storage)} events in the table`);
}
console.log(`goal ≥ 200,000 events/s: worst run ${Math.round(Math.min(...rates)).toLocaleString('en')} events/s -> ${Math.min(...rates) >= 200_000 ? 'met' : 'MISSED'}` +
  (bareRates.length ? `; bare worst ${Math.round(Math.min(...bareRates)).toLocaleString('en')}, best ${Math.round(Math.max(...bareRates)).toLocaleString('en')} events/s` : ''));
for (const copy of [product, bare]) {
  if (!copy) continue;
  await copy.storage.close();
  for (const end of ['', '-wal', '-shm']) rmSync(copy.path + end, { force: true });
}
