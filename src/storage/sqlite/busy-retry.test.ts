import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { openSqlite } from '../database.js';
import { migrateToLatest } from '../migrator.js';

/** Another connection, in another thread, holds the write lock for `ms`. */
async function holdWriteLock(path: string, ms: number): Promise<Worker> {
  const driver = decodeURIComponent(import.meta.resolve('better-sqlite3').replace(/^file:\/\//, ''));
  const holder = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const db = new (require(workerData.driver))(workerData.path);
     db.exec('begin immediate');
     parentPort.postMessage('locked');
     setTimeout(() => { db.exec('commit'); db.close(); }, workerData.ms);`,
    { eval: true, workerData: { path, driver, ms } },
  );
  await new Promise((resolve) => holder.once('message', resolve));
  return holder;
}

const audit = { at: Date.now(), actor_kind: 'system', actor_id: 'test', action: 'customer.read', party_id: null, via: 'card' } as const;

describe('SQLite connection waiting for the write lock', () => {
  it('waits without holding the event loop, and succeeds once the lock is free', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ecoute-busy-')), 'db.sqlite');
    const storage = openSqlite(path);
    await migrateToLatest(storage);
    await holdWriteLock(path, 400);
    // A timer keeps ticking while the write waits: the process goes on serving.
    let last = performance.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    await storage.db.insertInto('audit_log').values(audit).execute();
    await storage.db.transaction().execute((trx) => trx.insertInto('audit_log').values(audit).execute());
    longestGap = Math.max(longestGap, performance.now() - last);
    clearInterval(ticker);
    assert.ok(performance.now() - started >= 300, 'the write waited for the lock');
    assert.ok(longestGap < 200, `the event loop went on (longest gap between ticks ${longestGap.toFixed(0)} ms, the lock was held 400 ms)`);
    assert.equal((await storage.db.selectFrom('audit_log').select('id').execute()).length, 2);
    await storage.close();
  });

  it('fails with SQLITE_BUSY once its wait is over', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ecoute-busy-')), 'db.sqlite');
    const storage = openSqlite(path, { busyWaitMs: 100 });
    await migrateToLatest(storage);
    await holdWriteLock(path, 600);
    await assert.rejects(storage.db.insertInto('audit_log').values(audit).execute(), (error: any) => error.code === 'SQLITE_BUSY');
    await storage.close();
  });
});
