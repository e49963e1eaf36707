/**
 * The complaints report (src/complaints/complaint-report.ts) for a year by category over 1,000,000
 * complaints on SQLite: read from the monthly aggregates (complaint_counts, complaint_durations) that
 * every change of a complaint keeps up to date; and a team lead's report, read from their team's
 * facts (complaint_facts). The goal: ≤ 200 ms for the year by category. Three runs of each, all reported.
 *
 *   node --import tsx bench/complaint-report.bench.ts                       # 1,000,000 complaints in 2026, 300,000 customers
 *   node --import tsx bench/complaint-report.bench.ts --complaints 100000 --rebuild
 *
 * The database is built once into data/bench-complaint-report-<complaints>.sqlite and reused. The facts
 * are generated (20 teams, 10 categories, 8 channels, durations spread over minutes to weeks) and the
 * aggregates added up from them by the product's own FactDelta, as the transactions would.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { FactDelta, type ComplaintFact } from '../src/complaints/complaint-facts.js';
import { complaintReport, parseComplaintReportParams } from '../src/complaints/complaint-report.js';
import { Random } from '../src/demo/random.js';
import { newId } from '../src/shared/ids.js';
import { openSqlite } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrator.js';

const { values: args } = parseArgs({
  options: {
    complaints: { type: 'string', default: '1000000' },
    customers: { type: 'string', default: '300000' },
    rebuild: { type: 'boolean', default: false },
  },
});
const total = Number(args.complaints);
const customers = Number(args.customers);
const CATEGORIES = ['network', 'billing', 'roaming', 'contract', 'device', 'shop', 'advisor', 'digital', 'price', 'other'];
const CHANNELS = ['phone', 'shop', 'email', 'chat', 'app', 'web', 'social', 'letter'];

const path = `data/bench-complaint-report-${total}.sqlite`;
const marker = `${path}.json`;
if (args.rebuild || !existsSync(marker)) {
  for (const file of [path, `${path}-wal`, `${path}-shm`, marker]) rmSync(file, { force: true });
  const started = performance.now();
  const storage = openSqlite(path);
  await migrateToLatest(storage);
  const handle = storage.sqlite!;
  handle.pragma('foreign_keys = OFF');
  const random = new Random(5);
  const party = handle.prepare(
    "insert into parties (id, customer_number, kind, display_name, search_name, preferred_language, consent_surveys, consent_marketing, created_at, updated_at, erased_at) values (?, ?, 'individual', 'x', 'x', 'fr', 1, 0, ?, ?, ?)",
  );
  handle.transaction(() => {
    for (let i = 0; i < customers; i++) {
      const created = Date.UTC(2020, 0, 1) + random.between(0, 7 * 365) * 86_400_000;
      party.run(newId(), `C${i}`, created, created, random.next() < 0.02 ? created + random.between(1, 400) * 86_400_000 : null);
    }
  })();
  const fact = handle.prepare(
    'insert into complaint_facts (case_id, month, category, team_id, channel, ack_business_min, ack_calendar_min, ack_on_time, answer_business_min, answer_calendar_min, answer_on_time, answered, reopened, fcr, rejected, satisfaction) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const delta = new FactDelta();
  const minutes = (median: number) => Math.round(median * Math.exp((random.next() + random.next() + random.next() - 1.5) * 2.4));
  handle.transaction(() => {
    for (let i = 0; i < total; i++) {
      const acked = random.next() < 0.95;
      const answered = random.next() < 0.85;
      const ackBusiness = minutes(600);
      const answerBusiness = minutes(2400);
      const f: ComplaintFact = {
        case_id: newId(), month: 202601 + random.between(0, 11), category: random.pick(CATEGORIES), team_id: `team-${random.between(0, 19)}`, channel: random.pick(CHANNELS),
        ack_business_min: acked ? ackBusiness : null, ack_calendar_min: acked ? ackBusiness * 2 : null, ack_on_time: acked && ackBusiness <= 1200 ? 1 : 0,
        answer_business_min: answered ? answerBusiness : null, answer_calendar_min: answered ? answerBusiness * 2 : null, answer_on_time: answered && answerBusiness <= 6000 ? 1 : 0,
        answered: answered ? 1 : 0, reopened: answered && random.next() < 0.08 ? 1 : 0, fcr: answered && random.next() < 0.2 ? 1 : 0, rejected: !answered && random.next() < 0.5 ? 1 : 0,
        satisfaction: answered && random.next() < 0.3 ? random.pick(['promoter', 'passive', 'detractor'] as const) : null,
      };
      fact.run(...Object.values(f));
      delta.add(f, 1);
    }
  })();
  const counts = handle.prepare('insert into complaint_counts (month, dimension, value, received, acknowledged, ack_on_time, answered, answer_on_time, reopened, fcr, rejected, satisfaction_answered, satisfaction_promoters, satisfaction_detractors) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const durations = handle.prepare('insert into complaint_durations (month, dimension, value, measure, histogram) values (?, ?, ?, ?, ?)');
  const rows = delta.rows();
  handle.transaction(() => {
    for (const r of rows.counts) counts.run(r.month, r.dimension, r.value, r.received, r.acknowledged, r.ack_on_time, r.answered, r.answer_on_time, r.reopened, r.fcr, r.rejected, r.satisfaction_answered, r.satisfaction_promoters, r.satisfaction_detractors);
    for (const d of rows.durations) durations.run(d.month, d.dimension, d.value, d.measure, d.histogram);
  })();
  handle.exec('analyze');
  await storage.close();
  writeFileSync(marker, JSON.stringify({ complaints: total, customers, counts: rows.counts.length, durations: rows.durations.length, builtInMs: Math.round(performance.now() - started) }));
  console.log(`built ${path} in ${((performance.now() - started) / 1000).toFixed(1)} s (${rows.counts.length} count rows, ${rows.durations.length} duration rows)`);
}

const storage = openSqlite(path);
const year = parseComplaintReportParams({ from: '2026-01-01', to: '2026-12-31', by: 'category' });
const cases: [string, Parameters<typeof complaintReport>[1]][] = [
  ['a year by category (aggregates)', year],
  ['a year by team (aggregates)', { ...year, by: 'team' }],
  ['a year by channel, per quarter', { ...year, by: 'channel', interval: 'quarter' }],
  ["a team lead's year by category", { ...year, teamId: 'team-3' }],
];
console.log(`${total.toLocaleString('en')} complaints in 2026, ${customers.toLocaleString('en')} customers; ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}`);
for (const [name, query] of cases) {
  const runs: number[] = [];
  let rows = 0;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    rows = (await complaintReport(storage.db, query)).rows.length;
    runs.push(performance.now() - started);
  }
  console.log(`${name.padEnd(42)} ${rows} rows  ${runs.map((ms) => `${ms.toFixed(1)} ms`).join('  ')}`);
}
await storage.close();
