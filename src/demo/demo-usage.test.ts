import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import type { Storage } from '../storage/database.js';
import { lineConsumption } from '../usage/consumption.js';
import { loadDemoUsage, NEAR_LIMIT_SHARE } from './demo-usage.js';
import { loadDemo } from './load.js';
import { simulateUsage } from './usage-simulator.js';

for (const engine of await testEngines()) {
  describe(`the demo's usage on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
      await loadDemo(storage, { customers: 30, seed: 3 });
    });
    after(() => storage?.close());

    it('gives the lines their period so far, one of them at 78% of its data, and loading again counts nothing twice', async () => {
      const now = Date.now();
      const first = await loadDemoUsage(storage, { seed: 3, now, maxLines: 10 });
      assert.ok(first.lines > 0 && first.events > 0);
      assert.ok(first.nearLimit);
      const near = await lineConsumption(storage.db, first.nearLimit, now);
      const data = near.buckets.find((b) => b.bucket === 'data_national')!;
      assert.equal(data.used, Math.floor(data.allowance! * NEAR_LIMIT_SHARE));
      const again = await loadDemoUsage(storage, { seed: 3, now, maxLines: 10 });
      assert.equal(again.events, 0, 'every event a duplicate');
      assert.equal((await storage.db.selectFrom('notifications').select('id').where('ref_type', '=', 'line').execute()).length, 0, 'history sends no alert');
      const raw = await sql<{ a: number; b: number }>`select (select sum(used) from usage_counters) as a, (select sum(quantity) from usage_events) as b`.execute(storage.db);
      assert.equal(Number(raw.rows[0]!.a), Number(raw.rows[0]!.b));
    });

    it('simulates live usage that takes the line at 78% past 80%, and its alert is written', async () => {
      const { nearLimit } = await loadDemoUsage(storage, { seed: 3, now: Date.now(), maxLines: 10 });
      // the same first lines by number as the demo's usage, the one at 78% among them
      const totals = await simulateUsage(storage, { lines: 10, rate: 400, seed: 5, durationSeconds: 2 });
      assert.equal(totals.lines, 10);
      assert.ok(totals.events >= 400, `${totals.events} events`);
      const line = await storage.db.selectFrom('lines').select('id').where('msisdn', '=', nearLimit!).executeTakeFirstOrThrow();
      const alerts = await storage.db.selectFrom('notifications').select(['template_key', 'class']).where('ref_type', '=', 'line').where('ref_id', '=', line.id).execute();
      assert.ok(alerts.some((a) => a.template_key === 'usage.data-80' && a.class === 'alert'), JSON.stringify(alerts));
    });
  });
}
