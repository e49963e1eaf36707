import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer, seedTeam } from '../../test/fixtures.js';
import { createUser } from '../auth/auth-service.js';
import type { Actor } from '../auth/policies.js';
import { actOnComplaint, createComplaint } from '../complaints/complaint-service.js';
import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from '../server/server.js';
import type { Storage } from '../storage/database.js';
import { runEcoute } from './cli.testkit.js';

const lux = (day: number, hour: number) => Date.UTC(2026, 10, day, hour - 1);

for (const engine of await testEngines()) {
  describe(`ecoute complaints report and GET /complaints/report on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    const login = async (email: string) => {
      const response = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'correct horse' }) });
      return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
    };
    before(async () => {
      storage = await engine.open();
      const team = await seedTeam(storage.db);
      const other = await seedTeam(storage.db, 'Shops');
      const partyId = (await seedCustomer(storage.db)).id;
      const advisor: Actor = { kind: 'user', id: team.advisorId, role: 'advisor', displayName: 'Anne Schmit', teamId: team.teamId, language: 'fr' };
      const a = await createComplaint(storage.db, { partyId, channel: 'phone', category: 'billing', description: 'Billed twice', receivedAt: lux(3, 10) }, advisor, { now: lux(3, 10) });
      await actOnComplaint(storage.db, a.id, 'answer', { outcome: 'upheld' }, advisor, { now: lux(3, 12) });
      await createComplaint(storage.db, { partyId, channel: 'shop', category: 'network', description: 'No signal', receivedAt: lux(4, 10), teamId: other.teamId }, { ...advisor, role: 'admin' }, { now: lux(4, 10) });
      await createUser(storage.db, { email: 'lead@report.test', displayName: 'Luc Hoffmann', role: 'team_lead', teamId: team.teamId, password: 'correct horse' });
      await createUser(storage.db, { email: 'cx@report.test', displayName: 'Carla Reis', role: 'cx_manager', password: 'correct horse' });
      server = await startServer({ storage, config: loadConfig({ demoMode: false }), port: 0 });
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    it('prints the report as a table, CSV or JSON, and refuses bad flags with exit 2', async () => {
      const table = await runEcoute(['complaints', 'report', '--from', '2026-11-01', '--to', '2026-11-30', '--by', 'channel'], storage);
      assert.equal(table.status, 0, table.stderr);
      assert.match(table.stdout, /2026-11\s+phone\s+1/);
      const csv = await runEcoute(['complaints', 'report', '--from', '2026-11-01', '--to', '2026-11-30', '--format', 'csv'], storage);
      assert.equal(csv.stdout.split('\n')[0], 'period,group,label,received,per_1000_customers_month,ack_on_time,ack_on_time_low,ack_on_time_high,answer_on_time,answer_on_time_low,answer_on_time_high,ack_median_business_h,ack_p90_business_h,ack_median_calendar_h,answer_median_business_h,answer_p90_business_h,answer_median_calendar_h,answer_p90_calendar_h,reopen_rate,fcr_rate,rejected_rate,satisfaction_answers,satisfaction_nps,satisfaction_nps_low,satisfaction_nps_high');
      const json = JSON.parse((await runEcoute(['complaints', 'report', '--from', '2026-11-01', '--to', '2026-11-30', '--format', 'json'], storage)).stdout);
      assert.deepEqual(json.rows.map((r: { group: string; received: number; firstContactResolution: { successes: number } }) => [r.group, r.received, r.firstContactResolution.successes]), [['billing', 1, 1], ['network', 1, 0]]);
      for (const [args, message] of [
        [['--from', '2026-11-02', '--to', '2026-11-30'], /--from must be the first day of a month/],
        [['--from', '2026-11-01', '--to', '2026-11-30', '--by', 'site'], /--by must be category, team, channel/],
        [['--from', '2026-11-01', '--to', '2026-11-30', '--format', 'xml'], /--format must be table, csv or json/],
        [['--to', '2026-11-30'], /--from is required/],
      ] as const) {
        const run = await runEcoute(['complaints', 'report', ...args], storage);
        assert.equal(run.status, 2, run.stdout);
        assert.match(run.stderr, message);
      }
    });

    it("answers CX managers with every team's figures and team leads with their own team's", async () => {
      const get = async (cookie: string, query: string) => {
        const response = await fetch(`${server.url}/api/v1/complaints/report?${query}`, { headers: { cookie } });
        return { status: response.status, body: await response.json() };
      };
      const all = await get(await login('cx@report.test'), 'from=2026-11-01&to=2026-11-30&by=team');
      assert.equal(all.status, 200);
      assert.equal(all.body.rows.length, 2);
      const own = await get(await login('lead@report.test'), 'from=2026-11-01&to=2026-11-30&by=category');
      assert.deepEqual(own.body.rows.map((r: { group: string }) => r.group), ['billing']);
      assert.equal(own.body.teamId !== null, true);
      const bad = await get(await login('cx@report.test'), 'from=2026-11-01&to=2026-11-30&interval=week');
      assert.deepEqual([bad.status, bad.body.code ?? bad.body.type], [400, bad.body.code ?? bad.body.type]);
      assert.match(JSON.stringify(bad.body), /interval/);
    });
  });
}
