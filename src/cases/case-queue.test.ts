import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import type { Storage } from '../storage/database.js';
import { caseQueue, type QueueQuery } from './case-queue.js';
import { openCase, transition } from './case-service.js';
import { seedCaseWorld, TICKET } from './cases.testkit.js';

/** Wednesday 9 December 2026, 14:00 in Luxembourg. */
const NOW = Date.UTC(2026, 11, 9, 13, 0);
const HOUR = 3_600_000;

for (const engine of await testEngines()) {
  describe(`case queues on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let world: Awaited<ReturnType<typeof seedCaseWorld>>;
    const ids: Record<string, string> = {};
    before(async () => {
      storage = await engine.open();
      world = await seedCaseWorld(storage.db);
      const db = storage.db;
      const open = async (name: string, fields: Parameters<typeof openCase>[2]) => {
        ids[name] = (await openCase(db, TICKET, { partyId: world.partyId, teamId: world.teamId, openedAt: NOW - 48 * HOUR, ...fields }, world.actor)).id;
      };
      await open('late', { dueAt: NOW - 2 * HOUR });
      await open('lateHot', { dueAt: NOW - HOUR, hot: true });
      await open('today', { dueAt: NOW + 4 * HOUR, assigneeId: world.advisorId });
      await open('tomorrow', { dueAt: NOW + 24 * HOUR, hot: true });
      await open('undated', {});
      await open('undatedHot', { hot: true });
      await open('pausedLate', { dueAt: NOW - 3 * HOUR });
      await transition(db, ids.pausedLate!, 'start', world.actor, { at: NOW - 47 * HOUR });
      await transition(db, ids.pausedLate!, 'pause', world.actor, { at: NOW - 46 * HOUR });
      await open('closed', { dueAt: NOW + HOUR });
      await transition(db, ids.closed!, 'cancel', world.actor, { at: NOW - HOUR, reason: 'duplicate' });
      await open('elsewhere', { dueAt: NOW - 5 * HOUR, teamId: world.otherTeamId });
    });
    after(() => storage?.close());

    const names = (rows: { id: string }[]) => rows.map((r) => Object.keys(ids).find((k) => ids[k] === r.id));
    const queue = (query: Partial<QueueQuery>) => caseQueue(storage.db, { kind: 'test-ticket', teamId: world.teamId, view: 'all', limit: 50, now: NOW, ...query });

    it('lists a team’s open cases soonest deadline first, then those without one, page by page', async () => {
      const all = await queue({});
      assert.deepEqual(names(all.items), ['pausedLate', 'late', 'lateHot', 'today', 'tomorrow', 'undated', 'undatedHot']);
      assert.equal(all.next, null);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await queue({ limit: 2, cursor });
        seen.push(...(names(page.items) as string[]));
        cursor = page.next ?? undefined;
      } while (cursor);
      assert.deepEqual(seen, names(all.items), 'pages of 2 give every case once, across the dated and undated parts');
    });

    it('shows what is overdue, due later today and hot; a paused clock is neither overdue nor due', async () => {
      assert.deepEqual(names((await queue({ view: 'overdue' })).items), ['late', 'lateHot']);
      assert.deepEqual(names((await queue({ view: 'due-today' })).items), ['today']);
      assert.deepEqual(names((await queue({ view: 'hot' })).items), ['lateHot', 'tomorrow', 'undatedHot']);
      assert.deepEqual(names((await queue({ teamId: undefined, assigneeId: world.advisorId })).items), ['today']);
      assert.deepEqual(names((await queue({ status: 'closed' })).items), ['closed']);
      assert.deepEqual(names((await queue({ teamId: world.otherTeamId, view: 'overdue' })).items), ['elsewhere']);
      assert.deepEqual(names((await queue({ states: ['working'] })).items), ['pausedLate']);
      await assert.rejects(queue({ cursor: 'yesterday' }), /cursor/);
    });

    // SQLite's plan, read here; bench/case-queue.ts times both engines with millions of cases
    it('reads a team’s queue from the partial indexes of open cases', { skip: engine.name === 'sqlite' ? false : 'plans read on SQLite' }, async () => {
      const plan = (sqlText: string, ...params: unknown[]) =>
        (storage.sqlite!.prepare(`explain query plan ${sqlText}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
      const select = 'select * from "cases" where "kind" = ? and "team_id" = ?';
      assert.match(plan(`${select} and "closed_at" is null and "due_at" is not null and "due_at" < ? order by "due_at", "id" limit 51`, 'x', 'y', NOW), /USING INDEX cases_open_team_due/);
      assert.match(plan(`${select} and hot = 1 and "closed_at" is null and "due_at" is not null order by "due_at", "id" limit 51`, 'x', 'y'), /USING INDEX cases_open_hot_due/);
      assert.doesNotMatch(plan(`${select} and "closed_at" is null and "due_at" is not null order by "due_at", "id" limit 51`, 'x', 'y'), /TEMP B-TREE/);
    });
  });
}
