import { Worker } from 'node:worker_threads';

/**
 * Checkpoints the WAL of a SQLite file every `intervalMs` from a connection of its own in a worker
 * thread. Every card read writes an audit row; SQLite's automatic checkpoint would otherwise run
 * inside one of those requests, with an fsync, and stall the event loop (the serving connection has
 * it off). This thread also bounds the log: past `maxFrames` it restarts it even if that means
 * holding off writers while it waits for readers (at most a second at a time: they wait asynchronously,
 * sqlite/busy-retry.ts), and a reset log is truncated to `journal_size_limit`.
 */
export function startCheckpointer(path: string, intervalMs = 1000): { stop(): Promise<void> } {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const Database = require(workerData.driver);
    const db = new Database(workerData.path);
    db.pragma('busy_timeout = 1000');
    db.pragma('journal_size_limit = 67108864');
    const timer = setInterval(() => {
      try {
        const [result] = db.pragma('wal_checkpoint(PASSIVE)');
        // Under writes that never pause the log is never reset: restart it once it grows large. A restart
        // holds off every writer for as long as it waits (for readers to leave the log): so it is tried
        // only once every frame is back in the database, and without waiting; it succeeds at a quiet moment.
        if (result && result.log > workerData.maxFrames) {
          db.pragma('wal_checkpoint(RESTART)');
        } else if (result && result.log > workerData.restartFrames && result.checkpointed === result.log) {
          db.pragma('busy_timeout = 0');
          try {
            db.pragma('wal_checkpoint(RESTART)');
          } finally {
            db.pragma('busy_timeout = 1000');
          }
        }
      } catch {}
    }, workerData.intervalMs);
    parentPort.once('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
  `;
  const driver = decodeURIComponent(import.meta.resolve('better-sqlite3').replace(/^file:\/\//, ''));
  const worker = new Worker(source, { eval: true, workerData: { path, intervalMs, driver, restartFrames: 10_000, maxFrames: 100_000 } });
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        // Held by nothing while it runs (it must not keep a process alive); held while it stops.
        worker.ref();
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}
