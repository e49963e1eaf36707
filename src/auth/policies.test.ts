import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Role } from '../storage/schema.js';
import { actionScope, analysisScope, can, followupScope, mayEditAction, npsScope, qualityScope, reachesPerson, scopesForRole, type Actor } from './policies.js';

const actor = (role: Role, teamId: string | null = 'team-a'): Actor => ({ kind: 'user', id: `user-${role}`, role, displayName: role, teamId, language: 'fr' });

describe('NPS scope', () => {
  it("gives advisors and team leads their own team, the other readers every team, and systems none; an advisor's figures to themselves, their team lead and the quality coaches", () => {
    const scopes = Object.fromEntries(
      (['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin', 'dpo', 'integration'] as const).map((role) => [role, npsScope(actor(role))]),
    );
    assert.deepEqual(scopes, {
      advisor: { teams: 'own', teamId: 'team-a', advisors: 'self', advisorId: 'user-advisor' },
      team_lead: { teams: 'own', teamId: 'team-a', advisors: 'all', advisorId: null },
      quality_coach: { teams: 'all', teamId: null, advisors: 'all', advisorId: null },
      cx_manager: { teams: 'all', teamId: null, advisors: 'none', advisorId: null },
      admin: { teams: 'all', teamId: null, advisors: 'none', advisorId: null },
      dpo: { teams: 'none', teamId: null, advisors: 'none', advisorId: null },
      integration: { teams: 'none', teamId: null, advisors: 'none', advisorId: null },
    });
  });

  it('leaves an own-team reader without a team with no team, and ignores the team of those who see all', () => {
    assert.deepEqual(npsScope(actor('advisor', null)), { teams: 'own', teamId: null, advisors: 'self', advisorId: 'user-advisor' });
    assert.deepEqual(npsScope(actor('team_lead', null)), { teams: 'own', teamId: null, advisors: 'all', advisorId: null });
    assert.deepEqual(npsScope(actor('cx_manager', 'team-b')), { teams: 'all', teamId: null, advisors: 'none', advisorId: null });
  });

  it('is the same for an API token with the nps scope as for a person who sees every team; none for own-team roles (a token has no team) or without the scope', () => {
    for (const role of ['quality_coach', 'cx_manager', 'admin'] as const) {
      assert.deepEqual(npsScope({ ...actor(role), kind: 'token', scopes: ['nps'] }), npsScope(actor(role)));
    }
    for (const role of ['advisor', 'team_lead', 'integration'] as const) {
      assert.deepEqual(npsScope({ ...actor(role), kind: 'token', scopes: ['nps'] }), { teams: 'none', teamId: null, advisors: 'none', advisorId: null });
    }
    assert.deepEqual(npsScope({ ...actor('cx_manager'), kind: 'token', scopes: ['recognition', 'contacts'] }), { teams: 'none', teamId: null, advisors: 'none', advisorId: null });
  });

  it('sees figures exactly when the role may read NPS', () => {
    for (const role of ['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin', 'integration'] as const) {
      assert.equal(npsScope(actor(role)).teams !== 'none', can(actor(role), 'nps.read'), role);
    }
  });
});

describe('API token scopes', () => {
  const token = (role: Role, scopes: Actor['scopes']): Actor => ({ ...actor(role, null), kind: 'token', scopes });

  it('lets a recognition token recognise callers and nothing else: no search, no card, no contact', () => {
    const cti = token('integration', ['recognition']);
    assert.equal(can(cti, 'customer.recognize'), true);
    for (const action of ['customer.search', 'customer.read', 'customer.create', 'interaction.create', 'reason.read'] as const) assert.equal(can(cti, action), false, action);
  });

  it('gives a token only what both its role and its scopes allow, and nothing without scopes', () => {
    assert.equal(can(token('integration', ['nps']), 'nps.read'), false);
    assert.equal(can(token('cx_manager', ['nps']), 'nps.read'), true);
    assert.equal(can(token('cx_manager', ['nps']), 'survey.read'), false);
    assert.equal(can(token('integration', undefined), 'customer.recognize'), false);
    assert.equal(can(token('admin', ['audit']), 'token.manage'), false);
  });

  it('offers each role the scopes that give it something', () => {
    assert.deepEqual(scopesForRole('integration'), ['recognition', 'contacts', 'customers', 'complaints', 'recordings', 'usage', 'billing', 'devices']);
    assert.deepEqual(scopesForRole('dpo'), ['audit']);
  });
});

describe('data protection officer', () => {
  it('reads the audit trail and no customer data', () => {
    const dpo = actor('dpo', null);
    assert.equal(can(dpo, 'audit.read'), true);
    for (const action of ['customer.recognize', 'customer.search', 'customer.read', 'survey.read', 'nps.read', 'token.manage', 'sms.simulate'] as const) {
      assert.equal(can(dpo, action), false, action);
    }
  });
});

