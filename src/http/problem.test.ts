import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { surveyRulesInput } from '../contract/surveys.js';
import { FIELD_ISSUE_CODES } from '../shared/errors.js';
import { safeText } from '../shared/safe-text.js';
import { zodFields } from './problem.js';

/** The field issues zod finds in `input`, by field. */
function issuesOf(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  assert.equal(result.success, false, 'the input should be refused');
  return Object.fromEntries(zodFields(result.error!).map((f) => [f.field, f]));
}

describe('zod issues as stable codes with params', () => {
  const schema = z
    .object({
      name: z.string().min(3).max(5),
      label: safeText(10, { min: 1 }),
      count: z.number().int().min(1).max(100),
      whole: z.number().int(),
      plain: z.number(),
      email: z.email(),
      language: z.enum(['fr', 'de']),
      list: z.array(z.string()).min(1).max(2),
      flag: z.boolean(),
      missing: z.string(),
    })
    .strict();

  it('codes each issue with the values it is made of, keeping the English reason', () => {
    const issues = issuesOf(schema, {
      name: 'ab',
      label: '',
      count: 101,
      whole: 1.5,
      plain: Number.NaN,
      email: 'not-an-address',
      language: 'xx',
      list: ['a', 'b', 'c'],
      flag: 'yes',
      extra: 1,
    });
    assert.deepEqual(
      Object.fromEntries(Object.entries(issues).map(([field, f]) => [field, [f.code, f.params]])),
      {
        name: ['too-short', { minimum: 3 }],
        label: ['required', undefined],
        count: ['too-large', { maximum: 100 }],
        whole: ['not-whole-number', undefined],
        plain: ['not-a-number', undefined],
        email: ['invalid-format', { format: 'email' }],
        language: ['not-one-of', { options: 'fr, de' }],
        list: ['too-many', { maximum: 2 }],
        flag: ['wrong-type', { expected: 'boolean' }],
        missing: ['required', undefined],
        '(body)': ['unknown-field', { keys: 'extra' }],
      },
    );
    assert.equal(issues.missing!.reason, 'is required');
    assert.match(issues.count!.reason, /100/);
    for (const issue of Object.values(issues)) assert.ok((FIELD_ISSUE_CODES as readonly string[]).includes(issue.code!), issue.code);
  });

  it('words too-long and too-small on the other side of the bounds', () => {
    const issues = issuesOf(schema.pick({ name: true, count: true, list: true }), { name: 'abcdef', count: 0, list: [] });
    assert.deepEqual([issues.name!.code, issues.name!.params], ['too-long', { maximum: 5 }]);
    assert.deepEqual([issues.count!.code, issues.count!.params], ['too-small', { minimum: 1 }]);
    assert.deepEqual([issues.list!.code, issues.list!.params], ['too-few', { minimum: 1 }]);
  });

  it('takes the code of a refinement from its params, the other params as its values', () => {
    const period = z
      .object({ from: z.string(), to: z.string() })
      .refine((v) => v.from <= v.to, { message: 'must not be after to', path: ['from'], params: { code: 'from-after-to', to: 'x' } });
    const issues = issuesOf(period, { from: '2026-12-02', to: '2026-12-01' });
    assert.deepEqual([issues.from!.code, issues.from!.params, issues.from!.reason], ['from-after-to', { to: 'x' }, 'must not be after to']);
    const plain = issuesOf(z.string().refine(() => false, 'no'), 'a');
    assert.equal(plain['(body)']!.code, 'invalid');
  });

  it('codes a text with control characters as unsafe-text', () => {
    const issues = issuesOf(z.object({ note: safeText(50) }), { note: 'a\u0007b' });
    assert.equal(issues.note!.code, 'unsafe-text');
  });

  it('reports every bad value of the survey rules at once, the quiet hours with the numbers', () => {
    const issues = issuesOf(surveyRulesInput, {
      active: true,
      channels: ['phone'],
      delayMinutes: -1,
      samplingPercent: 101,
      quarantineDays: 1.5,
      quietStart: '25:00',
      quietEnd: 'soon',
      quietSundays: true,
      skipLandlines: false,
      minDurationSeconds: 0,
      skipBusiness: false,
      openHours: 0,
    });
    assert.deepEqual(Object.keys(issues).sort(), ['delayMinutes', 'openHours', 'quarantineDays', 'quietEnd', 'quietStart', 'samplingPercent']);
    assert.deepEqual([issues.quietStart!.code, issues.quietStart!.params], ['invalid-format', { format: 'time' }]);
    assert.deepEqual([issues.samplingPercent!.code, issues.samplingPercent!.params], ['too-large', { maximum: 100 }]);
    assert.deepEqual([issues.openHours!.code, issues.openHours!.params], ['too-small', { minimum: 1 }]);
  });
});
