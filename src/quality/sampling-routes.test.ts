import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer } from '../../test/fixtures.js';
import { loadConfig } from '../config.js';
import { answerSurvey, seedFollowupWorld, seedPerson } from '../followups/followups.testkit.js';
import { recordInteraction } from '../interactions/interaction-service.js';
import { dayStart } from '../shared/calendar.js';
import { startServer, type RunningServer } from '../server/server.js';
import type { Storage } from '../storage/database.js';
import { drawSample, randomItems } from './sample-draw.js';
import { eligibleContacts, parsePeriod } from './sample-population.js';

const config = loadConfig({ demoMode: false });
type Caller = 'coach' | 'lead' | 'advisor';
const PERIOD = '2026-11';
const NOVEMBER = dayStart(20261102);
const CHANNELS = ['phone', 'email', 'chat'] as const;

for (const engine of await testEngines()) {
  describe(`quality samples over the API on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let headers: Record<Caller, Record<string, string>>;
    let world: Awaited<ReturnType<typeof seedFollowupWorld>>;
    const detractorContacts = new Set<string>();
    const api = async (caller: Caller, path: string, init: { method?: string; body?: unknown } = {}) => {
      const response = await fetch(`${server.url}/api/v1${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: { ...headers[caller], ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      const type = response.headers.get('content-type') ?? '';
      return { status: response.status, body: type.includes('json') ? await response.json() : await response.text() };
    };
    const login = async (email: string) => {
      const response = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'correct horse' }) });
      assert.equal(response.status, 200);
      return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]! };
    };
    const count = async (table: 'quality_samples' | 'quality_sample_items') => (await storage.db.selectFrom(table).select('id').execute()).length;

    before(async () => {
      storage = await engine.open();
      const db = storage.db;
      world = await seedFollowupWorld(db);
      const coach = await seedPerson(db, 'quality_coach', null, null, 'Claire Coach');
      // three detractor-rated calls of the first team's advisor, moved into November
      for (let i = 0; i < 3; i++) {
        const answered = await answerSurvey(db, world.advisor.id, '3');
        await db.updateTable('interactions').set({ started_at: NOVEMBER + i * 3_600_000, ended_at: NOVEMBER + i * 3_600_000 + 60_000 }).where('id', '=', answered.interactionId).execute();
        detractorContacts.add(answered.interactionId);
      }
      for (const advisorId of [world.advisor.id, world.otherAdvisorId]) {
        for (let i = 0; i < 12; i++) {
          const party = await seedCustomer(db, { lines: [], phones: [], emails: [] });
          const startedAt = NOVEMBER + 86_400_000 * (1 + i) + (i % 3) * 5 * 3_600_000;
          await recordInteraction(db, { partyId: party.id, channel: CHANNELS[i % 3]!, direction: 'inbound', reasonCode: i % 2 === 0 ? 'billing' : null, startedAt, endedAt: startedAt + 300_000, advisorId, resolved: i % 4 !== 0 }, 7);
        }
      }
      server = await startServer({ storage, config, port: 0 });
      headers = { coach: await login(coach.email), lead: await login(world.lead.email), advisor: await login(world.advisor.email) };
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    it('draws a seeded sample per advisor, the detractor oversample apart, and refuses a second draw of the period', async () => {
      const refused = await api('advisor', '/quality/samples', { body: { period: PERIOD } });
      assert.equal(refused.status, 403);
      const bad = await api('coach', '/quality/samples', { body: { period: '2026-13', perAdvisor: 4 } });
      assert.equal(bad.status, 400);
      assert.equal(await count('quality_samples'), 0);

      const drawn = await api('coach', '/quality/samples', { body: { period: PERIOD, seed: 'november-seed', perAdvisor: 4, oversample: 1 } });
      assert.equal(drawn.status, 201, JSON.stringify(drawn.body));
      const sample = drawn.body;
      assert.equal(sample.seed, 'november-seed');
      assert.equal(sample.populationSize, 27);
      const random = sample.items.filter((i: { kind: string }) => i.kind === 'random');
      const over = sample.items.filter((i: { kind: string }) => i.kind === 'detractor-oversample');
      assert.equal(random.length, 8);
      assert.equal(over.length, 1);
      assert.ok(detractorContacts.has(over[0].contactId));
      assert.equal(over[0].advisorId, world.advisor.id);
      assert.equal(over[0].stratum, 'detractor-oversample');
      assert.ok(!random.some((r: { contactId: string }) => r.contactId === over[0].contactId));
      // the team's margin counts the random items only
      assert.equal(sample.margin.n, 8);
      assert.equal(sample.margin.population, 27);

      // the pure draw over the period's contacts with the recorded seed gives the same items
      const population = await eligibleContacts(storage.db, parsePeriod(PERIOD), null);
      const again = drawSample(population, { seed: 'november-seed', perAdvisor: 4, oversample: 1 });
      assert.deepEqual(
        again.advisors.flatMap((a) => a.items.map((i) => `${i.kind}:${i.contactId}`)).sort(),
        sample.items.map((i: { kind: string; contactId: string }) => `${i.kind}:${i.contactId}`).sort(),
      );
      assert.equal(again.populationHash, sample.populationHash);
      assert.equal(randomItems(again.advisors.flatMap((a) => a.items)).length, 8);

      const twice = await api('coach', '/quality/samples', { body: { period: PERIOD } });
      assert.equal(twice.status, 409);
      assert.equal(twice.body.type.endsWith('sample-exists'), true);
      assert.equal(await count('quality_samples'), 1);

      const verified = await api('coach', `/quality/samples/${sample.id}/verify`, { method: 'POST' });
      assert.deepEqual([verified.status, verified.body.sampleMatches, verified.body.populationMatches], [200, true, true]);
    });

    it('shows a team lead their team’s items, an advisor none, and audits the customers shown', async () => {
      const [head] = (await api('coach', `/quality/samples?period=${PERIOD}`)).body.items;
      const lead = await api('lead', `/quality/samples/${head.id}`);
      assert.equal(lead.status, 200);
      assert.ok(lead.body.items.length > 0);
      assert.ok(lead.body.items.every((i: { advisorId: string }) => i.advisorId === world.advisor.id));
      const advisor = await api('advisor', `/quality/samples/${head.id}`);
      assert.equal(advisor.status, 200);
      assert.deepEqual(advisor.body.items, []);
      // with the seed an advisor could work out which of their own contacts were drawn
      assert.equal(advisor.body.seed, null);
      assert.equal((await api('advisor', `/quality/samples?period=${PERIOD}`)).body.items[0].seed, null);
      assert.equal(lead.body.seed, null);
      const audited = await storage.db.selectFrom('audit_log').select('party_id').where('via', '=', 'quality-samples').execute();
      assert.ok(audited.length >= lead.body.items.length);
      const csv = await api('coach', `/quality/samples/${head.id}/export.csv`);
      assert.equal(csv.status, 200);
      const lines = (csv.body as string).trim().split('\n');
      assert.match(lines[0]!, /^period,seed,advisor_id/);
      assert.equal(lines.length, 1 + 9);
    });

    it('replaces a drawn contact only with a reason, by the next contact of its stratum', async () => {
      const [head] = (await api('coach', `/quality/samples?period=${PERIOD}`)).body.items;
      const sample = (await api('coach', `/quality/samples/${head.id}`)).body;
      const item = sample.items.find((i: { kind: string; why: { stratumSize: number } }) => i.kind === 'random' && i.why.stratumSize > 1)
        ?? sample.items.find((i: { kind: string }) => i.kind === 'detractor-oversample');
      const before = await count('quality_sample_items');
      const noNote = await api('coach', `/quality/samples/${head.id}/items/${item.id}/replace`, { body: { reason: 'other' } });
      assert.equal(noNote.status, 400);
      assert.deepEqual(noNote.body.errors.map((e: { field: string }) => e.field), ['note']);
      const byLead = await api('lead', `/quality/samples/${head.id}/items/${item.id}/replace`, { body: { reason: 'wrong-advisor' } });
      assert.equal(byLead.status, 403);
      assert.equal(await count('quality_sample_items'), before);

      const replaced = await api('coach', `/quality/samples/${head.id}/items/${item.id}/replace`, { body: { reason: 'unusable-recording' } });
      assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
      const old = replaced.body.items.find((i: { id: string }) => i.id === item.id);
      const fresh = replaced.body.items.find((i: { replacesItemId: string | null }) => i.replacesItemId === item.id);
      assert.equal(old.replaced.reason, 'unusable-recording');
      assert.equal(fresh.stratum, item.stratum);
      assert.equal(fresh.kind, item.kind);
      assert.notEqual(fresh.contactId, item.contactId);
      assert.ok(!sample.items.some((i: { contactId: string }) => i.contactId === fresh.contactId));
      const again = await api('coach', `/quality/samples/${head.id}/items/${item.id}/replace`, { body: { reason: 'unusable-recording' } });
      assert.equal(again.status, 409);
    });

    it('draws a period again only once its sample is withdrawn with a reason, and sizes for a target margin', async () => {
      const [head] = (await api('coach', `/quality/samples?period=${PERIOD}`)).body.items;
      assert.equal((await api('coach', `/quality/samples/${head.id}/withdraw`, { body: { reason: '' } })).status, 400);
      const withdrawn = await api('coach', `/quality/samples/${head.id}/withdraw`, { body: { reason: 'drawn before the imports were complete' } });
      assert.equal(withdrawn.status, 200);
      assert.equal(withdrawn.body.withdrawn.reason, 'drawn before the imports were complete');
      const redrawn = await api('coach', '/quality/samples', { body: { period: PERIOD, seed: head.seed, perAdvisor: 4, oversample: 1 } });
      assert.equal(redrawn.status, 201);
      const plan = await api('coach', `/quality/samples/plan?period=${PERIOD}&perAdvisor=4&target=0.1`);
      assert.equal(plan.status, 200);
      assert.equal(plan.body.advisors, 2);
      assert.equal(plan.body.margin.n, 8);
      assert.ok(plan.body.margin.margin > 0.1);
      assert.ok(plan.body.target.size <= 27 && plan.body.target.perAdvisor === Math.ceil(plan.body.target.size / 2));
      assert.equal((await api('lead', `/quality/samples/plan?period=${PERIOD}`)).status, 403);
    });
  });
}
