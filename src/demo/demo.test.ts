import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testEngines } from '../../test/engines.js';
import { verifyPassword } from '../auth/passwords.js';
import { recognizeByPhone } from '../customers/customer-service.js';
import { foldForSearch } from '../shared/fold.js';
import { normalizePhone } from '../shared/phone.js';
import { recomputeRepeats } from '../interactions/fcr.js';
import type { Storage } from '../storage/database.js';
import { DEMO_LOGINS } from './logins.js';
import { isDatabaseEmpty, loadDemo, type DemoSummary } from './load.js';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const CUSTOMERS = 200;
const RATE = 5;

type Snapshot = Awaited<ReturnType<typeof snapshot>>;

async function snapshot(storage: Storage) {
  const parties = await storage.db
    .selectFrom('parties')
    .select(['id', 'customer_number', 'display_name', 'search_name', 'kind', 'preferred_language'])
    .orderBy('customer_number')
    .execute();
  const lines = await storage.db.selectFrom('lines').select(['id', 'msisdn', 'kind', 'plan']).orderBy('id').execute();
  const interactions = await storage.db
    .selectFrom('interactions')
    .select(['id', 'party_id', 'channel', 'reason_code', 'started_at', 'advisor_id', 'repeat_of', 'next_contact_at'])
    .orderBy('id')
    .execute();
  return { parties, lines, interactions };
}

