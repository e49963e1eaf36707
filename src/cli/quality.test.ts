import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import { recordInteraction } from '../interactions/interaction-service.js';
import { dayStart } from '../shared/calendar.js';
import type { Storage } from '../storage/database.js';
import { runEcoute } from './cli.testkit.js';

for (const engine of await testEngines()) {
  describe(`ecoute quality sample on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
      const team = await seedTeam(storage.db);
      for (let i = 0; i < 10; i++) {
        const party = await seedCustomer(storage.db, { lines: [], phones: [], emails: [] });
        const startedAt = dayStart(20261103 + i) + (8 + i) * 3_600_000;
        await recordInteraction(storage.db, { partyId: party.id, channel: i % 2 ? 'phone' : 'email', direction: 'inbound', startedAt, endedAt: startedAt + 60_000, advisorId: team.advisorId, resolved: i % 3 === 0 }, 7);
      }
    });
    after(async () => storage?.close());

    it('prints the same draw for the same seed, records it once, and refuses bad flags with exit 2', async () => {
      const dry = await runEcoute(['quality', 'sample', '--period', '2026-11', '--seed', 'S1', '--dry-run', '--format', 'json'], storage);
      assert.equal(dry.status, 0, dry.stderr);
      const planned = JSON.parse(dry.stdout);
      assert.equal(planned.items.filter((i: { kind: string }) => i.kind === 'random').length, 4);
      assert.equal((await storage.db.selectFrom('quality_samples').select('id').execute()).length, 0);

      const table = await runEcoute(['quality', 'sample', '--period', '2026-11', '--seed', 'S1'], storage);
      assert.equal(table.status, 0, table.stderr);
      for (const item of planned.items) assert.ok(table.stdout.includes(item.contact_id));
      assert.match(table.stdout, /team quality score on 4 random contacts of 10: ±\d+\.\d points/);
      const csv = await runEcoute(['quality', 'sample', '--period', '2026-11', '--seed', 'S1', '--dry-run', '--format', 'csv'], storage);
      assert.equal(csv.stdout.split('\n')[0], 'advisor_id,contact_id,kind,stratum,stratum_size,advisor_population,share,allocated,rank,replaced');

      for (const [args, message] of [
        [['--period', '2026-11'], /already has a sample/],
        [['--period', '2026-13'], /--period must be a month/],
        [[], /--period is required/],
        [['--period', '2026-11', '--per-advisor', '0'], /--per-advisor must be a whole number from 1 to 200/],
        [['--period', '2026-11', '--oversample', 'x'], /--oversample must be a whole number/],
        [['--period', '2026-11', '--format', 'xml'], /--format must be table, csv or json/],
        [['--period', '2026-10'], /no eligible contact/],
      ] as const) {
        const run = await runEcoute(['quality', 'sample', ...args], storage);
        assert.equal(run.status, 2, run.stdout);
        assert.match(run.stderr, message);
      }
      assert.equal((await storage.db.selectFrom('quality_samples').select('id').execute()).length, 1);
    });
  });
}
