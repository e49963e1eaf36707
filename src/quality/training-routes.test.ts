import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callApi, loginHeaders } from '../../test/api-client.js';
import { testEngines } from '../../test/engines.js';
import { loadConfig } from '../config.js';
import { seedFollowupWorld, seedPerson } from '../followups/followups.testkit.js';
import { startServer, type RunningServer } from '../server/server.js';
import type { Storage } from '../storage/database.js';

const config = loadConfig({ demoMode: false });
type Caller = 'coach' | 'lead' | 'advisor' | 'manager';
const DAY = 86_400_000;

for (const engine of await testEngines()) {
  describe(`trainings and scorecards over the API on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let world: Awaited<ReturnType<typeof seedFollowupWorld>>;
    let cookies: Record<Caller, string>;
    const api = (caller: Caller, path: string, init: { method?: string; body?: unknown } = {}) => callApi(server.url, { cookie: cookies[caller] }, path, init);
    const login = async (email: string) => (await loginHeaders(server.url, email)).cookie;
    const count = async (table: 'trainings' | 'training_sessions' | 'training_attendance') => (await storage.db.selectFrom(table).selectAll().execute()).length;

    before(async () => {
      storage = await engine.open();
      world = await seedFollowupWorld(storage.db);
      const coach = await seedPerson(storage.db, 'quality_coach', null, null, 'Claire Coach');
      // everyone has been here for more than a year: no grace period after a due day in January
      await storage.db.updateTable('users').set({ created_at: Date.now() - 400 * DAY }).execute();
      server = await startServer({ storage, config, port: 0 });
      cookies = { coach: await login(coach.email), lead: await login(world.lead.email), advisor: await login(world.advisor.email), manager: await login(world.manager.email) };
    });
    after(async () => {
      await server.close();
      await storage.close();
    });

    it('builds the catalogue, refuses bad input with its fields and writes nothing', async () => {
      const created = await api('coach', '/quality/trainings', { body: { code: 'FIBRE-101', title: 'La fibre expliquée', kind: 'product', audiences: ['call_centre'], durationMinutes: 180 } });
      assert.equal(created.status, 201);
      const again = await api('manager', '/quality/trainings', { body: { code: 'FIBRE-101', title: 'Autre', kind: 'process', audiences: ['shop'], durationMinutes: 60 } });
      assert.equal(again.status, 409);
      assert.equal(again.body.errors[0].code, 'duplicate-code');
      const bad = await api('coach', '/quality/trainings', { body: { code: 'with space', title: '', kind: 'tuto', audiences: [], durationMinutes: 0 } });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.errors.map((f: { field: string }) => f.field).sort(), ['audiences', 'code', 'durationMinutes', 'kind', 'title']);
      assert.equal((await api('advisor', '/quality/trainings', { body: { code: 'X', title: 'X', kind: 'process', audiences: ['shop'], durationMinutes: 60 } })).status, 403);
      assert.equal(await count('trainings'), 1);

      const session = await api('coach', '/quality/training-sessions', { body: { trainingId: created.body.id, startsAt: new Date(Date.now() - 2 * DAY).toISOString(), endsAt: new Date(Date.now() - 2 * DAY + 3 * 3_600_000).toISOString(), place: 'Gasperich', capacity: 10 } });
      assert.equal(session.status, 201);
      const refused = await api('coach', `/quality/training-sessions/${session.body.id}/attendance`, { body: { changes: [{ userId: world.advisor.id, status: 'completed' }, { userId: 'nobody', status: 'enrolled' }] } });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.errors[0].field, 'changes.1.userId');
      assert.equal(await count('training_attendance'), 0, 'nothing half-written');
      const done = await api('coach', `/quality/training-sessions/${session.body.id}/attendance`, { body: { changes: [{ userId: world.advisor.id, status: 'completed' }, { userId: world.otherAdvisorId, status: 'absent' }] } });
      assert.equal(done.status, 200);
      assert.deepEqual(done.body.attendees.map((a: { status: string }) => a.status).sort(), ['absent', 'completed']);
      const seenByLead = await api('lead', `/quality/training-sessions/${session.body.id}`);
      assert.deepEqual(seenByLead.body.attendees.map((a: { userId: string }) => a.userId), [world.advisor.id], "the lead sees their team's attendee only");

      const requirement = await api('coach', '/quality/training-requirements', { body: { trainingId: created.body.id, role: 'advisor', dueDate: '2026-01-31' } });
      assert.equal(requirement.status, 201);
      const overdue = await api('manager', '/quality/training-compliance?status=overdue');
      assert.deepEqual(overdue.body.items.map((r: { person: { id: string } }) => r.person.id), [world.otherAdvisorId]);
      const csv = await api('manager', '/quality/training-compliance?format=csv');
      assert.match(csv.type, /text\/csv/);
      const lines = (csv.body as string).trim().split('\n');
      assert.equal(lines[0], 'person,role,team,training_code,training,due_date,status,completed_at');
      assert.equal(lines.length, 3);
      assert.ok(lines.some((l) => l.includes(',done,')) && lines.some((l) => l.includes(',overdue,')));
      assert.equal((await api('advisor', '/quality/training-compliance')).body.items.length, 1, 'an advisor sees their own row');
    });

    it("serves the advisor's scorecard to them and their lead, the team's to the lead, and refuses the rest", async () => {
      assert.equal((await api('advisor', `/quality/advisors/${world.advisor.id}/scorecard`)).status, 200);
      const card = await api('lead', `/quality/advisors/${world.advisor.id}/scorecard?from=2026-01-01&to=2026-03-31`);
      assert.equal(card.status, 200);
      assert.deepEqual([card.body.from, card.body.to], ['2026-01-01', '2026-03-31']);
      assert.equal(card.body.trainings[0].training.code, 'FIBRE-101');
      assert.equal((await api('advisor', `/quality/advisors/${world.otherAdvisorId}/scorecard`)).status, 404);
      assert.equal((await api('manager', `/quality/advisors/${world.advisor.id}/scorecard`)).status, 404);
      const bad = await api('lead', `/quality/advisors/${world.advisor.id}/scorecard?from=2026-04-01&to=2026-03-01`);
      assert.equal(bad.status, 400);
      assert.equal(bad.body.errors[0].code, 'from-after-to');
      const team = await api('lead', `/quality/teams/${world.teamId}/scorecard`);
      assert.equal(team.status, 200);
      assert.ok(team.body.advisors.some((a: { id: string }) => a.id === world.advisor.id));
      assert.deepEqual((await api('manager', `/quality/teams/${world.teamId}/scorecard`)).body.advisors, []);
      assert.equal((await api('advisor', `/quality/teams/${world.teamId}/scorecard`)).status, 403);
      const csv = await api('lead', `/quality/teams/${world.teamId}/scorecard?format=csv`);
      assert.match((csv.body as string).split('\n')[0]!, /^advisor,evaluations,quality,/);
      assert.match(csv.body as string, /\(total\)/);
    });
  });
}
