import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decide, sampled, type DecisionInput, type SurveyRules } from './survey-rules.js';

const rules: SurveyRules = {
  id: 'r',
  definitionId: 'd',
  active: true,
  channels: ['phone'],
  delayMinutes: 15,
  samplingPercent: 100,
  quarantineDays: 30,
  quietStart: '20:00',
  quietEnd: '09:00',
  quietSundays: true,
  skipLandlines: true,
  minDurationSeconds: 20,
  skipBusiness: false,
  openHours: 72,
};
const iso = (s: string) => Date.parse(s);

describe('survey decision', () => {
  const input = (overrides: Partial<DecisionInput> = {}): DecisionInput => ({
    interaction: { id: 'i-1', channel: 'phone', startedAt: iso('2026-12-01T10:00:00Z'), endedAt: iso('2026-12-01T10:05:00Z') },
    business: false,
    consentSurveys: true,
    number: { msisdn: '+352621123456' },
    optedOut: false,
    lastSurveyAt: null,
    rules,
    ...overrides,
  });

  it('surveys an eligible call 15 minutes after it ends', () => {
    assert.deepEqual(decide(input()), { outcome: 'survey', reason: 'eligible', sendAfter: iso('2026-12-01T10:20:00Z') });
  });

  it('gives the reason of every skip', () => {
    const skip = (overrides: Partial<DecisionInput>) => decide(input(overrides));
    assert.deepEqual(skip({ rules: { ...rules, active: false } }), { outcome: 'skipped', reason: 'rules_inactive' });
    assert.equal(skip({ interaction: { ...input().interaction, channel: 'email' } }).reason, 'channel');
    assert.equal(skip({ interaction: { ...input().interaction, endedAt: iso('2026-12-01T10:00:19Z') } }).reason, 'short_contact');
    assert.equal(skip({ business: true, rules: { ...rules, skipBusiness: true } }).reason, 'business');
    assert.equal(skip({ business: true }).reason, 'eligible');
    assert.equal(skip({ number: { missing: 'landline' } }).reason, 'landline');
    assert.equal(skip({ number: { missing: 'no_mobile' } }).reason, 'no_mobile');
    assert.equal(skip({ consentSurveys: false }).reason, 'no_consent');
    assert.equal(skip({ optedOut: true }).reason, 'opted_out');
    assert.equal(skip({ lastSurveyAt: iso('2026-11-02T10:06:00Z') }).reason, 'quarantine');
    assert.equal(skip({ lastSurveyAt: iso('2026-11-01T10:04:00Z') }).reason, 'eligible', '30 days and a minute ago is past the quarantine');
    assert.equal(skip({ rules: { ...rules, samplingPercent: 0 } }).reason, 'sampling');
  });

  it('samples deterministically, close to the rate', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `interaction-${i}`);
    const kept = ids.filter((id) => sampled(id, 25)).length;
    assert.ok(kept > 2300 && kept < 2700, `kept ${kept} of 10000 at 25%`);
    assert.deepEqual(ids.slice(0, 100).map((id) => sampled(id, 25)), ids.slice(0, 100).map((id) => sampled(id, 25)));
  });
});
