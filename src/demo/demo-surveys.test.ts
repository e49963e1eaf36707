import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { npsReport } from '../nps/nps-report.js';
import type { Storage } from '../storage/database.js';
import { loadDemoSurveys } from './demo-surveys.js';
import { loadDemo } from './load.js';

const NOW = Date.UTC(2026, 10, 20, 12);

for (const engine of await testEngines()) {
  describe(`demo survey history on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
      await loadDemo(storage, { customers: 300, seed: 3, now: NOW });
    });
    after(() => storage?.close());

    it('surveys past phone contacts, answers some, and categorises each score on its basis', async () => {
      const { surveys, responses } = await loadDemoSurveys(storage, { seed: 3, now: NOW });
      assert.ok(surveys > 50, `${surveys} surveys`);
      assert.ok(responses > 10 && responses < surveys, `${responses} responses of ${surveys}`);
      const rows = await storage.db.selectFrom('survey_responses').selectAll().execute();
      for (const r of rows) {
        const expected = r.score! >= r.promoter_min ? 'promoter' : r.score! <= r.detractor_max ? 'detractor' : 'passive';
        assert.equal(r.category, expected);
        assert.ok(r.received_at > r.sent_at);
      }
      const phoneContacts = await storage.db
        .selectFrom('interactions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('channel', '=', 'phone')
        .where('ended_at', '<', NOW - 4 * 3_600_000)
        .executeTakeFirstOrThrow();
      const decisions = await storage.db.selectFrom('survey_decisions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(decisions.n), Number(phoneContacts.n), 'every past phone contact has a decision');

      // Every response is in the figures of its contact's month, once.
      const report = await npsReport(storage.db, { from: 20250101, to: 20261130, interval: 'month', groupBy: ['team'], filters: {}, minResponses: 30 });
      assert.equal(report.rows.reduce((sum, row) => sum + row.n, 0), responses);
      for (const row of report.rows) assert.equal(row.promoters + row.passives + row.detractors, row.n);
    });
  });
}
