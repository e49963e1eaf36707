import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  complaintEffect, effectWindows, fadeOf, MIN_ANSWERS, notApplicable, npsEffect, pickBasis, repeatEffect, targetOutcome, type EffectPoint,
} from './action-effect.js';

/** Equal to the value worked out by hand, to the digits written down. */
const near = (actual: number | null | undefined, expected: number, digits = 3) =>
  assert.ok(actual != null && Math.abs(actual - expected) < 0.5 * 10 ** -digits * 2, `${actual} is not ${expected} to ${digits} digits`);
const interval = (p: EffectPoint | null, value: number, low: number, high: number) => {
  near(p?.value, value);
  near(p?.low, low);
  near(p?.high, high);
};

// The worked examples of docs/improvement.md ("Worked examples"), computed by hand there.
describe('the effect of an action: worked examples', () => {
  it('complaint rate: 84 then 42 complaints among 20,000 customers over 8 weeks each: 2.1 → 1.05 per 1,000 per 4 weeks, significantly better', () => {
    const effect = complaintEffect({ complaints: 84, customers: 20_000, days: 56 }, { complaints: 42, customers: 20_000, days: 56 }, 56);
    // 84 / (20,000 × 56) = 7.5e-5 per customer-day × 28,000 = 2.1; Wilson 6.0585e-5 … 9.2845e-5
    interval(effect.before, 2.1, 1.696, 2.6);
    assert.equal(effect.before!.n, 1_120_000);
    interval(effect.after, 1.05, 0.777, 1.419);
    // pooled 126 / 2,240,000 = 5.625e-5; SE = √(5.625e-5 × (1 − 5.625e-5) × 2 / 1,120,000) = 1.00219e-5
    // z = (3.75e-5 − 7.5e-5) / 1.00219e-5 = −3.742; p = 2 × (1 − Φ(3.742)) = 0.00018
    near(effect.difference!.value, -1.05);
    near(effect.difference!.z, -3.742);
    near(effect.difference!.pValue, 0.00018, 5);
    // Newcombe: −1.05 − √((2.1 − 1.696)² … ) in the unit: (−1.619, −0.503)
    near(effect.difference!.low, -1.619);
    near(effect.difference!.high, -0.503);
    assert.equal(effect.verdict, 'better');
    assert.deepEqual(targetOutcome({ measure: 'complaint_rate', direction: 'decrease', value: 1.2 }, [effect]), { verifiable: true, met: true });
    assert.deepEqual(targetOutcome({ measure: 'complaint_rate', direction: 'increase', value: null }, [effect]), { verifiable: false, met: null });
  });

  it('NPS: 12/10/18 then 25/15/10 promoters/passives/detractors: −15 → +30, significantly better (adjusted-Wald errors)', () => {
    const effect = npsEffect({ promoters: 12, passives: 10, detractors: 18 }, { promoters: 25, passives: 15, detractors: 10 }, 56);
    // before: n + 3 = 43, p = 12.75/43 = 0.29651, d = 18.75/43 = 0.43605, var = p + d − (p − d)² = 0.71309, SE = 100·√(0.71309/43) = 12.878
    // centre −13.953, interval −13.953 ± 1.96 × 12.878 = (−39.193, 11.286)
    interval(effect.before, -15, -39.193, 11.286);
    // after: 53, p = 0.48585, d = 0.20283, var = 0.60858, SE = 10.716; centre 28.302 ± 21.002
    interval(effect.after, 30, 7.299, 49.304);
    // difference 45, SE = √(12.878² + 10.716²) = 16.753, z = 2.686, p = 0.0072; 45 ± 1.96 × 16.753
    near(effect.difference!.value, 45);
    near(effect.difference!.z, 2.686);
    near(effect.difference!.pValue, 0.0072, 4);
    near(effect.difference!.low, 12.165);
    near(effect.difference!.high, 77.835);
    assert.equal(effect.verdict, 'better');
  });

  it('repeat rate: 60 of 400 then 38 of 380 contacts: 15% → 10%, significantly better', () => {
    const effect = repeatEffect({ contacts: 400, repeats: 60 }, { contacts: 380, repeats: 38 }, 56);
    // Wilson of 60/400: centre (0.15 + 3.8415/800) / (1 + 3.8415/400) = 0.153329, half 0.034984
    interval(effect.before, 15, 11.834, 18.831);
    interval(effect.after, 10, 7.373, 13.428);
    // pooled 98/780 = 0.125641; SE = √(0.125641 × 0.874359 × (1/380 + 1/400)) = 0.023743; z = −0.05 / 0.023743 = −2.106; p = 0.0352
    near(effect.difference!.value, -5);
    near(effect.difference!.z, -2.106);
    near(effect.difference!.pValue, 0.0352, 4);
    near(effect.difference!.low, -9.646);
    near(effect.difference!.high, -0.334);
    assert.equal(effect.verdict, 'better');
  });

  it('faded: 42 complaints in the after window, 70 in the latest 8 weeks: significantly above, the cause is rising again', () => {
    const fade = fadeOf({ complaints: 42, customers: 20_000, days: 56 }, { complaints: 70, customers: 20_000, days: 56 });
    // z ≈ (70 − 42) / √(70 + 42) = 2.646 (customers so many that 1 − p̄ ≈ 1); p = 0.0081
    near(fade.difference!.z, 2.646);
    near(fade.difference!.pValue, 0.0081, 4);
    near(fade.latest!.value, 1.75);
    assert.equal(fade.faded, true);
    assert.deepEqual(fadeOf({ complaints: 42, customers: 20_000, days: 56 }, { complaints: 50, customers: 20_000, days: 56 }).faded, false, 'z = 8/√92 = 0.83');
    assert.deepEqual(fadeOf({ complaints: 42, customers: 20_000, days: 56 }, null), { assessed: false, faded: false, latest: null, difference: null });
  });
});

