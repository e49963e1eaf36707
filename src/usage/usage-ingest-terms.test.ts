import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testEngines } from '../../test/engines.js';
import { seedCustomer } from '../../test/fixtures.js';
import { openStorage, type Storage } from '../storage/database.js';
import type { UsageBucket } from '../storage/schema.js';
import { definePlan } from './plans.js';
import { chooseRoamingLimit } from './roaming-limit.js';
import { ingestUsage } from './usage-ingest.js';

const GB = 1_000_000_000;
const MB = 1_000_000;
const DECEMBER = Date.parse('2026-12-20T12:00:00+01:00');
const JANUARY = Date.parse('2027-01-20T12:00:00+01:00');

/**
 * Ingestion keeps the terms of the lines it counts for in memory on SQLite (src/usage/line-terms.ts):
 * whatever changes a line or its account between two batches (this connection or another one, through
 * the code or plain SQL) is seen by the next batch. The same tests run on PostgreSQL, which reads the
 * lines for every batch.
 */
for (const engine of await testEngines()) {
  describe(`usage ingestion sees every change of a line between two batches on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let other: Storage;
    let n = 0;
    const msisdn = '+352621710001';
    const second = '+352621710002';
    let lineId: string;
    let secondId: string;
    let accountId: string;

    before(async () => {
      storage = await engine.open();
      // another connection to the same database: another process (`ecoute usage consume`, the command line)
      other = openStorage(storage.location!, { existing: true });
      for (const [code, gb] of [['Terms 10', 10], ['Terms 20', 20]] as const) {
        await definePlan(storage.db, {
          code, name: code, monthlyPriceCents: 1000 * gb,
          buckets: [{ bucket: 'data_national', allowance: gb * GB, blockUnits: MB, blockPriceCents: 1 }, { bucket: 'data_world', allowance: 0, blockUnits: MB, blockPriceCents: 199 }],
        }, DECEMBER);
      }
      await seedCustomer(storage.db, { familyName: 'Termes', lines: [{ msisdn, plan: 'Terms 10' }, { msisdn: second, plan: 'Terms 10' }], phones: [], emails: [] });
      const rows = await storage.db.selectFrom('lines').select(['id', 'msisdn', 'account_id']).where('msisdn', 'in', [msisdn, second]).execute();
      lineId = rows.find((r) => r.msisdn === msisdn)!.id;
      secondId = rows.find((r) => r.msisdn === second)!.id;
      accountId = rows[0]!.account_id;
    });
    after(async () => {
      await other?.close();
      await storage?.close();
    });

    const use = (number: string, at: string, quantity: number, options: { now?: number; country?: string; type?: string } = {}) =>
      ingestUsage(storage, [{ eventId: `terms-${++n}`, msisdn: number, occurredAt: at, type: options.type ?? 'data', quantity, country: options.country ?? 'LU' }], { now: options.now ?? DECEMBER });
    const counter = (line: string, period: number, bucket: UsageBucket = 'data_national') =>
      storage.db.selectFrom('usage_counters').selectAll().where('line_id', '=', line).where('period_start', '=', period).where('bucket', '=', bucket).executeTakeFirst();

    it('takes the plan a line has now for the first event of a period, the plan changed by another connection in plain SQL', async () => {
      await use(msisdn, '2026-12-10T10:00:00+01:00', GB);
      assert.equal(Number((await counter(lineId, 20261201))!.allowance), 10 * GB);
      await other.db.updateTable('lines').set({ plan: 'Terms 20' }).where('id', '=', lineId).execute();
      await use(msisdn, '2027-01-10T10:00:00+01:00', GB, { now: JANUARY });
      assert.equal(Number((await counter(lineId, 20270101))!.allowance), 20 * GB, 'the new plan, read again');
      // December's counter keeps the terms of its first event
      await use(msisdn, '2026-12-11T10:00:00+01:00', GB, { now: JANUARY });
      assert.deepEqual([Number((await counter(lineId, 20261201))!.allowance), Number((await counter(lineId, 20261201))!.used)], [10 * GB, 2 * GB]);
    });

    it('puts events in the billing period of the account’s billing day as it is now', async () => {
      await use(second, '2026-12-16T10:00:00+01:00', 1, { type: 'sms' });
      assert.ok(await counter(secondId, 20261201, 'sms'));
      await storage.db.updateTable('accounts').set({ billing_day: 15 }).where('id', '=', accountId).execute();
      try {
        await use(second, '2026-12-17T10:00:00+01:00', 1, { type: 'sms' });
        assert.equal(Number((await counter(secondId, 20261215, 'sms'))!.used), 1, 'from the 15th');
      } finally {
        await storage.db.updateTable('accounts').set({ billing_day: 1 }).where('id', '=', accountId).execute();
      }
    });

    it('follows a number given to another line, and refuses a number no line has any more', async () => {
      await use(second, '2026-12-12T10:00:00+01:00', 5, { type: 'voice' });
      // the first line takes another number, the second line takes the first one's
      await other.db.updateTable('lines').set({ msisdn: '+352621710009' }).where('id', '=', lineId).execute();
      await other.db.updateTable('lines').set({ msisdn }).where('id', '=', secondId).execute();
      await use(msisdn, '2026-12-12T11:00:00+01:00', 7, { type: 'voice' });
      assert.equal(Number((await counter(secondId, 20261201, 'voice'))!.used), 12, 'counted on the line that has the number now');
      assert.equal(await counter(lineId, 20261201, 'voice'), undefined);
      const refused = await use(second, '2026-12-12T12:00:00+01:00', 1, { type: 'voice' });
      assert.deepEqual(refused.refused.map((r) => r.issues.map((i) => i.code)), [['unknown-line']]);
      await other.db.updateTable('lines').set({ msisdn: second }).where('id', '=', secondId).execute();
      await other.db.updateTable('lines').set({ msisdn }).where('id', '=', lineId).execute();
    });

    it('follows the roaming limit the customer chose and where another connection counted the line last', async () => {
      // data outside the EU: 30 MB = 59.70 EUR, beyond the default limit of 50 EUR: the tariff abroad and the limit's SMS
      assert.equal((await use(second, '2026-12-18T10:00:00+01:00', 30 * MB, { country: 'US' })).alerts, 2);
      await chooseRoamingLimit(storage.db, secondId, { off: true }, DECEMBER);
      const off = await use(second, '2026-12-18T11:00:00+01:00', 30 * MB, { country: 'US' });
      assert.equal(off.alerts, 0, 'no limit: no warning');
      // another process counts the line at home, then in Switzerland: this one's next event in the United States is a move there
      await ingestUsage(other, [
        { eventId: `terms-${++n}`, msisdn: second, occurredAt: '2026-12-18T12:00:00+01:00', type: 'sms', quantity: 1, country: 'LU' },
        { eventId: `terms-${++n}`, msisdn: second, occurredAt: '2026-12-18T13:00:00+01:00', type: 'sms', quantity: 1, country: 'CH' },
      ], { now: DECEMBER });
      const back = await use(second, '2026-12-18T14:00:00+01:00', 1, { country: 'US', type: 'sms' });
      const line = await storage.db.selectFrom('lines').select(['last_country', 'last_country_at']).where('id', '=', secondId).executeTakeFirstOrThrow();
      assert.deepEqual([line.last_country, Number(line.last_country_at)], ['US', Date.parse('2026-12-18T14:00:00+01:00')], 'the move from Switzerland is written');
      assert.equal(back.alerts, 0, 'welcomed to the United States within 12 hours already: no second message');
    });

    it('starts again from the database when the log of changes was pruned past what it had read', { skip: engine.name !== 'sqlite' && 'the log exists on SQLite only' }, async () => {
      await use(msisdn, '2027-01-11T10:00:00+01:00', 1, { now: JANUARY, type: 'sms' });
      await other.db.updateTable('lines').set({ plan: 'Terms 10' }).where('id', '=', lineId).execute();
      // another process pruned the log, this change included
      await sql`delete from usage_line_changes`.execute(other.db);
      await use(msisdn, '2027-02-11T10:00:00+01:00', GB, { now: Date.parse('2027-02-20T12:00:00+01:00') });
      assert.equal(Number((await counter(lineId, 20270201))!.allowance), 10 * GB, 'the plan as it is now');
    });

    it('keeps the counters equal to the events summed again, whichever connection counted them', async () => {
      const raw = await sql<{ a: number; b: number }>`select (select sum(used) from usage_counters) as a, (select sum(quantity) from usage_events) as b`.execute(storage.db);
      assert.equal(Number(raw.rows[0]!.a), Number(raw.rows[0]!.b));
    });
  });
}
