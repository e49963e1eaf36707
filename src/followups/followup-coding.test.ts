import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { caseTimeline } from '../cases/case-service.js';
import { DomainError } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import { codeRepeatContact, contactCauseSuggestions } from '../interactions/contact-coding.js';
import { actOnFollowup } from './followup-actions.js';
import { followupCauseSuggestions } from './followup-coding.js';
import { getFollowup } from './followup-queries.js';
import { answerSurvey, seedFollowupWorld } from './followups.testkit.js';

const HOUR = 3_600_000;
const refused = (status: number, field?: string) => (error: unknown) =>
  error instanceof DomainError && error.status === status && (field === undefined || error.fields[0]?.field === field);

for (const engine of await testEngines()) {
  describe(`root causes on follow-ups and repeat contacts, on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let world: Awaited<ReturnType<typeof seedFollowupWorld>>;
    before(async () => {
      storage = await engine.open();
      world = await seedFollowupWorld(storage.db);
    });
    after(() => storage?.close());

    const opened = async (text: string, repeat = false) => {
      const answer = await answerSurvey(storage.db, world.advisor.id, text, { receivedAt: Date.now() - HOUR, repeat });
      const row = await storage.db.selectFrom('followups').select('case_id').where('survey_id', '=', answer.surveyId).executeTakeFirstOrThrow();
      return { id: row.case_id, ...answer };
    };
    const coding = (kind: 'followup' | 'contact', id: string) =>
      storage.db.selectFrom('cause_codings').selectAll().where('subject_kind', '=', kind).where('subject_id', '=', id).executeTakeFirst();

    it('codes a follow-up with code-cause or at closing, optional there; the event says which cause replaced which', async () => {
      const { id, partyId } = await opened('2 la facture de roaming est fausse, facturé en Suisse');
      const { suggestions } = await followupCauseSuggestions(storage.db, id, world.lead, 'fr');
      assert.equal(suggestions[0]!.code, 'billing.roaming', 'the comment names roaming and the bill');
      await assert.rejects(actOnFollowup(storage.db, id, 'code-cause', {}, world.lead), refused(400, 'causeCode'));
      await assert.rejects(actOnFollowup(storage.db, id, 'attempt', { reached: false, causeCode: 'billing.roaming' }, world.lead), refused(400, 'causeCode'));
      await actOnFollowup(storage.db, id, 'code-cause', { causeCode: 'unknown', unknownReason: 'customer not reached yet' }, world.lead);
      await actOnFollowup(storage.db, id, 'attempt', { reached: true }, world.lead);
      await actOnFollowup(storage.db, id, 'close', { cause: 'Roaming facturé en Suisse', actionTaken: 'Avoir de 12 €', causeCode: 'billing.roaming' }, world.lead);
      const row = (await coding('followup', id))!;
      assert.deepEqual([row.cause_code, row.unknown_reason, row.party_id, row.team_id, row.channel, Number(row.amount_cents)], ['billing.roaming', null, partyId, world.teamId, 'phone', 0]);
      assert.deepEqual((await caseTimeline(storage.db, id)).at(-1)!.data, { resolution: 'reached', cause: 'Roaming facturé en Suisse', actionTaken: 'Avoir de 12 €', causeCode: 'billing.roaming', previousCause: 'unknown', dueAt: null });
      assert.equal((await getFollowup(storage.db, id, world.lead)).rootCause?.code, 'billing.roaming');
    });

    it('closes a follow-up without a cause too', async () => {
      const { id } = await opened('3 trop d’attente');
      await actOnFollowup(storage.db, id, 'attempt', { reached: true }, world.lead);
      await actOnFollowup(storage.db, id, 'close', { cause: 'Attente trop longue' }, world.lead);
      assert.equal(await coding('followup', id), undefined);
    });

    it('codes a repeat contact, and refuses a first contact with 422, writing nothing', async () => {
      const first = await opened('4 rien', false);
      await assert.rejects(codeRepeatContact(storage.db, first.interactionId, { causeCode: 'billing.roaming' }, world.lead), refused(422));
      assert.equal(await coding('contact', first.interactionId), undefined);

      const again = await opened('2 toujours pas réglé', true);
      const contact = await storage.db.selectFrom('interactions').select(['repeat_of', 'party_id']).where('id', '=', again.interactionId).executeTakeFirstOrThrow();
      assert.ok(contact.repeat_of, 'the call is a repeat contact');
      await assert.rejects(codeRepeatContact(storage.db, again.interactionId, { causeCode: 'unknown' }, world.lead), refused(400, 'unknownReason'));
      const coded = await codeRepeatContact(storage.db, again.interactionId, { causeCode: 'process.contract_change' }, world.lead);
      assert.deepEqual([coded.causeCode, coded.previousCause], ['process.contract_change', null]);
      const recoded = await codeRepeatContact(storage.db, again.interactionId, { causeCode: 'billing.tariff_not_applied' }, world.lead);
      assert.equal(recoded.previousCause, 'process.contract_change');
      const row = (await coding('contact', again.interactionId))!;
      assert.deepEqual([row.cause_code, row.party_id, Number(row.extra_contacts)], ['billing.tariff_not_applied', contact.party_id, 1]);
      const { suggestions } = await contactCauseSuggestions(storage.db, again.interactionId, world.lead, 'en');
      assert.ok(suggestions.some((s) => s.reasons.includes('billing')), 'the contact\'s reason suggests billing causes');
    });
  });
}
