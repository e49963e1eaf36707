import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer } from '../../test/fixtures.js';
import type { Actor } from '../auth/policies.js';
import { createComplaint } from '../complaints/complaint-service.js';
import { answerSurvey, seedFollowupWorld, seedPerson } from '../followups/followups.testkit.js';
import { recordInteraction } from '../interactions/interaction-service.js';
import { localDay } from '../shared/calendar.js';
import type { Storage } from '../storage/database.js';
import { scopedFilters } from './analysis-query.js';
import { coding, saveCodings } from './analysis.testkit.js';
import { causeItems, type CauseItemsQuery } from './cause-items.js';
import { customerRecurrences } from './recurrence.js';

const DAY = 86_400_000;
const NOW = Date.now();

for (const engine of await testEngines()) {
  describe(`the complaints, follow-ups and contacts behind a cause on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let world: Awaited<ReturnType<typeof seedFollowupWorld>>;
    let coach: Actor;
    let customerId: string;
    const ids: Record<string, string> = {};
    const references: Record<string, string> = {};
    const period = { from: localDay(NOW - 10 * DAY), to: localDay(NOW) };
    const query = (over: Partial<CauseItemsQuery> = {}): CauseItemsQuery => ({ ...period, cause: 'billing', kind: 'complaint', filters: {}, limit: 50, ...over });
    const audited = async (via: string) => (await storage.db.selectFrom('audit_log').select('party_id').where('via', '=', via).execute()).map((r) => r.party_id);

    before(async () => {
      storage = await engine.open();
      world = await seedFollowupWorld(storage.db);
      coach = await seedPerson(storage.db, 'quality_coach', null);
      customerId = (await seedCustomer(storage.db)).id;
      const complaint = async (name: string, teamId: string, daysAgo: number, description: string, cause: string) => {
        const made = await createComplaint(
          storage.db,
          { partyId: customerId, channel: 'phone', category: 'billing', description, teamId, receivedAt: NOW - daysAgo * DAY },
          world.manager,
        );
        ids[name] = made.id;
        references[name] = made.reference;
        await saveCodings(storage.db, [coding(made.id, { cause_code: cause, party_id: customerId, occurred_at: NOW - daysAgo * DAY, team_id: teamId })]);
      };
      await complaint('ownTeam', world.teamId, 2, 'Roaming billed while in Luxembourg', 'billing.roaming');
      await complaint('otherTeam', world.otherTeamId, 1, 'Charged twice for November', 'billing.double_charge');
      await complaint('network', world.teamId, 3, 'No signal at home', 'network.coverage');
      // the same customer charged twice long ago: outside any window of 90 days
      await saveCodings(storage.db, [coding('old', { cause_code: 'billing.double_charge', party_id: customerId, occurred_at: NOW - 100 * DAY, team_id: world.otherTeamId })]);

      const contact = await recordInteraction(
        storage.db,
        { partyId: customerId, channel: 'phone', direction: 'inbound', reasonCode: 'billing', startedAt: NOW - DAY / 2, advisorId: world.advisor.id, notes: 'Calls again about the roaming charge' },
        7,
      );
      ids.contact = contact.id;
      await saveCodings(storage.db, [coding(contact.id, { subject_kind: 'contact', party_id: customerId, occurred_at: NOW - DAY / 2, team_id: world.teamId })]);

      const answer = await answerSurvey(storage.db, world.advisor.id, '2 facture trop élevée', { receivedAt: NOW - 3 * DAY });
      const followup = await storage.db.selectFrom('followups').select('case_id').where('survey_id', '=', answer.surveyId).executeTakeFirstOrThrow();
      ids.followup = followup.case_id;
      await storage.db.updateTable('followups').set({ cause: 'Bill higher than the offer', cause_category: 'billing' }).where('case_id', '=', followup.case_id).execute();
      await saveCodings(storage.db, [coding(followup.case_id, { subject_kind: 'followup', party_id: answer.partyId, occurred_at: NOW - 3 * DAY, team_id: world.teamId })]);
    });
    after(async () => storage?.close());

    it("lists a cause's complaints and those of the causes under it, newest first, with their words; each customer shown is an audited read", async () => {
      const before = (await audited('complaints')).length;
      const page = await causeItems(storage.db, world.manager, query());
      assert.deepEqual(
        page.items.map((i) => [i.id, i.reference, i.category, i.channel, i.causeCode, i.text]),
        [
          [ids.otherTeam, references.otherTeam, 'billing', 'phone', 'billing.double_charge', 'Charged twice for November'],
          [ids.ownTeam, references.ownTeam, 'billing', 'phone', 'billing.roaming', 'Roaming billed while in Luxembourg'],
        ],
      );
      assert.equal(page.next, null);
      assert.deepEqual((await audited('complaints')).slice(before), [customerId]);
      const roaming = await causeItems(storage.db, world.manager, query({ cause: 'billing.roaming' }));
      assert.deepEqual(roaming.items.map((i) => i.id), [ids.ownTeam]);
    });

    it('pages with the shared cursor: neither skipped nor repeated', async () => {
      const first = await causeItems(storage.db, world.manager, query({ limit: 1 }));
      assert.deepEqual(first.items.map((i) => i.id), [ids.otherTeam]);
      assert.ok(first.next);
      const second = await causeItems(storage.db, world.manager, query({ limit: 1, cursor: first.next }));
      assert.deepEqual([second.items.map((i) => i.id), second.next], [[ids.ownTeam], null]);
      await assert.rejects(causeItems(storage.db, world.manager, query({ cursor: 'nonsense' })), /cursor/);
    });

    it("shows a team lead their own team's complaints only, and follow-ups and contacts with their words", async () => {
      const lead = await causeItems(storage.db, world.lead, query({ filters: scopedFilters(world.lead, {}) }));
      assert.deepEqual(lead.items.map((i) => i.id), [ids.ownTeam]);
      const followups = await causeItems(storage.db, world.manager, query({ kind: 'followup' }));
      assert.deepEqual(followups.items.map((i) => [i.id, i.category, i.text, i.customerCause, i.reference]), [[ids.followup, 'billing', 'facture trop élevée', 'Bill higher than the offer', null]]);
      const contacts = await causeItems(storage.db, world.lead, query({ kind: 'contact', filters: scopedFilters(world.lead, {}) }));
      assert.deepEqual(contacts.items.map((i) => [i.id, i.category, i.text]), [[ids.contact, 'billing', 'Calls again about the roaming charge']]);
      assert.ok((await audited('contacts')).includes(customerId));
    });

    it('refuses a kind the reader may not read, and a cause that does not exist', async () => {
      await assert.rejects(causeItems(storage.db, coach, query()), (e: { status?: number }) => e.status === 403);
      await assert.rejects(causeItems(storage.db, coach, query({ kind: 'followup' })), (e: { status?: number }) => e.status === 403);
      assert.equal((await causeItems(storage.db, coach, query({ kind: 'contact' }))).items.length, 1);
      await assert.rejects(causeItems(storage.db, world.manager, query({ cause: 'no.such' })), (e: { status?: number }) => e.status === 404);
    });

    it("lists the customer's causes coded twice or more within the window, with their subjects, for the card; an audited read", async () => {
      const ninety = await customerRecurrences(storage.db, world.advisor, customerId, { windowDays: 90, language: 'en', now: NOW });
      assert.deepEqual(
        ninety.items.map((i) => [i.cause.code, i.cause.label, i.department?.code, i.subjects.map((s) => [s.kind, s.id, s.reference])]),
        [['billing.roaming', 'Wrong roaming charges', 'it_billing', [['contact', ids.contact, null], ['complaint', ids.ownTeam, references.ownTeam]]]],
      );
      assert.ok((await audited('recurrences')).includes(customerId));
      const longer = await customerRecurrences(storage.db, world.advisor, customerId, { windowDays: 120, language: 'fr', now: NOW });
      assert.deepEqual(longer.items.map((i) => [i.cause.code, i.subjects.length]), [['billing.roaming', 2], ['billing.double_charge', 2]]);
      await assert.rejects(customerRecurrences(storage.db, world.advisor, 'nobody', { windowDays: 90, language: 'en' }), (e: { status?: number }) => e.status === 404);
    });
  });
}
