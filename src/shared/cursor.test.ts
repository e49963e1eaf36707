import assert from 'node:assert/strict';
import { after as afterAll, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { createApiToken } from '../auth/auth-service.js';
import { loadConfig } from '../config.js';
import { loadDemo } from '../demo/load.js';
import { startServer, type RunningServer } from '../server/server.js';
import type { Storage } from '../storage/database.js';
import { parseBefore } from './cursor.js';
import { newId } from './ids.js';

describe('a before parameter', () => {
  it('is a next cursor or a time with its offset', () => {
    assert.deepEqual(parseBefore('1764150000000:0193a1b2-0000-7000-8000-000000000001'), { at: 1764150000000, key: '0193a1b2-0000-7000-8000-000000000001' });
    assert.deepEqual(parseBefore('1764150000000:+352621123456'), { at: 1764150000000, key: '+352621123456' });
    assert.deepEqual(parseBefore('2026-11-26T09:30:00+01:00'), { at: Date.UTC(2026, 10, 26, 8, 30) });
    assert.deepEqual(parseBefore('2026-11-26T08:30:00.250Z'), { at: Date.UTC(2026, 10, 26, 8, 30, 0, 250) });
  });

  it('names the parameter when it is neither', () => {
    for (const bad of ['yesterday', '2026-11-26', '2026-11-26T09:30:00', '2026-13-40T09:30:00Z', ':abc', '12:']) {
      assert.throws(() => parseBefore(bad), (error: Error & { fields?: { field: string }[] }) => {
        assert.match(error.message, /^before must be the next cursor of the previous page or a time/);
        assert.equal(error.fields?.[0]?.field, 'before');
        return true;
      });
    }
  });
});

const AT = Date.UTC(2026, 10, 20, 9, 15);

for (const engine of await testEngines()) {
  describe(`lists paged newest first on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let token: string;
    let partyId: string;

    const get = (path: string) => fetch(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });

    /** Every page from the first, following `next`: the keys in the order shown. */
    async function allPages(path: string, key: (item: Record<string, string>) => string): Promise<{ keys: string[]; pages: number }> {
      const keys: string[] = [];
      let pages = 0;
      let next: string | null = null;
      do {
        const response = await get(`${path}${next === null ? '' : `&before=${encodeURIComponent(next)}`}`);
        assert.equal(response.status, 200, await response.clone().text());
        const body = (await response.json()) as { items: Record<string, string>[]; next: string | null };
        keys.push(...body.items.map(key));
        next = body.next;
        pages++;
      } while (next !== null);
      return { keys, pages };
    }

    before(async () => {
      storage = await engine.open();
      await loadDemo(storage, { customers: 3, seed: 5, now: AT });
      token = (await createApiToken(storage.db, 'paging', 'cx_manager', ['customers', 'surveys', 'nps'])).token;
      partyId = (await storage.db.selectFrom('parties').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
      // Rows that share a millisecond, around one of another time.
      const times = [AT + 60_000, ...Array<number>(7).fill(AT), AT - 60_000];
      await storage.db.insertInto('interactions').values(times.map((t) => ({
        id: newId(), external_id: null, party_id: partyId, account_id: null, channel: 'shop' as const, direction: 'inbound' as const, reason_code: null,
        started_at: t + 86_400_000 * 400, ended_at: null, advisor_id: null, team_id: null, site_id: null, outcome: null, resolved: null,
        recording_ref: null, notes: null, phone: null, repeat_of: null, next_contact_at: null, created_at: t,
      }))).execute();
      await storage.db.insertInto('opt_outs').values(times.map((t, i) => ({ msisdn: `+35262100000${i}`, opted_out_at: t, keyword: 'STOP' }))).execute();
      await storage.db.insertInto('sms_messages').values(times.map((t, i) => ({
        id: newId(), survey_id: null, direction: 'out' as const, purpose: 'survey', msisdn: `+35262100000${i}`, text: 'Merci', status: 'delivered' as const,
        encoding: null, parts: null, gateway_ids: null, error: null, attempts: 1, created_at: t + 86_400_000 * 400, updated_at: t,
      }))).execute();
      server = await startServer({ storage, config: loadConfig({ demoMode: false }), port: 0 });
    });
    afterAll(async () => {
      await server?.close();
      await storage?.close();
    });

    it('shows every contact of a customer once, in order, when a page ends inside a millisecond', async () => {
      const { keys, pages } = await allPages(`/customers/${partyId}/interactions?limit=2`, (v) => v.id!);
      const expected = await storage.db.selectFrom('interactions').select('id').where('party_id', '=', partyId)
        .orderBy('started_at', 'desc').orderBy('id', 'desc').execute();
      assert.deepEqual(keys, expected.map((r) => r.id));
      assert.ok(pages >= Math.ceil(expected.length / 2));
    });

    it('shows every opt-out and every SMS once across pages, and the last page says there is no next', async () => {
      const optOuts = await allPages('/surveys/opt-outs?limit=3', (o) => o.msisdn!);
      assert.equal(optOuts.keys.length, 9);
      assert.equal(new Set(optOuts.keys).size, 9);
      assert.equal(optOuts.keys[0], '+352621000000', 'the newest first');
      assert.equal(optOuts.keys[8], '+352621000008', 'the oldest last');
      const messages = await allPages('/surveys/messages?limit=4', (m) => m.id!);
      const expected = await storage.db.selectFrom('sms_messages').select('id').orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
      assert.deepEqual(messages.keys, expected.map((r) => r.id));
    });

    it('still takes a time as before, and answers 400 naming before for anything else', async () => {
      const older = await (await get(`/surveys/opt-outs?before=${encodeURIComponent(new Date(AT).toISOString())}`)).json();
      assert.deepEqual(older.items.map((o: { msisdn: string }) => o.msisdn), ['+352621000008']);
      assert.equal(older.next, null);
      const bad = await get('/surveys/messages?before=yesterday');
      assert.equal(bad.status, 400);
      const problem = await bad.json();
      assert.equal(problem.errors[0].field, 'before');
    });
  });
}
