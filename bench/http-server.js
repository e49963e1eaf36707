// @ts-check
/**
 * The Ecoute HTTP server on a benchmark database, in its own process so that the load generator does
 * not share its event loop, and from the built code (dist/) as `ecoute serve` runs it: no TypeScript
 * loader in the process or in its report threads. Started by bench/bench-server.ts with an IPC channel:
 * it answers { url } once listening, measures on "measure", reports on "report", stops on "stop" or
 * when the parent goes away.
 */
import { subscribe } from 'node:diagnostics_channel';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { loadConfig } from '../dist/config.js';
import { startServer } from '../dist/server/server.js';
import { openSqlite } from '../dist/storage/database.js';

const path = process.env.BENCH_DB;
const send = process.send?.bind(process);
if (!path || !send) throw new Error('run by bench/bench-server.ts (BENCH_DB and an IPC channel are needed)');
const storage = openSqlite(path);
// As `ecoute serve` runs it: WAL checkpoints from a worker thread.
storage.backgroundCheckpoints?.();
const config = loadConfig({ sqlitePath: path, databaseUrl: undefined });
const server = await startServer({ storage, config, port: 0, host: '127.0.0.1' });

// What stalls the event loop while it serves: loop delay, and garbage-collection pauses.
const loop = monitorEventLoopDelay({ resolution: 1 });
const gc = { count: 0, totalMs: 0, maxMs: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.count++;
    gc.totalMs += entry.duration;
    gc.maxMs = Math.max(gc.maxMs, entry.duration);
  }
}).observe({ entryTypes: ['gc'] });
let cpuStart = process.cpuUsage();
// When the loop stalled (epoch ms and how long), for lining up with the load generator's samples.
/** @type {{ at: number, ms: number }[]} */
let stalls = [];
let tick = performance.now();
setInterval(() => {
  const now = performance.now();
  if (now - tick > 60) stalls.push({ at: Date.now(), ms: now - tick - 10 });
  tick = now;
}, 10).unref();

// Recognition as the server sees it: from the request's parsed headers to the end of its answer.
const arrivals = new WeakMap();
/** @type {number[]} */
let served = [];
subscribe('http.server.request.start', (message) => arrivals.set(/** @type {any} */ (message).request, performance.now()));
subscribe('http.server.response.finish', (message) => {
  const { request } = /** @type {any} */ (message);
  const arrived = arrivals.get(request);
  if (arrived !== undefined && request.url?.startsWith('/api/v1/recognize')) served.push(performance.now() - arrived);
});
/** @param {number[]} sorted @param {number} q */
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;

const stop = async () => {
  await server.close();
  await storage.close();
  process.exit(0);
};
process.on('message', (message) => {
  if (message === 'stop') void stop();
  if (message === 'measure') {
    loop.reset();
    loop.enable();
    Object.assign(gc, { count: 0, totalMs: 0, maxMs: 0 });
    cpuStart = process.cpuUsage();
    served = [];
    stalls = [];
  }
  if (message === 'report') {
    loop.disable();
    const used = process.cpuUsage(cpuStart);
    const sorted = served.sort((a, b) => a - b);
    send({
      report: {
        loopDelayMs: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
        gc: { ...gc },
        cpuSeconds: (used.user + used.system) / 1e6,
        stalls,
        recognitionMs: { n: sorted.length, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted.at(-1) ?? NaN },
      },
    });
  }
});
process.on('disconnect', () => void stop());
send({ url: server.url });
