import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { caseTimeline, findCase } from '../cases/case-service.js';
import { LiveHub, type ConsoleEvent } from '../http/live-hub.js';
import type { Storage } from '../storage/database.js';
import { actOnFollowup } from './followup-actions.js';
import { followupAlertHandler } from './followup-alerts.js';
import { followupDeadlinesHandler, hourRef, scheduleFollowupDeadlines } from './followup-escalation.js';
import { answerSurvey, seedFollowupWorld } from './followups.testkit.js';

/** Tuesday 1 December 2026, 10:00 in Luxembourg: a hot follow-up is due Wednesday 18:00, a cold one Thursday 18:00. */
const TUE_10 = Date.UTC(2026, 11, 1, 9, 0);
/** Thursday 3 December 2026, 09:30 in Luxembourg: past the hot deadline, before the cold one. */
const THU_0930 = Date.UTC(2026, 11, 3, 8, 30);
const HOUR = 3_600_000;

for (const engine of await testEngines()) {
  describe(`deadlines escalated and hot follow-ups pushed live, on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let world: Awaited<ReturnType<typeof seedFollowupWorld>>;
    const live = new LiveHub();
    const received: Record<string, ConsoleEvent[]> = {};
    const listen = (userId: string) => live.subscribe(userId, (event) => (received[userId] ??= []).push(event));
    before(async () => {
      storage = await engine.open();
      world = await seedFollowupWorld(storage.db);
      for (const person of [world.lead, world.siteLead, world.manager, world.advisor]) listen(person.id);
    });
    after(() => storage?.close());

    const followupOf = async (surveyId: string) => (await storage.db.selectFrom('followups').selectAll().where('survey_id', '=', surveyId).executeTakeFirstOrThrow()).case_id;

    it('pushes a hot follow-up to its assignee, or to its team’s leads when nobody holds it; a closed one to nobody', async () => {
      const hot = await followupOf((await answerSurvey(storage.db, world.advisor.id, '1 ILR', { receivedAt: TUE_10 })).surveyId);
      const handler = followupAlertHandler(storage.db, live);
      assert.deepEqual(await handler(`${hot}:1`, { id: 1, topic: 'followup.hot', refId: `${hot}:1`, attempts: 1 }), { done: true });
      const alert = received[world.lead.id]?.at(-1);
      assert.equal(alert?.event, 'followup.hot');
      assert.deepEqual(alert?.data, {
        id: hot, state: 'open', score: 1, hotReasons: ['score', 'keyword'], hotKeywords: ['ILR'], teamId: world.teamId, assigneeId: world.lead.id,
        openedAt: new Date(TUE_10).toISOString(), dueAt: new Date(Date.UTC(2026, 11, 2, 17, 0)).toISOString(), escalatedAt: null,
      });
      assert.equal(JSON.stringify(alert?.data).includes('Weber'), false, 'no personal data on the live stream');

      await actOnFollowup(storage.db, hot, 'assign', { assigneeId: null }, world.lead);
      const before = received[world.lead.id]!.length;
      await handler(`${hot}:2`, { id: 2, topic: 'followup.hot', refId: `${hot}:2`, attempts: 1 });
      assert.equal(received[world.lead.id]!.length, before + 1, 'unassigned: its team’s leads');
      assert.equal(received[world.advisor.id], undefined, 'advisors of the team are not told');

      await actOnFollowup(storage.db, hot, 'cancel', { reason: 'doublon' }, world.lead);
      await handler(`${hot}:3`, { id: 3, topic: 'followup.hot', refId: `${hot}:3`, attempts: 1 });
      assert.equal(received[world.lead.id]!.length, before + 1, 'closed meanwhile: not pushed');
    });

    it('escalates a missed deadline once, to the site’s lead, then to the CX managers when the site’s lead holds it; never a paused or closed one', async () => {
      const late = await followupOf((await answerSurvey(storage.db, world.advisor.id, '2 je vais résilier', { receivedAt: TUE_10 })).surveyId);
      const notYet = await followupOf((await answerSurvey(storage.db, world.advisor.id, '5', { receivedAt: TUE_10 })).surveyId);
      const theirs = await followupOf((await answerSurvey(storage.db, world.advisor.id, '3', { receivedAt: TUE_10 })).surveyId);
      await actOnFollowup(storage.db, theirs, 'assign', { assigneeId: world.siteLead.id }, world.manager);
      const paused = await followupOf((await answerSurvey(storage.db, world.advisor.id, '3', { receivedAt: TUE_10 })).surveyId);
      await actOnFollowup(storage.db, paused, 'pause', { reason: 'client en vacances' }, world.lead, { now: TUE_10 + HOUR });

      const logs: string[] = [];
      const handler = followupDeadlinesHandler(storage.db, { live, clock: () => THU_0930, log: (line) => logs.push(line) });
      await handler(hourRef(THU_0930), { id: 9, topic: 'followup.deadlines', refId: hourRef(THU_0930), attempts: 1 });

      const escalation = async (id: string) => (await caseTimeline(storage.db, id)).filter((e) => e.action === 'escalate').map((e) => e.data);
      assert.deepEqual(await escalation(late), [{ level: 'site_lead', to: world.siteLead.id, missedDueAt: Date.UTC(2026, 11, 2, 17, 0) }]);
      assert.deepEqual(await escalation(theirs), [{ level: 'cx_manager', to: null, missedDueAt: Date.UTC(2026, 11, 2, 17, 0) }]);
      assert.deepEqual(await escalation(notYet), []);
      assert.deepEqual(await escalation(paused), []);
      const row = await storage.db.selectFrom('followups').select(['escalated_at', 'escalated_to']).where('case_id', '=', late).executeTakeFirstOrThrow();
      assert.deepEqual([Number(row.escalated_at), row.escalated_to], [THU_0930, world.siteLead.id]);
      assert.equal((await findCase(storage.db, late))!.state, 'open', 'an escalation changes who knows, not the state');
      assert.deepEqual(received[world.siteLead.id]?.filter((e) => e.event === 'followup.escalated').map((e) => (e.data as { id: string }).id), [late]);
      assert.deepEqual(received[world.manager.id]?.filter((e) => e.event === 'followup.escalated').map((e) => (e.data as { id: string }).id), [theirs]);
      assert.deepEqual(logs, [`follow-ups ${hourRef(THU_0930)}: escalated 2 missed deadlines`]);

      const next = await storage.db.selectFrom('outbox').select(['ref_id', 'run_after']).where('topic', '=', 'followup.deadlines').execute();
      assert.deepEqual(next.map((j) => [j.ref_id, Number(j.run_after)]), [[hourRef(THU_0930 + HOUR), Date.UTC(2026, 11, 3, 9, 1)]], 'the next hour’s run is in the outbox');

      await handler(hourRef(THU_0930 + HOUR), { id: 10, topic: 'followup.deadlines', refId: hourRef(THU_0930 + HOUR), attempts: 1 });
      assert.equal((await escalation(late)).length, 1, 'once');

      await actOnFollowup(storage.db, late, 'attempt', { reached: false }, world.lead, { now: THU_0930 });
      await actOnFollowup(storage.db, late, 'cancel', { reason: 'erreur' }, world.lead, { now: THU_0930 });
      await actOnFollowup(storage.db, late, 'reopen', { reason: 'le client rappelle' }, world.lead, { now: THU_0930 });
      const friday = Date.UTC(2026, 11, 4, 18, 0);
      await followupDeadlinesHandler(storage.db, { live, clock: () => friday, log: () => {} })(hourRef(friday), { id: 11, topic: 'followup.deadlines', refId: hourRef(friday), attempts: 1 });
      assert.equal((await escalation(late)).length, 2, 'a reopened follow-up that misses its new deadline is escalated again');
    });

    it('schedules the run of the current hour at start, once', async () => {
      const at = Date.UTC(2026, 11, 7, 8, 20);
      await scheduleFollowupDeadlines(storage.db, at);
      await scheduleFollowupDeadlines(storage.db, at + 60_000);
      const jobs = await storage.db.selectFrom('outbox').select(['ref_id', 'run_after']).where('ref_id', '=', '2026-12-07T08').execute();
      assert.deepEqual(jobs.map((j) => Number(j.run_after)), [Date.UTC(2026, 11, 7, 8, 1)]);
    });
  });
}
