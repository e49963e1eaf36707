/**
 * How usage events are best keyed on SQLite, measured (bench/README.md, "Usage ingestion"): the same
 * bare write path as bench/usage-bare.ts (one INSERT per event, one counter upsert per counter a batch
 * changes, a transaction a batch of 10,000) on scratch databases that differ only by the key of
 * usage_events:
 *
 * - `text`: the event's id as the primary key of a WITHOUT ROWID table (as Ecoute has it);
 * - `hash`: a 53-bit hash of the id as the INTEGER PRIMARY KEY (rowid), the id kept in the row;
 * - `seq`: rows appended in order (rowid), the hash in an index of its own to find duplicates.
 *
 * with increasing ids (`cdr-N`, as mediation platforms number their records) or random UUIDs.
 * `hash` and `seq` skip the handling of a hash collision a real key would need: the floor of each.
 *
 *   node --import tsx bench/usage-keys.bench.ts                       # 1,000,000 lines, 1,000,000 events first, 20 batches measured
 *   node --import tsx bench/usage-keys.bench.ts --lines 150000 --prefill 300000
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import SqliteDatabase from 'better-sqlite3';

const { values: args } = parseArgs({
  options: {
    lines: { type: 'string', default: '1000000' },
    prefill: { type: 'string', default: '1000000' },
    batches: { type: 'string', default: '20' },
  },
});
const LINES = Number(args.lines);
const lines = Array.from({ length: LINES }, () => randomUUID());
const BUCKETS = ['data_national', 'voice', 'sms'];
const dir = mkdtempSync(join(tmpdir(), 'ecoute-usage-keys-'));

/** A 53-bit hash of a string (cyrb53): a safe integer for SQLite's rowid. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const EVENT_COLUMNS = 'line_id text not null, occurred_at bigint not null, type text not null, quantity bigint not null, country text not null, bucket text not null, period_start integer not null, accepted_at bigint not null';
const SCHEMAS = {
  text: `create table usage_events (event_id text not null primary key, ${EVENT_COLUMNS}) without rowid`,
  hash: `create table usage_events (key integer primary key, event_id text not null, ${EVENT_COLUMNS})`,
  seq: `create table usage_events (seq integer primary key, hash integer not null, event_id text not null, ${EVENT_COLUMNS}); create index usage_events_hash on usage_events (hash)`,
} as const;

function measure(schema: keyof typeof SCHEMAS, ids: 'cdr' | 'uuid'): { perSecond: number; eventsMs: number; countersMs: number } {
  const path = join(dir, `${schema}-${ids}.sqlite`);
  const db = new SqliteDatabase(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  db.exec(SCHEMAS[schema]);
  db.exec(`create table usage_counters (line_id text not null, period_start integer not null, bucket text not null, used bigint not null, events integer not null,
    allowance bigint, block_units bigint not null, block_price_cents integer not null, charged_cents bigint not null, updated_at bigint not null,
    primary key (line_id, period_start, bucket)) without rowid`);
  const insert = db.prepare(
    schema === 'text' ? 'insert into usage_events values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing'
      : schema === 'hash' ? 'insert into usage_events values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing'
        : 'insert into usage_events (hash, event_id, line_id, occurred_at, type, quantity, country, bucket, period_start, accepted_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const seen = schema === 'seq' ? db.prepare('select event_id from usage_events where hash = ?').pluck() : undefined;
  const upsert = db.prepare(`insert into usage_counters values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (line_id, period_start, bucket) do update set
    used = usage_counters.used + excluded.used, events = usage_counters.events + excluded.events, updated_at = excluded.updated_at returning used, allowance`).raw(true);
  let serial = 0;
  const timing = { events: 0, counters: 0 };
  const write = db.transaction((size: number) => {
    const now = Date.now();
    let started = performance.now();
    const gains = new Map<string, [string, string, number, number]>();
    for (let i = 0; i < size; i++) {
      const id = ids === 'cdr' ? `cdr-${++serial}` : randomUUID();
      const line = lines[Math.floor(Math.random() * LINES)]!;
      const bucket = BUCKETS[Math.floor(Math.random() * 3)]!;
      const quantity = 1 + Math.floor(Math.random() * 5e7);
      const values = [line, now - Math.floor(Math.random() * 1e9), 'data', quantity, 'LU', bucket, 20261201, now] as const;
      if (schema === 'seq') {
        const h = hash53(id);
        if ((seen!.all(h) as string[]).includes(id)) continue;
        insert.run(h, id, ...values);
      } else if (insert.run(...(schema === 'hash' ? [hash53(id), id, ...values] : [id, ...values])).changes === 0) continue;
      const key = `${line}\u001f${bucket}`;
      const gain = gains.get(key);
      if (gain) (gain[2] += quantity, gain[3]++);
      else gains.set(key, [line, bucket, quantity, 1]);
    }
    timing.events += performance.now() - started;
    started = performance.now();
    for (const [line, bucket, used, events] of gains.values()) upsert.get(line, 20261201, bucket, used, events, 10e9, 1e6, 1, 0, now);
    timing.counters += performance.now() - started;
  });
  for (let done = 0; done < Number(args.prefill); done += 10_000) write(10_000);
  db.pragma('wal_checkpoint(TRUNCATE)');
  Object.assign(timing, { events: 0, counters: 0 });
  const started = performance.now();
  for (let b = 0; b < Number(args.batches); b++) {
    write(10_000);
    // as a checkpoint thread would, every few batches (its time counted: it is the same writes, later)
    if (b % 5 === 4) db.pragma('wal_checkpoint(PASSIVE)');
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  for (const end of ['', '-wal', '-shm']) rmSync(path + end, { force: true });
  const batches = Number(args.batches);
  return { perSecond: (batches * 10_000) / seconds, eventsMs: timing.events / batches, countersMs: timing.counters / batches };
}

console.log(`Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, ${new Date().toISOString()}, load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
console.log(`${LINES.toLocaleString('en')} lines, ${Number(args.prefill).toLocaleString('en')} events first, then ${args.batches} batches of 10,000 measured (checkpoints included)`);
for (const ids of ['cdr', 'uuid'] as const) {
  for (const schema of ['text', 'hash', 'seq'] as const) {
    const r = measure(schema, ids);
    console.log(`${ids.padEnd(4)} ids, key ${schema.padEnd(4)}: ${Math.round(r.perSecond).toLocaleString('en').padStart(7)} events/s (per batch: events ${r.eventsMs.toFixed(1)} ms, counters ${r.countersMs.toFixed(1)} ms)`);
  }
}
rmSync(dir, { recursive: true, force: true });
