import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import type { Actor } from '../auth/policies.js';
import { caseTimeline } from '../cases/case-service.js';
import { saveCause } from '../causes/cause-tree.js';
import { DomainError } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import { complaintCauseSuggestions } from './complaint-coding.js';
import { historicActions } from './complaint-history.js';
import { getComplaint } from './complaint-queries.js';
import { actOnComplaint, createComplaint } from './complaint-service.js';

const AT = Date.UTC(2026, 10, 3, 9, 0);
const HOUR = 3_600_000;

const refusedField = (field: string) => (error: unknown) => error instanceof DomainError && error.status === 400 && error.fields[0]?.field === field;

for (const engine of await testEngines()) {
  describe(`a complaint's root cause on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let advisor: Actor;
    let team: Awaited<ReturnType<typeof seedTeam>>;
    let other: Awaited<ReturnType<typeof seedTeam>>;
    let partyId: string;
    before(async () => {
      storage = await engine.open();
      team = await seedTeam(storage.db);
      other = await seedTeam(storage.db, 'Back office');
      partyId = (await seedCustomer(storage.db)).id;
      advisor = { kind: 'user', id: team.advisorId, role: 'team_lead', displayName: 'Anne Schmit', teamId: team.teamId, language: 'fr' };
    });
    after(() => storage?.close());

    const record = (description = 'Billed twice for October', at = AT) =>
      createComplaint(storage.db, { partyId, channel: 'phone', category: 'billing', description, receivedAt: at, amountDisputedCents: 4_990 }, advisor, { now: at });
    const act = (id: string, action: Parameters<typeof actOnComplaint>[2], input: Parameters<typeof actOnComplaint>[3], at = AT + HOUR) =>
      actOnComplaint(storage.db, id, action, input, { ...advisor, role: 'admin' }, { now: at });
    const coding = (id: string) => storage.db.selectFrom('cause_codings').selectAll().where('subject_kind', '=', 'complaint').where('subject_id', '=', id).executeTakeFirst();
    const whole = async (cause: string) =>
      storage.db.selectFrom('cause_counts').selectAll().where('dim', '=', '').where('cause_code', '=', cause).where('subject_kind', '=', 'complaint').execute();

    it('is required to close: refused without one or with unknown and no reason, nothing written; closed with one', async () => {
      const { id } = await record();
      await act(id, 'answer', { outcome: 'upheld', refundCents: 2_495 });
      const events = (await caseTimeline(storage.db, id)).length;
      await assert.rejects(act(id, 'close', {}), refusedField('causeCode'));
      await assert.rejects(act(id, 'close', { causeCode: 'unknown' }), refusedField('unknownReason'));
      await assert.rejects(act(id, 'close', { causeCode: 'billing.weather' }), refusedField('causeCode'));
      await assert.rejects(act(id, 'acknowledge', { causeCode: 'billing' }), refusedField('causeCode'), 'a cause only with code-cause, answer or close');
      assert.equal((await caseTimeline(storage.db, id)).length, events, 'refused: no event');
      assert.equal(await coding(id), undefined);

      await act(id, 'close', { causeCode: 'billing.double_charge', suggestedCauses: ['billing.double_charge', 'billing'] });
      const row = (await coding(id))!;
      assert.deepEqual(
        [row.cause_code, row.party_id, Number(row.occurred_at), Number(row.day), row.segment, row.channel, row.team_id, row.site_id, row.plan, Number(row.amount_cents), Number(row.refund_cents), row.suggested],
        ['billing.double_charge', partyId, AT, 20261103, 'residential', 'phone', team.teamId, team.siteId, 'Love Duo', 4_990, 2_495, '["billing.double_charge","billing"]'],
      );
      const detail = await getComplaint(storage.db, id, advisor);
      assert.deepEqual([detail.state, detail.cause?.code, detail.refundCents], ['closed', 'billing.double_charge', 2_495]);
      assert.deepEqual((await caseTimeline(storage.db, id)).at(-1)!.data, { causeCode: 'billing.double_charge' });
    });

    it('is coded and recoded at any time, the aggregates following; unknown keeps its reason; a transfer moves the coding to the new team', async () => {
      const { id } = await record('Roaming en Suisse facturé alors que mon forfait inclut l’Europe', AT - 2 * HOUR);
      await act(id, 'code-cause', { causeCode: 'unknown', unknownReason: 'billing system logs not available yet' });
      assert.equal((await coding(id))!.unknown_reason, 'billing system logs not available yet');
      const unknownBefore = (await whole('unknown')).reduce((n, r) => n + Number(r.coded), 0);
      await act(id, 'code-cause', { causeCode: 'billing.roaming', unknownReason: 'ignored: the cause is known' });
      assert.deepEqual([(await coding(id))!.cause_code, (await coding(id))!.unknown_reason], ['billing.roaming', null]);
      assert.equal((await whole('unknown')).reduce((n, r) => n + Number(r.coded), 0), unknownBefore - 1, 'recoding takes it out of unknown');
      assert.equal((await whole('billing.roaming')).reduce((n, r) => n + Number(r.coded), 0), 1);
      assert.deepEqual((await caseTimeline(storage.db, id)).at(-1)!.data, { causeCode: 'billing.roaming', previousCause: 'unknown' });

      await act(id, 'transfer', { teamId: other.teamId, reason: 'billing back office' });
      const moved = (await coding(id))!;
      assert.deepEqual([moved.team_id, moved.site_id], [other.teamId, other.siteId]);
      const byTeam = await storage.db.selectFrom('cause_counts').select(['dim_key', 'coded']).where('dim', '=', 'team').where('cause_code', '=', 'billing.roaming').execute();
      assert.deepEqual(byTeam.filter((r) => Number(r.coded) !== 0).map((r) => [r.dim_key, Number(r.coded)]), [[other.teamId, 1]]);
    });

    it('refuses a deactivated cause', async () => {
      const { id } = await record();
      await saveCause(storage.db, 'devices.defect', { labels: { fr: 'Appareil défectueux', de: 'Defektes Gerät', en: 'Faulty device' }, active: false });
      await assert.rejects(act(id, 'code-cause', { causeCode: 'devices.defect' }), refusedField('causeCode'));
      await saveCause(storage.db, 'devices.defect', { labels: { fr: 'Appareil défectueux', de: 'Defektes Gerät', en: 'Faulty device' }, active: true });
    });

    it('suggests causes from the text, the category and the contacts, best first, applying none', async () => {
      const { id } = await record('Facture de roaming: on m’a facturé des frais d’itinérance en Suisse, deux fois le même mois');
      const { suggestions } = await complaintCauseSuggestions(storage.db, id, advisor, 'fr');
      assert.equal(suggestions[0]!.code, 'billing.roaming');
      assert.ok(suggestions[0]!.topics.includes('roaming'));
      assert.ok(suggestions.every((s) => s.score > 0 && s.code !== 'unknown'));
      assert.equal(await coding(id), undefined, 'a suggestion is never applied');
    });

    it('codes a back office\'s closed complaint unknown, with why, on import', () => {
      const steps = historicActions({ receivedAt: AT, acknowledgedAt: null, answeredAt: AT + HOUR, closedAt: AT + 2 * HOUR, state: 'closed', outcome: 'upheld', rejectionReason: null });
      assert.deepEqual(steps.at(-1)!.input, { causeCode: 'unknown', unknownReason: 'imported from the back office without a root cause' });
    });
  });
}
