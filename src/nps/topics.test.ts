import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { loadDemoSurveys } from '../demo/demo-surveys.js';
import { loadDemo } from '../demo/load.js';
import type { Storage } from '../storage/database.js';
import type { ReportQuery } from './nps-report.js';
import { drivers, topicTrends } from './topics.js';
import { verbatims } from './verbatims.js';

const NOW = Date.UTC(2026, 10, 20, 12);
const RANGE = { from: 20251201, to: 20261031 };

for (const engine of await testEngines()) {
  describe(`topics, drivers and verbatims on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let teamId: string;
    before(async () => {
      storage = await engine.open();
      await loadDemo(storage, { customers: 400, seed: 11, now: NOW });
      await loadDemoSurveys(storage, { seed: 11, now: NOW });
      teamId = (await storage.db.selectFrom('surveys').select('team_id').where('team_id', 'is not', null).executeTakeFirstOrThrow()).team_id!;
    });
    after(() => storage?.close());

    const query = (filters: ReportQuery['filters'], interval: ReportQuery['interval'] = 'quarter', minResponses = 30): ReportQuery => ({ ...RANGE, interval, groupBy: [], filters, minResponses });

    it('trends from the aggregates equal those read from the responses', async () => {
      const fromAggregates = await topicTrends(storage.db, query({ team: teamId }));
      // Every demo survey follows a phone contact: the second filter changes nothing but the source.
      const fromResponses = await topicTrends(storage.db, query({ team: teamId, channel: 'phone' }));
      assert.ok(fromAggregates.length > 3, `${fromAggregates.length} topic rows`);
      assert.deepEqual(fromAggregates, fromResponses);
      for (const row of fromAggregates) assert.ok(row.share! > 0 && row.share! <= 100 && row.mentions === row.n);
    });

    it('counts a day in every rolling window that holds it', async () => {
      const rolling = await topicTrends(storage.db, { from: 20261001, to: 20261031, interval: 'rolling28', groupBy: [], filters: {}, minResponses: 30 });
      const window = await topicTrends(storage.db, { from: 20261004, to: 20261031, interval: 'total', groupBy: [], filters: {}, minResponses: 30 });
      const last = rolling.filter((r) => r.period === '2026-10-31');
      assert.ok(last.length > 0);
      assert.deepEqual(
        last.map((r) => [r.topic, r.basis, r.mentions]).sort(),
        window.map((r) => [r.topic, r.basis, r.mentions]).sort(),
      );
    });

    it('ranks drivers by the NPS points their detractors cost, recomputed from the responses', async () => {
      const rows = await drivers(storage.db, query({}, 'total', 5));
      const responses = await storage.db
        .selectFrom('survey_responses as r')
        .innerJoin('surveys as s', 's.id', 'r.survey_id')
        .select(['r.score', 'r.category', 'r.topics', 's.reason_code', 's.contact_started_at'])
        .where('r.score', 'is not', null)
        .where('s.contact_started_at', '>=', Date.UTC(2025, 10, 30, 23))
        .where('s.contact_started_at', '<', Date.UTC(2026, 9, 31, 23))
        .execute();
      const total = responses.length;
      const billing = responses.filter((r) => (JSON.parse(r.topics ?? '[]') as { topic: string }[]).some((t) => t.topic === 'billing'));
      const billingRow = rows.find((r) => r.kind === 'topic' && r.key === 'billing')!;
      assert.equal(billingRow.n, billing.length);
      const detractors = billing.filter((r) => r.category === 'detractor').length;
      assert.equal(billingRow.detractors, detractors);
      assert.ok(Math.abs(billingRow.impact - (100 * detractors) / total) < 1e-9);
      const reasons = rows.filter((r) => r.kind === 'reason' && r.rank !== null).sort((a, b) => a.rank! - b.rank!);
      assert.ok(reasons.length > 1);
      for (let i = 1; i < reasons.length; i++) assert.ok(reasons[i - 1]!.impact >= reasons[i]!.impact);
      const reasonSum = rows.filter((r) => r.kind === 'reason').reduce((sum, r) => sum + r.n, 0);
      assert.equal(reasonSum, total, 'every response is in one reason group');
    });

    it('pages through the comments once each, filters by topic, and keeps spans inside the comment', async () => {
      const seen = new Set<string>();
      let before: string | undefined;
      let pages = 0;
      do {
        const page = await verbatims(storage.db, { ...RANGE, filters: {}, limit: 25, before });
        for (const v of page.items) {
          assert.ok(!seen.has(v.id), 'no comment twice');
          seen.add(v.id);
        }
        before = page.next ?? undefined;
        pages++;
      } while (before);
      const comments = await storage.db.selectFrom('survey_responses').select((eb) => eb.fn.countAll().as('n')).where('comment', 'is not', null)
        .where('interaction_started_at', '>=', Date.UTC(2025, 10, 30, 23)).where('interaction_started_at', '<', Date.UTC(2026, 9, 31, 23)).executeTakeFirstOrThrow();
      assert.equal(seen.size, Number(comments.n));
      assert.ok(pages > 1);
      const network = await verbatims(storage.db, { ...RANGE, filters: {}, topic: 'network', category: 'detractor', limit: 200 });
      assert.ok(network.items.length > 0);
      for (const v of network.items) {
        assert.equal(v.category, 'detractor');
        const topic = v.topics.find((t) => t.topic === 'network')!;
        assert.ok(topic.spans.length > 0);
        for (const span of topic.spans) assert.ok(span.start >= 0 && span.end <= v.comment.length && span.end > span.start);
      }
      await assert.rejects(verbatims(storage.db, { ...RANGE, filters: {}, limit: 5, before: 'yesterday' }), /before must be the next cursor of the previous page or a time/);
    });
  });
}
