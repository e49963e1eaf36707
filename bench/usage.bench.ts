/**
 * Usage ingestion (src/usage/usage-ingest.ts) on SQLite, in one process: batches of 10,000 events
 * (the API's largest) for random active mobile lines of the benchmark database, each checked, recorded
 * by its id and added to its counters, with the alerts it calls for, as `POST /api/v1/usage/events` does;
 * one event in twenty is abroad, from a tenth of the lines. Goal: ≥ 200,000 events/s
 * (docs/self-service.md). Reports events/s per run, and the counters checked against the events.
 *
 *   node --import tsx bench/usage.bench.ts                       # on a copy of data/bench-100000x10-seed1.sqlite
 *   node --import tsx bench/usage.bench.ts --events 200000 --runs 3
 *
 * Build the database first with `npm run bench -- --customers 100000` (the recognition benchmark's). Figures in bench/README.md.
 */
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { Random } from '../src/demo/random.js';
import { openSqlite } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrator.js';
import { ingestUsage, MAX_BATCH_EVENTS } from '../src/usage/usage-ingest.js';
import type { UsageEventInput } from '../src/usage/usage-events.js';

const { values: args } = parseArgs({
  options: {
    source: { type: 'string', default: './data/bench-100000x10-seed1.sqlite' },
    events: { type: 'string', default: '500000' },
    runs: { type: 'string', default: '3' },
  },
});
const source = args.source!;
if (!existsSync(source)) {
  console.error(`${source} is missing: build it with npm run bench -- --customers 100000`);
  process.exit(2);
}
const copy = source.replace(/\.sqlite$/, '-usage.sqlite');
for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
copyFileSync(source, copy);
const storage = openSqlite(copy);
await migrateToLatest(storage);
const lines = (await storage.db.selectFrom('lines').select('msisdn').where('kind', '=', 'mobile').where('status', '=', 'active').execute()).map((l) => l.msisdn);
console.log(`Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
console.log(`Database: copy of ${source}, ${lines.length} active mobile lines`);

const total = Number(args.events);
const rng = new Random(7);
const now = Date.now();
// one event in twenty abroad, from a tenth of the lines (those away this month): each roaming line gets its tariff SMS once per country
const roamers = lines.filter((_, i) => i % 10 === 0);
const abroad = ['FR', 'DE', 'BE', 'US'];
let serial = 0;
function batchOf(size: number): UsageEventInput[] {
  return Array.from({ length: size }, () => {
    const r = rng.next();
    const type = r < 0.7 ? 'data' : r < 0.9 ? 'voice' : 'sms';
    const away = rng.chance(0.05);
    return {
      eventId: `bench-${++serial}`,
      msisdn: away ? roamers[rng.int(roamers.length)]! : lines[rng.int(lines.length)]!,
      occurredAt: new Date(now - rng.int(20 * 86_400_000)).toISOString(),
      type,
      quantity: type === 'data' ? 1 + rng.int(50_000_000) : type === 'voice' ? 1 + rng.int(600) : 1,
      country: away ? abroad[rng.int(abroad.length)]! : 'LU',
    };
  });
}

const rates: number[] = [];
for (let run = 1; run <= Number(args.runs); run++) {
  const batches = Array.from({ length: Math.ceil(total / MAX_BATCH_EVENTS) }, () => batchOf(MAX_BATCH_EVENTS));
  const started = performance.now();
  let accepted = 0;
  for (const batch of batches) accepted += (await ingestUsage(storage, batch, { now })).accepted;
  const seconds = (performance.now() - started) / 1000;
  rates.push(accepted / seconds);
  console.log(`run ${run}: ${accepted} events in ${seconds.toFixed(2)} s = ${Math.round(accepted / seconds).toLocaleString('en')} events/s (load ${loadavg()[0]!.toFixed(2)})`);
}
const check = await sql<{ a: number; b: number }>`select (select sum(used) from usage_counters) as a, (select sum(quantity) from usage_events) as b`.execute(storage.db);
console.log(`counters ${check.rows[0]!.a === check.rows[0]!.b ? 'equal' : 'DIFFER FROM'} the events summed again (${check.rows[0]!.a})`);
console.log(`goal ≥ 200,000 events/s: worst run ${Math.round(Math.min(...rates)).toLocaleString('en')} events/s -> ${Math.min(...rates) >= 200_000 ? 'met' : 'MISSED'}`);
await storage.close();
for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
