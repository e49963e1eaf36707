import assert from 'node:assert/strict';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { openSqlite } from '../database.js';
import { migrateToLatest } from '../migrator.js';

describe('SQLite serving connection', () => {
  it('reuses prepared statements for plain and streamed queries alike', async () => {
    const storage = openSqlite(join(mkdtempSync(join(tmpdir(), 'ecoute-sqlite-')), 'db.sqlite'));
    await migrateToLatest(storage);
    const query = () => storage.db.selectFrom('reasons').select('code').orderBy('code');
    const first = await query().execute();
    assert.deepEqual(await query().execute(), first);
    const streamed: string[] = [];
    for await (const row of query().stream()) streamed.push(row.code);
    assert.deepEqual(streamed, first.map((r) => r.code));
    await storage.close();
  });

  it('checkpoints the WAL from its worker thread, so it stays small while requests write', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ecoute-sqlite-')), 'db.sqlite');
    const storage = openSqlite(path);
    await migrateToLatest(storage);
    storage.backgroundCheckpoints?.();
    const write = () =>
      storage.db.insertInto('audit_log').values({ at: Date.now(), actor_kind: 'system', actor_id: 'test', action: 'customer.read', party_id: null, via: 'card' }).execute();
    for (let i = 0; i < 3000; i++) await write();
    // The serving connection never checkpoints itself: the frames in the database got there from the worker.
    assert.equal(storage.sqlite!.pragma('wal_autocheckpoint', { simple: true }), 0);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const [result] = storage.sqlite!.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    assert.equal(result!.log, result!.checkpointed, 'every frame of the WAL is already in the database');
    assert.ok(statSync(`${path}-wal`).size > 0);
    await storage.close();
  });

  it('waits for another connection holding the write lock, in a transaction that reads before it writes', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ecoute-sqlite-')), 'db.sqlite');
    const storage = openSqlite(path);
    await migrateToLatest(storage);
    // Another connection, in another thread, holds the write lock for 300 ms (as a WAL restart does).
    const driver = decodeURIComponent(import.meta.resolve('better-sqlite3').replace(/^file:\/\//, ''));
    const holder = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const db = new (require(workerData.driver))(workerData.path);
       db.exec('begin immediate');
       parentPort.postMessage('locked');
       setTimeout(() => { db.exec('commit'); db.close(); }, 300);`,
      { eval: true, workerData: { path, driver } },
    );
    // Listened for from the start: the write no longer holds the thread while it waits, so the holder may be gone before the end.
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    await new Promise((resolve) => holder.once('message', resolve));
    const audit = { at: Date.now(), actor_kind: 'system', actor_id: 'test', action: 'customer.read', party_id: null, via: 'card' } as const;
    await storage.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      await trx.insertInto('audit_log').values(audit).execute();
      assert.equal(Number(before.n), 0);
    });
    const after = await storage.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(after.n), 1);
    await exited;
    await storage.close();
  });
});
