/**
 * The queue of a team (src/cases/case-queue.ts) with millions of cases on SQLite: a year of
 * complaints and follow-ups, most of them closed, the open ones spread over the teams with
 * deadlines from a week past to two weeks ahead. Each query is a first page of 50 (a quarter of
 * them also the next page), timed alone: a random team, view (all, due today, overdue, hot) and
 * kind (complaints, follow-ups, both); a quarter of them a person's queue ("mine") instead.
 * The goal: p95 ≤ 50 ms with 3,000,000 cases.
 *
 *   node --import tsx bench/case-queue.bench.ts                         # 1M complaints + 2M follow-ups, 5 % open
 *   node --import tsx bench/case-queue.bench.ts --cases 300000 --open 0.2 --queries 2000
 *   node --import tsx bench/case-queue.bench.ts --rebuild
 *
 * The database is built once into data/bench-cases-<cases>-open<share>.sqlite and reused.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { caseQueue, QUEUE_VIEWS, type QueueQuery } from '../src/cases/case-queue.js';
import { Random } from '../src/demo/random.js';
import { newId } from '../src/shared/ids.js';
import { openSqlite } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrator.js';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '3000000' },
    open: { type: 'string', default: '0.05' },
    teams: { type: 'string', default: '20' },
    queries: { type: 'string', default: '4000' },
    rebuild: { type: 'boolean', default: false },
  },
});
const total = Number(args.cases);
const openShare = Number(args.open);
const teamCount = Number(args.teams);
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 9, 13, 0);

const path = `data/bench-cases-${total}-open${openShare}.sqlite`;
const marker = `${path}.json`;
if (args.rebuild || !existsSync(marker)) {
  for (const file of [path, `${path}-wal`, `${path}-shm`, marker]) rmSync(file, { force: true });
  const started = performance.now();
  const storage = openSqlite(path);
  await migrateToLatest(storage);
  const handle = storage.sqlite!;
  // Teams and people are ids only here: the queue reads no other table.
  handle.pragma('foreign_keys = OFF');
  const insert = handle.prepare(
    'insert into cases (id, kind, state, party_id, team_id, assignee_id, hot, opened_at, due_at, paused_at, paused_ms, closed_at, updated_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 1)',
  );
  const random = new Random(7);
  const load = handle.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const complaint = i % 3 === 0;
      const team = random.between(0, teamCount - 1);
      const openedAt = NOW - random.between(0, 365 * DAY);
      const open = random.next() < openShare;
      const dueAt = open && random.next() < 0.9 ? NOW + random.between(-7 * DAY, 14 * DAY) : null;
      const assignee = random.next() < 0.6 ? `user-${team}-${random.between(0, 9)}` : null;
      insert.run(
        newId(), complaint ? 'complaint' : 'followup', open ? (complaint ? 'under_investigation' : 'open') : 'closed', `party-${random.between(0, 999_999)}`,
        `team-${team}`, assignee, !complaint && random.next() < 0.15 ? 1 : 0, openedAt, dueAt, open && random.next() < 0.03 ? NOW - DAY : null,
        open ? null : openedAt + random.between(0, 10 * DAY), NOW,
      );
    }
  });
  for (let i = 0; i < total; i += 100_000) load(i, Math.min(total, i + 100_000));
  handle.exec('analyze');
  await storage.close();
  writeFileSync(marker, JSON.stringify({ cases: total, open: openShare, builtInMs: Math.round(performance.now() - started) }));
  console.log(`built ${path} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const storage = openSqlite(path);
const random = new Random(11);
const queries = Number(args.queries);
const timings = new Map<string, number[]>();
const record = (name: string, ms: number) => (timings.get(name) ?? timings.set(name, []).get(name)!).push(ms);
const pick = <T>(items: readonly T[]) => random.pick(items);
for (let i = 0; i < queries + 500; i++) {
  const team = random.between(0, teamCount - 1);
  const query: QueueQuery = { view: pick(QUEUE_VIEWS), kind: pick(['complaint', 'followup', undefined]), limit: 50, now: NOW };
  if (random.next() < 0.25) query.assigneeId = `user-${team}-${random.between(0, 9)}`;
  else query.teamId = `team-${team}`;
  const started = performance.now();
  const page = await caseQueue(storage.db, query);
  if (page.next !== null && random.next() < 0.25) await caseQueue(storage.db, { ...query, cursor: page.next });
  const ms = performance.now() - started;
  if (i < 500) continue; // warm-up
  record('all queries', ms);
  record(`${query.assigneeId ? 'person' : 'team'} ${query.view} ${query.kind ?? 'both'}`, ms);
}
await storage.close();

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
console.log(`${total.toLocaleString('en')} cases, ${openShare * 100} % open, ${teamCount} teams; ${queries} queries of a page of 50 (a quarter with the next page)`);
console.log('query'.padEnd(36), 'n'.padStart(5), 'p50 ms'.padStart(8), 'p95 ms'.padStart(8), 'p99 ms'.padStart(8), 'max ms'.padStart(8));
for (const [name, values] of [...timings].sort(([a], [b]) => (a === 'all queries' ? -1 : b === 'all queries' ? 1 : a.localeCompare(b)))) {
  const sorted = [...values].sort((a, b) => a - b);
  console.log(
    name.padEnd(36), String(sorted.length).padStart(5),
    ...[0.5, 0.95, 0.99].map((q) => quantile(sorted, q).toFixed(2).padStart(8)), sorted.at(-1)!.toFixed(2).padStart(8),
  );
}
