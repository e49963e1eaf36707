/**
 * Usage through the NATS JetStream consumer (src/usage/usage-bus.ts, `ecoute usage consume`) on
 * SQLite: the events of bench/usage.bench.ts (random active mobile lines, one in twenty abroad) are
 * published to a stream of their own first, one JSON message each, then the consumer counts them as
 * `ecoute usage consume` does (fetch a batch, count it in one transaction, acknowledge each message)
 * until every event is counted. Reports the consumer's events/s per run (from its start to the last
 * event counted) and, for scale, the publisher's.
 *
 *   node --import tsx bench/usage-bus.bench.ts                                   # 200,000 events a run, 3 runs, --batch 1000
 *   node --import tsx bench/usage-bus.bench.ts --batch 10000 --events 500000 --source data/bench-610000x10-seed1.sqlite
 *
 * Needs a NATS server with JetStream (--nats, default nats://127.0.0.1:4222). Figures in bench/README.md.
 */
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { sql } from 'kysely';
import { Random } from '../src/demo/random.js';
import { openSqlite } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrator.js';
import { consumeUsage } from '../src/usage/usage-bus.js';

const { values: args } = parseArgs({
  options: {
    source: { type: 'string', default: './data/bench-100000x10-seed1.sqlite' },
    events: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '3' },
    batch: { type: 'string', default: '1000' },
    nats: { type: 'string', default: process.env.ECOUTE_NATS_URL ?? 'nats://127.0.0.1:4222' },
  },
});
const source = args.source!;
if (!existsSync(source)) {
  console.error(`${source} is missing: build it with npm run bench -- --customers 100000`);
  process.exit(2);
}
const copy = source.replace(/\.sqlite$/, '-bus.sqlite');
for (const end of ['', '-wal', '-shm']) rmSync(copy + end, { force: true });
copyFileSync(source, copy);
const storage = openSqlite(copy);
await migrateToLatest(storage);
storage.backgroundCheckpoints?.();
const lines = (await storage.db.selectFrom('lines').select('msisdn').where('kind', '=', 'mobile').where('status', '=', 'active').execute()).map((l) => l.msisdn);
console.log(`Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, ${new Date().toISOString()}, load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
console.log(`Database: copy of ${source}, ${lines.length} active mobile lines; NATS ${args.nats}, consumer batch ${args.batch}`);

const nc = await connect({ servers: args.nats });
const jsm = await jetstreamManager(nc);
const js = jetstream(nc);
const rng = new Random(11);
const roamers = lines.filter((_, i) => i % 10 === 0);
const abroad = ['FR', 'DE', 'BE', 'US'];
const total = Number(args.events);
const rates: number[] = [];
let serial = 0;
for (let run = 1; run <= Number(args.runs); run++) {
  const stream = `ECOUTE_BENCH_${process.pid}_${run}`;
  const subject = `ecoute.bench.${process.pid}.${run}`;
  await jsm.streams.add({ name: stream, subjects: [subject] });
  try {
    // Published first, pipelined: the consumer is measured alone.
    const now = Date.now();
    const publishStarted = performance.now();
    const inFlight: Promise<unknown>[] = [];
    for (let i = 0; i < total; i++) {
      const r = rng.next();
      const type = r < 0.7 ? 'data' : r < 0.9 ? 'voice' : 'sms';
      const away = rng.chance(0.05);
      const event = {
        eventId: `bus-${process.pid}-${++serial}`, msisdn: away ? roamers[rng.int(roamers.length)]! : lines[rng.int(lines.length)]!,
        occurredAt: new Date(now - rng.int(20 * 86_400_000)).toISOString(), type,
        quantity: type === 'data' ? 1 + rng.int(50_000_000) : type === 'voice' ? 1 + rng.int(600) : 1, country: away ? abroad[rng.int(abroad.length)]! : 'LU',
      };
      inFlight.push(js.publish(subject, JSON.stringify(event)));
      if (inFlight.length >= 5_000) await Promise.all(inFlight.splice(0));
    }
    await Promise.all(inFlight);
    const published = (performance.now() - publishStarted) / 1000;

    const load = loadavg()[0]!.toFixed(2);
    const controller = new AbortController();
    let accepted = 0;
    let batches = 0;
    let stalls = 0;
    const started = performance.now();
    await consumeUsage(storage, { url: args.nats!, stream, subject, durable: 'ecoute-bench', batch: Number(args.batch), maxWaitMs: 1_000 }, {
      signal: controller.signal,
      onStall: () => void stalls++,
      onBatch: ({ report }) => {
        accepted += report.accepted;
        batches++;
        if (accepted >= total) controller.abort();
      },
    });
    const seconds = (performance.now() - started) / 1000;
    rates.push(accepted / seconds);
    console.log(
      `run ${run} (${new Date().toISOString().slice(11, 19)} UTC, load ${load} → ${loadavg()[0]!.toFixed(2)}): published ${total} in ${published.toFixed(1)} s (${Math.round(total / published).toLocaleString('en')}/s); ` +
        `consumed ${accepted} in ${seconds.toFixed(2)} s = ${Math.round(accepted / seconds).toLocaleString('en')} events/s, ${batches} batches, ${stalls} stalls`,
    );
  } finally {
    await jsm.streams.delete(stream).catch(() => undefined);
  }
}
const check = await sql<{ a: number; b: number }>`select (select sum(used) from usage_counters) as a, (select sum(quantity) from usage_events) as b`.execute(storage.db);
console.log(`counters ${check.rows[0]!.a === check.rows[0]!.b ? 'equal' : 'DIFFER FROM'} the events summed again (${check.rows[0]!.a})`);
console.log(`through NATS: worst run ${Math.round(Math.min(...rates)).toLocaleString('en')} events/s (goal ≥ 200,000 in-process: ${Math.min(...rates) >= 200_000 ? 'met' : 'MISSED'})`);
await nc.close();
await storage.close();
for (const end of ['', '-wal', '-shm']) rmSync(copy + end, { force: true });
