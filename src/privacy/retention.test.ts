import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import { recordInteraction } from '../interactions/interaction-service.js';
import { Worker } from '../jobs/worker.js';
import { newId } from '../shared/ids.js';
import type { Storage } from '../storage/database.js';
import { retentionHandler, scheduleRetention } from './retention.js';

const DAY = 86_400_000;
/** The fixed clock: 2026-12-10 04:00 in Luxembourg, after the 03:00 run of the day. */
const NOW = Date.UTC(2026, 11, 10, 3, 0, 0);
const RETENTION = { smsTexts: 30, comments: 90, notes: 365 };

for (const engine of await testEngines()) {
  describe(`retention on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
    });
    after(() => storage?.close());

    it('blanks SMS texts, comments and notes past their periods once a day, logs counts only, and schedules the next day', async () => {
      const db = storage.db;
      const team = await seedTeam(db);
      const { id: partyId } = await seedCustomer(db);
      const contact = async (daysAgo: number, notes: string) =>
        (await recordInteraction(db, { partyId, channel: 'shop', direction: 'inbound', startedAt: NOW - daysAgo * DAY, advisorId: team.advisorId, notes }, 7)).id;
      const oldContact = await contact(400, 'old note about the customer');
      const recentContact = await contact(10, 'recent note');
      const sms = (daysAgo: number, text: string, status: 'delivered' | 'queued' = 'delivered') =>
        db.insertInto('sms_messages').values({
          id: newId(), survey_id: null, direction: 'out', purpose: 'thanks', msisdn: '+352621123456', text, status, encoding: null, parts: null,
          gateway_ids: null, error: null, attempts: 0, created_at: NOW - daysAgo * DAY, updated_at: NOW - daysAgo * DAY,
        }).execute();
      await sms(31, 'Merci Marie');
      await sms(31, 'waiting to leave', 'queued');
      await sms(29, 'Merci encore');
      await db.insertInto('survey_replies').values({ id: newId(), survey_id: null, msisdn: '+352621123456', text: '9 top', received_at: NOW - 45 * DAY, outcome: 'unmatched', parse: '{}' }).execute();
      // A response needs a survey; the comment's age is its reception.
      const versionId = (await db.selectFrom('survey_versions').select('id').executeTakeFirstOrThrow()).id;
      for (const [i, daysAgo] of [100, 20].entries()) {
        const interactionId = i === 0 ? oldContact : recentContact;
        const surveyId = newId();
        await db.insertInto('surveys').values({
          id: surveyId, interaction_id: interactionId, party_id: partyId, version_id: versionId, msisdn: '+352621123456', language: 'fr', status: 'answered',
          send_after: 0, sent_at: NOW - daysAgo * DAY, open_until: null, clarifications: 0, advisor_id: null, team_id: null, site_id: null, channel: 'shop',
          reason_code: null, segment: 'residential', contact_started_at: NOW - daysAgo * DAY, last_error: null, created_at: NOW - daysAgo * DAY,
        }).execute();
        await db.insertInto('survey_responses').values({
          id: newId(), survey_id: surveyId, interaction_id: interactionId, party_id: partyId, version_id: versionId, score: 9, scale_min: 1, scale_max: 10,
          promoter_min: 9, detractor_max: 6, category: 'promoter', resolved: null, comment: `comment ${daysAgo}`, language: 'fr', sent_at: NOW - daysAgo * DAY,
          received_at: NOW - daysAgo * DAY, advisor_id: null, team_id: null, site_id: null, channel: 'shop', reason_code: null,
          interaction_started_at: NOW - daysAgo * DAY, sentiment: 0.5, topics: '[]',
        }).execute();
      }

      await scheduleRetention(db, NOW);
      const logs: string[] = [];
      const handler = retentionHandler(db, RETENTION, { clock: () => NOW, log: (line) => logs.push(line) });
      const single = async () => ({ done: true as const });
      const worker = new Worker(storage, { 'privacy.retention': handler, 'interaction.ended': single, 'survey.send': single, 'sms.send': single, 'notification.send': single, 'complaint.acknowledged': single, 'complaint.answered': single, 'complaint.closed': single, 'followup.hot': single, 'followup.deadlines': single, 'complaint.rejected': single, 'complaint.deadlock': single, 'complaint.eight-weeks': single, 'attachment.blob-delete': single, 'sign-in.code': single, 'sign-in.email': single, 'plan-change.apply': single }, { log: () => {} });
      assert.equal(await worker.runOnce(NOW), 1);

      const texts = (await db.selectFrom('sms_messages').select('text').orderBy('created_at').orderBy('text').execute()).map((r) => r.text);
      assert.deepEqual(texts.sort(), ['', 'Merci encore', 'waiting to leave']);
      assert.equal((await db.selectFrom('survey_replies').select('text').executeTakeFirstOrThrow()).text, '');
      const comments = (await db.selectFrom('survey_responses').select(['comment', 'score']).orderBy('received_at').execute());
      assert.deepEqual(comments, [{ comment: null, score: 9 }, { comment: 'comment 20', score: 9 }]);
      const notes = await db.selectFrom('interactions').select(['id', 'notes']).orderBy('started_at').execute();
      assert.deepEqual(notes.map((n) => n.notes), [null, 'recent note']);

      assert.deepEqual(logs, ['retention 2026-12-10: blanked 1 SMS texts and 1 reply texts (older than 30 days), 1 comments (90 days), 1 contact notes (365 days)']);
      assert.ok(!logs.join().match(/Merci|comment 100|old note|\+352/));
      const jobs = await db.selectFrom('outbox').select(['ref_id', 'run_after', 'done_at']).where('topic', '=', 'privacy.retention').orderBy('ref_id').execute();
      assert.deepEqual(jobs.map((j) => [j.ref_id, j.done_at !== null]), [['2026-12-10', true], ['2026-12-11', false]]);
      assert.equal(Number(jobs[1]!.run_after), Date.UTC(2026, 11, 11, 2, 0, 0), 'the next run is at 03:00 in Luxembourg');

      // Started again the same day: today's purge is not run twice; nothing is due before tomorrow.
      await scheduleRetention(db, NOW + 3_600_000);
      assert.equal(await worker.runOnce(NOW + 3_600_000), 0);
      // Tomorrow: nothing more to blank, and counts say so.
      assert.equal(await worker.runOnce(Date.UTC(2026, 11, 11, 2, 30, 0)), 1);
      assert.match(logs[1]!, /^retention 2026-12-11: blanked 0 SMS texts and 0 reply texts .* 0 comments .* 0 contact notes/);
    });
  });
}