describe('the effect of an action: windows, pending, not significant', () => {
  const DONE = Date.UTC(2026, 2, 2, 14); // Monday 2 March 2026, 15:00 in Luxembourg

  it('takes whole days: 8 weeks before the day it was done, 8 weeks from it; the after window clipped to yesterday', () => {
    const at = (y: number, m: number, d: number, h = 10) => Date.UTC(y, m - 1, d, h);
    const running = effectWindows(DONE, 8, 8, at(2026, 3, 20));
    assert.deepEqual(running.before, { from: 20260105, until: 20260302, days: 56 });
    assert.deepEqual(running.after, { from: 20260302, until: 20260320, days: 18, complete: false });
    assert.equal(running.latest, null);
    const complete = effectWindows(DONE, 12, 4, at(2026, 6, 1));
    assert.deepEqual(complete.before, { from: 20251208, until: 20260302, days: 84 });
    assert.deepEqual(complete.after, { from: 20260302, until: 20260330, days: 28, complete: true });
    // latest: the 4 weeks ending yesterday, 4 May to 31 May, after the after window
    assert.deepEqual(complete.latest, { from: 20260504, until: 20260601, days: 28 });
    assert.equal(effectWindows(DONE, 8, 8, at(2026, 6, 1)).latest, null, 'the latest 8 weeks still overlap the after window');
    assert.deepEqual(effectWindows(DONE, 8, 8, at(2026, 3, 2, 20)).after, { from: 20260302, until: 20260302, days: 0, complete: false }, 'done today: no after day yet');
  });

  it('is pending while the after window is short, a window has too few answers or contacts, and never judges nothing', () => {
    const b = { complaints: 84, customers: 20_000, days: 56 };
    assert.equal(complaintEffect(b, { complaints: 5, customers: 20_000, days: 27 }, 56).pending, 'after-window-short');
    assert.equal(complaintEffect(b, { complaints: 5, customers: 20_000, days: 28 }, 56).pending, null, 'four weeks are enough');
    assert.equal(complaintEffect(b, { complaints: 1, customers: 20_000, days: 14 }, 14).pending, null, 'a two-week window, whole');
    assert.equal(complaintEffect(b, { complaints: 0, customers: 20_000, days: 0 }, 56).pending, 'no-after-days');
    assert.equal(complaintEffect({ ...b, customers: 0, complaints: 0 }, { complaints: 0, customers: 0, days: 56 }, 56).pending, 'no-customers');
    const few = npsEffect({ promoters: 20, passives: 5, detractors: 4 }, { promoters: 25, passives: 15, detractors: 10 }, 56);
    assert.equal(few.pending, 'too-few-answers', `${MIN_ANSWERS} answers in each window`);
    assert.equal(few.verdict, 'pending');
    assert.equal(few.before!.value, ((20 - 4) / 29) * 100, 'the figures are shown meanwhile');
    assert.equal(repeatEffect({ contacts: 29, repeats: 3 }, { contacts: 300, repeats: 3 }, 56).pending, 'too-few-contacts');
    assert.equal(notApplicable('nps').verdict, 'not-applicable');
    const same = complaintEffect(b, { complaints: 80, customers: 20_000, days: 56 }, 56);
    assert.equal(same.verdict, 'unchanged');
    assert.equal(targetOutcome({ measure: 'complaint_rate', direction: 'decrease', value: null }, [same]).verifiable, false);
    const worse = repeatEffect({ contacts: 400, repeats: 38 }, { contacts: 400, repeats: 60 }, 56);
    assert.equal(worse.verdict, 'worse');
    assert.equal(targetOutcome({ measure: 'repeat_rate', direction: 'decrease', value: null }, [worse]).verifiable, false);
    assert.equal(targetOutcome({ measure: 'nps', direction: 'increase', value: null }, [worse]).verifiable, false, 'no NPS measured');
  });

  it('compares NPS on the basis with the most answers over both windows', () => {
    const before = new Map([['1-10/9/6', { promoters: 5, passives: 5, detractors: 5 }], ['0-10/9/6', { promoters: 10, passives: 0, detractors: 0 }]]);
    const after = new Map([['1-10/9/6', { promoters: 1, passives: 0, detractors: 0 }], ['0-10/9/6', { promoters: 1, passives: 0, detractors: 0 }]]);
    assert.equal(pickBasis(before, after), '1-10/9/6');
    assert.equal(pickBasis(new Map(), new Map()), null);
  });
});
