import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import type { Actor } from '../auth/policies.js';
import { caseTimeline } from '../cases/case-service.js';
import type { JobHandler } from '../jobs/worker.js';
import { CLASS_RULES } from '../notifications/message-classes.js';
import { exportCustomer } from '../privacy/customer-export.js';
import { presentExport } from '../privacy/privacy-presenters.js';
import { sendNotification } from '../notifications/notification-sending.js';
import type { Language } from '../shared/languages.js';
import type { Storage } from '../storage/database.js';
import { complaintMessageHandlers, complaintReference, EIGHT_WEEKS_DAYS } from './complaint-messages.js';
import { actOnComplaint, createComplaint } from './complaint-service.js';

const DAY = 86_400_000;
/** Monday 2 November 2026, 10:00 in Luxembourg. */
const RECEIVED = Date.UTC(2026, 10, 2, 9, 0);
const job = { id: 0, topic: 'complaint.acknowledged', refId: '', attempts: 1 } as const;

for (const engine of await testEngines()) {
  describe(`talking to the customer about a complaint, on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let advisor: Actor;
    let stranger: Actor;
    let handlers: ReturnType<typeof complaintMessageHandlers>;
    let now = RECEIVED;
    let n = 0;
    before(async () => {
      storage = await engine.open();
      const team = await seedTeam(storage.db);
      const other = await seedTeam(storage.db, 'Billing back office');
      advisor = { kind: 'user', id: team.advisorId, role: 'advisor', displayName: 'Anne Schmit', teamId: team.teamId, language: 'fr' };
      stranger = { kind: 'user', id: other.advisorId, role: 'advisor', displayName: 'Paul Muller', teamId: other.teamId, language: 'de' };
      handlers = complaintMessageHandlers(storage.db, { clock: () => now, eightWeeksBatch: 1 });
    });
    after(() => storage?.close());

    /** A customer of their own (their own mobile) and a complaint of theirs received on RECEIVED. */
    const complaint = async (language: Language, channel: 'phone' | 'email' | 'letter' = 'phone') => {
      const msisdn = `+35262166${String(++n).padStart(4, '0')}`;
      const party = await seedCustomer(storage.db, { familyName: `Weber ${n}`, preferredLanguage: language, lines: [{ msisdn, plan: 'Love Duo' }], phones: [], emails: [`client${n}@example.lu`] });
      const { id, reference } = await createComplaint(storage.db, { partyId: party.id, channel, category: 'billing', description: 'Billed twice', receivedAt: RECEIVED }, advisor, { now: RECEIVED });
      return { id, reference, msisdn, partyId: party.id, email: `client${n}@example.lu` };
    };
    const act = (id: string, action: Parameters<typeof actOnComplaint>[2], input: Parameters<typeof actOnComplaint>[3] = {}, at = RECEIVED + DAY) => actOnComplaint(storage.db, id, action, input, advisor, { now: at });
    const run = (topic: keyof typeof handlers, refId: string) => (handlers[topic] as JobHandler)(refId, { ...job, topic, refId });
    const messages = (id: string) => storage.db.selectFrom('notifications').selectAll().where('ref_type', '=', 'complaint').where('ref_id', '=', id).orderBy('created_at').orderBy('id').execute();
    const mediationSent = async (id: string) => (await storage.db.selectFrom('complaints').select('mediation_info_sent_at').where('case_id', '=', id).executeTakeFirstOrThrow()).mediation_info_sent_at;

    it('the acknowledgement goes by SMS in the customer language with the reference and both dates; a job run twice writes it once', async () => {
      const c = await complaint('de');
      const { eventId } = await act(c.id, 'acknowledge');
      await run('complaint.acknowledged', eventId);
      await run('complaint.acknowledged', eventId);
      const [sms, ...others] = await messages(c.id);
      assert.equal(others.length, 0);
      assert.deepEqual([sms!.class, sms!.channel, sms!.language, sms!.recipient, sms!.template_key], ['service', 'sms', 'de', c.msisdn, 'complaint.acknowledged']);
      // answer due 18:00 of the 10th business day after Monday 2 November: Monday 16 November
      assert.equal(sms!.body, `Ihre Beschwerde ${c.reference} vom 02.11.2026 ist bei uns eingegangen. Wir antworten Ihnen spätestens am 16.11.2026. Bitte nennen Sie diese Referenz, wenn Sie uns kontaktieren.`);
    });

    it('a complaint received by e-mail is acknowledged by e-mail', async () => {
      const c = await complaint('en', 'email');
      await run('complaint.acknowledged', (await act(c.id, 'acknowledge')).eventId);
      const [mail] = await messages(c.id);
      assert.deepEqual([mail!.channel, mail!.recipient, mail!.subject], ['email', c.email, `Your complaint ${c.reference}: acknowledgement`]);
    });

    it('the final answer states the outcome, the right to the ILR mediation and its dates, and records the mediation information', async () => {
      const c = await complaint('fr', 'letter');
      await act(c.id, 'acknowledge');
      const answeredAt = Date.UTC(2026, 10, 12, 14, 0);
      const { eventId, case: answered } = await act(c.id, 'answer', { outcome: 'partially_upheld' }, answeredAt);
      now = answeredAt + 60_000;
      await run('complaint.answered', eventId);
      const answer = (await messages(c.id)).find((m) => m.template_key === 'complaint.answered')!;
      assert.equal(answer.class, 'regulatory');
      assert.equal(
        answer.body,
        `Réclamation ${c.reference}, notre réponse: Nous vous donnons raison en partie et corrigeons ce point. Si elle ne vous satisfait pas, vous pouvez demander une médiation à l'ILR (www.ilr.lu). ` +
          "La médiation suppose une réclamation écrite préalable auprès de l'opérateur et dure au plus 90 jours. Dates utiles: réclamation écrite enregistrée le 02/11/2026, réponse finale envoyée le 12/11/2026.",
      );
      assert.equal(Number(await mediationSent(c.id)), now);
      const events = await caseTimeline(storage.db, c.id);
      assert.equal(events.at(-1)!.action, 'mediation-info-sent');
      await run('complaint.answered', eventId);
      assert.equal((await caseTimeline(storage.db, c.id)).length, events.length, 'run again: no second message, no second event');
      // the record of the message changed nothing anyone decides on: closing with the version read after answering is accepted
      await act(c.id, 'close', { expectedVersion: answered.version, causeCode: 'process.contract_change' }, now + 60_000);
    });

    it('a complaint made on the phone is told to write first: mediation needs a prior written complaint', async () => {
      const c = await complaint('en');
      const answeredAt = Date.UTC(2026, 10, 5, 9, 0);
      await run('complaint.answered', (await act(c.id, 'answer', { outcome: 'not_upheld' }, answeredAt)).eventId);
      const [answer] = await messages(c.id);
      assert.deepEqual([answer!.template_key, answer!.class], ['complaint.answered-oral', 'regulatory']);
      assert.equal(
        answer!.body,
        `Complaint ${c.reference}, our answer: Having looked into it, we cannot uphold your complaint. If you are not satisfied, you may ask the ILR (www.ilr.lu) for mediation. ` +
          `Mediation requires a prior written complaint to the operator: first write to us (letter or e-mail) quoting ${c.reference}. ` +
          'It lasts at most 90 days. For your request: spoken complaint received on 02/11/2026, final answer sent on 05/11/2026.',
      );
      assert.ok(await mediationSent(c.id));
    });

    it('a rejected complaint gets the final answer with the mediation information', async () => {
      const c = await complaint('en', 'letter');
      const { eventId } = await act(c.id, 'reject', { reason: 'Charges match the contract' }, Date.UTC(2026, 10, 4, 10, 0));
      await run('complaint.rejected', eventId);
      const [answer] = await messages(c.id);
      assert.equal(answer!.template_key, 'complaint.answered');
      assert.match(answer!.body, /our answer: Having looked into it, we cannot uphold your complaint\. If you are not satisfied, you may ask the ILR/);
      assert.match(answer!.body, /written complaint received on 02\/11\/2026, final answer sent on 04\/11\/2026\.$/);
      assert.doesNotMatch(answer!.body, /contract/, 'the team reason for the rejection stays internal');
      assert.ok(await mediationSent(c.id));
    });

    it('the daily job tells a complaint unanswered after 56 days of the mediation, once; an answered one and a younger one are left alone', async () => {
      const open = await complaint('en');
      const answered = await complaint('en');
      await act(answered.id, 'answer', { outcome: 'upheld' });
      now = RECEIVED + (EIGHT_WEEKS_DAYS - 1) * DAY;
      await run('complaint.eight-weeks', '2026-12-27');
      assert.equal((await messages(open.id)).length, 0, 'not yet eight weeks');
      now = RECEIVED + EIGHT_WEEKS_DAYS * DAY;
      // One complaint per run here: the job runs again until none is left, then schedules the next day.
      let runs = 0;
      while (!(await run('complaint.eight-weeks', '2026-12-28')).done) assert.ok(++runs < 20);
      await run('complaint.eight-weeks', '2026-12-29');
      const sent = (await messages(open.id)).filter((m) => m.template_key === 'complaint.eight-weeks');
      assert.equal(sent.length, 1);
      assert.deepEqual([sent[0]!.class, sent[0]!.channel], ['regulatory', 'sms']);
      assert.match(sent[0]!.body, new RegExp(`^Your complaint ${open.reference} of 02/11/2026 is not resolved yet\\. You may ask the ILR`));
      assert.equal(Number(await mediationSent(open.id)), now);
      assert.equal((await messages(answered.id)).filter((m) => m.template_key === 'complaint.eight-weeks').length, 0);
      const next = await storage.db.selectFrom('outbox').select('run_after').where('topic', '=', 'complaint.eight-weeks').where('ref_id', '=', '2026-12-30').executeTakeFirst();
      assert.ok(next, "the next day's look is scheduled");
    });

    it('a deadlock sends the mediation information at once, and the eight-week job does not send it again', async () => {
      const c = await complaint('fr');
      await act(c.id, 'acknowledge');
      const { eventId } = await act(c.id, 'deadlock', { reason: 'No agreement on the refund' });
      await run('complaint.deadlock', eventId);
      now = RECEIVED + 60 * DAY;
      await run('complaint.eight-weeks', '2027-01-01');
      const sent = (await messages(c.id)).filter((m) => m.template_key === 'complaint.eight-weeks');
      assert.equal(sent.length, 1);
      assert.match(sent[0]!.body, /demander une médiation à l'ILR/);
      assert.equal((await caseTimeline(storage.db, c.id)).filter((e) => e.action === 'mediation-info-sent').length, 1);
    });

    it('a survey opt-out does not stop complaint messages', async () => {
      const c = await complaint('en');
      await storage.db.insertInto('opt_outs').values({ msisdn: c.msisdn, opted_out_at: RECEIVED, keyword: 'STOP' }).execute();
      await storage.db.updateTable('parties').set({ consent_surveys: 0 }).where('id', '=', c.partyId).execute();
      await run('complaint.acknowledged', (await act(c.id, 'acknowledge')).eventId);
      const [ack] = await messages(c.id);
      const noon = Date.UTC(2026, 10, 3, 11, 0);
      await sendNotification({ db: storage.db, autoRepliesPerDay: 3, numberKey: 'test-key', classes: CLASS_RULES }, ack!.id, noon);
      const sent = await storage.db.selectFrom('notifications').select(['status', 'sms_id']).where('id', '=', ack!.id).executeTakeFirstOrThrow();
      assert.equal(sent.status, 'released');
      assert.ok(sent.sms_id);
    });

    it('quiet hours hold a complaint SMS until the morning', async () => {
      const c = await complaint('en');
      await run('complaint.acknowledged', (await act(c.id, 'acknowledge')).eventId);
      const [ack] = await messages(c.id);
      const evening = Date.UTC(2026, 10, 3, 21, 0);
      await sendNotification({ db: storage.db, autoRepliesPerDay: 3, numberKey: 'test-key', classes: CLASS_RULES }, ack!.id, evening);
      const held = await storage.db.selectFrom('notifications').select(['status', 'next_attempt_at']).where('id', '=', ack!.id).executeTakeFirstOrThrow();
      assert.deepEqual([held.status, Number(held.next_attempt_at)], ['waiting_quiet_hours', Date.UTC(2026, 10, 4, 7, 0)]);
    });

    it("the customer's export holds their complaints and every event of them", async () => {
      const c = await complaint('fr');
      await act(c.id, 'comment', { reason: 'Customer called back about the refund' });
      const data = presentExport(await exportCustomer(storage.db, c.partyId, { actor: advisor, via: 'api' }, 'test-key'));
      assert.deepEqual(data.complaints.map((x) => [x.id, x.reference, x.state, x.description, x.receivedAt]), [[c.id, c.reference, 'received', 'Billed twice', new Date(RECEIVED).toISOString()]]);
      assert.deepEqual(data.caseEvents.map((e) => [e.caseId, e.caseKind, e.action, e.reason]), [
        [c.id, 'complaint', 'opened', null],
        [c.id, 'complaint', 'comment', 'Customer called back about the refund'],
      ]);
    });

    it("a complaint's messages are for whoever may read the complaint", async () => {
      const c = await complaint('fr');
      assert.deepEqual(await complaintReference(storage.db, advisor, c.id), { customerId: c.partyId });
      assert.equal(await complaintReference(storage.db, stranger, c.id), undefined);
      assert.equal(await complaintReference(storage.db, advisor, c.partyId), undefined);
    });
  });
}
