import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer } from '../../test/fixtures.js';
import type { Storage } from '../storage/database.js';
import { checkDraft, PLACEHOLDERS, placeholdersOf } from '../notifications/templates.js';
import { encode } from '../sms/encoding.js';
import { ROAMING_LIMIT_TEMPLATES } from '../storage/migrations/2027-01-07-roaming-limit.js';
import { alertOf, euroText, type AlertLine } from './usage-alerts.js';
import { definePlan } from './plans.js';
import { ingestUsage } from './usage-ingest.js';
import { chooseRoamingLimit } from './roaming-limit.js';
import { lineConsumption } from './consumption.js';

const MB = 1_000_000;
const GB = 1_000 * MB;
const NOW = Date.parse('2026-12-20T23:30:00+01:00');
const AT = '2026-12-20T22:00:00+01:00';

describe('the templates of the roaming limit and fair use', () => {
  for (const [key, texts] of Object.entries(ROAMING_LIMIT_TEMPLATES)) {
    it(`${key}: an SMS in fr, de and en, with known placeholders, in GSM 03.38 and at most two parts`, () => {
      assert.deepEqual(Object.keys(texts).sort(), ['de', 'en', 'fr']);
      for (const [language, body] of Object.entries(texts)) {
        assert.doesNotThrow(() => checkDraft({ key, channel: 'sms', language: language as 'fr', body }), `${key} ${language}`);
        assert.deepEqual(placeholdersOf(body).filter((p) => !(p in PLACEHOLDERS)), []);
        const sms = encode(body.replace('{allowance}', '100 GB').replace('{periodEnd}', '31/12/2026').replace('{limit}', '100.50 EUR').replace('{dataPrice}', '1,99 EUR/MB'));
        assert.equal(sms.encoding, 'gsm7', `${key} ${language}`);
        assert.ok(sms.parts.length <= 2, `${key} ${language}: ${sms.parts.length} parts`);
        if (key === 'usage.roaming-limit-100') assert.match(body, /112/, 'the free emergency number');
      }
    });
  }
});

describe('the alert a roaming counter calls for', () => {
  const line: AlertLine = { partyId: 'p', msisdn: '+352621000000', kind: 'mobile', plan: 'x', roamingLimitCents: 5000, roamingLimitOff: false };
  // outside the EU: nothing included, 1.99 EUR per started MB
  const world = (before: number, used: number) => ({ lineId: 'l', periodStart: 20261201, bucket: 'data_world' as const, before, used, allowance: 0, blockUnits: MB, blockPriceCents: 199 });

  it('counts the out-of-bundle amount against the limit: 80% at 40 EUR, 100% (and the stop) at 50 EUR', () => {
    // 20 MB = 39.80 EUR, 21 MB = 41.79 EUR: 80% of 50 EUR passed
    assert.equal(alertOf(world(20 * MB, 20 * MB), line, 'fr'), undefined);
    assert.equal(alertOf(world(20 * MB, 21 * MB), line, 'fr')?.templateKey, 'usage.roaming-limit-80');
    // 25 MB = 49.75 EUR, still within; 25 MB and a byte = 26 started MB = 51.74 EUR
    assert.equal(alertOf(world(21 * MB, 25 * MB), line, 'fr'), undefined);
    const stop = alertOf(world(25 * MB, 25 * MB + 1), line, 'fr');
    assert.equal(stop?.templateKey, 'usage.roaming-limit-100');
    assert.equal(stop?.stopsRoaming, true);
    assert.equal(stop?.params.limit, '50 EUR');
  });

  it('says nothing to a customer who chose to go on past the limit, and follows a limit they chose', () => {
    assert.equal(alertOf(world(0, 100 * MB), { ...line, roamingLimitOff: true }, 'fr'), undefined);
    assert.equal(alertOf(world(25 * MB, 26 * MB), { ...line, roamingLimitCents: 10_000 }, 'fr'), undefined, '51.74 of 100 EUR');
    assert.equal(alertOf(world(26 * MB, 41 * MB), { ...line, roamingLimitCents: 10_000 }, 'fr')?.templateKey, 'usage.roaming-limit-80', '81.59 of 100 EUR');
    assert.deepEqual([euroText(5000), euroText(7550), euroText(10_000)], ['50 EUR', '75.50 EUR', '100 EUR']);
  });

  it('warns once the fair-use volume in the EU is used up, with the surcharge', () => {
    const eu = (before: number, used: number) => ({ lineId: 'l', periodStart: 20261201, bucket: 'data_eu' as const, before, used, allowance: 12 * GB, blockUnits: GB, blockPriceCents: 250 });
    assert.equal(alertOf(eu(9 * GB, 10 * GB), line, 'de'), undefined, 'no warning at 80% of fair use');
    const warning = alertOf(eu(11 * GB, 12 * GB), line, 'de');
    assert.equal(warning?.templateKey, 'usage.fair-use-100');
    assert.deepEqual([warning?.params.allowance, warning?.params.dataPrice], ['12 GB', '2,50 EUR/GB']);
  });
});

