/**
 * NPS at size (not a timed test). Sends N / 0.8 surveys over 12 months (setup), then ingests N
 * responses (default 10,000,000) into a SQLite file as a bulk ingestion does: the surveys read,
 * comments analysed and the responses added up in a worker thread; the responses stored, surveys
 * marked answered and the aggregates maintained in the same transactions by the writer; reports
 * responses/s. Then reads a
 * 12-month × 50-team NPS table with confidence intervals from the aggregates (p50/p95 over
 * repeated runs) beside a raw SQL full scan of the responses, and checks, once, that the report
 * computed from the surveys themselves gives the same rows. Results: bench/README.md, "NPS".
 *
 * The surveys sent are kept in data/bench-nps-N-sent.sqlite, so that later runs copy it instead of
 * sending them again; the ingestion runs on the copy, data/bench-nps-N.sqlite. The database is
 * opened as `ecoute serve` opens it, checkpoints in a background thread.
 *
 *   node --import tsx bench/nps.bench.ts                          # 10M responses, transactions of 100,000
 *   node --import tsx bench/nps.bench.ts --responses 1000000
 *   node --import tsx bench/nps.bench.ts --reload                 # send the surveys again even if the file exists
 *   node --import tsx bench/nps.bench.ts --queries                # only the queries, on the last ingested file
 *   node --import tsx bench/nps.bench.ts --without-aggregates     # the ingestion alone, for comparison (no queries)
 *   node --import tsx bench/nps.bench.ts --one-thread             # the batches made in the writer's thread, for comparison
 */
import { copyFileSync, existsSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { CountsBatch, type SurveyFact } from '../src/nps/counts-batch.js';
import { writeCounts } from '../src/nps/counts-writer.js';
import { keysOf } from '../src/nps/dimensions.js';
import { bulkWriter } from '../src/storage/bulk.js';
import { npsReport, type ReportQuery } from '../src/nps/nps-report.js';
import { tableRows } from '../src/nps/nps-table.js';
import { newId } from '../src/shared/ids.js';
import { localInstants } from '../src/shared/local-time.js';
import { openSqlite, type Storage } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrator.js';
import type { Channel, Language } from '../src/storage/schema.js';
import { analyseText } from '../src/text/index.js';
import { Random, Weighted } from '../src/demo/random.js';
import { corpusTexts, ResponseProducer, ResponseWriter, setting, type ProducerSettings, type ProducerTiming, type ResponseBatch } from './nps-responses.js';
import type { WorkerInput, WorkerMessage } from './nps-responses-worker.js';

const { values: args } = parseArgs({
  options: {
    responses: { type: 'string', default: '10000000' },
    batch: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '50' },
    reload: { type: 'boolean', default: false },
    queries: { type: 'boolean', default: false },
    'without-aggregates': { type: 'boolean', default: false },
    'one-thread': { type: 'boolean', default: false },
  },
});
const RESPONSES = Number(args.responses);
const BATCH = Number(args.batch);
const FILE = `data/bench-nps-${RESPONSES}.sqlite`;
/** --without-aggregates: the same ingestion without the aggregates, to show what maintaining them costs. */
const AGGREGATES = !args['without-aggregates'];
/** --one-thread: the batches made in the writer's thread, to show what the worker thread gains. */
const ONE_THREAD = args['one-thread'];
const SENT_FILE = `data/bench-nps-${RESPONSES}-sent.sqlite`;
const SURVEYS = Math.round(RESPONSES / 0.8); // a fifth of the surveys sent get no answer
const TEAMS = 50;
const ADVISORS_PER_TEAM = 10;
const SITES = 10;
const REASONS = 30;
/** 12 months of contacts: 2025-11-01 to 2026-10-31, Europe/Luxembourg. */
const FIRST = localInstants(Date.UTC(2025, 10, 1))[0]!;
const LAST = localInstants(Date.UTC(2026, 10, 1))[0]!;
const QUERY: ReportQuery = { from: 20251101, to: 20261031, interval: 'month', groupBy: ['team'], filters: {}, minResponses: 30 };

