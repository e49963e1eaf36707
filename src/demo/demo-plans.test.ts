import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openSqlite } from '../storage/database.js';
import { migrateToLatest } from '../storage/migrator.js';
import { listPlans } from '../usage/plans.js';
import { BUSINESS_FIXED_PLANS, BUSINESS_MOBILE_PLANS, FIXED_PLANS, MOBILE_PLANS } from './catalogue.js';
import { loadDemoPlans } from './demo-plans.js';

describe('the demo plan catalogue', () => {
  it('describes every plan the demo gives its lines, mobile ones with all five buckets', async () => {
    const storage = openSqlite(':memory:');
    try {
      await migrateToLatest(storage);
      await loadDemoPlans(storage.db);
      const plans = new Map((await listPlans(storage.db)).map((p) => [p.code, p]));
      for (const [name] of [...MOBILE_PLANS, ...BUSINESS_MOBILE_PLANS]) {
        assert.deepEqual(plans.get(name)?.buckets.map((b) => b.bucket), ['data_national', 'data_eu', 'data_world', 'voice', 'sms'], name);
      }
      for (const [name] of [...FIXED_PLANS, ...BUSINESS_FIXED_PLANS]) assert.ok(plans.has(name), name);
      assert.equal(plans.size, MOBILE_PLANS.length + BUSINESS_MOBILE_PLANS.length + FIXED_PLANS.length + BUSINESS_FIXED_PLANS.length);
    } finally {
      await storage.close();
    }
  });
});