describe('follow-up scope', () => {
  it('gives advisors the follow-ups assigned to them, team leads their team’s, CX managers, admins and quality coaches every team’s', () => {
    const cases = Object.fromEntries((['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin'] as const).map((role) => [role, followupScope(actor(role)).cases]));
    assert.deepEqual(cases, { advisor: 'assigned', team_lead: 'team', quality_coach: 'all', cx_manager: 'all', admin: 'all' });
    assert.deepEqual(followupScope(actor('team_lead')), { cases: 'team', teamId: 'team-a', userId: 'user-team_lead' });
  });

  it('lets team leads and CX managers assign, never advisors; quality coaches read the figures only', () => {
    assert.deepEqual((['advisor', 'team_lead', 'quality_coach', 'cx_manager'] as const).map((role) => can(actor(role), 'followup.assign')), [false, true, false, true]);
    assert.deepEqual([can(actor('quality_coach'), 'followup.read'), can(actor('quality_coach'), 'followup.metrics')], [false, true]);
  });
});

describe('analysis of causes', () => {
  it('is read by team leads (their own team), quality coaches, CX managers and admins; no token, advisor or DPO', () => {
    const roles = ['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin', 'dpo', 'integration'] as const;
    assert.deepEqual(roles.map((role) => can(actor(role), 'analysis.read')), [false, true, true, true, true, false, false]);
    assert.deepEqual(analysisScope(actor('team_lead')), { teams: 'own', teamId: 'team-a' });
    assert.deepEqual(analysisScope(actor('quality_coach')), { teams: 'all', teamId: null });
    assert.equal(can({ ...actor('cx_manager'), kind: 'token', scopes: ['nps', 'complaints'] }, 'analysis.read'), false);
  });
});

describe('improvement actions', () => {
  it('are read by team leads (their team and their own), coaches, CX managers and admins; changed by CX managers, admins and the person in charge only', () => {
    const readers = (['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin', 'dpo', 'integration'] as const).filter((role) => can(actor(role), 'action.read'));
    assert.deepEqual(readers, ['team_lead', 'quality_coach', 'cx_manager', 'admin']);
    assert.deepEqual(actionScope(actor('team_lead')), { actions: 'team', teamId: 'team-a', userId: 'user-team_lead' });
    assert.equal(actionScope(actor('quality_coach')).actions, 'all');
    assert.equal(mayEditAction(actor('cx_manager'), { ownerId: 'someone' }), true);
    assert.equal(mayEditAction(actor('team_lead'), { ownerId: 'user-team_lead' }), true, 'the person in charge');
    assert.equal(mayEditAction(actor('team_lead'), { ownerId: 'someone' }), false);
    assert.equal(mayEditAction(actor('advisor'), { ownerId: 'user-advisor' }), false, 'an advisor does not work on actions');
    assert.equal(mayEditAction({ ...actor('team_lead'), kind: 'token', scopes: ['nps'] }, { ownerId: 'user-team_lead' }), false);
    assert.deepEqual((['team_lead', 'cx_manager', 'admin'] as const).map((role) => can(actor(role), 'action.verify-override')), [false, true, true]);
  });
});

describe('quality scope', () => {
  const token = (role: Role, scopes: Actor['scopes']): Actor => ({ ...actor(role, null), kind: 'token', scopes });
  it('gives coaches everyone, team leads their team and themselves, advisors themselves, CX managers team figures only, and nobody else anyone', () => {
    const lead = { ...actor('team_lead'), id: 'lead', teamId: 'north' };
    const advisor = { ...actor('advisor'), id: 'me', teamId: 'north' };
    const colleague = { id: 'colleague', teamId: 'north' };
    const other = { id: 'other', teamId: 'south' };
    assert.deepEqual([reachesPerson(qualityScope(lead), colleague), reachesPerson(qualityScope(lead), other), reachesPerson(qualityScope(lead), { id: 'lead', teamId: null })], [true, false, true]);
    assert.deepEqual([reachesPerson(qualityScope(advisor), { id: 'me', teamId: 'north' }), reachesPerson(qualityScope(advisor), colleague)], [true, false]);
    assert.equal(reachesPerson(qualityScope(actor('quality_coach')), other), true);
    for (const role of ['cx_manager', 'admin', 'dpo'] as const) assert.equal(reachesPerson(qualityScope(actor(role)), other), false, role);
    assert.equal(qualityScope(token('integration', ['recordings'])).people, 'none');
  });

  it('lets coaches and team leads listen and evaluate, advisors listen to their own, and no CX manager or admin listen', () => {
    const listeners = (['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin', 'dpo', 'integration'] as const).filter((role) => can(actor(role), 'recording.play'));
    assert.deepEqual(listeners, ['advisor', 'team_lead', 'quality_coach']);
    assert.equal(can(token('integration', ['recordings']), 'recording.store'), true);
    assert.equal(can(token('integration', ['recordings']), 'recording.play'), false);
  });
});
