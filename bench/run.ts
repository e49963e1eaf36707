/**
 * Recognition benchmark (see bench/README.md).
 *
 *   npm run bench                                  # 1,000,000 customers, 10,000,000 contacts
 *   npm run bench -- --customers 100000            # smaller run
 *   npm run bench -- --skip-http --calls 5000
 *
 * 1. builds (or reuses) data/bench-<customers>x<rate>-seed<seed>.sqlite with the demo generator;
 * 2. in-process: recognizeByPhone over random known numbers, and the same card assembled with bare
 *    better-sqlite3 statements (bench/bare-recognize.ts), interleaved, with p50/p95/p99 and the ratio;
 * 3. HTTP: GET /api/v1/recognize with an API token at a fixed rate with autocannon, server in its own process.
 */
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import cliProgress from 'cli-progress';
import { actorFromApiToken, createApiToken } from '../src/auth/auth-service.js';
import type { Actor } from '../src/auth/policies.js';
import { recognizeByPhone } from '../src/customers/customer-service.js';
import { loadDemo, type DemoSummary } from '../src/demo/load.js';
import { Random } from '../src/demo/random.js';
import { openSqlite, type Storage } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrator.js';
import { bareRecognizer } from './bare-recognize.js';

const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    'interactions-per-customer': { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    calls: { type: 'string', default: '20000' },
    warmup: { type: 'string', default: '2000' },
    rate: { type: 'string', default: '500' },
    'http-seconds': { type: 'string', default: '30' },
    'skip-http': { type: 'boolean', default: false },
    rebuild: { type: 'boolean', default: false },
  },
});
const customers = Number(args.customers);
const rate = Number(args['interactions-per-customer']);
const seed = Number(args.seed);
const calls = Number(args.calls);
const warmup = Number(args.warmup);
const httpRate = Number(args.rate);
const httpSeconds = Number(args['http-seconds']);
const FCR_WINDOW_DAYS = 7;

const GOALS = { inProcessP99Ms: 2, ratioToBare: 3, httpP99Ms: 10 };

