import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { testEngines } from '../../test/engines.js';
import { DomainError } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import { caseTimeline, findCase, openCase, transition } from './case-service.js';
import { seedCaseWorld, TICKET } from './cases.testkit.js';

/**
 * Any sequence of actions, allowed or not, with or without what they require: the case never leaves
 * the states of its kind, every accepted action adds exactly one event and one version, every
 * refused one writes nothing; and the mechanism accepts exactly what the kind's table allows.
 */

const MONDAY_10 = Date.UTC(2026, 11, 7, 9, 0);

const step = fc.record({
  action: fc.constantFrom(...TICKET.actions, 'fly'),
  reason: fc.constantFrom(undefined, '', 'the customer called back'),
  withAssignee: fc.boolean(),
  withTeam: fc.boolean(),
  minutes: fc.integer({ min: 1, max: 3 * 24 * 60 }),
});

for (const engine of await testEngines()) {
  describe(`case state machine under random actions on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let world: Awaited<ReturnType<typeof seedCaseWorld>>;
    before(async () => {
      storage = await engine.open();
      world = await seedCaseWorld(storage.db);
    });
    after(() => storage?.close());

    it('stays in its table, one event per accepted action, nothing for a refused one', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
          const db = storage.db;
          const opened = await openCase(db, TICKET, { partyId: world.partyId, teamId: world.teamId, openedAt: MONDAY_10, at: MONDAY_10, dueAt: MONDAY_10 + 8 * 3_600_000 }, world.actor);
          let at = MONDAY_10;
          let events = 1;
          let before = opened;
          for (const s of steps) {
            at += s.minutes * 60_000;
            const rule = Object.hasOwn(TICKET.transitions, s.action) ? TICKET.transitions[s.action as keyof typeof TICKET.transitions] : undefined;
            const requires = rule?.requires ?? [];
            const expected =
              rule !== undefined &&
              (rule.from as readonly string[]).includes(before.state) &&
              !(rule.effect === 'pause' && before.paused_at !== null) &&
              !(rule.effect === 'resume' && before.paused_at === null) &&
              !(requires.includes('reason') && !s.reason) &&
              !(requires.includes('assignee') && !s.withAssignee) &&
              !(requires.includes('team') && !s.withTeam);
            let accepted: boolean;
            try {
              await transition(db, opened.id, s.action, world.actor, {
                at,
                reason: s.reason ?? null,
                ...(s.withAssignee ? { assigneeId: world.otherAdvisorId } : {}),
                ...(s.withTeam ? { teamId: world.otherTeamId } : {}),
              });
              accepted = true;
            } catch (error) {
              if (!(error instanceof DomainError) || ![400, 409].includes(error.status)) throw error;
              accepted = false;
            }
            assert.equal(accepted, expected, `${s.action} from ${before.state}`);
            const after = (await findCase(db, opened.id))!;
            const timeline = await caseTimeline(db, opened.id);
            assert.ok((TICKET.states as readonly string[]).includes(after.state), after.state);
            if (accepted) {
              events += 1;
              assert.equal(after.version, before.version + (rule!.keepsVersion ? 0 : 1));
              assert.equal(after.state, rule!.to ?? before.state);
              assert.equal(after.closed_at !== null, (TICKET.terminal as readonly string[]).includes(after.state));
              assert.deepEqual([timeline.at(-1)!.action, timeline.at(-1)!.fromState, timeline.at(-1)!.toState], [s.action, before.state, after.state]);
            } else {
              assert.deepEqual(after, before);
            }
            assert.equal(timeline.length, events);
            before = after;
          }
        }),
        { numRuns: engine.name === 'sqlite' ? 60 : 25 },
      );
    });
  });
}
