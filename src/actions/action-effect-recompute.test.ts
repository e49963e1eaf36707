import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { seedCustomer, seedTeam, surveyAlways } from '../../test/fixtures.js';
import { testEngines } from '../../test/engines.js';
import { recordInteraction } from '../interactions/interaction-service.js';
import type { NpsCounts } from '../nps/statistics.js';
import { addDays, dayStart, localDay } from '../shared/calendar.js';
import type { Storage } from '../storage/database.js';
import type { Database } from '../storage/schema.js';
import { decideSurveys } from '../surveys/survey-decisions.js';
import { handleInboundSms } from '../surveys/survey-replies.js';
import { complaintEffect, effectWindows, fadeOf, npsEffect, repeatEffect, type DayRange } from './action-effect.js';
import { measureAction, type ActionEffect } from './action-measures.js';
import { codeComplaints, seedCustomersSince, spreadDays } from './actions.testkit.js';

/**
 * The effect of an action as the service computes it from the aggregates (cause_counts, nps_counts,
 * contact_counts, the customer base) equals the effect computed from the rows themselves: the coded
 * complaints, the survey answers and the contacts, counted here with plain queries.
 */

const DAY = 86_400_000;
const NUMBER_KEY = 'actions-recompute-key';
const NOW = Date.now();
const TODAY = localDay(NOW);
/** done 70 days ago, 4-week windows: before [−98, −70), after [−70, −42), latest [−28, 0) */
const DONE_DAY = addDays(TODAY, -70);
const DONE_AT = dayStart(DONE_DAY) + 15 * 3_600_000;

let nextNumber = 700_000;

/** A contact of a customer (a new one unless given) on `day`, surveyed, answered with `text` (none: not answered). */
async function contact(db: Kysely<Database>, advisorId: string, day: number, reason: string, text: string | null, party?: { id: string; msisdn: string }) {
  const msisdn = party?.msisdn ?? `+352691${nextNumber++}`;
  const partyId = party?.id ?? (await seedCustomer(db, { familyName: `Contact ${msisdn.slice(-4)}`, lines: [{ msisdn, plan: 'Love Duo' }], phones: [], emails: [] })).id;
  const startedAt = dayStart(day) + 10 * 3_600_000 + (nextNumber % 300) * 60_000;
  const { id } = await recordInteraction(db, { partyId, channel: 'phone', direction: 'inbound', reasonCode: reason, startedAt, endedAt: startedAt + 240_000, advisorId, phone: msisdn, resolved: true }, 7);
  if (text !== null) {
    await decideSurveys(db, [id], NUMBER_KEY, startedAt + 300_000);
    const survey = await db.selectFrom('surveys').select('id').where('interaction_id', '=', id).executeTakeFirstOrThrow();
    await db.updateTable('surveys').set({ status: 'sent', sent_at: startedAt + 360_000, open_until: null }).where('id', '=', survey.id).execute();
    const answered = await handleInboundSms(db, { from: msisdn, to: 'ECOUTE', text, receivedAt: startedAt + 600_000 }, { numberKey: NUMBER_KEY });
    assert.equal(answered.outcome, 'answer', text);
  }
  return { id: partyId, msisdn };
}

const TEXTS = ['9', '10 parfait', '8', '7', '3 le conseiller était désagréable', '2', '9 le conseiller était très aimable', '5 le conseiller m a donné une mauvaise information'];

/** The causes given and those under them, with their reasons and topics, read from the causes table. */
async function rawCauses(db: Kysely<Database>, code: string) {
  const rows = await db.selectFrom('causes').select(['code', 'reason_codes', 'topic_codes']).where((eb) => eb.or([eb('code', '=', code), eb('code', 'like', `${code}.%`)])).execute();
  const union = (k: 'reason_codes' | 'topic_codes') => [...new Set(rows.flatMap((r) => JSON.parse(r[k]) as string[]))];
  return { causes: rows.map((r) => r.code), reasons: union('reason_codes'), topics: union('topic_codes') };
}

