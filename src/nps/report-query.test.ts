import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../auth/policies.js';
import { DomainError } from '../shared/errors.js';
import type { Role } from '../storage/schema.js';
import type { ReportQuery } from './nps-report.js';
import { MAX_PERIODS, parseReportParams, scopeQuery } from './report-query.js';

const actor = (role: Role, teamId: string | null, id = 'u'): Actor => ({ kind: 'user', id, role, displayName: role, teamId, language: 'fr' });
const query = (filters: ReportQuery['filters'], groupBy: ReportQuery['groupBy'] = ['advisor']): ReportQuery => ({
  from: 20260101, to: 20261031, interval: 'month', groupBy, filters, minResponses: 30,
});
const refused = (message: RegExp) => (error: unknown) => error instanceof DomainError && error.status === 403 && message.test(error.message);

describe('report scope', () => {
  it('pins an advisor or a team lead to their team, their own team asked or not', () => {
    for (const role of ['advisor', 'team_lead'] as const) {
      assert.deepEqual(scopeQuery(query({ channel: 'phone' }, ['reason']), actor(role, 'team-a')).filters, { channel: 'phone', team: 'team-a' });
      assert.deepEqual(scopeQuery(query({ team: 'team-a' }, ['reason']), actor(role, 'team-a')).filters, { team: 'team-a' });
    }
  });

  it('refuses another team, and any figure to an own-team reader without a team', () => {
    assert.throws(() => scopeQuery(query({ team: 'team-b' }), actor('team_lead', 'team-a')), refused(/own team only/));
    assert.throws(() => scopeQuery(query({}), actor('advisor', null)), refused(/without a team/));
  });

  it('leaves the query of those who see every team as asked', () => {
    const asked = query({ team: 'team-b' });
    assert.equal(scopeQuery(asked, actor('quality_coach', 'team-a')), asked);
    const byTeam = query({ team: 'team-b' }, ['team', 'reason']);
    for (const role of ['quality_coach', 'cx_manager', 'admin'] as const) assert.equal(scopeQuery(byTeam, actor(role, 'team-a')), byTeam);
  });

  it("gives an advisor their own figures per advisor and their team's total, never a colleague's", () => {
    const me = actor('advisor', 'team-a', 'me');
    // Grouped by advisor: their own row only.
    assert.deepEqual(scopeQuery(query({}), me).filters, { team: 'team-a', advisor: 'me' });
    assert.deepEqual(scopeQuery(query({ advisor: 'me' }, ['reason']), me).filters, { team: 'team-a', advisor: 'me' });
    // Not per advisor: the team's total.
    assert.deepEqual(scopeQuery(query({ channel: 'phone' }, ['reason']), me).filters, { team: 'team-a', channel: 'phone' });
    // Comments are always their own.
    assert.deepEqual(scopeQuery(query({}, []), me, 'comments').filters, { team: 'team-a', advisor: 'me' });
    for (const use of ['figures', 'comments'] as const) {
      assert.throws(() => scopeQuery(query({ advisor: 'colleague' }, []), me, use), refused(/not a colleague's/));
      assert.throws(() => scopeQuery(query({ advisor: '' }, []), me, use), refused(/not a colleague's/));
    }
  });

  it('lets a team lead and a quality coach group and filter by advisor, within their teams', () => {
    assert.deepEqual(scopeQuery(query({ advisor: 'someone' }), actor('team_lead', 'team-a')).filters, { advisor: 'someone', team: 'team-a' });
    assert.deepEqual(scopeQuery(query({}), actor('team_lead', 'team-a'), 'comments').filters, { team: 'team-a' });
    assert.deepEqual(scopeQuery(query({ advisor: 'someone' }), actor('quality_coach', null)).filters, { advisor: 'someone' });
  });

  it('refuses figures per advisor to CX managers and admins', () => {
    for (const role of ['cx_manager', 'admin'] as const) {
      assert.throws(() => scopeQuery(query({}), actor(role, null)), refused(/performance data/));
      assert.throws(() => scopeQuery(query({ advisor: 'someone' }, ['team']), actor(role, null), 'comments'), refused(/performance data/));
      assert.deepEqual(scopeQuery(query({}, []), actor(role, null), 'comments').filters, {});
    }
  });

  it('refuses a role that may not read NPS figures', () => {
    assert.throws(() => scopeQuery(query({}), actor('integration', null)), refused(/may not read NPS/));
  });
});

describe('report parameters', () => {
  it('refuses a range of more periods than the cap by counting them, before building any', () => {
    // 3,287,182 rolling periods: building them would take seconds (and bucketsOf refuses past 100,000 with a RangeError).
    const far = () => parseReportParams({ from: '1000-01-01', to: '9999-12-31', interval: 'rolling28' }, 30);
    assert.throws(far, (error: unknown) => {
      assert.ok(error instanceof DomainError, `a DomainError, not ${String(error)}`);
      assert.deepEqual([error.status, error.code, error.fields.map((f) => f.field)], [400, 'too-many-periods', ['interval']]);
      assert.deepEqual(error.params, { periods: 3_287_182, max: MAX_PERIODS, interval: 'rolling28' });
      return true;
    });
    for (const interval of ['day', 'week'] as const) {
      assert.throws(() => parseReportParams({ from: '1000-01-01', to: '9999-12-31', interval }, 30), (e: unknown) => e instanceof DomainError && e.code === 'too-many-periods');
    }
    assert.equal(parseReportParams({ from: '1970-01-01', to: '2969-12-31', interval: 'year' }, 30).interval, 'year', 'exactly the cap is allowed');
  });

  it('refuses days no contact can have', () => {
    for (const [from, to, fields] of [['1000-01-01', '9999-12-31', ['from', 'to']], ['1969-12-31', '2026-01-01', ['from']], ['2026-01-01', '3000-01-01', ['to']]] as const) {
      assert.throws(
        () => parseReportParams({ from, to, interval: 'total' }, 30),
        (e: unknown) => e instanceof DomainError && e.code === 'invalid-input' && e.fields.map((f) => f.field).join() === fields.join(),
        `${from} ${to}`,
      );
    }
  });
});
