import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { customer, seedCustomer, seedTeam } from '../../test/fixtures.js';
import { openCase } from '../cases/case-service.js';
import { createCustomer } from '../customers/customer-service.js';
import type { Storage } from '../storage/database.js';
import { FOLLOWUP } from './followup-kind.js';
import { routeFollowup } from './followup-routing.js';
import { seedPerson } from './followups.testkit.js';

const ALL = ['account_manager', 'team_lead', 'site_lead'] as const;

for (const engine of await testEngines()) {
  describe(`routing of follow-ups, on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
    });
    after(() => storage?.close());

    it("gives a follow-up to the team lead of the team that took the contact, the least loaded of two", async () => {
      const { db } = storage;
      const team = await seedTeam(db, 'Hotline Mobile');
      const partyId = (await seedCustomer(db)).id;
      const first = await seedPerson(db, 'team_lead', team.teamId, team.siteId);
      const second = await seedPerson(db, 'team_lead', team.teamId, team.siteId);
      const [busy, free] = first.id < second.id ? [first, second] : [second, first];
      await openCase(db, FOLLOWUP, { partyId, teamId: team.teamId, assigneeId: busy.id }, 'system');
      const input = { partyId, accountId: null, teamId: team.teamId, siteId: team.siteId };
      assert.deepEqual(await routeFollowup(db, input, ALL), { teamId: team.teamId, assigneeId: free.id, routedBy: 'team_lead' });
    });

    it("falls back to the site's lead, then to the team queue", async () => {
      const { db } = storage;
      const team = await seedTeam(db, 'Boutique Kirchberg');
      const partyId = (await seedCustomer(db, { lines: [{ msisdn: '+352 621 700 001', plan: 'Love Duo' }], phones: [], emails: [] })).id;
      const input = { partyId, accountId: null, teamId: team.teamId, siteId: team.siteId };
      assert.deepEqual(await routeFollowup(db, input, ALL), { teamId: team.teamId, assigneeId: null, routedBy: 'team_queue' });
      const siteLead = await seedPerson(db, 'team_lead', null, team.siteId);
      assert.deepEqual(await routeFollowup(db, input, ALL), { teamId: team.teamId, assigneeId: siteLead.id, routedBy: 'site_lead' });
      assert.deepEqual(await routeFollowup(db, input, ['team_lead']), { teamId: team.teamId, assigneeId: null, routedBy: 'team_queue' }, 'the rules may leave the site out');
      assert.deepEqual(await routeFollowup(db, { ...input, teamId: null, siteId: null }, ALL), { teamId: null, assigneeId: null, routedBy: 'team_queue' });
    });

    it("gives a business customer's follow-up to their account manager while active, in the contact's team", async () => {
      const { db } = storage;
      const team = await seedTeam(db, 'Hotline Entreprises');
      const lead = await seedPerson(db, 'team_lead', team.teamId, team.siteId);
      const managers = await seedTeam(db, 'Grands comptes');
      const manager = await seedPerson(db, 'advisor', managers.teamId, managers.siteId);
      const business = await createCustomer(
        db,
        customer({ kind: 'organisation', organisationName: 'Cactus SA', segment: 'business', accountManagerId: manager.id, lines: [{ msisdn: '+352 621 700 002', plan: 'Business' }], phones: [], emails: [] }),
      );
      const input = { partyId: business.id, accountId: null, teamId: team.teamId, siteId: team.siteId };
      assert.deepEqual(await routeFollowup(db, input, ALL), { teamId: team.teamId, assigneeId: manager.id, routedBy: 'account_manager' });
      assert.deepEqual(await routeFollowup(db, { ...input, teamId: null }, ALL), { teamId: managers.teamId, assigneeId: manager.id, routedBy: 'account_manager' });
      assert.deepEqual((await routeFollowup(db, input, ['team_lead', 'account_manager'])).assigneeId, lead.id, 'in the order of the rules');
      await db.updateTable('users').set({ active: 0 }).where('id', '=', manager.id).execute();
      assert.deepEqual(await routeFollowup(db, input, ALL), { teamId: team.teamId, assigneeId: lead.id, routedBy: 'team_lead' });
    });
  });
}