async function rawComplaints(db: Kysely<Database>, causes: string[], w: DayRange) {
  const coded = await db.selectFrom('cause_codings').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('subject_kind', '=', 'complaint').where('cause_code', 'in', causes).where('day', '>=', w.from).where('day', '<', w.until).executeTakeFirstOrThrow();
  const end = Math.min(dayStart(w.until), NOW);
  const base = await db.selectFrom('parties').select((eb) => eb.fn.countAll<number>().as('n')).where('created_at', '<=', end)
    .where((eb) => eb.or([eb('erased_at', 'is', null), eb('erased_at', '>', end)])).executeTakeFirstOrThrow();
  return { complaints: Number(coded.n), customers: Number(base.n), days: w.days };
}

async function rawAnswers(db: Kysely<Database>, w: DayRange, match: (r: { reason_code: string | null; topics: string | null }) => boolean): Promise<NpsCounts> {
  const rows = await db.selectFrom('survey_responses').select(['reason_code', 'topics', 'category'])
    .where('interaction_started_at', '>=', dayStart(w.from)).where('interaction_started_at', '<', dayStart(w.until)).where('category', 'is not', null).execute();
  const counts = { promoters: 0, passives: 0, detractors: 0 };
  for (const r of rows.filter(match)) counts[r.category === 'promoter' ? 'promoters' : r.category === 'detractor' ? 'detractors' : 'passives']++;
  return counts;
}

async function rawRepeats(db: Kysely<Database>, reasons: string[], w: DayRange) {
  const row = await db.selectFrom('interactions')
    .select([sql<number>`count(*)`.as('contacts'), sql<number>`count(repeat_of)`.as('repeats')])
    .where('reason_code', 'in', reasons).where('started_at', '>=', dayStart(w.from)).where('started_at', '<', dayStart(w.until)).executeTakeFirstOrThrow();
  return { contacts: Number(row.contacts), repeats: Number(row.repeats) };
}

/** The figures of an effect, without what the service adds about where they come from. */
const figures = (e: ActionEffect) => e.measures.map(({ matchedBy: _m, codes: _c, basis: _b, ...m }) => m);