for (const engine of await testEngines()) {
  describe(`the roaming spending limit on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    const limited = '+352621510001';
    const unlimited = '+352621510002';
    let n = 0;

    before(async () => {
      storage = await engine.open();
      await definePlan(storage.db, {
        code: 'Roam', name: 'Roam', monthlyPriceCents: 1000,
        buckets: [{ bucket: 'data_national', allowance: 10 * GB, blockUnits: MB, blockPriceCents: 1 }, { bucket: 'data_eu', allowance: 2 * GB, blockUnits: GB, blockPriceCents: 250 }, { bucket: 'data_world', allowance: 0, blockUnits: MB, blockPriceCents: 199 }],
      }, NOW);
      await seedCustomer(storage.db, { familyName: 'Reise', preferredLanguage: 'en', lines: [{ msisdn: limited, plan: 'Roam' }, { msisdn: unlimited, plan: 'Roam' }], phones: [], emails: [] });
      await storage.db.updateTable('lines').set({ roaming_limit_off: 1 }).where('msisdn', '=', unlimited).execute();
    });
    after(async () => storage?.close());

    const use = (msisdn: string, bytes: number, country: string) => ingestUsage(storage, [{ eventId: `roam-${++n}`, msisdn, occurredAt: AT, type: 'data', quantity: bytes, country }], { now: NOW });
    const sent = async (msisdn: string) =>
      (await storage.db.selectFrom('notifications').select(['template_key', 'body']).where('recipient', '=', msisdn).where('template_key', 'like', 'usage.%').orderBy('created_at').orderBy('id').execute());

    it('warns at 80% of 50 EUR, stops data roaming at 50 EUR and marks the line, each once; a line with no limit gets neither', async () => {
      await use(limited, 21 * MB, 'US');
      await use(limited, 4 * MB, 'US');
      await use(limited, 1, 'US');
      await use(limited, 10 * MB, 'US');
      const keys = (await sent(limited)).map((s) => s.template_key).sort();
      assert.deepEqual(keys, ['usage.roaming-limit-100', 'usage.roaming-limit-80', 'usage.roaming-world']);
      const stop = (await sent(limited)).find((s) => s.template_key === 'usage.roaming-limit-100')!;
      assert.match(stop.body, /^Spending limit reached \(50 EUR excl\. VAT\): your data abroad outside the EU is stopped until 31\/12\/2026\./);
      const line = await storage.db.selectFrom('lines').select(['roaming_stopped_period', 'roaming_stopped_at']).where('msisdn', '=', limited).executeTakeFirstOrThrow();
      assert.equal(Number(line.roaming_stopped_period), 20261201);
      assert.equal(Number(line.roaming_stopped_at), NOW);

      await use(unlimited, 100 * MB, 'US');
      assert.deepEqual((await sent(unlimited)).map((s) => s.template_key), ['usage.roaming-world']);
    });

    it('shows the limit on the consumption, and a higher limit chosen by the customer lifts the stop; an amount not offered is refused', async () => {
      const stopped = await lineConsumption(storage.db, limited, NOW);
      assert.equal(stopped.roamingLimit.limitCents, 5000);
      assert.equal(stopped.roamingLimit.stoppedAt, NOW);
      // 36 started MB at 1.99 EUR
      assert.equal(stopped.roamingLimit.spentCents, 36 * 199);
      assert.ok(stopped.alerts.some((a) => a.key === 'usage.roaming-world' && a.country === 'US'));
      const lineId = stopped.lineId;
      await assert.rejects(chooseRoamingLimit(storage.db, lineId, { limitCents: 7000 }, NOW), /limitCents must be one of/);
      await chooseRoamingLimit(storage.db, lineId, { limitCents: 5000 }, NOW);
      assert.equal((await lineConsumption(storage.db, limited, NOW)).roamingLimit.stoppedAt, NOW, 'the same limit keeps the stop');
      await chooseRoamingLimit(storage.db, lineId, { limitCents: 10_000 }, NOW);
      const lifted = await lineConsumption(storage.db, limited, NOW);
      assert.deepEqual([lifted.roamingLimit.limitCents, lifted.roamingLimit.stoppedAt], [10_000, null]);
    });

    it('warns once the EU fair-use volume is used up', async () => {
      await use(limited, GB, 'FR');
      await use(limited, GB, 'FR');
      await use(limited, GB, 'FR');
      const fairUse = (await sent(limited)).filter((s) => s.template_key === 'usage.fair-use-100');
      assert.equal(fairUse.length, 1);
      assert.match(fairUse[0]!.body, /EU roaming data volume \(2 GB\).*surcharge of 2\.50 EUR\/GB/);
    });
  });
}

describe('where a batch takes a line', () => {
  const row = (country: string, at: number) => ({ line_id: 'l', period_start: 20261201, country, occurred_at: at });
  const known = (lastCountry: string | null, lastCountryAt: number | null) => new Map([['l', { lastCountry, lastCountryAt }]]);

  it('finds each arrival abroad in the order things happened, from where the line was last used', async () => {
    const { countryMoves } = await import('./usage-ingest.js');
    // out of order in the batch: LU at 1, FR at 2, FR at 3, LU at 4, BE at 5
    const moves = countryMoves([row('FR', 3), row('BE', 5), row('LU', 1), row('FR', 2), row('LU', 4)], known(null, null));
    assert.deepEqual(moves.arrivals.map((a) => [a.country, a.at]), [['FR', 2], ['BE', 5]]);
    assert.deepEqual(moves.latest.get('l'), { country: 'BE', at: 5 });
  });

  it('moves nothing for a line that stays where it was, nor for events older than its latest', async () => {
    const { countryMoves } = await import('./usage-ingest.js');
    const stays = countryMoves([row('FR', 10), row('FR', 11)], known('FR', 5));
    assert.deepEqual([stays.arrivals, stays.latest.size], [[], 0]);
    const old = countryMoves([row('DE', 3)], known('FR', 5));
    assert.deepEqual([old.arrivals, old.latest.size], [[], 0]);
    const home = countryMoves([row('LU', 6)], known('FR', 5));
    assert.deepEqual([home.arrivals, home.latest.get('l')], [[], { country: 'LU', at: 6 }]);
  });
});
