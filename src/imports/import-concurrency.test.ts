import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { databaseEnv, testEngines } from '../../test/engines.js';
import { createUser } from '../auth/auth-service.js';
import { createEvaluation } from '../quality/evaluation-service.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import { recordInteraction } from '../interactions/interaction-service.js';
import { openPostgres, openSqlite, type Storage } from '../storage/database.js';
import { importCustomers } from './customer-import.js';
import { STALE_BATCH_MS } from './import-batches.js';
import type { ImportProgress } from './import-runner.js';
import { importInteractions } from './interaction-import.js';

/** Imports while Ecoute is in use: live writes go through, and a failed import leaves nothing. */

const CUSTOMERS = 'given_name,family_name,phones,lines';
const CONTACTS = 'external_id,customer_number,channel,reason,started_at,resolved';

const dir = mkdtempSync(join(tmpdir(), 'ecoute-import-live-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function csv(header: string, rows: Iterable<string>): string {
  const path = join(dir, `file-${++files}.csv`);
  writeFileSync(path, [header, ...rows].join('\n') + '\n');
  return path;
}
function* customerRows(count: number, first: number) {
  for (let i = 0; i < count; i++) yield `Anna,Muller ${i},+352 26 ${String(first + i).padStart(6, '0')},+352 691 ${String(first + i).padStart(6, '0')}:Love Duo`;
}

/** A second connection to the same database, as `ecoute serve` has while `ecoute import` runs. */
function otherConnection(storage: Storage, busyWaitMs: number): Storage {
  const env = databaseEnv(storage);
  return env.DATABASE_URL ? openPostgres(env.DATABASE_URL) : openSqlite(env.ECOUTE_SQLITE_PATH!, { busyWaitMs });
}

for (const engine of await testEngines()) {
  describe(`imports while Ecoute is in use, on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let advisorId: string;
    let live: { id: string; customerNumber: string };
    const count = async (table: 'parties' | 'lines' | 'interactions' | 'import_staged_rows') =>
      Number((await storage.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const contactCounts = () => storage.db.selectFrom('contact_counts').selectAll().orderBy('dims').orderBy('key1').orderBy('day').orderBy('key2').execute();

    before(async () => {
      storage = await engine.open();
      advisorId = (await seedTeam(storage.db)).advisorId;
      live = await seedCustomer(storage.db, { lines: [{ msisdn: '+352 621 999 999', plan: 'Love Duo' }], phones: [], emails: [] });
    });
    after(() => storage?.close());

    it('lets live writes through while a large file is imported, each waiting at most half a second for the write lock', async () => {
      const file = csv(CUSTOMERS, customerRows(10_000, 100_000));
      const server = otherConnection(storage, 500);
      const phases = new Set<ImportProgress['phase']>();
      let publishing = false;
      let done = false;
      const writes = { ok: 0, duringPublishing: 0, failed: [] as string[] };
      const liveWrites = (async () => {
        for (let i = 0; !done; i++) {
          try {
            await recordInteraction(server.db, { partyId: live.id, channel: 'phone', direction: 'inbound', reasonCode: 'billing', startedAt: Date.now() - i, advisorId }, 7);
            writes.ok++;
            if (publishing) writes.duringPublishing++;
          } catch (error) {
            writes.failed.push((error as Error).message);
          }
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
      try {
        const report = await importCustomers(storage, {
          file,
          onProgress: (p) => {
            phases.add(p.phase);
            publishing = p.phase === 'publishing';
          },
        });
        assert.deepEqual([report.status, report.imported], ['imported', 10_000]);
      } finally {
        done = true;
        await liveWrites;
        await server.close();
      }
      assert.deepEqual(writes.failed, []);
      assert.ok(phases.has('publishing'));
      assert.ok(writes.duringPublishing > 0, `live writes went through while the rows were published (${writes.ok} in all)`);
      assert.equal(await count('import_staged_rows'), 0);
    });

    it('undoes a publication that cannot finish: nothing of the file stays, the live write that caused it does', async () => {
      const before = { parties: await count('parties'), lines: await count('lines') };
      // The last row's line is taken by a live creation once publishing has begun.
      const file = csv(CUSTOMERS, customerRows(3_000, 200_000));
      let taken = false;
      await assert.rejects(
        importCustomers(storage, {
          file,
          onProgress: async (p) => {
            if (p.phase !== 'publishing' || taken) return;
            taken = true;
            await seedCustomer(storage.db, { familyName: 'Faster', lines: [{ msisdn: '+352 691 202 999', plan: 'Love Duo' }], phones: [], emails: [] });
          },
        }),
        (error: any) => error.code === 'conflict' && /nothing was imported/.test(error.message),
      );
      assert.ok(taken);
      assert.deepEqual({ parties: await count('parties'), lines: await count('lines') }, { parties: before.parties + 1, lines: before.lines + 1 });
      assert.equal(await count('import_staged_rows'), 0);
      const batch = await storage.db.selectFrom('import_batches').select(['status', 'rows']).orderBy('started_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.deepEqual(batch, { status: 'failed', rows: 0 });
      const tagged = await storage.db.selectFrom('parties').select('id').where('import_batch_id', 'is not', null).where('family_name', 'like', 'Muller%').execute();
      assert.equal(tagged.length, 10_000, 'only the first test’s customers carry a batch id');
    });

    it('undoes contacts whose publication failed, setting their repeat links and the contact aggregates back', async () => {
      const rows = (n: number, prefix: string) =>
        Array.from({ length: n }, (_, i) => `${prefix}-${i},${live.customerNumber},phone,billing,2026-05-${String(1 + (i % 28)).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')},yes`);
      const first = await importInteractions(storage, { file: csv(CONTACTS, rows(50, 'A')), fcrWindowDays: 7 });
      assert.equal(first.imported, 50);
      const links = () => storage.db.selectFrom('interactions').select(['id', 'repeat_of', 'next_contact_at']).where('party_id', '=', live.id).orderBy('id').execute();
      const beforeLinks = await links();
      const beforeCounts = await contactCounts();
      let taken = false;
      await assert.rejects(
        importInteractions(storage, {
          file: csv(CONTACTS, rows(400, 'B')),
          fcrWindowDays: 7,
          onProgress: async (p) => {
            if (p.phase !== 'publishing' || taken) return;
            taken = true;
            // Another system records the last row's contact first (straight into the table: no aggregate moves).
            await storage.db
              .insertInto('interactions')
              .values({ id: 'live-contact', external_id: 'B-399', party_id: live.id, channel: 'email', direction: 'inbound', started_at: Date.parse('2020-01-01'), created_at: Date.now() })
              .execute();
          },
        }),
        (error: any) => error.code === 'conflict',
      );
      assert.deepEqual(await contactCounts(), beforeCounts);
      assert.deepEqual((await links()).filter((r) => r.id !== 'live-contact'), beforeLinks);
      const left = await storage.db.selectFrom('interactions').select('external_id').where('external_id', 'like', 'B-%').execute();
      assert.deepEqual(left, [{ external_id: 'B-399' }]);
    });

    it('keeps, when it undoes a contacts batch, a contact someone already evaluated: it is real now', async () => {
      const rows = Array.from({ length: 30 }, (_, i) => `C-${i},${live.customerNumber},phone,billing,2026-06-${String(1 + (i % 28)).padStart(2, '0')} 11:${String(i % 60).padStart(2, '0')},yes`);
      assert.equal((await importInteractions(storage, { file: csv(CONTACTS, rows), fcrWindowDays: 7 })).imported, 30);
      const batch = await storage.db.selectFrom('import_batches').select('id').orderBy('started_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
      // while the batch was visible, a coach evaluated one of its contacts
      const contact = await storage.db.selectFrom('interactions').select('id').where('external_id', '=', 'C-7').executeTakeFirstOrThrow();
      await storage.db.updateTable('interactions').set({ advisor_id: advisorId }).where('id', '=', contact.id).execute();
      const coachId = await createUser(storage.db, { email: 'coach.import@ecoute.test', displayName: 'Coach', role: 'quality_coach', teamId: null, siteId: null, password: 'correct horse' });
      const evaluation = await createEvaluation(storage.db, { kind: 'user', id: coachId, role: 'quality_coach', displayName: 'Coach', teamId: null, language: 'fr' }, { interactionId: contact.id });
      await storage.db.updateTable('import_batches').set({ status: 'publishing', heartbeat_at: Date.now() - STALE_BATCH_MS - 1 }).where('id', '=', batch.id).execute();
      assert.equal((await importCustomers(storage, { file: csv(CUSTOMERS, customerRows(1, 500_000)) })).imported, 1);
      const left = await storage.db.selectFrom('interactions').select(['id', 'import_batch_id']).where('external_id', 'like', 'C-%').execute();
      assert.deepEqual(left, [{ id: contact.id, import_batch_id: null }]);
      assert.equal((await storage.db.selectFrom('evaluations').select('interaction_id').where('id', '=', evaluation).executeTakeFirstOrThrow()).interaction_id, contact.id);
    });

    it('undoes, at the next import, a batch left behind by a process that stopped', async () => {
      const file = csv(CUSTOMERS, customerRows(20, 300_000));
      const report = await importCustomers(storage, { file });
      assert.equal(report.imported, 20);
      const batch = await storage.db.selectFrom('import_batches').select('id').orderBy('started_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
      // As if the process had been killed while publishing: the batch never said it was done.
      await storage.db.updateTable('import_batches').set({ status: 'publishing', heartbeat_at: Date.now() - STALE_BATCH_MS - 1 }).where('id', '=', batch.id).execute();
      const next = await importCustomers(storage, { file: csv(CUSTOMERS, customerRows(1, 400_000)) });
      assert.equal(next.imported, 1);
      assert.equal((await storage.db.selectFrom('parties').select('id').where('import_batch_id', '=', batch.id).execute()).length, 0);
      assert.equal((await storage.db.selectFrom('import_batches').select('status').where('id', '=', batch.id).executeTakeFirstOrThrow()).status, 'failed');
    });
  });
}
