import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedTeam } from '../../test/fixtures.js';
import { testEngines } from '../../test/engines.js';
import { createUser } from '../auth/auth-service.js';
import type { Actor } from '../auth/policies.js';
import { DomainError } from '../shared/errors.js';
import type { Role } from '../shared/roles.js';
import type { Storage } from '../storage/database.js';
import { trainingEffect } from './training-effect.js';
import {
  changeAttendance, createRequirement, createSession, createTraining, listSessions, listTrainings, personTrainings, trainingCompliance, updateSession, updateTraining,
} from './trainings.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 10, 10);
const fieldCodes = (e: unknown) => (e instanceof DomainError ? e.fields.map((f) => f.code) : []);

for (const engine of await testEngines()) {
  describe(`training on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let people: Record<string, Actor>;
    let trainingId: string;
    const actor = (id: string, role: Role, teamId: string | null): Actor => ({ kind: 'user', id, role, displayName: role, teamId, language: 'en' });

    before(async () => {
      storage = await engine.open();
      const team = await seedTeam(storage.db);
      const other = await seedTeam(storage.db, 'Boutique Esch');
      const user = async (email: string, role: Role, teamId: string | null) => actor(await createUser(storage.db, { email, displayName: email, role, teamId, siteId: null, password: 'correct horse' }), role, teamId);
      people = {
        advisor: actor(team.advisorId, 'advisor', team.teamId),
        colleague: await user('colleague@ecoute.test', 'advisor', team.teamId),
        elsewhere: actor(other.advisorId, 'advisor', other.teamId),
        lead: await user('lead@ecoute.test', 'team_lead', team.teamId),
        coach: await user('coach@ecoute.test', 'quality_coach', null),
        manager: await user('manager@ecoute.test', 'cx_manager', null),
      };
      // everyone arrived well before the requirement's due day
      await storage.db.updateTable('users').set({ created_at: NOW - 200 * DAY }).execute();
      trainingId = await createTraining(storage.db, { code: 'FIBRE-101', title: 'La fibre expliquée', kind: 'product', audiences: ['call_centre', 'shop'], durationMinutes: 180, description: '' }, NOW - 60 * DAY);
    });
    after(() => storage.close());

    it('keeps one training per code, and archives without losing it', async () => {
      await assert.rejects(createTraining(storage.db, { code: 'FIBRE-101', title: 'Doublon', kind: 'process', audiences: ['shop'], durationMinutes: 30, description: '' }), (e: unknown) => e instanceof DomainError && e.status === 409 && e.code === 'duplicate-code');
      const other = await createTraining(storage.db, { code: 'ECOUTE-ACTIVE', title: 'Écoute active', kind: 'soft_skills', audiences: ['call_centre'], durationMinutes: 120, description: '' });
      await updateTraining(storage.db, other, { archived: true });
      assert.deepEqual((await listTrainings(storage.db)).map((t) => t.code), ['FIBRE-101']);
      assert.deepEqual((await listTrainings(storage.db, { archived: true })).map((t) => [t.code, t.archived]), [['ECOUTE-ACTIVE', true], ['FIBRE-101', false]]);
      await assert.rejects(createSession(storage.db, people.coach!, { trainingId: other, startsAt: '2027-01-10T09:00:00+01:00', endsAt: '2027-01-10T12:00:00+01:00', place: '', trainer: '', capacity: null }), (e: unknown) => fieldCodes(e).includes('archived-training'));
    });

    it('takes the whole list of changes or none: a full session, a session not begun, a person named twice', async () => {
      const planned = await createSession(storage.db, people.coach!, { trainingId, startsAt: new Date(NOW + 5 * DAY).toISOString(), endsAt: new Date(NOW + 5 * DAY + 3 * 3_600_000).toISOString(), place: 'Gasperich, salle 2', trainer: 'Paul', capacity: 2 }, NOW);
      await assert.rejects(
        changeAttendance(storage.db, people.coach!, planned, ['advisor', 'colleague', 'elsewhere'].map((p) => ({ userId: people[p]!.id, status: 'enrolled' as const })), NOW),
        (e: unknown) => e instanceof DomainError && e.status === 409 && e.code === 'session-full',
      );
      assert.equal((await listSessions(storage.db, people.coach!, { sessionId: planned }))[0]!.enrolled, 0, 'nothing written');
      await assert.rejects(changeAttendance(storage.db, people.coach!, planned, [{ userId: people.advisor!.id, status: 'completed' }], NOW), (e: unknown) => fieldCodes(e).includes('session-not-begun'));
      await assert.rejects(
        changeAttendance(storage.db, people.coach!, planned, [{ userId: people.advisor!.id, status: 'enrolled' }, { userId: people.advisor!.id, status: null }], NOW),
        (e: unknown) => fieldCodes(e).includes('repeated'),
      );
      await assert.rejects(createSession(storage.db, people.coach!, { trainingId, startsAt: '2027-01-10T12:00:00+01:00', endsAt: '2027-01-10T09:00:00+01:00', place: '', trainer: '', capacity: null }), (e: unknown) => fieldCodes(e).includes('ends-before-start'));
      await changeAttendance(storage.db, people.coach!, planned, [{ userId: people.advisor!.id, status: 'enrolled' }], NOW);
      await changeAttendance(storage.db, people.coach!, planned, [{ userId: people.colleague!.id, status: 'enrolled' }], NOW);
      await assert.rejects(updateSession(storage.db, planned, { capacity: 1 }), (e: unknown) => fieldCodes(e).includes('below-enrolled'));
    });

    it('records completion (at the end of the session by default) and says who is overdue on the required trainings, within each reader’s reach', async () => {
      const held = await createSession(storage.db, people.coach!, { trainingId, startsAt: new Date(NOW - 30 * DAY).toISOString(), endsAt: new Date(NOW - 30 * DAY + 3 * 3_600_000).toISOString(), place: 'Esch', trainer: 'Paul', capacity: null }, NOW - 40 * DAY);
      await changeAttendance(storage.db, people.coach!, held, [{ userId: people.advisor!.id, status: 'completed' }, { userId: people.colleague!.id, status: 'absent' }], NOW);
      const [session] = await listSessions(storage.db, people.coach!, { sessionId: held });
      assert.equal(session!.attendees.find((a) => a.userId === people.advisor!.id)!.completedAt, NOW - 30 * DAY + 3 * 3_600_000);
      assert.equal(session!.enrolled, 1, 'the absent one is not counted');
      await assert.rejects(updateSession(storage.db, held, { cancelled: true }), (e: unknown) => fieldCodes(e).includes('session-completed'));

      await createRequirement(storage.db, people.coach!, { trainingId, role: 'advisor', siteKind: '', dueDate: '2026-12-01' }, NOW);
      await assert.rejects(createRequirement(storage.db, people.coach!, { trainingId, role: 'advisor', siteKind: '', dueDate: '2027-01-01' }, NOW), (e: unknown) => e instanceof DomainError && e.status === 409);
      // a newcomer arrived on 5 December: due 30 days later, not overdue yet
      const newcomer = await createUser(storage.db, { email: 'new@ecoute.test', displayName: 'Zoé Nouvelle', role: 'advisor', teamId: people.advisor!.teamId, siteId: null, password: 'correct horse' });
      await storage.db.updateTable('users').set({ created_at: Date.UTC(2026, 11, 5, 9) }).where('id', '=', newcomer).execute();

      const all = await trainingCompliance(storage.db, people.coach!, {}, 30, NOW);
      const status = (id: string) => all.find((r) => r.person.id === id)?.status;
      assert.equal(status(people.advisor!.id), 'done');
      assert.equal(status(people.colleague!.id), 'overdue');
      assert.equal(status(people.elsewhere!.id), 'overdue');
      assert.equal(status(newcomer), 'due');
      assert.equal(all.find((r) => r.person.id === newcomer)!.dueDay, 20270104);
      assert.equal(status(people.lead!.id), undefined, 'not required of team leads');

      const overdue = await trainingCompliance(storage.db, people.lead!, { status: 'overdue' }, 30, NOW);
      assert.deepEqual(overdue.map((r) => r.person.id), [people.colleague!.id], "the lead's team only");
      assert.deepEqual((await trainingCompliance(storage.db, people.colleague!, {}, 30, NOW)).map((r) => r.person.id), [people.colleague!.id], 'an advisor sees their own');
      const seen = (await listSessions(storage.db, people.colleague!, { sessionId: held }))[0]!.attendees.map((a) => a.userId);
      assert.deepEqual(seen, [people.colleague!.id], "never a colleague's attendance");
      assert.deepEqual((await personTrainings(storage.db, people.advisor!.id)).map((t) => [t.training.code, t.status]), [['FIBRE-101', 'enrolled'], ['FIBRE-101', 'completed']], 'the planned session first');
    });

    it('shows the figures before and after only within reach: a CX manager pooled over five people at least', async () => {
      const effect = await trainingEffect(storage.db, people.coach!, trainingId, { windowDays: 90, minResponses: 30 }, NOW);
      assert.equal(effect.people, 1);
      assert.equal(effect.running, 1, 'completed 30 days ago: the 90 days after still run');
      assert.equal((await trainingEffect(storage.db, people.colleague!, trainingId, { windowDays: 90, minResponses: 30 }, NOW)).people, 0, "a colleague's figures are not pooled into an advisor's view");
      await assert.rejects(trainingEffect(storage.db, people.manager!, trainingId, { windowDays: 90, minResponses: 30 }, NOW), (e: unknown) => e instanceof DomainError && e.status === 403);
    });
  });
}
