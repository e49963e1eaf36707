import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { imeiCheckDigitValid } from '../devices/imei.js';
import { localDay } from '../shared/calendar.js';
import type { Storage } from '../storage/database.js';
import { loadDemoDevices } from './demo-devices.js';
import { loadDemo } from './load.js';

for (const engine of await testEngines()) {
  describe(`the demo's devices on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
      await loadDemo(storage, { customers: 30, seed: 3 });
    });
    after(() => storage?.close());

    it('gives most mobile lines a handset, some on instalments, one in use per line; loading again records nothing', async () => {
      const now = Date.now();
      const first = await loadDemoDevices(storage, { seed: 3, now });
      const rows = await storage.db.selectFrom('devices').innerJoin('lines', 'lines.id', 'devices.line_id').selectAll('devices').select('lines.kind').execute();
      assert.equal(rows.length, first.devices);
      const mobiles = await storage.db.selectFrom('lines').select('id').where('kind', '=', 'mobile').where('status', '=', 'active').execute();
      assert.ok(first.lines >= mobiles.length / 3 && first.lines < mobiles.length, `${first.lines} of ${mobiles.length} lines`);
      assert.ok(rows.every((d) => d.kind === 'mobile' && imeiCheckDigitValid(d.imei) && Number(d.purchased_on) <= localDay(now) && Number(d.warranty_until) > Number(d.purchased_on)));
      assert.ok(rows.some((d) => d.instalment_remaining_cents !== null && Number(d.instalment_remaining_cents) > 0), 'some pay in instalments');
      assert.ok(rows.some((d) => d.instalment_remaining_cents === null), 'some paid at once');
      const active = new Map<string, number>();
      for (const d of rows) if (d.status === 'active') active.set(d.line_id, (active.get(d.line_id) ?? 0) + 1);
      assert.ok([...active.values()].every((n) => n === 1), 'one handset in use per line');
      const again = await loadDemoDevices(storage, { seed: 3, now });
      assert.equal(again.devices, first.devices);
      assert.equal((await storage.db.selectFrom('devices').select('id').execute()).length, rows.length, 'nothing twice');
    });
  });
}
