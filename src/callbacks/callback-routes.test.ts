import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callApi, loginHeaders } from '../../test/api-client.js';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import { openCase } from '../cases/case-service.js';
import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from '../server/server.js';
import { customerSignIn } from '../self-service/self-service.testkit.js';
import type { Storage } from '../storage/database.js';
import { CALLBACK } from './callback-kind.js';
import { CALLBACKS_PER_SLOT } from './callback-slots.js';

const OWN = '+352621720001';
const OTHERS = '+352621720002';

for (const engine of await testEngines()) {
  describe(`callbacks asked for in the customer app on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let teamId: string;
    let ownId: string;
    let otherId: string;
    let advisor: { cookie: string };
    let stranger: { cookie: string };
    let advisorId: string;

    before(async () => {
      storage = await engine.open();
      const team = await seedTeam(storage.db);
      teamId = team.teamId;
      advisorId = team.advisorId;
      ownId = (await seedCustomer(storage.db, { familyName: 'Rappel', lines: [{ msisdn: OWN, plan: 'Love Duo' }], phones: [], emails: [] })).id;
      otherId = (await seedCustomer(storage.db, { familyName: 'Andere', lines: [{ msisdn: OTHERS, plan: 'Love Duo' }], phones: [], emails: [] })).id;
      server = await startServer({ storage, config: loadConfig({ demoMode: true }), port: 0 });
      const email = async (id: string) => (await storage.db.selectFrom('users').select('email').where('id', '=', id).executeTakeFirstOrThrow()).email;
      advisor = await loginHeaders(server.url, await email(team.advisorId));
      // another team's advisor: the first team takes what the app asks
      stranger = await loginHeaders(server.url, await email((await seedTeam(storage.db, 'Boutique Kirchberg')).advisorId));
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    const signIn = async (msisdn: string) => ({ cookie: (await customerSignIn(server.url, storage, msisdn)).cookie });

    /** Cancels every callback still open, so that each test starts with none. */
    async function noneOpen(me: { cookie: string }) {
      for (const c of (await callApi(server.url, me, '/my/callbacks')).body.items) {
        if (c.state === 'requested') assert.equal((await callApi(server.url, me, `/my/callbacks/${c.id}/cancel`, { method: 'POST' })).status, 200);
      }
    }

    it('offers slots within opening hours, from an hour after now; a request becomes a case in the team’s queue due at the slot’s end', async () => {
      const me = await signIn(OWN);
      const slots = await callApi(server.url, me, '/my/callback-slots');
      assert.equal(slots.status, 200);
      assert.equal(slots.body.timeZone, 'Europe/Luxembourg');
      assert.ok(slots.body.items.length > 0);
      assert.ok(slots.body.items.every((s: { start: string }) => Date.parse(s.start) >= Date.now() + 3_590_000));
      const slot = slots.body.items[1];
      const asked = await callApi(server.url, me, '/my/callbacks', { body: { slotStart: slot.start, topic: 'My roaming bill' } });
      assert.equal(asked.status, 201, JSON.stringify(asked.body));
      assert.deepEqual(
        { state: asked.body.state, slotStart: asked.body.slotStart, slotEnd: asked.body.slotEnd, msisdn: asked.body.msisdn, topic: asked.body.topic },
        { state: 'requested', slotStart: slot.start, slotEnd: slot.end, msisdn: OWN, topic: 'My roaming bill' },
      );
      const stored = await storage.db
        .selectFrom('cases').innerJoin('case_events', 'case_events.case_id', 'cases.id')
        .select(['cases.kind', 'cases.team_id', 'cases.due_at', 'cases.party_id', 'case_events.actor_kind'])
        .where('cases.id', '=', asked.body.id).executeTakeFirstOrThrow();
      assert.deepEqual({ ...stored, due_at: Number(stored.due_at) }, { kind: 'callback', team_id: teamId, due_at: Date.parse(slot.end), party_id: ownId, actor_kind: 'customer' });
      const queue = await callApi(server.url, advisor, '/callbacks?tab=team');
      assert.equal(queue.status, 200);
      const listed = queue.body.items.find((c: { id: string }) => c.id === asked.body.id);
      assert.deepEqual({ name: listed.customer.name, msisdn: listed.msisdn, topic: listed.topic, dueAt: listed.dueAt }, { name: 'Marie Rappel', msisdn: OWN, topic: 'My roaming bill', dueAt: slot.end });
      const trail = await storage.db.selectFrom('audit_log').select('party_id').where('via', '=', 'callbacks').execute();
      assert.ok(trail.some((r) => r.party_id === ownId), 'the queue’s read of the customer is audited');
      assert.deepEqual((await callApi(server.url, stranger, '/callbacks?tab=team')).body.items, [], 'another team does not see it');
      await noneOpen(me);
    });

    it('refuses a second open callback (409), a slot not offered and another’s line (400), writing nothing', async () => {
      const me = await signIn(OWN);
      const slots = (await callApi(server.url, me, '/my/callback-slots')).body.items;
      assert.equal((await callApi(server.url, me, '/my/callbacks', { body: { slotStart: slots[2].start, msisdn: OWN } })).status, 201);
      const before = (await callApi(server.url, me, '/my/callbacks')).body.items.length;
      const twice = await callApi(server.url, me, '/my/callbacks', { body: { slotStart: slots[3].start } });
      assert.equal(twice.status, 409);
      assert.match(twice.body.type, /callback-already-open$/);
      await noneOpen(me);
      const sunday = new Date(Date.parse(slots[0].start));
      sunday.setUTCDate(sunday.getUTCDate() + ((7 - sunday.getUTCDay()) % 7 || 7));
      const refused = await callApi(server.url, me, '/my/callbacks', { body: { slotStart: sunday.toISOString(), msisdn: OTHERS } });
      assert.equal(refused.status, 400);
      assert.deepEqual(refused.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]), [['slotStart', 'slot-not-offered'], ['msisdn', 'not-your-line']]);
      const past = await callApi(server.url, me, '/my/callbacks', { body: { slotStart: new Date(Date.parse(slots[0].start) - 7 * 86_400_000).toISOString() } });
      assert.deepEqual(past.body.errors.map((e: { code: string }) => e.code), ['slot-not-offered']);
      assert.equal((await callApi(server.url, me, '/my/callbacks')).body.items.length, before);
    });

    it('stops offering a slot once the team has its requests for it', async () => {
      const me = await signIn(OWN);
      const slot = (await callApi(server.url, me, '/my/callback-slots')).body.items[5];
      const other = await storage.db.selectFrom('lines').select('id').where('msisdn', '=', OTHERS).executeTakeFirstOrThrow();
      for (let i = 0; i < CALLBACKS_PER_SLOT; i++) {
        const opened = await openCase(storage.db, CALLBACK, { partyId: otherId, teamId, dueAt: Date.parse(slot.end) }, 'system');
        await storage.db.insertInto('callbacks').values({ case_id: opened.id, line_id: other.id, slot_start: Date.parse(slot.start), slot_end: Date.parse(slot.end), topic: null, requested_via: 'app', outcome: null, attempts: 0, done_at: null }).execute();
      }
      const after = (await callApi(server.url, me, '/my/callback-slots')).body.items.map((s: { start: string }) => s.start);
      assert.ok(!after.includes(slot.start));
      const full = await callApi(server.url, me, '/my/callbacks', { body: { slotStart: slot.start } });
      assert.deepEqual(full.body.errors.map((e: { code: string }) => e.code), ['slot-not-offered']);
    });

    it('gives a slot’s last place to one of two requests made at once, and one customer asking twice at once one callback', async () => {
      const me = await signIn(OWN);
      const other = await signIn(OTHERS);
      await noneOpen(me);
      await noneOpen(other);
      const slot = (await callApi(server.url, me, '/my/callback-slots')).body.items[7];
      const otherLine = await storage.db.selectFrom('lines').select('id').where('msisdn', '=', OTHERS).executeTakeFirstOrThrow();
      for (let i = 0; i < CALLBACKS_PER_SLOT - 1; i++) {
        const opened = await openCase(storage.db, CALLBACK, { partyId: otherId, teamId, dueAt: Date.parse(slot.end) }, 'system');
        await storage.db.insertInto('callbacks').values({ case_id: opened.id, line_id: otherLine.id, slot_start: Date.parse(slot.start), slot_end: Date.parse(slot.end), topic: null, requested_via: 'app', outcome: null, attempts: 0, done_at: null }).execute();
      }
      const both = await Promise.all([me, other].map((who) => callApi(server.url, who, '/my/callbacks', { body: { slotStart: slot.start } })));
      assert.deepEqual(both.map((r) => r.status).sort(), [201, 400]);
      const inSlot = await storage.db.selectFrom('callbacks').select((eb) => eb.fn.countAll<number>().as('n')).where('slot_start', '=', Date.parse(slot.start)).executeTakeFirstOrThrow();
      assert.equal(Number(inSlot.n), CALLBACKS_PER_SLOT);
      await noneOpen(me);
      await noneOpen(other);

      const slots = (await callApi(server.url, me, '/my/callback-slots')).body.items;
      const twice = await Promise.all([slots[8], slots[9]].map((s: { start: string }) => callApi(server.url, me, '/my/callbacks', { body: { slotStart: s.start } })));
      assert.deepEqual(twice.map((r) => r.status).sort(), [201, 409]);
      const open = (await callApi(server.url, me, '/my/callbacks')).body.items.filter((c: { state: string }) => c.state === 'requested');
      assert.equal(open.length, 1);
      await noneOpen(me);
    });

    it('lets the customer cancel their own open callback; another customer neither sees nor cancels it (404)', async () => {
      const me = await signIn(OWN);
      const slot = (await callApi(server.url, me, '/my/callback-slots')).body.items[0];
      const asked = await callApi(server.url, me, '/my/callbacks', { body: { slotStart: slot.start } });
      assert.equal(asked.status, 201);
      const other = await signIn(OTHERS);
      assert.ok(!(await callApi(server.url, other, '/my/callbacks')).body.items.some((c: { id: string }) => c.id === asked.body.id));
      assert.equal((await callApi(server.url, other, `/my/callbacks/${asked.body.id}/cancel`, { method: 'POST' })).status, 404);
      const cancelled = await callApi(server.url, me, `/my/callbacks/${asked.body.id}/cancel`, { method: 'POST' });
      assert.equal(cancelled.status, 200);
      assert.deepEqual([cancelled.body.state, cancelled.body.outcome], ['cancelled', 'cancelled']);
      const again = await callApi(server.url, me, `/my/callbacks/${asked.body.id}/cancel`, { method: 'POST' });
      assert.equal(again.status, 409);
      const event = await storage.db.selectFrom('case_events').select(['actor_kind', 'to_state']).where('case_id', '=', asked.body.id).where('action', '=', 'cancel').executeTakeFirstOrThrow();
      assert.deepEqual(event, { actor_kind: 'customer', to_state: 'cancelled' });
      assert.ok(!(await callApi(server.url, advisor, '/callbacks')).body.items.some((c: { id: string }) => c.id === asked.body.id), 'no longer in the queue');
    });

    it('lets the team record an attempt that keeps it open, then one that reaches the customer; another team’s advisor gets 404', async () => {
      const me = await signIn(OWN);
      await noneOpen(me);
      const slot = (await callApi(server.url, me, '/my/callback-slots')).body.items[0];
      const { id } = (await callApi(server.url, me, '/my/callbacks', { body: { slotStart: slot.start } })).body;
      assert.equal((await callApi(server.url, stranger, `/callbacks/${id}/actions`, { body: { action: 'attempt' } })).status, 404);
      const missed = await callApi(server.url, advisor, `/callbacks/${id}/actions`, { body: { action: 'attempt', reached: false, note: 'Voicemail' } });
      assert.equal(missed.status, 200, JSON.stringify(missed.body));
      assert.deepEqual([missed.body.state, missed.body.attempts, missed.body.outcome, missed.body.assigneeId], ['requested', 1, null, advisorId]);
      assert.ok((await callApi(server.url, advisor, '/callbacks?tab=mine')).body.items.some((c: { id: string }) => c.id === id), 'the advisor took it');
      assert.equal((await callApi(server.url, advisor, `/callbacks/${id}/actions`, { body: { action: 'cancel' } })).status, 400, 'a cancel says why');
      const reached = await callApi(server.url, advisor, `/callbacks/${id}/actions`, { body: { action: 'attempt', reached: true } });
      assert.deepEqual([reached.body.state, reached.body.attempts, reached.body.outcome, reached.body.dueAt], ['done', 2, 'reached', null]);
      assert.equal((await callApi(server.url, advisor, `/callbacks/${id}/actions`, { body: { action: 'done' } })).status, 409);
      const mine = (await callApi(server.url, me, '/my/callbacks')).body.items.find((c: { id: string }) => c.id === id);
      assert.deepEqual([mine.state, mine.outcome], ['done', 'reached']);
      const actions = await storage.db.selectFrom('case_events').select('action').where('case_id', '=', id).orderBy('at').orderBy('id').execute();
      assert.deepEqual(actions.map((a) => a.action), ['opened', 'take', 'attempt', 'done']);
    });

    it('lets the team close one unreached, or cancel one with a note', async () => {
      const me = await signIn(OWN);
      const slots = (await callApi(server.url, me, '/my/callback-slots')).body.items;
      const first = (await callApi(server.url, me, '/my/callbacks', { body: { slotStart: slots[0].start } })).body.id;
      const given = await callApi(server.url, advisor, `/callbacks/${first}/actions`, { body: { action: 'done', reached: false } });
      assert.deepEqual([given.body.state, given.body.outcome, given.body.attempts], ['done', 'not_reached', 0]);
      const second = (await callApi(server.url, me, '/my/callbacks', { body: { slotStart: slots[1].start } })).body.id;
      const cancelled = await callApi(server.url, advisor, `/callbacks/${second}/actions`, { body: { action: 'cancel', note: 'Settled in the shop' } });
      assert.deepEqual([cancelled.body.state, cancelled.body.outcome], ['cancelled', 'cancelled']);
    });

    it('keeps customers and staff apart on callbacks', async () => {
      const me = await signIn(OWN);
      assert.equal((await callApi(server.url, me, '/callbacks')).status, 401);
      assert.equal((await callApi(server.url, advisor, '/my/callbacks')).status, 401);
    });
  });
}
