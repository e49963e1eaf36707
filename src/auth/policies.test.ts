import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Role } from '../storage/schema.js';
import { can, npsScope, type Actor } from './policies.js';

const actor = (role: Role, teamId: string | null = 'team-a'): Actor => ({ kind: 'user', id: `user-${role}`, role, displayName: role, teamId, language: 'fr' });

describe('NPS scope', () => {
  it("gives advisors and team leads their own team, the other readers every team, and systems none; an advisor's figures to themselves, their team lead and the quality coaches", () => {
    const scopes = Object.fromEntries(
      (['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin', 'integration'] as const).map((role) => [role, npsScope(actor(role))]),
    );
    assert.deepEqual(scopes, {
      advisor: { teams: 'own', teamId: 'team-a', advisors: 'self', advisorId: 'user-advisor' },
      team_lead: { teams: 'own', teamId: 'team-a', advisors: 'all', advisorId: null },
      quality_coach: { teams: 'all', teamId: null, advisors: 'all', advisorId: null },
      cx_manager: { teams: 'all', teamId: null, advisors: 'none', advisorId: null },
      admin: { teams: 'all', teamId: null, advisors: 'none', advisorId: null },
      integration: { teams: 'none', teamId: null, advisors: 'none', advisorId: null },
    });
  });

  it('leaves an own-team reader without a team with no team, and ignores the team of those who see all', () => {
    assert.deepEqual(npsScope(actor('advisor', null)), { teams: 'own', teamId: null, advisors: 'self', advisorId: 'user-advisor' });
    assert.deepEqual(npsScope(actor('team_lead', null)), { teams: 'own', teamId: null, advisors: 'all', advisorId: null });
    assert.deepEqual(npsScope(actor('cx_manager', 'team-b')), { teams: 'all', teamId: null, advisors: 'none', advisorId: null });
  });

  it('is the same for an API token as for a person of the same role', () => {
    for (const role of ['advisor', 'cx_manager', 'integration'] as const) {
      assert.deepEqual(npsScope({ ...actor(role), kind: 'token' }), npsScope(actor(role)));
    }
  });

  it('sees figures exactly when the role may read NPS', () => {
    for (const role of ['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin', 'integration'] as const) {
      assert.equal(npsScope(actor(role)).teams !== 'none', can(actor(role), 'nps.read'), role);
    }
  });
});
