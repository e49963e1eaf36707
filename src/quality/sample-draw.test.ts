import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  DETRACTOR_STRATUM,
  drawSample,
  randomItems,
  replacementFor,
  stratumKey,
  systematicPositions,
  timeBand,
  type EligibleContact,
} from './sample-draw.js';

const contactArb = fc.record({
  id: fc.uuid(),
  advisorId: fc.constantFrom('adv-a', 'adv-b', 'adv-c'),
  channel: fc.constantFrom('phone', 'email', 'chat'),
  reason: fc.option(fc.constantFrom('billing', 'network', 'move'), { nil: null }),
  resolved: fc.boolean(),
  localHour: fc.integer({ min: 0, max: 23 }),
  detractor: fc.boolean(),
});
const populationArb = fc.uniqueArray(contactArb, { selector: (c) => c.id, maxLength: 80 });
const paramsArb = fc.record({
  seed: fc.string({ minLength: 1, maxLength: 12 }),
  perAdvisor: fc.integer({ min: 0, max: 12 }),
  oversample: fc.integer({ min: 0, max: 3 }),
});

describe('the sample draw', () => {
  it('is re-derived identically from its seed, whatever the order of the contacts', () => {
    fc.assert(
      fc.property(populationArb, paramsArb, fc.func(fc.integer()), (contacts, params, shuffleKey) => {
        const shuffled = [...contacts].sort((a, b) => shuffleKey(a.id) - shuffleKey(b.id));
        assert.deepEqual(drawSample(shuffled, params), drawSample(contacts, params));
      }),
    );
  });

  it('gives every stratum its proportional share, rounded down or up, and exactly n items', () => {
    fc.assert(
      fc.property(populationArb, paramsArb, (contacts, params) => {
        const draw = drawSample(contacts, params);
        for (const advisor of draw.advisors) {
          const own = contacts.filter((c) => c.advisorId === advisor.advisorId);
          const random = randomItems(advisor.items);
          assert.equal(random.length, Math.min(params.perAdvisor, own.length));
          assert.equal(new Set(advisor.items.map((i) => i.contactId)).size, advisor.items.length);
          const strata = new Map<string, number>();
          for (const c of own) strata.set(stratumKey(c), (strata.get(stratumKey(c)) ?? 0) + 1);
          for (const [stratum, size] of strata) {
            const got = random.filter((i) => i.stratum === stratum).length;
            const exact = (Math.min(params.perAdvisor, own.length) * size) / own.length;
            assert.ok(got >= Math.floor(exact) && got <= Math.ceil(exact), `${stratum}: ${got} for ${exact}`);
          }
          for (const item of random) {
            const contact = own.find((c) => c.id === item.contactId) as EligibleContact;
            assert.equal(stratumKey(contact), item.stratum);
            assert.equal(item.why.stratumSize, strata.get(item.stratum));
          }
        }
      }),
    );
  });

  it('keeps the detractor oversample apart: its own stratum, detractors only, never in the random estimate', () => {
    fc.assert(
      fc.property(populationArb, paramsArb, (contacts, params) => {
        const draw = drawSample(contacts, params);
        for (const advisor of draw.advisors) {
          const over = advisor.items.filter((i) => i.kind === 'detractor-oversample');
          const random = randomItems(advisor.items);
          assert.ok(over.every((i) => i.stratum === DETRACTOR_STRATUM));
          assert.ok(over.every((i) => contacts.find((c) => c.id === i.contactId)?.detractor === true));
          assert.ok(random.every((i) => i.kind === 'random' && i.stratum !== DETRACTOR_STRATUM));
          assert.ok(over.every((o) => !random.some((r) => r.contactId === o.contactId)));
          const spare = contacts.filter((c) => c.advisorId === advisor.advisorId && c.detractor && !random.some((r) => r.contactId === c.id));
          assert.equal(over.length, Math.min(params.oversample, spare.length));
        }
      }),
    );
  });

  it('gives every contact the same chance n/N over the starts of the systematic draw', () => {
    for (const [population, n] of [[10, 4], [7, 3], [12, 12], [5, 1]] as const) {
      const counts = new Array<number>(population).fill(0);
      for (let start = 0; start < population; start++) {
        const positions = systematicPositions(population, n, start);
        assert.equal(new Set(positions).size, n);
        for (const p of positions) counts[p] = (counts[p] ?? 0) + 1;
      }
      assert.deepEqual(counts, new Array(population).fill(n));
    }
  });

  it('follows the documented recipe: sort keys, strata, start and positions', () => {
    const contacts: EligibleContact[] = Array.from({ length: 9 }, (_, i) => ({
      id: `c${i}`,
      advisorId: 'adv',
      channel: i < 6 ? 'phone' : 'email',
      reason: 'billing',
      resolved: i % 2 === 0,
      localHour: 10,
      detractor: i === 3 || i === 8,
    }));
    const seed = 'november';
    const sha = (t: string) => createHash('sha256').update(t).digest('hex');
    const ordered = [...contacts].sort((a, b) => {
      const sa = stratumKey(a);
      const sb = stratumKey(b);
      if (sa !== sb) return sa < sb ? -1 : 1;
      return sha(`${seed}:${a.id}`) < sha(`${seed}:${b.id}`) ? -1 : 1;
    });
    const start = Number(BigInt(`0x${sha(`${seed}:start:adv`)}`) % 9n);
    const expected = [0, 1, 2, 3].map((i) => ordered[Math.floor((start + i * 9) / 4)]?.id);
    const draw = drawSample(contacts, { seed, perAdvisor: 4, oversample: 1 });
    assert.deepEqual(randomItems(draw.advisors[0]?.items ?? []).map((i) => i.contactId), expected);
    assert.equal(draw.populationHash, sha(contacts.map((c) => c.id).sort().join('\n')));
  });

  it('replaces an item with the next contact of its stratum not yet taken, or none', () => {
    const contacts: EligibleContact[] = ['a', 'b', 'c'].map((id) => ({
      id, advisorId: 'adv', channel: 'phone', reason: null, resolved: true, localHour: 9, detractor: false,
    }));
    const draw = drawSample(contacts, { seed: 's', perAdvisor: 1, oversample: 0 });
    const item = draw.advisors[0]?.items[0];
    assert.ok(item);
    const taken = new Set([item.contactId]);
    const first = replacementFor(contacts, 's', item, taken);
    assert.ok(first && !taken.has(first.contactId));
    taken.add(first.contactId);
    const second = replacementFor(contacts, 's', item, taken);
    assert.ok(second && !taken.has(second.contactId));
    taken.add(second.contactId);
    assert.equal(replacementFor(contacts, 's', item, taken), null);
  });

  it('bands the hours of the day and refuses bad parameters', () => {
    assert.deepEqual([0, 11, 12, 16, 17, 23].map(timeBand), ['morning', 'morning', 'afternoon', 'afternoon', 'evening', 'evening']);
    assert.throws(() => drawSample([], { seed: '', perAdvisor: 4, oversample: 0 }), RangeError);
    assert.throws(() => drawSample([], { seed: 's', perAdvisor: -1, oversample: 0 }), RangeError);
    assert.throws(() => drawSample([], { seed: 's', perAdvisor: 4, oversample: 1.5 }), RangeError);
  });
});
