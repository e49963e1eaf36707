/**
 * Recognition benchmark (see bench/README.md).
 *
 *   npm run bench                                  # 1,000,000 customers, 10,000,000 contacts
 *   npm run bench -- --customers 100000            # smaller run
 *   npm run bench -- --skip-http --calls 5000
 *
 * 1. builds (or reuses) data/bench-<customers>x<rate>-seed<seed>.sqlite with the demo generator;
 * 2. in-process: recognizeByPhone over random known numbers, and the same card assembled with bare
 *    better-sqlite3 statements (bench/bare-recognize.ts), in interleaved blocks, p50/p95/p99 and ratio;
 * 3. HTTP: GET /api/v1/recognize with an API token at a fixed rate, server in its own process (as
 *    `ecoute serve` opens the database), both with autocannon (overallRate) and with an open-loop client.
 *
 * Flags: --customers, --interactions-per-customer, --seed, --calls, --warmup, --rate, --connections,
 * --http-seconds, --skip-http, --rebuild, --server-profile DIR (a V8 CPU profile of the server process).
 *
 *   npm run bench -- --customers 100000 --contention   # recognition during an import and NPS reports (bench/contention.ts)
 *
 * Flags of --contention: --rate (default 300 there), --import-rows, --reports.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
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
import { bareRecognizer, type BareRecognize } from './bare-recognize.js';
import { startBenchServer } from './bench-server.js';
import { runContention } from './contention.js';

const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    'interactions-per-customer': { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    calls: { type: 'string', default: '20000' },
    warmup: { type: 'string', default: '2000' },
    rate: { type: 'string' },
    'http-seconds': { type: 'string', default: '20' },
    connections: { type: 'string', default: '10' },
    'skip-http': { type: 'boolean', default: false },
    'server-profile': { type: 'string' },
    rebuild: { type: 'boolean', default: false },
    contention: { type: 'boolean', default: false },
    'import-rows': { type: 'string', default: '100000' },
    reports: { type: 'string', default: '5' },
  },
});
const customers = Number(args.customers);
const rate = Number(args['interactions-per-customer']);
const seed = Number(args.seed);
const calls = Number(args.calls);
const warmup = Number(args.warmup);
const httpRate = Number(args.rate ?? (args.contention ? 300 : 500));
const httpSeconds = Number(args['http-seconds']);
const connections = Number(args.connections);
const FCR_WINDOW_DAYS = 7;

const GOALS = { inProcessP99Ms: 2, ratioToBareP50: 2, ratioToBareP99: 3, httpP99Ms: 10, serverCpuPerRequestMs: 0.5 };

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

/** recognizeByPhone on `storage` and the bare card, in interleaved blocks of 500 calls. */
async function inProcess(storage: Storage, bare: BareRecognize, actor: Actor, numbers: string[]) {
  const options = { language: 'fr' as const, fcrWindowDays: FCR_WINDOW_DAYS };
  const reader = { actor, via: 'recognize' as const };
  for (const phone of numbers.slice(0, warmup)) await recognizeByPhone(storage.db, phone, reader, options);
  const samples = { kysely: [] as number[], bare: [] as number[] };
  const measured = numbers.slice(warmup);
  const BLOCK = 500; // interleaved blocks: both see the same machine state
  const runKysely = async (block: string[]) => {
    for (const phone of block) {
      const t = performance.now();
      await recognizeByPhone(storage.db, phone, reader, options);
      samples.kysely.push(performance.now() - t);
    }
  };
  const runBare = (block: string[]) => {
    for (const phone of block) {
      const t = performance.now();
      bare(phone, actor, options);
      samples.bare.push(performance.now() - t);
    }
  };
  // The second to read a block finds its pages in SQLite's cache: each goes first every other block.
  for (let start = 0, k = 0; start < measured.length; start += BLOCK, k++) {
    const block = measured.slice(start, start + BLOCK);
    if (k % 2 === 0) {
      await runKysely(block);
      runBare(block);
    } else {
      runBare(block);
      await runKysely(block);
    }
  }
  return { kysely: stats(samples.kysely), bare: stats(samples.bare) };
}

/** The bare card must be the card recognizeByPhone returns, or the comparison means nothing. */
async function sameCard(storage: Storage, bare: BareRecognize, actor: Actor, numbers: string[]): Promise<boolean> {
  const options = { language: 'fr' as const, fcrWindowDays: FCR_WINDOW_DAYS, now: Date.now() };
  for (const phone of numbers.slice(0, 200)) {
    const a = await recognizeByPhone(storage.db, phone, { actor, via: 'recognize' }, options);
    const b = bare(phone, actor, options);
    try {
      assert.deepStrictEqual(JSON.parse(JSON.stringify(b)), JSON.parse(JSON.stringify(a)));
    } catch (error) {
      console.warn(`WARNING: the bare card differs from recognizeByPhone's; update bench/bare-recognize.ts\n${phone}: ${(error as Error).message.split('\n').slice(0, 12).join('\n')}`);
      return false;
    }
  }
  return true;
}

