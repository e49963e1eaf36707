import assert from 'node:assert/strict';
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { createApiToken, createUser } from '../auth/auth-service.js';
import { runEcoute, spawnEcoute } from '../cli/cli.testkit.js';
import { loadConfig } from '../config.js';
import { loadDemoSurveys } from '../demo/demo-surveys.js';
import { loadDemo } from '../demo/load.js';
import { startServer, type RunningServer } from '../server/server.js';
import type { Storage } from '../storage/database.js';
import { npsReport } from './nps-report.js';

const NOW = Date.UTC(2026, 10, 20, 12);
const config = loadConfig({ demoMode: false });

for (const engine of await testEngines()) {
  describe(`NPS report API and CLI on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let manager: string;
    let leadCookie: string;
    let teamId: string;
    let otherTeamId: string;

    const get = (path: string, auth: { token?: string; cookie?: string }) =>
      fetch(`${server.url}/api/v1${path}`, { headers: auth.token ? { authorization: `Bearer ${auth.token}` } : { cookie: auth.cookie! } });
    const cli = (...args: string[]) => runEcoute(['nps', ...args], storage);
    // The real command in a process of its own once (on SQLite), spawned asynchronously: the test server keeps answering meanwhile.
    const spawned = engine.name === 'sqlite' ? spawnEcoute : runEcoute;

    before(async () => {
      storage = await engine.open();
      await loadDemo(storage, { customers: 300, seed: 9, now: NOW });
      await loadDemoSurveys(storage, { seed: 9, now: NOW });
      manager = (await createApiToken(storage.db, 'bi', 'cx_manager', ['nps'])).token;
      const teams = await storage.db.selectFrom('teams').select('id').orderBy('name').execute();
      [teamId, otherTeamId] = [teams[0]!.id, teams[1]!.id];
      await createUser(storage.db, { email: 'lead@ecoute.test', displayName: 'Paul Hoffmann', role: 'team_lead', teamId, siteId: null, password: 'correct horse' });
      server = await startServer({ storage, config, port: 0 });
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'lead@ecoute.test', password: 'correct horse' }),
      });
      assert.equal(login.status, 200);
      leadCookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    it('answers rows with nps, ci_low, ci_high, n and reliable, the figures of the report', async () => {
      const response = await get('/nps?from=2026-01-01&to=2026-10-31&interval=month&groupBy=team', { token: manager });
      assert.equal(response.status, 200);
      const body = await response.json();
      assert.equal(body.source, 'aggregates');
      const report = await npsReport(storage.db, { from: 20260101, to: 20261031, interval: 'month', groupBy: ['team'], filters: {}, minResponses: 30 });
      assert.equal(body.rows.length, report.rows.length);
      body.rows.forEach((row: Record<string, unknown>, i: number) => {
        const r = report.rows[i]!;
        assert.equal(row.team, r.group.team);
        assert.equal(typeof row.team_name, 'string');
        assert.equal(row.n, r.n);
        assert.equal(row.nps, r.nps === null ? null : Math.round(r.nps * 100) / 100);
        assert.equal(row.ci_low, r.ciLow === null ? null : Math.round(r.ciLow * 100) / 100);
        assert.equal(row.ci_high, r.ciHigh === null ? null : Math.round(r.ciHigh * 100) / 100);
        assert.equal(row.reliable, r.n >= 30);
      });
    });

    it('exports the same rows as CSV', async () => {
      const json = await (await get('/nps?from=2026-01-01&to=2026-06-30&interval=quarter&groupBy=reason', { token: manager })).json();
      const response = await get('/nps?from=2026-01-01&to=2026-06-30&interval=quarter&groupBy=reason&format=csv', { token: manager });
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
      const lines = (await response.text()).trim().split('\n');
      assert.equal(lines[0], json.columns.join(','));
      assert.equal(lines.length, json.rows.length + 1);
    });

    it('compresses a report with gzip for a client that takes it, and not for one that does not', async () => {
      const raw = (encoding: string | undefined) =>
        new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
          const headers: Record<string, string> = { authorization: `Bearer ${manager}` };
          if (encoding !== undefined) headers['accept-encoding'] = encoding;
          http.get(`${server.url}/api/v1/nps?from=2026-01-01&to=2026-06-30&interval=month&groupBy=reason`, { headers }, (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) })).on('error', reject);
          });
        });
      const plain = await raw(undefined);
      assert.equal(plain.headers['content-encoding'], undefined);
      const refused = await raw('gzip;q=0, br');
      assert.equal(refused.headers['content-encoding'], undefined);
      const zipped = await raw('gzip, deflate, br');
      assert.equal(zipped.headers['content-encoding'], 'gzip');
      assert.match(String(zipped.headers.vary), /accept-encoding/i);
      assert.ok(zipped.body.length * 4 < plain.body.length, `${zipped.body.length} compressed bytes against ${plain.body.length}`);
      assert.deepEqual(JSON.parse(gunzipSync(zipped.body).toString('utf8')), JSON.parse(plain.body.toString('utf8')));
    });

    it('writes a name that reads as a spreadsheet formula as text in the CSV export', async () => {
      const formula = '=HYPERLINK("http://evil.example","Hotline")';
      const { name } = await storage.db.selectFrom('teams').select('name').where('id', '=', teamId).executeTakeFirstOrThrow();
      await storage.db.updateTable('teams').set({ name: formula }).where('id', '=', teamId).execute();
      try {
        const csv = await (await get('/nps?from=2026-01-01&to=2026-10-31&interval=total&groupBy=team&format=csv', { token: manager })).text();
        const names = (parse(csv, { columns: true }) as { team_name: string }[]).map((row) => row.team_name);
        assert.ok(names.includes(`'${formula}`), names.join(' | '));
        assert.ok(!names.includes(formula));
      } finally {
        await storage.db.updateTable('teams').set({ name }).where('id', '=', teamId).execute();
      }
    });

    it('leaves out groups without a survey on request, and names reasons in the language asked', async () => {
      const all = await (await get('/nps?from=2026-01-01&to=2026-10-31&interval=total&groupBy=team', { token: manager })).json();
      assert.ok(all.rows.some((r: { basis: string }) => r.basis === ''), 'shop teams: contacts, no survey');
      const surveyed = await (await get('/nps?from=2026-01-01&to=2026-10-31&interval=total&groupBy=team&surveyed=true', { token: manager })).json();
      assert.deepEqual(surveyed.rows, all.rows.filter((r: { basis: string }) => r.basis !== ''));
      const german = await (await get('/nps?from=2026-01-01&to=2026-10-31&interval=total&groupBy=reason&lang=de', { token: manager })).json();
      const billing = german.rows.find((r: { reason: string }) => r.reason === 'billing');
      const label = await storage.db.selectFrom('reasons').select('label_de').where('code', '=', 'billing').executeTakeFirstOrThrow();
      assert.equal(billing.reason_name, label.label_de);
    });

    it('refuses bad parameters with a 400 naming each', async () => {
      for (const [query, field] of [
        ['groupBy=colour', 'groupBy'], ['interval=fortnight', 'interval'], ['from=2026-05-01&to=2026-04-01', 'from'],
        ['from=2026-13-01', 'from'], ['to=yesterday', 'to'], ['groupBy=team,reason,advisor', 'groupBy'], ['from=2000-01-01&interval=day', 'interval'],
      ] as const) {
        const response = await get(`/nps?${query}`, { token: manager });
        assert.equal(response.status, 400, query);
        const body = await response.json();
        assert.deepEqual(body.errors.map((e: { field: string }) => e.field), [field], query);
      }
    });

    it('refuses a range of thousands of years at once, with the count of its periods, and keeps answering meanwhile', async () => {
      const far = ['/nps?from=1000-01-01&to=9999-12-31&interval=rolling28', '/nps?from=1000-01-01&to=9999-12-31&interval=day', '/nps/topics?from=1000-01-01&to=9999-12-31&interval=week'];
      const answers = await Promise.all([...far.map((path) => get(path, { token: manager })), fetch(`${server.url}/healthz`)]);
      for (const [i, path] of far.entries()) {
        const response = answers[i]!;
        assert.equal(response.status, 400, path);
        assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
        const problem = await response.json();
        assert.equal(problem.type, 'https://ecoute.lu/problems/too-many-periods');
        assert.deepEqual(problem.errors.map((e: { field: string }) => e.field), ['interval']);
        assert.equal(problem.params.max, 1000);
        assert.ok(problem.params.periods > 400_000, `${path}: ${problem.params.periods} periods counted`);
      }
      assert.equal(answers.at(-1)!.status, 200);
    });

    it('computes a report off the event loop: a request sent after it is answered first', async () => {
      // Two dimensions by day are read from the surveys themselves: the slowest kind of report.
      const order: string[] = [];
      const report = get('/nps?from=2026-01-01&to=2026-10-31&interval=day&groupBy=channel,reason', { token: manager }).then(async (r) => {
        order.push('report');
        return r;
      });
      const health = fetch(`${server.url}/healthz`).then((r) => (order.push('health'), r));
      const [answer] = await Promise.all([report, health]);
      assert.equal(answer.status, 200);
      assert.equal((await answer.json()).source, 'raw');
      assert.deepEqual(order, ['health', 'report']);
    });

    it('stops a report past its time budget with a 503 problem, and answers the next one', async () => {
      const hurried = await startServer({ storage, config: { ...config, reportBudgetMs: 1 }, port: 0 });
      try {
        const response = await fetch(`${hurried.url}/api/v1/nps?from=2026-01-01&to=2026-10-31&interval=day&groupBy=channel,reason`, { headers: { authorization: `Bearer ${manager}` } });
        assert.equal(response.status, 503);
        const problem = await response.json();
        assert.equal(problem.type, 'https://ecoute.lu/problems/report-timeout');
        assert.deepEqual(problem.params, { seconds: 0 });
        assert.match(problem.detail, /shorter range/);
      } finally {
        await hurried.close();
      }
      assert.equal((await get('/nps?interval=total', { token: manager })).status, 200);
    });

    it('shows team leads their own team only', async () => {
      const response = await get('/nps?from=2026-01-01&to=2026-10-31&groupBy=team', { cookie: leadCookie });
      assert.equal(response.status, 200);
      const body = await response.json();
      assert.ok(body.rows.length > 0);
      assert.deepEqual([...new Set(body.rows.map((r: { team: string }) => r.team))], [teamId]);
      assert.equal((await get(`/nps?team=${otherTeamId}`, { cookie: leadCookie })).status, 403);
      const me = await (await get('/auth/me', { cookie: leadCookie })).json();
      assert.deepEqual(me.user.npsScope, { teams: 'own', teamId, advisors: 'all', advisorId: null }, 'the console is told the scope the server applies');
      const bi = await (await get('/auth/me', { token: manager })).json();
      assert.deepEqual(bi.user.npsScope, { teams: 'all', teamId: null, advisors: 'none', advisorId: null });
    });

    it("records a read of each customer whose comment is shown, and sends no customer's identity", async () => {
      const started = Date.now();
      const response = await get('/nps/verbatims?from=2026-01-01&to=2026-10-31&limit=20', { token: manager });
      assert.equal(response.status, 200);
      const body = await response.json();
      assert.equal(body.items.length, 20);
      assert.ok(!JSON.stringify(body).includes('party'), 'no customer id in the page');
      const shown = await storage.db.selectFrom('survey_responses').select('party_id').where('id', 'in', body.items.map((v: { id: string }) => v.id)).execute();
      const audited = await storage.db.selectFrom('audit_log').select(['party_id', 'action', 'actor_kind']).where('via', '=', 'verbatims').where('at', '>=', started).execute();
      assert.deepEqual(audited.map((a) => a.party_id).sort(), [...new Set(shown.map((r) => r.party_id))].sort());
      for (const a of audited) assert.deepEqual([a.action, a.actor_kind], ['customer.read', 'token']);
    });

    it('prints the same figures on the command line, and names the flag of a bad value', async () => {
      const json = await spawned(['nps', 'report', '--from', '2026-01-01', '--to', '2026-10-31', '--by', 'team', '--format', 'json'], storage);
      assert.equal(json.status, 0, json.stderr);
      const rows = JSON.parse(json.stdout).rows;
      assert.ok(rows.length > 0);
      const api = await (await get('/nps?from=2026-01-01&to=2026-10-31&groupBy=team', { token: manager })).json();
      assert.deepEqual(rows, api.rows, 'the CLI and the API give the same rows');
      const table = await cli('report', '--from', '2026-01-01', '--to', '2026-10-31', '--by', 'team');
      assert.equal(table.status, 0, table.stderr);
      assert.match(table.stdout, /NPS\s+95% CI/);
      assert.ok(table.stdout.includes(rows[0].team_name));
      const bad = await cli('report', '--by', 'colour', '--from', '2026-02-30');
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /--from must be a date written YYYY-MM-DD, got "2026-02-30"/);
      assert.match(bad.stderr, /--by unknown dimension "colour"/);
      const format = await cli('report', '--format', 'xml');
      assert.equal(format.status, 2);
      assert.match(format.stderr, /--format must be table, csv or json/);
    });
  });
}
