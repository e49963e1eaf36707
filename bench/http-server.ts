/**
 * The Ecoute HTTP server on a benchmark database, in its own process so that the load generator
 * does not share its event loop. Started by bench/run.ts with an IPC channel: it answers
 * { url } once listening, and stops on "stop" or when the parent goes away.
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/server/server.js';
import { openSqlite } from '../src/storage/database.js';

const path = process.env.BENCH_DB;
if (!path || !process.send) throw new Error('run by bench/run.ts (BENCH_DB and an IPC channel are needed)');
const storage = openSqlite(path);
// As `ecoute serve` runs it: WAL checkpoints from a worker thread.
storage.backgroundCheckpoints?.();
const config = loadConfig({ sqlitePath: path, databaseUrl: undefined });
const server = await startServer({ storage, config, port: 0, host: '127.0.0.1' });
// What stalls the event loop while it serves: loop delay, and garbage-collection pauses.
const loop = monitorEventLoopDelay({ resolution: 1 });
const gc = { count: 0, totalMs: 0, maxMs: 0 };
const gcObserver = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.count++;
    gc.totalMs += entry.duration;
    gc.maxMs = Math.max(gc.maxMs, entry.duration);
  }
});
gcObserver.observe({ entryTypes: ['gc'] });
const cpu = { start: process.cpuUsage(), requests: 0 };

const stop = async () => {
  await server.close();
  await storage.close();
  process.exit(0);
};
process.on('message', (message) => {
  if (message === 'stop') void stop();
  if (message === 'measure') {
    // start of a measured period
    loop.reset();
    loop.enable();
    Object.assign(gc, { count: 0, totalMs: 0, maxMs: 0 });
    cpu.start = process.cpuUsage();
  }
  if (message === 'report') {
    loop.disable();
    const used = process.cpuUsage(cpu.start);
    process.send?.({
      report: {
        loopDelayMs: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
        gc: { ...gc },
        cpuSeconds: (used.user + used.system) / 1e6,
      },
    });
  }
});
process.on('disconnect', () => void stop());
process.send({ url: server.url });