for (const engine of await testEngines()) {
  describe(`demo data on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let summary: DemoSummary;
    let first: Snapshot;
    before(async () => {
      storage = await engine.open();
      assert.equal(await isDatabaseEmpty(storage), true);
      summary = await loadDemo(storage, { customers: CUSTOMERS, seed: 42, interactionsPerCustomer: RATE, now: NOW });
      first = await snapshot(storage);
    });
    after(() => storage?.close());

    it('creates exactly the requested customers, one account each, and contacts at the requested rate', async () => {
      const count = async (table: 'parties' | 'accounts' | 'lines' | 'contact_points' | 'interactions' | 'users' | 'teams' | 'sites') =>
        Number((await storage.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      assert.equal(await count('parties'), CUSTOMERS);
      assert.equal(await count('accounts'), CUSTOMERS);
      assert.equal(await count('interactions'), CUSTOMERS * RATE);
      assert.equal(summary.customers, CUSTOMERS);
      assert.equal(summary.interactions, CUSTOMERS * RATE);
      assert.equal(await count('lines'), summary.lines);
      assert.equal(await count('contact_points'), summary.contactPoints);
      assert.equal(await count('users'), summary.users);
      assert.ok(summary.lines >= CUSTOMERS && summary.lines <= 3 * CUSTOMERS);
      assert.equal(await isDatabaseEmpty(storage), false);

      const numbers = first.parties.map((p) => p.customer_number);
      assert.deepEqual(numbers, Array.from({ length: CUSTOMERS }, (_, i) => `C${String(i + 1).padStart(8, '0')}`));
      for (const party of first.parties) assert.equal(party.search_name, foldForSearch(party.display_name));
      const accounts = await storage.db
        .selectFrom('accounts')
        .innerJoin('parties', 'parties.id', 'accounts.party_id')
        .select(['accounts.account_number', 'parties.customer_number', 'accounts.segment', 'parties.kind', 'accounts.account_manager_id'])
        .execute();
      for (const a of accounts) {
        assert.equal(a.account_number, `A${a.customer_number}`);
        assert.equal(a.segment === 'business', a.kind === 'organisation');
        assert.equal(a.account_manager_id !== null, a.kind === 'organisation');
      }
      const started = await storage.db
        .selectFrom('interactions')
        .select((eb) => [eb.fn.min('started_at').as('min'), eb.fn.max('started_at').as('max')])
        .executeTakeFirstOrThrow();
      assert.ok(Number(started.max) <= NOW);
      assert.ok(Number(started.min) >= Date.UTC(2025, 10, 26, 12) - 86_400_000);
    });

    it('writes rows whose references all resolve', async () => {
      const orphans = async (query: ReturnType<typeof sql<{ n: number }>>) => Number((await query.execute(storage.db)).rows[0]?.n);
      assert.equal(await orphans(sql`select count(*) as n from accounts a left join parties p on p.id = a.party_id where p.id is null`), 0);
      assert.equal(await orphans(sql`select count(*) as n from lines l left join accounts a on a.id = l.account_id where a.id is null`), 0);
      assert.equal(await orphans(sql`select count(*) as n from contact_points c left join parties p on p.id = c.party_id where p.id is null`), 0);
      assert.equal(await orphans(sql`select count(*) as n from interactions i left join parties p on p.id = i.party_id where p.id is null`), 0);
      assert.equal(await orphans(sql`select count(*) as n from interactions i left join users u on u.id = i.advisor_id where i.advisor_id is not null and u.id is null`), 0);
      assert.equal(await orphans(sql`select count(*) as n from interactions i left join reasons r on r.code = i.reason_code where i.reason_code is not null and r.code is null`), 0);
      assert.equal(await orphans(sql`select count(*) as n from accounts a left join users u on u.id = a.account_manager_id where a.account_manager_id is not null and u.id is null`), 0);
      if (storage.sqlite) assert.deepEqual(storage.sqlite.pragma('foreign_key_check'), []);
      if (storage.sqlite) assert.equal(storage.sqlite.pragma('foreign_keys', { simple: true }), 1);
    });

    it('keeps advisors, teams and sites consistent with the channel', async () => {
      const rows = await storage.db
        .selectFrom('interactions')
        .leftJoin('users', 'users.id', 'interactions.advisor_id')
        .leftJoin('sites', 'sites.id', 'interactions.site_id')
        .select(['interactions.channel', 'interactions.team_id', 'interactions.site_id', 'users.team_id as advisor_team', 'users.site_id as advisor_site', 'sites.kind as site_kind', 'interactions.advisor_id'])
        .execute();
      for (const r of rows) {
        if (r.channel === 'app' || r.channel === 'web') {
          assert.equal(r.advisor_id, null);
          continue;
        }
        assert.ok(r.advisor_id, `${r.channel} contact without an advisor`);
        assert.equal(r.team_id, r.advisor_team);
        assert.equal(r.site_id, r.advisor_site);
        assert.equal(r.site_kind, r.channel === 'shop' ? 'shop' : 'call_centre');
      }
      const channels = new Map<string, number>();
      for (const r of rows) channels.set(r.channel, (channels.get(r.channel) ?? 0) + 1);
      const phone = channels.get('phone') ?? 0;
      assert.ok([...channels.values()].every((n) => n <= phone), 'phone is the main channel');
      const resolved = await storage.db.selectFrom('interactions').select('resolved').execute();
      const share = resolved.filter((r) => r.resolved === 1).length / resolved.length;
      assert.ok(share > 0.65 && share < 0.85, `resolved share ${share}`);
    });

    it('computes the same repeat links as recomputeRepeats', async () => {
      assert.ok(summary.repeatContacts > 0);
      const linked = first.interactions.filter((i) => i.repeat_of !== null).length;
      assert.equal(linked, summary.repeatContacts);
      await recomputeRepeats(storage.db, 7);
      const after = await snapshot(storage);
      assert.deepEqual(after.interactions, first.interactions);
    });

    it('generates only valid E.164 numbers, and recognises customers by them', async () => {
      const phones = await storage.db.selectFrom('contact_points').select(['value', 'party_id']).where('kind', '=', 'phone').execute();
      for (const { msisdn, kind } of first.lines) {
        const parsed = normalizePhone(msisdn);
        assert.ok(parsed.ok && parsed.e164 === msisdn, `${msisdn} is not valid`);
        assert.equal(parsed.kind, kind);
        assert.match(msisdn, kind === 'mobile' ? /^\+352(621|628|661|671|691)\d{6}$/ : /^\+3522\d{7}$/);
      }
      for (const { value } of phones) {
        const parsed = normalizePhone(value);
        assert.ok(parsed.ok && parsed.e164 === value, `${value} is not valid`);
      }
      const actor = { kind: 'token' as const, id: 'demo-test', role: 'integration' as const, displayName: 'test', teamId: null, language: 'fr' as const };
      const owners = await storage.db
        .selectFrom('lines')
        .innerJoin('accounts', 'accounts.id', 'lines.account_id')
        .select(['lines.msisdn', 'accounts.party_id'])
        .orderBy('lines.msisdn')
        .limit(40)
        .execute();
      for (const { msisdn, party_id } of owners) {
        const national = msisdn.slice(4).replace(/(\d{3})(?=\d)/g, '$1 ');
        const result = await recognizeByPhone(storage.db, national, { actor, via: 'recognize' }, { language: 'fr', fcrWindowDays: 7, now: NOW });
        assert.equal(result.card.customer.id, party_id);
        assert.equal(result.matchedBy, 'line');
      }
    });

    it('creates the fixed demo logins with the demo password', async () => {
      const users = await storage.db
        .selectFrom('users')
        .leftJoin('teams', 'teams.id', 'users.team_id')
        .select(['users.email', 'users.role', 'users.display_name', 'users.password_hash', 'teams.name as team'])
        .where('users.email', 'in', DEMO_LOGINS.map((l) => l.email))
        .execute();
      assert.equal(users.length, DEMO_LOGINS.length);
      for (const login of DEMO_LOGINS) {
        const user = users.find((u) => u.email === login.email);
        assert.equal(user?.role, login.role);
        assert.equal(user?.display_name, login.displayName);
        assert.equal(await verifyPassword(login.password, user?.password_hash ?? ''), true);
      }
      assert.equal(users.find((u) => u.role === 'advisor')?.team, 'Hotline Mobile');
      assert.equal(users.find((u) => u.role === 'team_lead')?.team, 'Hotline Mobile');
    });

    it('gives the same data for the same seed and different data for another seed', async () => {
      const again = await engine.open();
      try {
        await loadDemo(again, { customers: CUSTOMERS, seed: 42, interactionsPerCustomer: RATE, now: NOW });
        assert.deepEqual(await snapshot(again), first);
      } finally {
        await again.close();
      }
      const other = await engine.open();
      try {
        await loadDemo(other, { customers: CUSTOMERS, seed: 43, interactionsPerCustomer: RATE, now: NOW });
        const different = await snapshot(other);
        assert.deepEqual(different.parties.map((p) => p.customer_number), first.parties.map((p) => p.customer_number));
        assert.notDeepEqual(different.parties.map((p) => p.display_name), first.parties.map((p) => p.display_name));
        assert.notDeepEqual(different.lines.map((l) => l.msisdn), first.lines.map((l) => l.msisdn));
        const ids = new Set(first.parties.map((p) => p.id));
        assert.ok(different.parties.every((p) => !ids.has(p.id)));
      } finally {
        await other.close();
      }
    });
  });
}

describe('parallel demo load', () => {
  it('writes the same data when a worker thread generates part of the customers', async () => {
    const [sqlite] = await testEngines();
    const sequential = await sqlite!.open();
    const parallel = await sqlite!.open();
    try {
      const options = { customers: 3000, seed: 7, interactionsPerCustomer: 3, now: NOW };
      const a = await loadDemo(sequential, options);
      let reported = 0;
      const b = await loadDemo(parallel, { ...options, parallelFrom: 1, onProgress: (done) => (reported = done) });
      assert.equal(reported, 3000);
      assert.deepEqual({ ...b, durationMs: 0 }, { ...a, durationMs: 0 });
      assert.deepEqual(await snapshot(parallel), await snapshot(sequential));
      const indexes = (s: Storage) => s.sqlite!.prepare(`select name, sql from sqlite_master where type = 'index' order by name`).all();
      assert.deepEqual(indexes(parallel), indexes(sequential));
      assert.equal(parallel.sqlite!.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(parallel.sqlite!.pragma('synchronous', { simple: true }), 1);
    } finally {
      await sequential.close();
      await parallel.close();
    }
  });
});
