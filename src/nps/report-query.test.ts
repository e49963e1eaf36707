import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../auth/policies.js';
import { DomainError } from '../shared/errors.js';
import type { Role } from '../storage/schema.js';
import type { ReportQuery } from './nps-report.js';
import { scopeQuery } from './report-query.js';

const actor = (role: Role, teamId: string | null): Actor => ({ kind: 'user', id: 'u', role, displayName: role, teamId, language: 'fr' });
const query = (filters: ReportQuery['filters']): ReportQuery => ({ from: 20260101, to: 20261031, interval: 'month', groupBy: ['advisor'], filters, minResponses: 30 });
const refused = (message: RegExp) => (error: unknown) => error instanceof DomainError && error.status === 403 && message.test(error.message);

describe('report scope', () => {
  it('pins an advisor or a team lead to their team, their own team asked or not', () => {
    for (const role of ['advisor', 'team_lead'] as const) {
      assert.deepEqual(scopeQuery(query({ channel: 'phone' }), actor(role, 'team-a')).filters, { channel: 'phone', team: 'team-a' });
      assert.deepEqual(scopeQuery(query({ team: 'team-a' }), actor(role, 'team-a')).filters, { team: 'team-a' });
    }
  });

  it('refuses another team, and any figure to an own-team reader without a team', () => {
    assert.throws(() => scopeQuery(query({ team: 'team-b' }), actor('team_lead', 'team-a')), refused(/own team only/));
    assert.throws(() => scopeQuery(query({}), actor('advisor', null)), refused(/without a team/));
  });

  it('leaves the query of those who see every team as asked', () => {
    const asked = query({ team: 'team-b' });
    for (const role of ['quality_coach', 'cx_manager', 'admin'] as const) assert.equal(scopeQuery(asked, actor(role, 'team-a')), asked);
  });

  it('refuses a role that may not read NPS figures', () => {
    assert.throws(() => scopeQuery(query({}), actor('integration', null)), refused(/may not read NPS/));
  });
});
