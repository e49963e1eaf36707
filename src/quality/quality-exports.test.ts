import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callApi, loginHeaders } from '../../test/api-client.js';
import { testEngines } from '../../test/engines.js';
import { seedEndedCalls } from '../../test/fixtures.js';
import { loadConfig } from '../config.js';
import { seedFollowupWorld, seedPerson } from '../followups/followups.testkit.js';
import { startServer, type RunningServer } from '../server/server.js';
import type { Storage } from '../storage/database.js';

const KEYS = ['greeting', 'identity-verified', 'needs', 'rephrasing', 'correct-information', 'resolution', 'respect', 'tone', 'summary', 'logged', 'proactive-offer'];
type Caller = 'coach' | 'lead' | 'advisor';

/** The CSV exports of coaching and calibration (docs/quality.md): what each reader may see, nothing more. */
for (const engine of await testEngines()) {
  describe(`quality exports on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let world: Awaited<ReturnType<typeof seedFollowupWorld>>;
    let cookies: Record<Caller, string>;
    let coachName: string;
    const api = (caller: Caller, path: string, init: { method?: string; body?: unknown } = {}) => callApi(server.url, { cookie: cookies[caller] }, path, init);
    const login = async (email: string) => (await loginHeaders(server.url, email)).cookie;

    before(async () => {
      storage = await engine.open();
      world = await seedFollowupWorld(storage.db);
      coachName = 'Claire Coach';
      const coach = await seedPerson(storage.db, 'quality_coach', null, null, coachName);
      server = await startServer({ storage, config: loadConfig({ demoMode: false }), port: 0 });
      cookies = { coach: await login(coach.email), lead: await login(world.lead.email), advisor: await login(world.advisor.email) };
    });
    after(async () => {
      await server.close();
      await storage.close();
    });

    it('exports coaching sessions with their focus named, to those who may read them', async () => {
      const created = await api('lead', '/quality/coaching', { body: { advisorId: world.advisor.id, focus: ['needs'], notes: 'Questions ouvertes', actions: [{ text: 'Reformuler', dueDate: '2099-01-31' }] } });
      assert.equal(created.status, 201);
      const csv = (await api('advisor', '/quality/coaching?format=csv')).body as string;
      const [head, row, ...rest] = csv.trim().split('\n');
      assert.equal(head, 'held_at,advisor,coach,focus,actions,done,open,overdue,dropped,notes');
      assert.deepEqual(rest, []);
      assert.match(row!, /Anne Schmit,Luc Hoffmann,.*,1,0,1,0,0,Questions ouvertes$/);
      assert.ok(!row!.includes(',needs,'), 'the focus by its name, not its key');
      const other = (await api('lead', `/quality/coaching?format=csv&advisor=${world.otherAdvisorId}`)).body as string;
      assert.equal(other.trim().split('\n').length, 1, 'nothing of another team');
    });

    it("exports a calibration's scores: one's own while open, every evaluator by letter once revealed", async () => {
      const calls = await seedEndedCalls(storage.db, 2, world.advisor.id, 700_000);
      const evaluators = (await api('coach', '/quality/calibration-evaluators')).body.items as { id: string; role: string }[];
      const ids = evaluators.filter((e) => e.role === 'quality_coach' || e.id === world.lead.id).map((e) => e.id);
      const session = await api('coach', '/quality/calibrations', { body: { title: 'Export', interactionIds: calls.map((c) => c.interactionId), evaluatorIds: ids } });
      assert.equal(session.status, 201, JSON.stringify(session.body));
      for (const [caller, answer] of [['coach', 'yes'], ['lead', 'no']] as const) {
        for (const c of calls) {
          const saved = await api(caller, `/quality/calibrations/${session.body.id}/scores/${c.interactionId}`, { method: 'PUT', body: { answers: KEYS.map((criterion) => ({ criterion, answer: criterion === 'greeting' ? answer : 'yes' })) } });
          assert.equal(saved.status, 200, JSON.stringify(saved.body));
        }
      }
      const open = ((await api('lead', `/quality/calibrations/${session.body.id}/export.csv`)).body as string).trim().split('\n');
      assert.equal(open[0], 'contact_id,contact_at,channel,evaluator,score,critical_failures,reference_score');
      assert.equal(open.length, 3, "while open: the lead's own two scores");
      assert.equal((await api('coach', `/quality/calibrations/${session.body.id}/reveal`, { body: {} })).status, 200);
      const revealed = ((await api('lead', `/quality/calibrations/${session.body.id}/export.csv`)).body as string).trim().split('\n');
      assert.equal(revealed.length, 1 + 2 * ids.length);
      assert.ok(!revealed.join('\n').includes(coachName), "another evaluator's name is not given to the lead");
      assert.equal((await api('advisor', `/quality/calibrations/${session.body.id}/export.csv`)).status, 403);
    });
  });
}
