import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { chargedCents } from './buckets.js';
import { changeKind, retermPlain, retermUpgrade, termsOf, NO_TERMS, type CounterTerms } from './plan-terms.js';

const GB = 1_000_000_000;
const MB = 1_000_000;

describe('the terms a counter takes when its line changes plan', () => {
  it('calls a change to a plan as dear or dearer an upgrade, to a cheaper one a downgrade, and any change from a plan the catalogue lacks an upgrade', () => {
    assert.equal(changeKind({ monthlyPriceCents: 3500 }, { monthlyPriceCents: 5000 }), 'upgrade');
    assert.equal(changeKind({ monthlyPriceCents: 3500 }, { monthlyPriceCents: 3500 }), 'upgrade');
    assert.equal(changeKind({ monthlyPriceCents: 3500 }, { monthlyPriceCents: 1500 }), 'downgrade');
    assert.equal(changeKind(undefined, { monthlyPriceCents: 0 }), 'upgrade');
    assert.deepEqual(termsOf({ buckets: [] }, 'sms'), NO_TERMS, 'a bucket the plan does not describe: no allowance, nothing charged (as ingestion counts it)');
  });

  it('counts the worked example of docs/self-service.md: 23 GB of Love Duo’s 20 GB is free under Love Trio’s 50 GB', () => {
    const loveDuo = { allowance: 20 * GB, blockUnits: MB, blockPriceCents: 1 };
    const loveTrio = { allowance: 50 * GB, blockUnits: MB, blockPriceCents: 1 };
    assert.equal(chargedCents(23 * GB, loveDuo), 3_000);
    assert.deepEqual(retermUpgrade(23 * GB, loveDuo, loveTrio), { ...loveTrio, chargedCents: 0 });
  });

  it('takes the use so far into the allowance where the new terms would charge more: Data Max’s unlimited 150 GB under Go World’s 100 GB', () => {
    const dataMax = { allowance: null, blockUnits: MB, blockPriceCents: 1 };
    const goWorld = { allowance: 100 * GB, blockUnits: MB, blockPriceCents: 1 };
    assert.equal(chargedCents(150 * GB, goWorld), 50_000, 'what the new terms alone would charge');
    const after = retermUpgrade(150 * GB, dataMax, goWorld);
    assert.deepEqual(after, { allowance: 150 * GB, blockUnits: MB, blockPriceCents: 1, chargedCents: 0 });
    assert.equal(chargedCents(151 * GB, after), 1_000, 'a GB more is charged at the new terms');
  });

  it('charges again at the new price only the blocks the old terms charged', () => {
    // 3 MB beyond at 1 cent before (3 cents); the new plan includes less and charges 2 cents a MB: one block's worth is charged, the rest included
    const after = retermUpgrade(10 * MB + 3 * MB, { allowance: 10 * MB, blockUnits: MB, blockPriceCents: 1 }, { allowance: 5 * MB, blockUnits: MB, blockPriceCents: 2 });
    assert.equal(after.chargedCents, 2);
    assert.equal(after.allowance, 12 * MB);
  });

  it('never charges more than before for the same use, and charges exactly the new terms when they charge no more', () => {
    const terms = fc.record({
      allowance: fc.option(fc.integer({ min: 0, max: 100 * GB }), { nil: null }),
      blockUnits: fc.integer({ min: 1, max: GB }),
      blockPriceCents: fc.integer({ min: 0, max: 1_000 }),
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 * GB }), terms, terms, (used, current: CounterTerms, target: CounterTerms) => {
        const before = chargedCents(used, current);
        const after = retermUpgrade(used, current, target);
        assert.ok(after.chargedCents <= before, `${after.chargedCents} > ${before}`);
        assert.equal(after.chargedCents, chargedCents(used, after), 'the amount is the terms’ amount of the total, as ingestion computes it');
        assert.equal(after.blockUnits, target.blockUnits);
        assert.equal(after.blockPriceCents, target.blockPriceCents);
        if (chargedCents(used, target) <= before) assert.deepEqual(after, { ...target, chargedCents: chargedCents(used, target) });
        else assert.ok(after.allowance !== null && target.allowance !== null && after.allowance >= target.allowance && after.allowance <= used);
      }),
      { numRuns: 2_000 },
    );
  });

  it('counts a downgraded period under the new plan’s terms alone', () => {
    assert.deepEqual(retermPlain(3 * GB, { allowance: 2 * GB, blockUnits: MB, blockPriceCents: 1 }), { allowance: 2 * GB, blockUnits: MB, blockPriceCents: 1, chargedCents: 1_000 });
  });
});
