import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import type { Actor } from '../auth/policies.js';
import { recordInteraction } from '../interactions/interaction-service.js';
import type { Storage } from '../storage/database.js';
import { handleInboundSms } from '../surveys/survey-replies.js';
import { presentCard } from './customer-presenters.js';
import { createCustomer, getCustomerCard, recognizeByPhone, searchCustomers } from './customer-service.js';

const DAY = 86_400_000;

for (const engine of await testEngines()) {
  describe(`customers on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let actor: Actor;
    let team: Awaited<ReturnType<typeof seedTeam>>;
    before(async () => {
      storage = await engine.open();
      team = await seedTeam(storage.db);
      actor = { kind: 'user', id: team.advisorId, role: 'advisor', displayName: 'Anne Schmit', teamId: team.teamId, language: 'fr' };
    });
    after(() => storage?.close());

    it('shows a STOP by SMS on the card: the number, when and the keyword, beside a survey consent left as it was; START lifts it', async () => {
      const { id } = await seedCustomer(storage.db, { familyName: 'Opt-Out', lines: [{ msisdn: '+352 621 555 010', plan: 'Love Duo' }, { msisdn: '+352 621 555 011', plan: 'Love Duo' }], phones: [], emails: [] });
      const card = () => getCustomerCard(storage.db, id, { actor, via: 'card' }, { language: 'fr', fcrWindowDays: 7 });
      const before = await card();
      assert.deepEqual(before.optOuts, []);
      const consentBefore = before.customer.consents.surveys;
      const at = Date.parse('2027-01-12T09:30:00Z');
      const stop = await handleInboundSms(storage.db, { from: '+352 621 555 011', to: 'ECOUTE', text: 'STOP', receivedAt: at });
      assert.equal(stop.outcome, 'opt_out');
      const after = presentCard(await card());
      assert.deepEqual(after.optOuts, [{ msisdn: '+352621555011', at: '2027-01-12T09:30:00.000Z', keyword: 'STOP' }]);
      // The consent itself is what the customer told us; the opt-out is shown beside it.
      assert.equal(after.customer.consents.surveys, consentBefore);
      // Another customer's opt-out is not on this card.
      await handleInboundSms(storage.db, { from: '+352 621 999 998', to: 'ECOUTE', text: 'STOP', receivedAt: at + 1 });
      assert.equal((await card()).optOuts.length, 1);
      const start = await handleInboundSms(storage.db, { from: '+352 621 555 011', to: 'ECOUTE', text: 'START', receivedAt: at + 2 });
      assert.equal(start.outcome, 'opt_in');
      assert.deepEqual((await card()).optOuts, []);
    });

    it('recognises a customer from every usual spelling of the number and audits each read', async () => {
      const { id } = await seedCustomer(storage.db);
      for (const spelling of ['+352 621 123 456', '00352621123456', '621123456']) {
        const result = await recognizeByPhone(storage.db, spelling, { actor, via: 'recognize' }, { language: 'fr', fcrWindowDays: 7 });
        assert.equal(result.card.customer.id, id);
        assert.equal(result.matchedBy, 'line');
        assert.equal(result.phone, '+352621123456');
        assert.equal(result.card.accounts[0]?.lines[0]?.plan, 'Love Duo');
      }
      const landline = await recognizeByPhone(storage.db, '26 12 34 56', { actor, via: 'recognize' }, { language: 'fr', fcrWindowDays: 7 });
      assert.equal(landline.card.customer.id, id);
      assert.equal(landline.matchedBy, 'contact_point');
      const audit = await storage.db.selectFrom('audit_log').selectAll().where('party_id', '=', id).execute();
      assert.equal(audit.length, 4);
      assert.ok(audit.every((row) => row.actor_id === team.advisorId && row.via === 'recognize' && row.action === 'customer.read'));
    });

    it('answers 404 for an unknown number and 400 for an invalid one', async () => {
      await assert.rejects(
        recognizeByPhone(storage.db, '+352 691 000 001', { actor, via: 'recognize' }, { language: 'fr', fcrWindowDays: 7 }),
        (error: any) => error.status === 404 && /No customer has the number \+352691000001/.test(error.message),
      );
      await assert.rejects(
        recognizeByPhone(storage.db, '62x', { actor, via: 'recognize' }, { language: 'fr', fcrWindowDays: 7 }),
        (error: any) => error.status === 400 && error.fields[0].field === 'phone',
      );
    });

    it('shows the last 20 contacts on every channel, newest first, and flags recent and business customers', async () => {
      const manager = team.advisorId;
      const { id } = await createCustomer(storage.db, {
        kind: 'organisation',
        organisationName: 'Boulangerie Hoffmann SARL',
        preferredLanguage: 'de',
        segment: 'business',
        accountManagerId: manager,
        lines: [{ msisdn: '+352 691 555 111', plan: 'Business Pro' }],
      });
      const now = Date.now();
      const channels = ['phone', 'shop', 'email', 'chat', 'app', 'web', 'social'] as const;
      for (let i = 0; i < 25; i++) {
        await recordInteraction(storage.db, {
          partyId: id,
          channel: channels[i % channels.length]!,
          direction: 'inbound',
          reasonCode: 'billing',
          startedAt: now - (25 - i) * DAY,
          endedAt: now - (25 - i) * DAY + 300_000,
          advisorId: team.advisorId,
          resolved: true,
        }, 7);
      }
      const card = await getCustomerCard(storage.db, id, { actor, via: 'card' }, { language: 'de', fcrWindowDays: 7, now });
      assert.equal(card.interactions.length, 20);
      assert.equal(card.interactions[0]?.startedAt, new Date(now - DAY).toISOString());
      assert.deepEqual(new Set(card.interactions.map((i) => i.channel)), new Set(channels));
      assert.equal(card.interactions[0]?.reason?.label, 'Rechnung');
      assert.equal(card.interactions[0]?.team?.name, 'Hotline Mobile');
      assert.equal(card.segment, 'business');
      assert.equal(card.accounts[0]?.accountManager?.id, manager);
      assert.deepEqual(card.flags, { repeatContact: true, recentContacts: 7, windowDays: 7, businessAccount: true });
    });

    it('searches by name without accents, by customer number and by phone', async () => {
      const { customerNumber, id } = await seedCustomer(storage.db, {
        givenName: 'Léa',
        familyName: 'Müller',
        lines: [{ msisdn: '+352 661 222 333', plan: 'Kids' }],
        phones: [],
      });
      const ids = async (q: string) => (await searchCustomers(storage.db, q, 10)).items.map((c) => c.id);
      assert.ok((await ids('muller')).includes(id));
      assert.ok((await ids('lea mul')).includes(id));
      assert.ok((await ids('MÜLLER')).includes(id));
      assert.deepEqual(await ids(customerNumber), [id]);
      assert.deepEqual(await ids('661 222 333'), [id]);
      await assert.rejects(searchCustomers(storage.db, 'a', 10), /at least 2 letters or digits/);
      // Wildcards are no letters, and match only themselves.
      await assert.rejects(searchCustomers(storage.db, '%%', 10), /at least 2 letters or digits/);
      await assert.rejects(searchCustomers(storage.db, '__', 10), /at least 2 letters or digits/);
      assert.deepEqual(await ids('m_ller'), []);
    });

    it('refuses a line that already belongs to someone, and writes nothing', async () => {
      const before = await storage.db.selectFrom('parties').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      await assert.rejects(seedCustomer(storage.db, { familyName: 'Doublon' }), /already belongs/);
      const afterCount = await storage.db.selectFrom('parties').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(afterCount.n), Number(before.n));
    });
  });
}
