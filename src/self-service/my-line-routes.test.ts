import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callApi, loginHeaders } from '../../test/api-client.js';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import { createApiToken } from '../auth/api-tokens.js';
import { createUser } from '../auth/auth-service.js';
import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from '../server/server.js';
import type { Storage } from '../storage/database.js';
import { definePlan, type PlanBucketTerms } from '../usage/plans.js';
import { ingestUsage } from '../usage/usage-ingest.js';
import { issuesDe } from '../../web/src/i18n/errors.de.js';
import { issuesEn } from '../../web/src/i18n/errors.en.js';
import { issuesFr } from '../../web/src/i18n/errors.fr.js';
import { customerSignIn } from './self-service.testkit.js';

const GB = 1_000_000_000;
const OWN = '+352621720001';
const SECOND = '+352621720002';
const ENDED = '+352621720003';
const OTHERS = '+352621720004';
const COMPANY = ['+352661720005', '+352661720006'];
const enc = encodeURIComponent;

const home = (allowance: number | null): PlanBucketTerms[] => [{ bucket: 'data_national', allowance, blockUnits: 1_000_000, blockPriceCents: 1 }];

for (const engine of await testEngines()) {
  describe(`changing plan over the API on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let advisor: Record<string, string>;
    let coach: Record<string, string>;
    let billing: Record<string, string>;

    before(async () => {
      storage = await engine.open();
      const { teamId } = await seedTeam(storage.db);
      const sold = { offeredTo: ['residential'] as const, lineKind: 'mobile' as const };
      await definePlan(storage.db, { code: 'Love Duo', name: 'Love Duo', monthlyPriceCents: 3500, buckets: home(20 * GB), ...sold });
      await definePlan(storage.db, { code: 'Love Trio', name: 'Love Trio', monthlyPriceCents: 5000, buckets: home(50 * GB), ...sold });
      await definePlan(storage.db, { code: 'Senior', name: 'Senior', monthlyPriceCents: 1500, buckets: home(2 * GB), ...sold });
      await definePlan(storage.db, { code: 'Legacy', name: 'Legacy', monthlyPriceCents: 2000, buckets: home(5 * GB), offeredTo: [], lineKind: 'mobile' });
      await definePlan(storage.db, { code: 'Business Pro', name: 'Business Pro', monthlyPriceCents: 4000, buckets: home(50 * GB), offeredTo: ['business'], lineKind: 'mobile' });
      await seedCustomer(storage.db, { familyName: 'Tarif', lines: [OWN, SECOND, ENDED].map((msisdn) => ({ msisdn, plan: 'Love Duo' })), phones: [], emails: [] });
      await storage.db.updateTable('lines').set({ status: 'terminated' }).where('msisdn', '=', ENDED).execute();
      await seedCustomer(storage.db, { familyName: 'Andere', lines: [{ msisdn: OTHERS, plan: 'Love Duo' }], phones: [], emails: [] });
      await seedCustomer(storage.db, { kind: 'organisation', organisationName: 'Garage Sàrl', segment: 'business', lines: COMPANY.map((msisdn) => ({ msisdn, plan: 'Business Pro' })), phones: [], emails: [] });
      await createUser(storage.db, { email: 'advisor@plans.test', displayName: 'Anne Conseil', role: 'advisor', teamId, password: 'correct horse' });
      await createUser(storage.db, { email: 'coach@plans.test', displayName: 'Coach', role: 'quality_coach', teamId, password: 'correct horse' });
      billing = { authorization: `Bearer ${(await createApiToken(storage.db, 'billing system', 'integration', ['billing'])).token}` };
      server = await startServer({ storage, config: loadConfig({ demoMode: true }), port: 0 });
      advisor = await loginHeaders(server.url, 'advisor@plans.test');
      coach = await loginHeaders(server.url, 'coach@plans.test');
      await ingestUsage(storage, [{ eventId: 'api-1', msisdn: OWN, occurredAt: new Date(Date.now() - 60_000).toISOString(), type: 'data', quantity: 23 * GB, country: 'LU' }]);
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    it('offers the customer the plans of their segment with what each changes now, and applies an upgrade at once', async () => {
      const me = await customerSignIn(server.url, storage, OWN);
      const offers = await callApi(server.url, me, `/my/lines/${enc(OWN)}/plan-offers`);
      assert.equal(offers.status, 200);
      assert.deepEqual(offers.body.items.map((o: { plan: { code: string }; kind: string }) => [o.plan.code, o.kind]), [['Senior', 'downgrade'], ['Love Trio', 'upgrade']]);
      const trio = offers.body.items[1];
      assert.deepEqual(trio.buckets[0], { type: 'data_national', unit: 'bytes', used: 23 * GB, allowance: { before: 20 * GB, after: 50 * GB }, chargedCents: { before: 3_000, after: 0 } });
      const changed = await callApi(server.url, me, `/my/lines/${enc(OWN)}/plan-change`, { body: { plan: 'Love Trio' } });
      assert.equal(changed.status, 201);
      assert.deepEqual([changed.body.kind, changed.body.status, changed.body.requestedBy], ['upgrade', 'applied', { kind: 'customer', name: null }]);
      const usage = await callApi(server.url, me, `/my/lines/${enc(OWN)}/consumption`);
      assert.deepEqual([usage.body.plan.code, usage.body.buckets[0].allowance, usage.body.outOfBundle.used], ['Love Trio', 50 * GB, 0]);
    });

    it('keeps a downgrade pending, shown to the customer and to staff, until the customer cancels it', async () => {
      const me = await customerSignIn(server.url, storage, OWN);
      const asked = await callApi(server.url, me, `/my/lines/${enc(SECOND)}/plan-change`, { body: { plan: 'Senior' } });
      assert.deepEqual([asked.status, asked.body.status, asked.body.kind], [201, 'pending', 'downgrade']);
      const mine = await callApi(server.url, me, `/my/lines/${enc(SECOND)}/plan`);
      assert.equal(mine.body.pending.id, asked.body.id);
      assert.equal(mine.body.plan.code, 'Love Duo');
      assert.equal(mine.body.pending.effectiveFrom > mine.body.period.end, true, 'from the next period');
      const card = await callApi(server.url, advisor, `/lines/${enc(SECOND)}/plan`);
      assert.deepEqual([card.status, card.body.pending.id, card.body.history.length], [200, asked.body.id, 1]);
      const read = await storage.db.selectFrom('audit_log').select('action').where('via', '=', 'plans').execute();
      assert.equal(read.length, 1, 'the staff read is audited');
      const cancelled = await callApi(server.url, me, `/my/plan-changes/${asked.body.id}/cancel`, { method: 'POST' });
      assert.deepEqual([cancelled.status, cancelled.body.status], [200, 'cancelled']);
      const again = await callApi(server.url, me, `/my/plan-changes/${asked.body.id}/cancel`, { method: 'POST' });
      assert.deepEqual([again.status, again.body.type.split('/').pop(), again.body.params], [409, 'plan-change-not-pending', { status: 'cancelled' }]);
    });

    it('refuses with worded codes an unknown plan, the same plan, a plan not offered, a terminated line and another customer’s line', async () => {
      const me = await customerSignIn(server.url, storage, OWN);
      const ask = (msisdn: string, plan: string) => callApi(server.url, me, `/my/lines/${enc(msisdn)}/plan-change`, { body: { plan } });
      const field = async (msisdn: string, plan: string) => {
        const r = await ask(msisdn, plan);
        return [r.status, r.body.type.split('/').pop(), r.body.errors?.[0]?.field, r.body.errors?.[0]?.code];
      };
      assert.deepEqual(await field(SECOND, 'Nope'), [400, 'invalid-input', 'plan', 'unknown-plan']);
      assert.deepEqual(await field(SECOND, 'Love Duo'), [400, 'invalid-input', 'plan', 'same-plan']);
      assert.deepEqual(await field(SECOND, 'Legacy'), [400, 'invalid-input', 'plan', 'plan-not-offered'], 'sold to none');
      assert.deepEqual(await field(SECOND, 'Business Pro'), [400, 'invalid-input', 'plan', 'plan-not-offered'], 'sold to businesses');
      assert.deepEqual((await ask(ENDED, 'Love Trio')).status, 409);
      assert.equal((await ask(ENDED, 'Love Trio')).body.type.split('/').pop(), 'line-terminated');
      assert.equal((await ask(OTHERS, 'Love Trio')).status, 404, 'another customer’s line is not found');
      assert.equal((await callApi(server.url, me, `/my/lines/${enc(OTHERS)}/plan`)).status, 404);
      for (const code of ['unknown-plan', 'same-plan', 'plan-not-offered']) {
        for (const catalogue of [issuesFr, issuesDe, issuesEn]) assert.ok(code in catalogue.fields, code);
      }
      for (const code of ['line-terminated', 'plan-change-pending', 'plan-change-not-pending']) {
        for (const catalogue of [issuesFr, issuesDe, issuesEn]) assert.ok(code in catalogue.problems, code);
      }
      const user = await customerSignIn(server.url, storage, COMPANY[0]!);
      const refused = await callApi(server.url, user, `/my/lines/${enc(COMPANY[0]!)}/plan-change`, { body: { plan: 'Love Trio' } });
      assert.deepEqual([refused.status, refused.body.type.split('/').pop()], [403, 'account-holder-only']);
      assert.equal((await storage.db.selectFrom('plan_changes').select('id').where('status', '!=', 'cancelled').execute()).length, 1, 'only the upgrade of the first test');
    });

    it('lets staff who take requests and the billing system change a plan, any of the catalogue; a coach reads it only', async () => {
      const byAdvisor = await callApi(server.url, advisor, `/lines/${enc(SECOND)}/plan-change`, { body: { plan: 'Legacy' } });
      assert.deepEqual([byAdvisor.status, byAdvisor.body.kind, byAdvisor.body.requestedBy], [201, 'downgrade', { kind: 'user', name: 'Anne Conseil' }]);
      const pending = await callApi(server.url, billing, `/lines/${enc(SECOND)}/plan-change`, { body: { plan: 'Love Trio' } });
      assert.deepEqual([pending.status, pending.body.type.split('/').pop()], [409, 'plan-change-pending']);
      assert.equal((await callApi(server.url, billing, `/plan-changes/${byAdvisor.body.id}/cancel`, { method: 'POST' })).status, 200);
      const byBilling = await callApi(server.url, billing, `/lines/${enc(SECOND)}/plan-change`, { body: { plan: 'Love Trio' } });
      assert.deepEqual([byBilling.status, byBilling.body.status, byBilling.body.requestedBy], [201, 'applied', { kind: 'token', name: 'billing system' }]);
      assert.equal((await callApi(server.url, coach, `/lines/${enc(SECOND)}/plan-change`, { body: { plan: 'Senior' } })).status, 403);
      const history = await callApi(server.url, coach, `/lines/${enc(SECOND)}/plan`);
      assert.deepEqual(history.body.history.map((c: { to: { code: string }; status: string }) => [c.to.code, c.status]), [['Love Trio', 'applied'], ['Legacy', 'cancelled'], ['Senior', 'cancelled']]);
      const me = await customerSignIn(server.url, storage, OWN);
      const theirs = await callApi(server.url, me, `/my/lines/${enc(SECOND)}/plan`);
      assert.deepEqual(theirs.body.history[0].requestedBy, { kind: 'token', name: null }, 'the customer sees who asked, never a name of staff');
    });
  });
}
