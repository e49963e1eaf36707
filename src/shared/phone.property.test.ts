import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { normalizePhone } from './phone.js';

/** Properties of phone normalisation over generated input (fast-check); phone.test.ts has the examples. */

/** Luxembourg mobile numbers (621, 628, 661, 671, 691 + six digits) and landlines (eight digits from 2). */
const luxembourgNumber = fc.oneof(
  fc.tuple(fc.constantFrom('621', '628', '661', '671', '691'), fc.stringMatching(/^\d{6}$/)).map(([prefix, rest]) => prefix + rest),
  fc.stringMatching(/^2[2-9]\d{6}$/),
);

/** The number written as people do: spaces, dots, dashes, slashes or brackets between any digits. */
function spelled(digits: string, separators: string[]): string {
  return [...digits].map((d, i) => d + (separators[i % separators.length] ?? '')).join('');
}
const separators = fc.array(fc.constantFrom('', '', ' ', '.', '-', '/'), { minLength: 1, maxLength: 12 });

describe('normalizePhone, over generated input', () => {
  it('never throws, and answers either an E.164 number or a reason', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.stringMatching(/^[\d\s+().\-/]{0,30}$/)), (input) => {
        const parsed = normalizePhone(input);
        if (parsed.ok) assert.match(parsed.e164, /^\+[1-9]\d{6,14}$/);
        else assert.ok(parsed.reason.length > 0);
      }),
      { numRuns: 2_000 },
    );
  });

  it('is idempotent: a normalised number normalises to itself, with the same kind', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^(\+|00)?\d{6,15}$/), (input) => {
        const once = normalizePhone(input);
        if (!once.ok) return;
        assert.deepEqual(normalizePhone(once.e164), once);
      }),
      { numRuns: 2_000 },
    );
  });

  it('reads every +352 spelling of a Luxembourg number as the same +352 number', () => {
    fc.assert(
      fc.property(luxembourgNumber, separators, fc.constantFrom('+352', '00352', '(+352)', '+352 ', ''), (digits, seps, prefix) => {
        const parsed = normalizePhone(`${prefix}${spelled(digits, seps)}`);
        assert.ok(parsed.ok, `${prefix}${spelled(digits, seps)}: ${!parsed.ok && parsed.reason}`);
        assert.equal(parsed.e164, `+352${digits}`);
        assert.equal(parsed.kind, digits.startsWith('6') ? 'mobile' : 'landline');
      }),
      { numRuns: 1_000 },
    );
  });
});
