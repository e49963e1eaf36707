/**
 * The Pareto of causes (src/analysis/pareto.ts) over a year on SQLite, read from the daily aggregates
 * (`cause_counts`) that every coding keeps up to date: no filter, one filter (a team, a channel), and
 * rolled up to level 1. Goal: p95 ≤ 100 ms for a year of 1,000,000 complaint codings with the detractor
 * follow-ups of 10,000,000 survey responses and the repeat contacts beside them. p50/p95 over `--runs`
 * runs of each (after 3 unmeasured ones).
 *
 *   node --import tsx bench/analysis.bench.ts                                     # the reference size
 *   node --import tsx bench/analysis.bench.ts --complaints 10000 --detractors 15000 --contacts 20000 --customers 5000 --rebuild
 *
 * The database is built once into data/bench-analysis-<complaints>.sqlite and reused. Codings are
 * generated (the tree's 17 seeded causes, skewed so that a few dominate; 20 teams, 5 sites, 8
 * channels, 10 plans; one in ten recurring) and never stored one by one: each is turned into its
 * aggregate rows by the product's own `countRowsOf`, as `saveCoding` writes them, added up in memory
 * and written in bulk.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { parsePeriod } from '../src/analysis/analysis-query.js';
import { pareto, type ParetoQuery } from '../src/analysis/pareto.js';
import { countRowsOf } from '../src/causes/cause-codings.js';
import { Random } from '../src/demo/random.js';
import { localDay } from '../src/shared/calendar.js';
import { newId } from '../src/shared/ids.js';
import { openSqlite } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrator.js';
import type { CauseCodingTable, CauseCountTable, CodedSubject } from '../src/storage/schema.js';

const { values: args } = parseArgs({
  options: {
    complaints: { type: 'string', default: '1000000' },
    // detractors of 10,000,000 responses (about 15 % answer 0 to 6), and repeat contacts coded beside them
    detractors: { type: 'string', default: '1500000' },
    contacts: { type: 'string', default: '2000000' },
    customers: { type: 'string', default: '300000' },
    runs: { type: 'string', default: '50' },
    rebuild: { type: 'boolean', default: false },
  },
});
const sizes: Record<CodedSubject, number> = { complaint: Number(args.complaints), followup: Number(args.detractors), contact: Number(args.contacts) };
const customers = Number(args.customers);
const runs = Math.max(50, Number(args.runs));
const CAUSES = [
  'billing.roaming', 'billing.tariff_not_applied', 'network.coverage', 'billing.double_charge', 'network.outage', 'service.wrong_information', 'process.contract_change',
  'devices.repair_delay', 'network.fibre_install', 'process.porting', 'devices.defect', 'service.shop_advice', 'billing', 'network', 'service', 'process', 'unknown',
];
const CHANNELS = ['phone', 'shop', 'email', 'chat', 'app', 'web', 'social', 'letter'];
const PLANS = ['Love Duo', 'Mobile S', 'Mobile M', 'Mobile L', 'Fibre 500', 'Fibre 1000', 'Business Pro', 'Business Max', 'Prepaid', 'Data Only'];
const YEAR_START = Date.UTC(2025, 11, 31, 23);

const path = `data/bench-analysis-${sizes.complaint}.sqlite`;
const marker = `${path}.json`;
if (args.rebuild || !existsSync(marker)) {
  for (const file of [path, `${path}-wal`, `${path}-shm`, marker]) rmSync(file, { force: true });
  const started = performance.now();
  const storage = openSqlite(path);
  await migrateToLatest(storage);
  const handle = storage.sqlite!;
  const random = new Random(7);
  const party = handle.prepare(
    "insert into parties (id, customer_number, kind, display_name, search_name, preferred_language, consent_surveys, consent_marketing, created_at, updated_at, erased_at) values (?, ?, 'individual', 'x', 'x', 'fr', 1, 0, ?, ?, ?)",
  );
  handle.transaction(() => {
    for (let i = 0; i < customers; i++) {
      const created = Date.UTC(2019, 0, 1) + random.between(0, 7 * 365) * 86_400_000;
      party.run(newId(), `C${i}`, created, created, random.next() < 0.02 ? created + random.between(1, 400) * 86_400_000 : null);
    }
  })();

  // a few causes make most of the trouble: cause i is chosen with a weight of 1 / (i + 1)
  const weights = CAUSES.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cause = () => {
    let at = random.next() * total;
    for (let i = 0; i < CAUSES.length; i++) if ((at -= weights[i]!) <= 0) return CAUSES[i]!;
    return CAUSES[0]!;
  };
  const counts = new Map<string, CauseCountTable>();
  for (const kind of ['complaint', 'followup', 'contact'] as const) {
    for (let i = 0; i < sizes[kind]; i++) {
      const occurred = YEAR_START + Math.floor(random.next() * 365 * 86_400_000);
      const team = random.between(0, 19);
      const coding: CauseCodingTable = {
        subject_kind: kind, subject_id: '', cause_code: cause(), unknown_reason: null, party_id: null, occurred_at: occurred, day: localDay(occurred),
        segment: random.next() < 0.8 ? 'residential' : 'business', channel: kind === 'followup' ? 'phone' : random.pick(CHANNELS), team_id: `team-${team}`,
        site_id: `site-${team % 5}`, plan: random.pick(PLANS), amount_cents: kind === 'complaint' && random.next() < 0.4 ? random.between(500, 50_000) : 0,
        refund_cents: kind === 'complaint' && random.next() < 0.2 ? random.between(500, 20_000) : 0, extra_contacts: kind === 'contact' ? 1 : random.between(0, 2),
        previous_at: random.next() < 0.1 ? occurred - random.between(1, 80) * 86_400_000 : null, suggested: null, coded_at: occurred, coded_by_kind: 'user', coded_by_id: 'bench',
      };
      for (const row of countRowsOf(coding, 1)) {
        const key = `${row.day}|${row.cause_code}|${row.subject_kind}|${row.dim}|${row.dim_key}`;
        const into = counts.get(key);
        if (!into) counts.set(key, row);
        else {
          into.coded += row.coded;
          into.recurrences += row.recurrences;
          into.amount_cents += row.amount_cents;
          into.refund_cents += row.refund_cents;
          into.extra_contacts += row.extra_contacts;
        }
      }
    }
  }
  const insert = handle.prepare(
    'insert into cause_counts (day, cause_code, subject_kind, dim, dim_key, coded, recurrences, amount_cents, refund_cents, extra_contacts) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  handle.transaction(() => {
    for (const r of counts.values()) insert.run(r.day, r.cause_code, r.subject_kind, r.dim, r.dim_key, r.coded, r.recurrences, r.amount_cents, r.refund_cents, r.extra_contacts);
  })();
  handle.exec('analyze');
  await storage.close();
  writeFileSync(marker, JSON.stringify({ ...sizes, customers, countRows: counts.size, builtInMs: Math.round(performance.now() - started) }));
  console.log(`built ${path} in ${((performance.now() - started) / 1000).toFixed(1)} s (${counts.size.toLocaleString('en')} aggregate rows)`);
}

const storage = openSqlite(path);
const year: ParetoQuery = { ...parsePeriod({ from: '2026-01-01', to: '2026-12-31' }), filters: {}, sort: 'total', language: 'fr' };
const cases: [string, ParetoQuery][] = [
  ['a year, no filter', year],
  ['a year, one team', { ...year, filters: { team: 'team-3' } }],
  ['a year, one channel', { ...year, filters: { channel: 'email' } }],
  ['a year, no filter, level 1', { ...year, level: 1 }],
];
const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
console.log(
  `${sizes.complaint.toLocaleString('en')} complaints, ${sizes.followup.toLocaleString('en')} detractors, ${sizes.contact.toLocaleString('en')} repeat contacts coded in 2026, ` +
    `${customers.toLocaleString('en')} customers; ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}`,
);
for (const [name, query] of cases) {
  let rows = 0;
  for (let i = 0; i < 3; i++) await pareto(storage.db, query);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = await pareto(storage.db, query);
    samples.push(performance.now() - started);
    rows = result.rows.length;
    if (result.source !== 'aggregates') throw new Error(`${name}: read from ${result.source}, not the aggregates`);
  }
  samples.sort((a, b) => a - b);
  console.log(`${name.padEnd(30)} ${String(rows).padStart(3)} rows  p50 ${at(samples, 0.5).toFixed(1)} ms  p95 ${at(samples, 0.95).toFixed(1)} ms  max ${samples.at(-1)!.toFixed(1)} ms  (${runs} runs)`);
}
await storage.close();