const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`machine: ${machine}; load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`machine speed now: ${speedCheck().toLocaleString('en')} comments analysed per second, one thread (compare runs on this figure: the same code, another day or machine)`);

const removeDatabase = (file: string) => {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
};
if (!args.queries) {
  if (args.reload || !existsSync(SENT_FILE)) {
    removeDatabase(SENT_FILE);
    const sent = openSqlite(SENT_FILE);
    await migrateToLatest(sent);
    await sendSurveys(sent);
    sent.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
    await sent.close();
  } else {
    console.log(`reusing the surveys sent in ${SENT_FILE} (${(statSync(SENT_FILE).size / 2 ** 30).toFixed(1)} GiB); --reload to send them again`);
  }
  removeDatabase(FILE);
  copyFileSync(SENT_FILE, FILE);
}
const storage = openSqlite(FILE);
await migrateToLatest(storage);
if (!args.queries) {
  storage.backgroundCheckpoints?.();
  await ingest();
}
if (AGGREGATES) await measureQueries();
await storage.close();

/** Setup, not measured: N / 0.8 surveys sent over 12 months, each counted as sent. */
async function sendSurveys(storage: Storage): Promise<void> {
  const { db } = storage;
  const sqlite = storage.sqlite!;
  // The surveys stand alone: their contacts and customers are not generated, so references are not checked.
  sqlite.pragma('foreign_keys = OFF');
  const rng = new Random(42);
  const now = Date.now();
  const sites = Array.from({ length: SITES }, (_, i) => ({ id: newId(), code: `site-${i}`, name: `Site ${i + 1}`, kind: 'call_centre' as const, city: 'Luxembourg', created_at: now }));
  const teams = Array.from({ length: TEAMS }, (_, i) => ({ id: newId(), name: `Team ${String(i + 1).padStart(2, '0')}`, site_id: sites[i % SITES]!.id, created_at: now }));
  const advisors = teams.flatMap((t) =>
    Array.from({ length: ADVISORS_PER_TEAM }, (_, i) => ({
      id: newId(), email: `a${i}.${t.id}@bench`, display_name: `Advisor ${i} ${t.name}`, role: 'advisor' as const, team_id: t.id, site_id: t.site_id,
      password_hash: null, language: 'fr' as const, active: 1 as const, created_at: now,
    })),
  );
  await db.insertInto('sites').values(sites).execute();
  await db.insertInto('teams').values(teams).execute();
  for (let i = 0; i < advisors.length; i += 100) await db.insertInto('users').values(advisors.slice(i, i + 100)).execute();
  const existing = (await db.selectFrom('reasons').select('code').execute()).map((r) => r.code);
  const extra = Array.from({ length: Math.max(0, REASONS - existing.length) }, (_, i) => `bench_${i}`);
  if (extra.length > 0) {
    await db.insertInto('reasons').values(extra.map((code, i) => ({ code, label_fr: code, label_de: code, label_en: code, parent_code: null, active: 1, sort_order: 1000 + i }))).execute();
  }
  const reasons = [...existing, ...extra].slice(0, REASONS);
  const { version, basis } = await setting(storage);
  const channels = new Weighted<Channel>([['phone', 80], ['shop', 12], ['chat', 5], ['email', 3]]);
  const languages = new Weighted<Language>([['fr', 45], ['de', 25], ['en', 15], ['lb', 15]]);
  const step = (LAST - FIRST) / SURVEYS;
  const fact = (s: { contact_started_at: number } & Parameters<typeof keysOf>[0]): SurveyFact => ({
    contactStartedAt: s.contact_started_at, keys: keysOf(s), basis, sent: 0, unparsed: 0, score: null, resolved: null, topics: [],
  });

  const sentStarted = performance.now();
  for (let first = 0; first < SURVEYS; first += BATCH) {
    await db.transaction().execute(async (trx) => {
      const bulk = bulkWriter(storage, trx);
      const counts = new CountsBatch();
      for (let i = first; i < Math.min(SURVEYS, first + BATCH); i++) {
        const contactAt = Math.round(FIRST + i * step);
        const team = rng.int(TEAMS);
        const advisor = advisors[team * ADVISORS_PER_TEAM + rng.int(ADVISORS_PER_TEAM)]!;
        const survey = {
          id: newId(), interaction_id: newId(), party_id: newId(), version_id: version.id, msisdn: `+35269${String(i % 10_000_000).padStart(7, '0')}`,
          language: languages.pick(rng), status: 'sent' as const, send_after: contactAt + 900_000, sent_at: contactAt + 900_000,
          open_until: contactAt + 73 * 3_600_000, clarifications: 0, advisor_id: advisor.id, team_id: teams[team]!.id, site_id: teams[team]!.site_id,
          channel: channels.pick(rng), reason_code: reasons[rng.int(REASONS)]!, segment: rng.chance(0.85) ? ('residential' as const) : ('business' as const),
          contact_started_at: contactAt, last_error: null, created_at: contactAt,
        };
        bulk.insert('surveys', survey);
        counts.add({ ...fact(survey), sent: 1 });
      }
      await bulk.flush();
      await counts.write(trx);
    });
  }
  console.log(`surveys sent: ${SURVEYS.toLocaleString('en')} in ${((performance.now() - sentStarted) / 1000).toFixed(1)} s (setup, not measured)`);
}

/**
 * Measured: the responses, as a bulk ingestion does them. A worker thread reads the surveys
 * answered, analyses the comments, lays out the response rows and adds them up in a CountsBatch
 * (bench/nps-responses.ts); this thread stores the responses, marks the surveys answered and
 * writes the aggregate cells, one transaction per batch. --one-thread does both in this thread.
 */
async function ingest(): Promise<void> {
  const { db } = storage;
  const sqlite = storage.sqlite!;
  sqlite.pragma('foreign_keys = OFF');
  const settings: ProducerSettings = { responses: RESPONSES, surveys: SURVEYS, batch: BATCH, aggregates: AGGREGATES };
  const source = ONE_THREAD ? await producerInThread(settings) : producerInWorker(settings);
  const writer = new ResponseWriter(storage);
  let responses = 0;
  let analysed = 0;
  const timing = { waiting: 0, counts: 0 };
  const started = performance.now();
  let lastReport = started;
  for (;;) {
    const t0 = performance.now();
    const batch = await source.next();
    timing.waiting += performance.now() - t0;
    if (!batch) break;
    await db.transaction().execute(async (trx) => {
      writer.write(batch);
      const t2 = performance.now();
      if (batch.counts) await writeCounts(trx, batch.counts);
      timing.counts += performance.now() - t2;
    });
    responses += batch.answered.length;
    analysed += batch.analysed;
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      const seconds = (lastReport - started) / 1000;
      console.log(`  ${responses.toLocaleString('en')} responses in ${seconds.toFixed(0)} s (${Math.round(responses / seconds).toLocaleString('en')}/s)`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const made = await source.timing();
  const cells = Number((await db.selectFrom('nps_counts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `ingestion${AGGREGATES ? ' with aggregates maintained' : ' WITHOUT aggregates'}${ONE_THREAD ? ', one thread' : ''}: ${responses.toLocaleString('en')} responses ` +
      `(${analysed.toLocaleString('en')} comments analysed) in ${seconds.toFixed(1)} s = ${Math.round(responses / seconds).toLocaleString('en')} responses/s, batches of ${BATCH.toLocaleString('en')}`,
  );
  console.log(
    `  ${ONE_THREAD ? 'in this thread' : 'worker'}: reading surveys ${s(made.read)}, text analysis ${s(made.text)}, adding to the aggregates ${s(made.counts)}; ` +
      `writer: response rows ${s(writer.timing.rows)}, survey status ${s(writer.timing.status)}, aggregate cells ${s(timing.counts)}, ${ONE_THREAD ? 'making the batches' : 'waiting for the worker'} ${s(timing.waiting)}; ` +
      `${cells.toLocaleString('en')} aggregate rows`,
  );
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.exec('analyze');
}

interface BatchSource {
  next(): Promise<ResponseBatch | null>;
  timing(): Promise<ProducerTiming>;
}

async function producerInThread(settings: ProducerSettings): Promise<BatchSource> {
  const producer = await ResponseProducer.open(storage, settings);
  return { next: async () => producer.next(), timing: async () => producer.timing };
}

/** The producer in a worker thread, two batches ahead of the writer at most. */
function producerInWorker(settings: ProducerSettings): BatchSource {
  const url = new URL('./nps-responses-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { file: FILE, settings, ahead: 2 } satisfies WorkerInput });
  const messages: WorkerMessage[] = [];
  let waiting: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  let failure: unknown;
  const wake = () => {
    waiting?.resolve();
    waiting = undefined;
  };
  worker.on('message', (message: WorkerMessage) => {
    messages.push(message);
    wake();
  });
  worker.on('error', (error) => {
    failure = error;
    waiting?.reject(error);
  });
  worker.on('exit', (code) => {
    if (code !== 0) failure ??= new Error(`the producer worker stopped with exit code ${code}`);
    if (failure) waiting?.reject(failure);
  });
  const take = async (): Promise<WorkerMessage> => {
    while (messages.length === 0) {
      if (failure) throw failure;
      await new Promise<void>((resolve, reject) => (waiting = { resolve, reject }));
    }
    return messages.shift()!;
  };
  let done: ProducerTiming | undefined;
  return {
    async next() {
      if (done) return null;
      const message = await take();
      if (message.kind === 'done') {
        done = message.timing;
        return null;
      }
      worker.postMessage('taken');
      return message.batch;
    },
    async timing() {
      while (!done) await this.next();
      return done;
    },
  };
}

async function measureQueries(): Promise<void> {
  const { db } = storage;
  const times: number[] = [];
  let rows = 0;
  for (let run = 0; run < Number(args.runs) + 3; run++) {
    const t0 = performance.now();
    const report = await npsReport(db, QUERY);
    rows = tableRows(report, QUERY.groupBy, {}).length;
    if (run >= 3) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]!;
  console.log(`12-month × ${TEAMS}-team NPS table with CIs, from the aggregates: ${rows} rows, p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, max ${pct(100).toFixed(1)} ms (${times.length} runs)`);

  // Beside it: the same counts by a full scan of the responses (month boundaries as instants).
  const bounds = Array.from({ length: 12 }, (_, m) => localInstants(Date.UTC(2025, 10 + m + 1, 1))[0]!);
  const month = sql.join(bounds.map((end, m) => sql`when interaction_started_at < ${sql.lit(end)} then ${sql.lit(m)}`), sql` `);
  const t0 = performance.now();
  const scan = await sql<{ n: number }>`
    select case ${month} end as month, team_id, count(*) as n,
      sum(case when score >= promoter_min then 1 else 0 end) as promoters, sum(case when score <= detractor_max then 1 else 0 end) as detractors
    from survey_responses where interaction_started_at >= ${FIRST} and interaction_started_at < ${LAST}
    group by 1, 2
  `.execute(db);
  const scanMs = performance.now() - t0;
  console.log(`raw SQL full scan of the responses (same months × teams, counts only): ${scan.rows.length} groups in ${scanMs.toFixed(0)} ms`);

  const t1 = performance.now();
  const raw = await npsReport(db, { ...QUERY, source: 'raw' });
  const rawMs = performance.now() - t1;
  const fromAggregates = await npsReport(db, QUERY);
  const same = JSON.stringify(raw.rows) === JSON.stringify(fromAggregates.rows);
  console.log(`the report computed from the surveys (join, every survey read): ${rawMs.toFixed(0)} ms; same rows as the aggregates: ${same}`);
  if (!same) process.exitCode = 1;
}

/** The speed of this machine now, in a unit that needs no database: the corpus analysed for two seconds. */
function speedCheck(): number {
  const texts = corpusTexts();
  for (const text of texts) analyseText(text);
  let analysed = 0;
  const started = performance.now();
  while (performance.now() - started < 2000) {
    for (const text of texts) analyseText(text);
    analysed += texts.length;
  }
  return Math.round(analysed / ((performance.now() - started) / 1000));
}