interface HttpResult {
  requests: number;
  perSecond: number;
  non2xx: number;
  errors: number;
  /** failed requests by error code (open loop only: autocannon counts them without the code) */
  errorCodes?: Record<string, number>;
  latency: { p50: number; p90: number; p99: number; p99_9: number; max: number; mean: number };
}

/**
 * autocannon at a fixed overall rate. Its limiter gives each connection a quota per second that the
 * connection sends back to back, so the server sees bursts of `connections` concurrent requests:
 * latency is then about connections × service time, whatever the rate.
 */
async function withAutocannon(url: string, token: string, next: () => string, seconds: number): Promise<HttpResult> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    overallRate: httpRate,
    headers: { authorization: `Bearer ${token}` },
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: next() }) }],
  });
  return {
    requests: result.requests.total,
    perSecond: result.requests.average,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    latency: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      p99_9: result.latency.p99_9,
      max: result.latency.max,
      mean: result.latency.average,
    },
  };
}

/**
 * Open loop: one request every 1000/rate ms whatever the answers (arrivals as from a telephony
 * platform), each latency counted from the moment the request was due, so a slow server is not
 * hidden by a late client (no coordinated omission).
 */
async function openLoop(url: string, token: string, next: () => string, seconds: number): Promise<HttpResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const interval = 1000 / httpRate;
  const total = Math.round(httpRate * seconds);
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const errorCodes: Record<string, number> = {};
  const started = performance.now() + 20;
  await new Promise<void>((resolve) => {
    let sent = 0;
    let done = 0;
    const finished = () => {
      if (++done === total) resolve();
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && started + sent * interval <= now) {
        const due = started + sent * interval;
        sent++;
        const request = http.get(`${url}${next()}`, { agent, headers: { authorization: `Bearer ${token}` } }, (response) => {
          response.resume();
          response.once('end', () => {
            latencies.push(performance.now() - due);
            if (response.statusCode !== 200) non2xx++;
            finished();
          });
        });
        request.once('error', (error: NodeJS.ErrnoException) => {
          errors++;
          errorCodes[error.code ?? error.message] = (errorCodes[error.code ?? error.message] ?? 0) + 1;
          finished();
        });
      }
      if (sent < total) setTimeout(tick, Math.max(0, started + sent * interval - performance.now()));
    };
    tick();
  });
  agent.destroy();
  const s = stats(latencies);
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: total,
    perSecond: total / seconds,
    non2xx,
    errors,
    errorCodes,
    latency: { p50: s.p50, p90: sorted[Math.ceil(0.9 * sorted.length) - 1] as number, p99: s.p99, p99_9: sorted[Math.ceil(0.999 * sorted.length) - 1] as number, max: s.max, mean: s.mean },
  };
}

/** GET /api/v1/recognize against the server running in its own process: autocannon, then open loop. */
async function overHttp(path: string, token: string, numbers: string[]) {
  const server = await startBenchServer(path, { profileDir: args['server-profile'] });
  try {
    const { url } = server;
    let i = 0;
    const next = () => `/api/v1/recognize?phone=${encodeURIComponent(numbers[i++ % numbers.length] as string)}`;
    /** The server's own view of a measured period: event-loop delay, GC pauses, CPU time. */
    const measured = async <T>(run: () => Promise<T>) => {
      server.measure();
      const result = await run();
      return { ...result, server: await server.report() };
    };
    await withAutocannon(url, token, next, 5); // warm-up
    const cannon = await measured(() => withAutocannon(url, token, next, httpSeconds));
    await openLoop(url, token, next, 5); // warm-up
    const open = await measured(() => openLoop(url, token, next, httpSeconds));
    return { autocannon: cannon, openLoop: open };
  } finally {
    await server.stop();
  }
}

