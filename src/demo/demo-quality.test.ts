import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import type { Actor } from '../auth/policies.js';
import { readCalibration } from '../quality/calibration.js';
import { qualityScores } from '../quality/evaluation-queries.js';
import type { Storage } from '../storage/database.js';
import { loadDemo } from './index.js';
import { loadDemoQuality } from './demo-quality.js';

const NOW = Date.UTC(2026, 11, 1, 12);
const sqlite = (await testEngines()).find((e) => e.name === 'sqlite')!;

describe("the demo's quality history", () => {
  let storage: Storage;
  let loaded: { evaluations: number; calibrations: number };
  before(async () => {
    storage = await sqlite.open();
    await loadDemo(storage, { customers: 300, seed: 3, now: NOW });
    loaded = await loadDemoQuality(storage, { seed: 3, now: NOW });
  });
  after(() => storage?.close());

  it('spreads a year of evaluations over the advisors, mostly acknowledged, some disputed and decided by someone else than their evaluator', async () => {
    const rows = await storage.db.selectFrom('evaluations').select(['state', 'evaluator_id', 'reviewer_id', 'advisor_id', 'created_at', 'score']).execute();
    assert.equal(rows.length, loaded.evaluations);
    assert.ok(rows.length > 50, `${rows.length} evaluations`);
    const states = new Map<string, number>();
    for (const r of rows) states.set(r.state, (states.get(r.state) ?? 0) + 1);
    assert.ok((states.get('acknowledged') ?? 0) > rows.length / 2);
    assert.ok((states.get('decided') ?? 0) > 0);
    for (const r of rows.filter((x) => x.state === 'decided')) assert.ok(r.reviewer_id && r.reviewer_id !== r.evaluator_id && r.reviewer_id !== r.advisor_id);
    const months = new Set(rows.map((r) => new Date(Number(r.created_at)).toISOString().slice(0, 7)));
    assert.ok(months.size >= 11, `${months.size} months`);
    // the stored scores are the figures' scores: the advisors differ
    const scores = await qualityScores(storage.db, { from: 0, to: NOW + 1 });
    const means = scores.map((s) => s.meanScore!).sort((a, b) => a - b);
    assert.ok(means.at(-1)! - means[0]! > 5, `advisors' means from ${means[0]} to ${means.at(-1)}`);
  });

  it('reveals one calibration session with its severe evaluator flagged', async () => {
    assert.equal(loaded.calibrations, 1);
    const session = await storage.db.selectFrom('calibration_sessions').select(['id', 'lead_id']).executeTakeFirstOrThrow();
    const lead = await storage.db.selectFrom('users').select(['id', 'role', 'team_id']).where('id', '=', session.lead_id).executeTakeFirstOrThrow();
    const actor: Actor = { kind: 'user', id: lead.id, role: lead.role, displayName: '', teamId: lead.team_id, language: 'fr' };
    const read = await readCalibration(storage.db, actor, session.id);
    assert.equal(read.state, 'revealed');
    assert.deepEqual(read.rows.map((r) => r.flagged), read.rows.map((_, i) => i === read.rows.length - 1));
  });
});
