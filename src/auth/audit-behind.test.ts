import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { testEngines } from '../../test/engines.js';
import { openSqlite } from '../storage/database.js';
import { migrateToLatest } from '../storage/migrator.js';
import { writeWaitingAudits } from './audit-behind.js';
import { auditCustomerRead, readAuditTrail } from './audit.js';

const reads = async (db: Parameters<typeof auditCustomerRead>[0], partyId: string) =>
  Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('party_id', '=', partyId).executeTakeFirstOrThrow()).n);

describe('audit rows of reads while another process writes (SQLite)', () => {
  it('answers the read without waiting for the write lock, and writes its row once the lock is free', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ecoute-audit-')), 'db.sqlite');
    const storage = openSqlite(path);
    await migrateToLatest(storage);
    // Another connection (a bulk import) holds the write lock until told to let go.
    const driver = decodeURIComponent(import.meta.resolve('better-sqlite3').replace(/^file:\/\//, ''));
    const holder = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const db = new (require(workerData.driver))(workerData.path);
       db.exec('begin immediate');
       parentPort.postMessage('locked');
       parentPort.once('message', () => { db.exec('commit'); db.close(); parentPort.postMessage('released'); });`,
      { eval: true, workerData: { path, driver } },
    );
    await new Promise((resolve) => holder.once('message', resolve));
    let released = false;
    const done = new Promise((resolve) => holder.once('message', () => resolve((released = true))));

    for (let i = 0; i < 50; i++) await auditCustomerRead(storage.db, 'system', 'party-1', 'card');
    assert.equal(released, false, 'every read was answered while the lock was held');
    assert.equal(await reads(storage.db, 'party-1'), 0, 'nothing could be written yet');

    holder.postMessage('go');
    await done;
    await writeWaitingAudits(storage.db);
    assert.equal(await reads(storage.db, 'party-1'), 50);
    // Uncontended, the row is written before the read is answered.
    await auditCustomerRead(storage.db, 'system', 'party-2', 'card');
    assert.equal(await reads(storage.db, 'party-2'), 1);
    await holder.terminate();
    await storage.close();
  });

  it('reading the trail writes the waiting rows first', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ecoute-audit-')), 'db.sqlite');
    const storage = openSqlite(path);
    await migrateToLatest(storage);
    // A transaction of another flow is open on the connection: the read does not wait for it.
    let release!: () => void;
    const open = storage.db.transaction().execute(async (trx) => {
      await trx.selectFrom('users').select('id').execute();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await auditCustomerRead(storage.db, 'system', 'party-3', 'recognize');
    release();
    await open;
    const trail = await readAuditTrail(storage.db, { customer: 'party-3', limit: 10 });
    assert.deepEqual(trail.items.map((e) => [e.partyId, e.via]), [['party-3', 'recognize']]);
    await storage.close();
  });
});

for (const engine of await testEngines()) {
  describe(`audit rows of reads inside a transaction, on ${engine.name}`, { skip: engine.skip }, () => {
    it('are written in that transaction: undone with it', async () => {
      const storage = await engine.open();
      await storage.db.transaction().execute(async (trx) => {
        await auditCustomerRead(trx, 'system', 'party-4', 'card');
        assert.equal(await reads(trx, 'party-4'), 1);
      });
      await storage.db
        .transaction()
        .execute(async (trx) => {
          await auditCustomerRead(trx, 'system', 'party-5', 'card');
          throw new Error('undo');
        })
        .catch(() => undefined);
      assert.equal(await reads(storage.db, 'party-4'), 1);
      assert.equal(await reads(storage.db, 'party-5'), 0);
      await storage.close();
    });
  });
}