const load = () => `load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`;
const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${new Date().toISOString()}, ${load()}`;
console.log(`Machine: ${machine}`);
const { path, summary } = await benchDatabase();
if (args.contention) {
  const storage = openSqlite(path);
  const numbers = knownNumbers(storage, 20_000);
  await storage.close();
  await runContention({ path, numbers, importRows: Number(args['import-rows']), rate: httpRate, reports: Number(args.reports), profileDir: args['server-profile'] });
  console.log(`\nEnd: ${new Date().toISOString()}, ${load()}`);
  process.exit(0);
}
const storage = openSqlite(path);
await migrateToLatest(storage);
const { id: tokenId, token } = await createApiToken(storage.db, 'benchmark', 'integration', ['recognition', 'contacts']);
const actor = (await actorFromApiToken(storage.db, token)) as Actor;
try {
  const numbers = knownNumbers(storage, warmup + calls);
  const bare = bareRecognizer(storage.sqlite!);
  const identical = await sameCard(storage, bare, actor, numbers);
  for (const phone of numbers) bare(phone, actor, { language: 'fr', fcrWindowDays: FCR_WINDOW_DAYS }); // page cache
  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  console.log(`\nIn-process: ${calls} recognitions after ${warmup} warm-up calls, recognizeByPhone and bare better-sqlite3 in interleaved blocks…`);
  const result = await inProcess(storage, bare, actor, numbers);
  const ratio50 = result.kysely.p50 / result.bare.p50;
  const ratio99 = result.kysely.p99 / result.bare.p99;
  const local = { ...result, ratio50, ratio99 };
  console.log('                         p50         p95         p99         max        mean');
  for (const [label, s] of [['recognizeByPhone', result.kysely], ['bare better-sqlite3', result.bare]] as const) {
    console.log(`${label.padEnd(20)} ${ms(s.p50).padStart(9)}  ${ms(s.p95).padStart(9)}  ${ms(s.p99).padStart(9)}  ${ms(s.max).padStart(9)}  ${ms(s.mean).padStart(9)}`);
  }
  console.log(`ratio to bare: p50 ${ratio50.toFixed(2)}x, p99 ${ratio99.toFixed(2)}x (same card: ${identical ? 'yes' : 'NO'})`);
  console.log(
    `goal p99 <= ${GOALS.inProcessP99Ms} ms: ${verdict(result.kysely.p99 <= GOALS.inProcessP99Ms)}; ` +
      `within ${GOALS.ratioToBareP50}x of bare at p50: ${verdict(ratio50 <= GOALS.ratioToBareP50)}; within ${GOALS.ratioToBareP99}x at p99: ${verdict(ratio99 <= GOALS.ratioToBareP99)}`,
  );
  const wal = existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0;
  console.log(`WAL file after the run: ${(wal / 2 ** 20).toFixed(1)} MiB`);

  let httpResult: Awaited<ReturnType<typeof overHttp>> | undefined;
  if (!args['skip-http']) {
    console.log(`\nHTTP: GET /api/v1/recognize at ${httpRate} req/s for ${httpSeconds} s each (after 5 s warm-ups), server in its own process…`);
    httpResult = await overHttp(path, token, numbers);
    for (const [label, r] of [[`autocannon, ${connections} connections`, httpResult.autocannon], ['open loop', httpResult.openLoop]] as const) {
      const l = r.latency;
      const codes = r.errorCodes && r.errors ? ` (${Object.entries(r.errorCodes).map(([code, n]) => `${code} ${n}`).join(', ')})` : '';
      console.log(
        `${label.padEnd(28)} ${r.requests} requests (${r.perSecond.toFixed(0)}/s), non-2xx ${r.non2xx}, failed ${r.errors}${codes}; ` +
          `latency p50 ${l.p50.toFixed(1)} ms, p90 ${l.p90.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms, p99.9 ${l.p99_9.toFixed(1)} ms, max ${l.max.toFixed(1)} ms` +
          ` -> goal p99 <= ${GOALS.httpP99Ms} ms: ${verdict(l.p99 <= GOALS.httpP99Ms && r.non2xx === 0 && r.errors === 0)}`,
      );
      const { loopDelayMs: d, gc, cpuSeconds } = r.server;
      const cpuPerRequest = (cpuSeconds * 1000) / r.requests;
      console.log(
        `${''.padEnd(28)} server: ${cpuPerRequest.toFixed(2)} ms CPU per request (goal <= ${GOALS.serverCpuPerRequestMs} ms: ${verdict(cpuPerRequest <= GOALS.serverCpuPerRequestMs)}); event-loop delay p99 ${d.p99.toFixed(1)} ms, max ${d.max.toFixed(1)} ms; ` +
          `${gc.count} GC pauses, ${gc.totalMs.toFixed(0)} ms in all, longest ${gc.maxMs.toFixed(1)} ms`,
      );
    }
  }
  console.log(`\nEnd: ${new Date().toISOString()}, ${load()}`);
  console.log(`\n${JSON.stringify({ machine, database: { path, customers: summary.customers, interactions: summary.interactions, loadSeconds: summary.durationMs / 1000 }, inProcess: local, identical, http: httpResult })}`);
} finally {
  // leave the benchmark database as it was built: no token, no audit rows of this run
  await storage.db.deleteFrom('audit_log').where('actor_id', '=', tokenId).execute();
  await storage.db.deleteFrom('api_tokens').where('id', '=', tokenId).execute();
  await storage.close();
}
