import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import type { Actor } from '../auth/policies.js';
import { trainingEffect } from '../quality/training-effect.js';
import { trainingCompliance } from '../quality/trainings.js';
import type { Storage } from '../storage/database.js';
import { listCoachingSessions } from '../quality/coaching.js';
import { loadDemoCoaching } from './demo-coaching.js';
import { loadDemoQuality } from './demo-quality.js';
import { loadDemoSurveys } from './demo-surveys.js';
import { DEMO_LISTENING_TRAINING, loadDemoTrainings } from './demo-training.js';
import { loadDemo } from './load.js';

const NOW = Date.UTC(2026, 10, 20, 12);

for (const engine of await testEngines()) {
  describe(`the demo's trainings and coaching on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let coach: Actor;
    let coached = 0;
    before(async () => {
      storage = await engine.open();
      await loadDemo(storage, { customers: 1500, seed: 3, now: NOW });
      await loadDemoSurveys(storage, { seed: 3, now: NOW });
      const loaded = await loadDemoTrainings(storage, { seed: 3, now: NOW });
      assert.ok(loaded.trainings >= 5 && loaded.completions > 10, JSON.stringify(loaded));
      await loadDemoQuality(storage, { seed: 3, now: NOW });
      coached = (await loadDemoCoaching(storage, { now: NOW })).sessions;
      const row = await storage.db.selectFrom('users').select(['id', 'team_id']).where('role', '=', 'quality_coach').orderBy('id').executeTakeFirstOrThrow();
      coach = { kind: 'user', id: row.id, role: 'quality_coach', displayName: 'coach', teamId: row.team_id, language: 'fr' };
    });
    after(() => storage.close());

    it('shows the active-listening training followed by better quality scores, with the interval of the difference above zero', async () => {
      const { id } = await storage.db.selectFrom('trainings').select('id').where('code', '=', DEMO_LISTENING_TRAINING).executeTakeFirstOrThrow();
      const effect = await trainingEffect(storage.db, coach, id, { windowDays: 120, minResponses: 30 }, NOW);
      assert.ok(effect.people >= 5, `${effect.people} people`);
      assert.equal(effect.running, 0, 'completed seven months ago: both windows are over');
      assert.ok(effect.change.quality && effect.change.quality.interval.low > 0, JSON.stringify(effect.change.quality));
      assert.ok(effect.before.fcr.contacts > 0 && effect.after.fcr.contacts > 0);
    });

    it('has people overdue on data protection and others due on active listening', async () => {
      const rows = await trainingCompliance(storage.db, coach, {}, 30, NOW);
      assert.ok(rows.some((r) => r.requirement.training.code === 'RGPD-100' && r.status === 'overdue'));
      assert.ok(rows.some((r) => r.requirement.training.code === 'RGPD-100' && r.status === 'done'));
      assert.ok(rows.some((r) => r.requirement.training.code === DEMO_LISTENING_TRAINING && r.status === 'due'));
    });

    it('has coaching sessions six weeks old, each with one action done on time and one overdue', async () => {
      const sessions = await listCoachingSessions(storage.db, coach, {}, NOW);
      assert.ok(coached >= 3 && sessions.length === coached, `${coached} sessions, ${sessions.length} listed`);
      for (const s of sessions) {
        assert.ok(s.focus.length <= 2 && s.evaluationIds.length > 0);
        assert.deepEqual(s.actions.map((a) => [a.state, a.overdue]).sort(), [['done', false], ['open', true]]);
      }
    });
  });
}