interface Stats {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
  return {
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[sorted.length - 1] as number,
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
}

const ms = (value: number) => `${value.toFixed(3)} ms`;

/** The benchmark database: built once per size and seed, then reused. */
async function benchDatabase(): Promise<{ path: string; summary: DemoSummary }> {
  const path = `./data/bench-${customers}x${rate}-seed${seed}.sqlite`;
  const marker = `${path}.json`;
  if (!args.rebuild && existsSync(path) && existsSync(marker)) {
    const summary = JSON.parse(readFileSync(marker, 'utf8')) as DemoSummary;
    console.log(`Reusing ${path} (${summary.customers} customers, ${summary.interactions} contacts; built in ${(summary.durationMs / 1000).toFixed(1)} s)`);
    return { path, summary };
  }
  for (const suffix of ['', '-wal', '-shm', '.json']) rmSync(`${path}${suffix}`, { force: true });
  const storage = openSqlite(path);
  try {
    await migrateToLatest(storage);
    const bar = new cliProgress.SingleBar(
      { format: 'load [{bar}] {percentage}% | {value}/{total} customers | {duration_formatted} | ETA {eta_formatted}', stream: process.stderr, fps: 5, etaBuffer: 50 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(customers, 0);
    let summary: DemoSummary;
    try {
      summary = await loadDemo(storage, { customers, seed, interactionsPerCustomer: rate, fcrWindowDays: FCR_WINDOW_DAYS, onProgress: (done) => bar.update(done) });
    } finally {
      bar.stop();
    }
    writeFileSync(marker, JSON.stringify(summary, null, 2));
    console.log(`Built ${path} in ${(summary.durationMs / 1000).toFixed(1)} s: ${summary.customers} customers, ${summary.lines} lines, ${summary.interactions} contacts`);
    return { path, summary };
  } finally {
    await storage.close();
  }
}

/** Random numbers of existing lines (by rowid, reproducible). */
function knownNumbers(storage: Storage, count: number): string[] {
  const handle = storage.sqlite!;
  const max = (handle.prepare('select max(rowid) as n from lines').get() as { n: number }).n;
  const byRowid = handle.prepare('select msisdn from lines where rowid = ?').pluck();
  const rng = new Random(seed * 7919 + 17);
  const numbers: string[] = [];
  while (numbers.length < count) {
    const msisdn = byRowid.get(1 + rng.int(max)) as string | undefined;
    if (msisdn) numbers.push(msisdn);
  }
  return numbers;
}

async function inProcess(storage: Storage, actor: Actor, numbers: string[]) {
  const bare = bareRecognizer(storage.sqlite!);
  const options = { language: 'fr' as const, fcrWindowDays: FCR_WINDOW_DAYS };
  const reader = { actor, via: 'recognize' as const };

  // Same answer, or the comparison means nothing.
  const now = Date.now();
  let mismatch: string | undefined;
  for (const phone of numbers.slice(0, 200)) {
    const a = await recognizeByPhone(storage.db, phone, reader, { ...options, now });
    const b = bare(phone, actor, { ...options, now });
    try {
      assert.deepStrictEqual(JSON.parse(JSON.stringify(b)), JSON.parse(JSON.stringify(a)));
    } catch (error) {
      mismatch = `${phone}: ${(error as Error).message.split('\n').slice(0, 12).join('\n')}`;
      break;
    }
  }
  if (mismatch) console.warn(`WARNING: the bare card differs from recognizeByPhone's; update bench/bare-recognize.ts\n${mismatch}`);

  // Warm both paths and the page cache for every number measured.
  for (const phone of numbers.slice(0, warmup)) await recognizeByPhone(storage.db, phone, reader, options);
  for (const phone of numbers) bare(phone, actor, options);

  const kysely: number[] = [];
  const raw: number[] = [];
  const measured = numbers.slice(warmup);
  const BLOCK = 500; // interleaved blocks: both see the same machine state
  for (let start = 0; start < measured.length; start += BLOCK) {
    const block = measured.slice(start, start + BLOCK);
    for (const phone of block) {
      const t = performance.now();
      await recognizeByPhone(storage.db, phone, reader, options);
      kysely.push(performance.now() - t);
    }
    for (const phone of block) {
      const t = performance.now();
      bare(phone, actor, options);
      raw.push(performance.now() - t);
    }
  }
  return { kysely: stats(kysely), bare: stats(raw), identical: mismatch === undefined };
}

/** GET /api/v1/recognize at a fixed rate against the server running in its own process. */
async function overHttp(path: string, token: string, numbers: string[]) {
  const child = fork(new URL('./http-server.ts', import.meta.url), [], {
    env: { ...process.env, BENCH_DB: path },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.once('message', (message) => resolve((message as { url: string }).url));
      child.once('exit', (code) => reject(new Error(`the benchmark server stopped (exit code ${code})`)));
    });
    let i = 0;
    const run = (seconds: number) =>
      autocannon({
        url,
        connections: 32,
        duration: seconds,
        overallRate: httpRate,
        headers: { authorization: `Bearer ${token}` },
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => ({
              ...request,
              path: `/api/v1/recognize?phone=${encodeURIComponent(numbers[i++ % numbers.length] as string)}`,
            }),
          },
        ],
      });
    await run(5); // warm-up
    const result = await run(httpSeconds);
    return {
      url,
      requests: result.requests.total,
      perSecond: result.requests.average,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      latency: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        p99_9: result.latency.p99_9,
        max: result.latency.max,
        mean: result.latency.average,
      },
    };
  } finally {
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${new Date().toISOString()}`;
console.log(`Machine: ${machine}`);
const { path, summary } = await benchDatabase();
const storage = openSqlite(path);
await migrateToLatest(storage);
const { id: tokenId, token } = await createApiToken(storage.db, 'benchmark', 'integration');
const actor = (await actorFromApiToken(storage.db, token)) as Actor;
try {
  const numbers = knownNumbers(storage, warmup + calls);
  console.log(`In-process: ${calls} recognitions after ${warmup} warm-up calls, recognizeByPhone (Kysely) and bare better-sqlite3 interleaved…`);
  const local = await inProcess(storage, actor, numbers);
  const ratio50 = local.kysely.p50 / local.bare.p50;
  const ratio99 = local.kysely.p99 / local.bare.p99;
  console.log('');
  console.log('                      p50          p95          p99          max         mean');
  for (const [name, s] of [['recognizeByPhone', local.kysely], ['bare better-sqlite3', local.bare]] as const) {
    console.log(`${name.padEnd(20)} ${ms(s.p50).padStart(10)}  ${ms(s.p95).padStart(10)}  ${ms(s.p99).padStart(10)}  ${ms(s.max).padStart(10)}  ${ms(s.mean).padStart(10)}`);
  }
  console.log(`ratio Kysely / bare: p50 ${ratio50.toFixed(2)}x, p99 ${ratio99.toFixed(2)}x; same card: ${local.identical ? 'yes' : 'NO'}`);
  console.log(`goal in-process p99 <= ${GOALS.inProcessP99Ms} ms: ${local.kysely.p99 <= GOALS.inProcessP99Ms ? 'met' : 'MISSED'}; within ${GOALS.ratioToBare}x of bare (p99): ${ratio99 <= GOALS.ratioToBare ? 'met' : 'MISSED'}`);

  let http: Awaited<ReturnType<typeof overHttp>> | undefined;
  if (!args['skip-http']) {
    console.log(`\nHTTP: GET /api/v1/recognize at ${httpRate} req/s for ${httpSeconds} s (after 5 s warm-up), server in its own process…`);
    http = await overHttp(path, token, numbers);
    const l = http.latency;
    console.log(`${http.requests} requests (${http.perSecond.toFixed(0)}/s), non-2xx ${http.non2xx}, errors ${http.errors}, timeouts ${http.timeouts}`);
    console.log(`latency p50 ${l.p50} ms, p90 ${l.p90} ms, p99 ${l.p99} ms, p99.9 ${l.p99_9} ms, max ${l.max} ms, mean ${l.mean.toFixed(2)} ms`);
    console.log(`goal HTTP p99 <= ${GOALS.httpP99Ms} ms at ${httpRate} req/s: ${l.p99 <= GOALS.httpP99Ms && http.non2xx === 0 ? 'met' : 'MISSED'}`);
  }
  console.log(`\n${JSON.stringify({ machine, database: { path, customers: summary.customers, interactions: summary.interactions, loadSeconds: summary.durationMs / 1000 }, inProcess: { ...local, ratio50, ratio99 }, http })}`);
} finally {
  // leave the benchmark database as it was built: no token, no audit rows of this run
  await storage.db.deleteFrom('audit_log').where('actor_id', '=', tokenId).execute();
  await storage.db.deleteFrom('api_tokens').where('id', '=', tokenId).execute();
  await storage.close();
}
