/**
 * The Ecoute HTTP server on a benchmark database, in its own process so that the load generator
 * does not share its event loop. Started by bench/run.ts with an IPC channel: it answers
 * { url } once listening, and stops on "stop" or when the parent goes away.
 * BENCH_TUNED=1 runs it with the changes of bench/tuning.ts (statement cache, checkpoints in a worker).
 */
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/http/server.js';
import { openSqlite } from '../src/storage/database.js';
import { tuned } from './tuning.js';

const path = process.env.BENCH_DB;
if (!path || !process.send) throw new Error('run by bench/run.ts (BENCH_DB and an IPC channel are needed)');
const opened = openSqlite(path);
const storage = process.env.BENCH_TUNED === '1' ? tuned(opened) : opened;
const config = loadConfig({ sqlitePath: path, databaseUrl: undefined });
const server = await startServer({ storage, config, port: 0, host: '127.0.0.1' });
const stop = async () => {
  await server.close();
  if (storage !== opened) await storage.close();
  await opened.close();
  process.exit(0);
};
process.on('message', (message) => {
  if (message === 'stop') void stop();
});
process.on('disconnect', () => void stop());
process.send({ url: server.url });