for (const engine of await testEngines()) {
  describe(`the effect of an action recomputed from the rows on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
      const db = storage.db;
      const { advisorId } = await seedTeam(db);
      await surveyAlways(db);
      const windows = effectWindows(DONE_AT, 4, 4, NOW);
      // contacts of the billing causes' reasons before and after, a few customers coming back within a week, and some of another cause
      for (const [w, count, repeatEvery] of [[windows.before, 34, 4], [windows.after, 33, 7]] as const) {
        const days = spreadDays(w.from, w.days - 3, count);
        for (const [i, day] of days.entries()) {
          const reason = ['billing', 'roaming', 'contract'][i % 3]!;
          const party = await contact(db, advisorId, day, reason, TEXTS[(i * 5 + (w === windows.after ? 1 : 0)) % TEXTS.length]!);
          if (i % repeatEvery === 0) await contact(db, advisorId, addDays(day, 2), reason, i % 8 === 0 ? '4 le conseiller ne savait rien' : null, party);
          if (i % 5 === 0) await contact(db, advisorId, day, 'network', '6 le conseiller a été patient');
        }
      }
      const base = await seedCustomersSince(db, 40, NOW - 400 * DAY);
      await db.updateTable('parties').set({ created_at: NOW - 400 * DAY }).where('created_at', '>', NOW - DAY).execute();
      // a customer since 50 days: in the base at the end of the after window, not of the before window
      await seedCustomersSince(db, 1, NOW - 50 * DAY);
      await codeComplaints(db, 'billing.roaming', spreadDays(windows.before.from, 28, 14), base);
      await codeComplaints(db, 'billing.double_charge', spreadDays(windows.before.from, 28, 6), base);
      await codeComplaints(db, 'billing.roaming', spreadDays(windows.after.from, 28, 5), base);
      await codeComplaints(db, 'network.coverage', spreadDays(windows.after.from, 28, 9), base);
      await codeComplaints(db, 'billing.tariff_not_applied', spreadDays(addDays(TODAY, -28), 28, 20), base);
    });
    after(async () => storage?.close());

    it('on the billing causes and those under them: complaint rate, NPS and repeat rate by reason, and the fade', async () => {
      const db = storage.db;
      const scope = await rawCauses(db, 'billing');
      const effect = await measureAction(db, {
        state: 'done', causes: ['billing'], doneAt: DONE_AT, beforeWeeks: 4, afterWeeks: 4, target: { measure: 'complaint_rate', direction: 'decrease', value: null },
      }, NOW);
      const w = effectWindows(DONE_AT, 4, 4, NOW);
      assert.ok(w.after.complete && w.latest, 'the after window is complete and the latest window apart from it');
      assert.deepEqual(effect.causes, [...scope.causes].sort());
      const complaints = { before: await rawComplaints(db, scope.causes, w.before), after: await rawComplaints(db, scope.causes, w.after) };
      assert.deepEqual([complaints.before.complaints, complaints.after.complaints], [20, 5], 'the network complaints are not the billing causes\'');
      assert.equal(complaints.after.customers, complaints.before.customers + 1);
      const byReason = (r: { reason_code: string | null }) => r.reason_code !== null && scope.reasons.includes(r.reason_code);
      const nps = { before: await rawAnswers(db, w.before, byReason), after: await rawAnswers(db, w.after, byReason) };
      assert.ok(nps.before.promoters + nps.before.passives + nps.before.detractors >= 30, 'enough answers to judge');
      const repeats = { before: await rawRepeats(db, scope.reasons, w.before), after: await rawRepeats(db, scope.reasons, w.after) };
      assert.ok(repeats.before.repeats > 0 && repeats.after.repeats > 0);
      assert.deepEqual(figures(effect), [
        complaintEffect(complaints.before, complaints.after, 28),
        npsEffect(nps.before, nps.after, w.after.days),
        repeatEffect(repeats.before, repeats.after, w.after.days),
      ]);
      assert.deepEqual(effect.fade, fadeOf(complaints.after, await rawComplaints(db, scope.causes, w.latest!)));
      assert.equal(effect.fade!.faded, true, '20 complaints in the latest 4 weeks against 5: z ≈ 15 / √25 = 3');
    });

    it('on a cause that names no reason: the NPS of the answers whose comment mentions its topics, each answer once', async () => {
      const db = storage.db;
      const scope = await rawCauses(db, 'service.wrong_information');
      assert.deepEqual([scope.reasons, scope.topics], [[], ['advisor']]);
      const effect = await measureAction(db, {
        state: 'in_progress', causes: ['service.wrong_information'], doneAt: DONE_AT, beforeWeeks: 4, afterWeeks: 4, target: { measure: 'nps', direction: 'increase', value: null },
      }, NOW);
      const w = effectWindows(DONE_AT, 4, 4, NOW);
      const byTopic = (r: { topics: string | null }) => (JSON.parse(r.topics ?? '[]') as { topic: string }[]).some((m) => scope.topics.includes(m.topic));
      const nps = { before: await rawAnswers(db, w.before, byTopic), after: await rawAnswers(db, w.after, byTopic) };
      assert.ok(nps.before.detractors > 0 && nps.after.promoters > 0, 'comments naming the advisor on both sides');
      assert.deepEqual(figures(effect)[1], npsEffect(nps.before, nps.after, w.after.days));
      assert.equal(effect.measures[1]!.matchedBy, 'topics');
      assert.equal(effect.measures[2]!.verdict, 'not-applicable', 'no reason, no repeat rate');
      assert.equal(effect.fade, null, 'not done');
    });
  });
}
