import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { createApiToken } from '../auth/auth-service.js';
import { loadConfig } from '../config.js';
import { loadDemoSurveys } from '../demo/demo-surveys.js';
import { DEMO_LOGINS } from '../demo/index.js';
import { loadDemo } from '../demo/load.js';
import { startServer, type RunningServer } from '../server/server.js';
import type { Storage } from '../storage/database.js';
import type { Role } from '../storage/schema.js';

// Figures per advisor are that employee's performance: each role reads what npsScope (src/auth/policies.ts) gives it.

const NOW = Date.UTC(2026, 10, 20, 12);
const RANGE = 'from=2026-01-01&to=2026-10-31';
type Row = { advisor?: string; team?: string; n: number } & Record<string, any>;

for (const engine of await testEngines()) {
  describe(`NPS figures per advisor, by role, on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    const cookies = {} as Record<Exclude<Role, 'integration'>, string>;
    let integration: string;
    let me: { id: string; teamId: string };
    let colleague: string;
    let otherTeamAdvisor: string;
    let otherTeam: string;

    const get = (path: string, who: Role) =>
      fetch(`${server.url}/api/v1${path}`, {
        headers: who === 'integration' ? { authorization: `Bearer ${integration}` } : { cookie: cookies[who] },
      });
    const json = async (path: string, who: Role) => {
      const response = await get(path, who);
      assert.equal(response.status, 200, `${who} ${path}: ${response.status}`);
      return response.json();
    };
    const advisorsOf = (rows: Row[]) => [...new Set(rows.filter((r) => r.n > 0).map((r) => r.advisor))].sort();

    before(async () => {
      storage = await engine.open();
      await loadDemo(storage, { customers: 300, seed: 9, now: NOW });
      await loadDemoSurveys(storage, { seed: 9, now: NOW });
      integration = (await createApiToken(storage.db, 'cti', 'integration', ['recognition', 'contacts'])).token;
      server = await startServer({ storage, config: loadConfig({ demoMode: false }), port: 0 });
      for (const login of DEMO_LOGINS) {
        const response = await fetch(`${server.url}/api/v1/auth/login`, {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: login.email, password: login.password }),
        });
        assert.equal(response.status, 200, login.email);
        cookies[login.role] = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
      }
      const advisor = await storage.db.selectFrom('users').select(['id', 'team_id']).where('email', '=', 'advisor@demo.ecoute.lu').executeTakeFirstOrThrow();
      me = { id: advisor.id, teamId: advisor.team_id! };
      // Advisors with answered surveys: a colleague in the same team, and someone in another team.
      const surveyed = await storage.db
        .selectFrom('surveys').innerJoin('survey_responses', 'survey_responses.survey_id', 'surveys.id')
        .select(['surveys.advisor_id', 'surveys.team_id']).where('surveys.advisor_id', 'is not', null).where('survey_responses.comment', 'is not', null)
        .where('survey_responses.score', 'is not', null)
        .where('survey_responses.interaction_started_at', '>=', Date.UTC(2026, 1, 1)).where('survey_responses.interaction_started_at', '<', Date.UTC(2026, 9, 1))
        .distinct().orderBy('surveys.advisor_id').execute();
      assert.ok(surveyed.some((s) => s.advisor_id === me.id), 'the demo advisor has answered surveys with comments');
      colleague = surveyed.find((s) => s.team_id === me.teamId && s.advisor_id !== me.id)!.advisor_id!;
      otherTeamAdvisor = surveyed.find((s) => s.team_id !== me.teamId)!.advisor_id!;
      otherTeam = surveyed.find((s) => s.team_id !== me.teamId)!.team_id!;
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    it("tells each reader, in /auth/me, whose figures per advisor they see", async () => {
      const scopes = Object.fromEntries(
        await Promise.all((['advisor', 'team_lead', 'quality_coach', 'cx_manager', 'admin', 'integration'] as const).map(async (role) => [role, (await json('/auth/me', role)).user.npsScope])),
      );
      assert.deepEqual(scopes.advisor, { teams: 'own', teamId: me.teamId, advisors: 'self', advisorId: me.id });
      assert.deepEqual(scopes.team_lead, { teams: 'own', teamId: me.teamId, advisors: 'all', advisorId: null });
      assert.deepEqual(scopes.quality_coach, { teams: 'all', teamId: null, advisors: 'all', advisorId: null });
      for (const role of ['cx_manager', 'admin'] as const) assert.deepEqual(scopes[role], { teams: 'all', teamId: null, advisors: 'none', advisorId: null });
      assert.deepEqual(scopes.integration, { teams: 'none', teamId: null, advisors: 'none', advisorId: null });
    });

    it("shows an advisor their own row by advisor and their team's total, never a colleague", async () => {
      const own = await json(`/nps?${RANGE}&interval=total&groupBy=advisor`, 'advisor');
      assert.deepEqual(advisorsOf(own.rows), [me.id]);
      assert.deepEqual(Object.keys(own.labels.advisor ?? {}), [me.id], 'no colleague named');
      const team = await json(`/nps?${RANGE}&interval=total`, 'advisor');
      const lead = await json(`/nps?${RANGE}&interval=total&groupBy=advisor`, 'team_lead');
      const sum = (rows: Row[]) => rows.reduce((n, r) => n + r.n, 0);
      assert.equal(sum(team.rows), sum(lead.rows), "the team's total: every advisor of the team together");
      assert.ok(sum(team.rows) > sum(own.rows), 'the team has more answers than the advisor');
      for (const path of [`/nps?advisor=${colleague}`, `/nps?groupBy=team&advisor=${colleague}`, `/nps/topics?advisor=${colleague}`, `/nps/drivers?advisor=${colleague}`, `/nps/verbatims?advisor=${colleague}`]) {
        const response = await get(path, 'advisor');
        assert.equal(response.status, 403, path);
        assert.match((await response.json()).detail, /not a colleague's/);
      }
    });

    it("gives an advisor their own comments only", async () => {
      const page = await json(`/nps/verbatims?${RANGE}&limit=200`, 'advisor');
      assert.ok(page.items.length > 0, 'the advisor has comments');
      assert.deepEqual([...new Set(page.items.map((v: { advisor: string }) => v.advisor))], [me.id]);
      const mine = await json(`/nps/verbatims?${RANGE}&limit=200&advisor=${me.id}`, 'advisor');
      assert.deepEqual(mine.items, page.items);
    });

    it("shows a team lead every advisor of their team, and their comments", async () => {
      const report = await json(`/nps?${RANGE}&interval=total&groupBy=advisor`, 'team_lead');
      const members = (await storage.db.selectFrom('users').select('id').where('team_id', '=', me.teamId).execute()).map((u) => u.id);
      const shown = advisorsOf(report.rows);
      assert.ok(shown.length > 1 && shown.includes(colleague) && shown.every((a) => members.includes(a!)), `the team's advisors: ${shown.join(', ')}`);
      const page = await json(`/nps/verbatims?${RANGE}&advisor=${colleague}`, 'team_lead');
      assert.ok(page.items.length > 0 && page.items.every((v: { advisor: string }) => v.advisor === colleague), "the colleague's comments");
      assert.equal((await get(`/nps/verbatims?advisor=${otherTeamAdvisor}&team=${me.teamId}`, 'team_lead')).status, 200, 'their team pinned: nothing of the other team');
    });

    it('shows a quality coach the advisors of every team', async () => {
      const report = await json(`/nps?${RANGE}&interval=total&groupBy=team,advisor`, 'quality_coach');
      const shown = advisorsOf(report.rows);
      assert.ok(shown.includes(me.id) && shown.includes(colleague) && shown.includes(otherTeamAdvisor), `every team's advisors: ${shown.join(', ')}`);
      const page = await json(`/nps/verbatims?${RANGE}&advisor=${otherTeamAdvisor}`, 'quality_coach');
      assert.ok(page.items.length > 0 && page.items.every((v: { advisor: string }) => v.advisor === otherTeamAdvisor), 'comments of another team');
    });

    it('gives CX managers and admins every team but no figure per advisor', async () => {
      for (const role of ['cx_manager', 'admin'] as const) {
        for (const path of [`/nps?groupBy=advisor`, `/nps?groupBy=team,advisor&interval=total`, `/nps?advisor=${me.id}`, `/nps/topics?advisor=${me.id}`, `/nps/verbatims?advisor=${me.id}`]) {
          const response = await get(path, role);
          assert.equal(response.status, 403, `${role} ${path}`);
          assert.match((await response.json()).detail, /performance data/);
        }
        const teams = await json(`/nps?${RANGE}&interval=total&groupBy=team`, role);
        assert.ok(new Set(teams.rows.map((r: Row) => r.team)).size > 1, 'several teams');
        const page = await json(`/nps/verbatims?${RANGE}&limit=50`, role);
        assert.ok(page.items.length > 0 && page.items.every((v: { advisor: string | null }) => v.advisor === null), 'comments without their advisor');
      }
    });

    it("gives an advisor the lines per team and per site of their own team only, with its score counts, never a colleague's", async () => {
      // The comparison of the trend: one line per team (theirs only) or per site (of their team).
      const byTeam = await json(`/nps?${RANGE}&interval=month&groupBy=team`, 'advisor');
      assert.deepEqual([...new Set(byTeam.rows.map((r: Row) => r.team))], [me.teamId]);
      const bySite = await json(`/nps?${RANGE}&interval=month&groupBy=site`, 'advisor');
      const teamsSites = await json(`/nps?${RANGE}&interval=month&groupBy=site&team=${me.teamId}`, 'quality_coach');
      assert.deepEqual(bySite.rows, teamsSites.rows, "the advisor's lines per site are their team's");
      const everyTeam = await json(`/nps?${RANGE}&interval=month&groupBy=site`, 'quality_coach');
      assert.ok(everyTeam.rows.reduce((n: number, r: Row) => n + r.n, 0) > bySite.rows.reduce((n: number, r: Row) => n + r.n, 0));
      // The distribution under a figure is the figure's own: per advisor, their own scores only.
      const own = await json(`/nps?${RANGE}&interval=total&groupBy=advisor`, 'advisor');
      assert.deepEqual([...new Set(own.rows.map((r: Row) => r.advisor))], [me.id]);
      for (const r of own.rows) assert.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].reduce((n, s) => n + r[`score_${s}`], 0), r.n);
      assert.equal((await get(`/nps?${RANGE}&interval=month&groupBy=site&team=${otherTeam}`, 'advisor')).status, 403);
    });

    it('gives an integration token no NPS figure', async () => {
      for (const path of ['/nps', '/nps/verbatims', '/nps/topics', '/nps/drivers']) assert.equal((await get(path, 'integration')).status, 403, path);
    });
  });
}
