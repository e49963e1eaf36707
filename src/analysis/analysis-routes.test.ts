import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer } from '../../test/fixtures.js';
import { loadConfig } from '../config.js';
import { createComplaint } from '../complaints/complaint-service.js';
import { seedFollowupWorld, seedPerson } from '../followups/followups.testkit.js';
import { startServer, type RunningServer } from '../server/server.js';
import { formatDay, localDay } from '../shared/calendar.js';
import type { Storage } from '../storage/database.js';
import { coding, saveCodings } from './analysis.testkit.js';

const DAY = 86_400_000;
const NOW = Date.now();
type Caller = 'advisor' | 'lead' | 'coach' | 'cx';

for (const engine of await testEngines()) {
  describe(`the analysis of causes over the API on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let headers: Record<Caller, Record<string, string>>;
    let world: Awaited<ReturnType<typeof seedFollowupWorld>>;
    let customerId: string;
    let complaintId: string;
    const from = formatDay(localDay(NOW - 30 * DAY));
    const to = formatDay(localDay(NOW));
    const api = async (caller: Caller, path: string) => {
      const response = await fetch(`${server.url}/api/v1${path}`, { headers: headers[caller] });
      const type = response.headers.get('content-type') ?? '';
      return { status: response.status, type, body: type.includes('json') ? await response.json() : await response.text() };
    };
    const login = async (email: string) => {
      const response = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'correct horse' }) });
      assert.equal(response.status, 200);
      return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]! };
    };

    before(async () => {
      storage = await engine.open();
      world = await seedFollowupWorld(storage.db);
      const coach = await seedPerson(storage.db, 'quality_coach', null);
      customerId = (await seedCustomer(storage.db)).id;
      const complaint = await createComplaint(
        storage.db,
        { partyId: customerId, channel: 'email', category: 'billing', description: 'Roaming billed at home', teamId: world.teamId, receivedAt: NOW - 5 * DAY },
        world.manager,
      );
      complaintId = complaint.id;
      await saveCodings(storage.db, [
        coding(complaint.id, { party_id: customerId, occurred_at: NOW - 5 * DAY, team_id: world.teamId, channel: 'email', amount_cents: 4_990 }),
        coding('k1', { subject_kind: 'contact', party_id: customerId, occurred_at: NOW - 4 * DAY, team_id: world.teamId }),
        coding('k2', { subject_kind: 'contact', cause_code: 'network.coverage', party_id: 'someone', occurred_at: NOW - 3 * DAY, team_id: world.otherTeamId }),
        coding('k3', { subject_kind: 'contact', cause_code: 'network.coverage', party_id: 'someone', occurred_at: NOW - 2 * DAY, team_id: world.otherTeamId }),
      ]);
      server = await startServer({ storage, config: loadConfig({ demoMode: false }), port: 0 });
      headers = { advisor: await login(world.advisor.email), lead: await login(world.lead.email), coach: await login(coach.email), cx: await login(world.manager.email) };
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    it('answers the Pareto with labels in the language asked, and as CSV', async () => {
      const answer = await api('cx', `/analysis/pareto?from=${from}&to=${to}&lang=de`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.deepEqual(
        answer.body.rows.map((r: { cause: { code: string; label: string }; department: { label: string }; total: number; share: number }) => [r.cause.code, r.cause.label, r.department.label, r.total, r.share]),
        [['billing.roaming', 'Falsche Roaming-Gebühren', 'IT-Abrechnung', 2, 0.5], ['network.coverage', 'Unzureichende Abdeckung', 'Netz', 2, 0.5]],
      );
      assert.deepEqual([answer.body.source, answer.body.totals.total, answer.body.totals.disputedCents, answer.body.level, answer.body.sort], ['aggregates', 4, 4_990, null, 'total']);
      const csv = await api('cx', `/analysis/pareto?from=${from}&to=${to}&lang=en&level=1&format=csv`);
      assert.equal(csv.status, 200);
      assert.match(csv.type, /text\/csv/);
      const lines = (csv.body as string).trim().split('\n');
      assert.equal(lines[0], 'cause,label,department,complaints,detractors,repeatContacts,total,share,cumulativeShare,disputedCents,refundedCents,extraContacts,recurrences,complaintsPerThousandCustomers,customers');
      assert.match(lines[1]!, /^billing,Billing,IT billing,1,0,1,2,0\.5000,0\.5000,4990,0,0,1,/);
    });

    it('refuses a period it cannot read with a 400 naming the parameter', async () => {
      const missing = await api('cx', '/analysis/pareto');
      assert.equal(missing.status, 400);
      assert.deepEqual(missing.body.errors.map((e: { field: string }) => e.field), ['from', 'to']);
      const reversed = await api('cx', `/analysis/pareto?from=${to}&to=2020-01-01`);
      assert.deepEqual([reversed.status, reversed.body.errors.map((e: { field: string }) => e.field)], [400, ['from']]);
      const long = await api('cx', '/analysis/recurrence?from=2025-01-01&to=2026-01-02');
      assert.equal(long.status, 400);
      assert.equal(long.body.type, 'https://ecoute.lu/problems/period-too-long');
      assert.deepEqual(long.body.params, { days: 367, max: 366 });
      const window = await api('cx', `/analysis/recurrence?from=${from}&to=${to}&window=0`);
      assert.deepEqual([window.status, window.body.errors.map((e: { field: string }) => e.field)], [400, ['window']]);
    });

    it("gives a team lead their team's figures only, and refuses another team's", async () => {
      const own = await api('lead', `/analysis/pareto?from=${from}&to=${to}&lang=en`);
      assert.equal(own.status, 200);
      assert.deepEqual(own.body.rows.map((r: { cause: { code: string } }) => r.cause.code), ['billing.roaming']);
      assert.deepEqual(own.body.filters, { team: world.teamId });
      const other = await api('lead', `/analysis/pareto?from=${from}&to=${to}&team=${world.otherTeamId}`);
      assert.equal(other.status, 403);
      const combined = await api('lead', `/analysis/pareto?from=${from}&to=${to}&channel=email`);
      assert.deepEqual([combined.body.source, combined.body.totals.total], ['codings', 1]);
      assert.equal((await api('advisor', `/analysis/pareto?from=${from}&to=${to}`)).status, 403);
    });

    it('lists the items behind a cause to whoever may read them', async () => {
      const items = await api('cx', `/analysis/pareto/billing/items?from=${from}&to=${to}`);
      assert.equal(items.status, 200, JSON.stringify(items.body));
      assert.deepEqual(items.body.items.map((i: { id: string; text: string; kind: string }) => [i.kind, i.id, i.text]), [['complaint', complaintId, 'Roaming billed at home']]);
      assert.equal((await api('coach', `/analysis/pareto/billing/items?from=${from}&to=${to}`)).status, 403);
      assert.equal((await api('coach', `/analysis/pareto/billing/items?from=${from}&to=${to}&kind=contact`)).status, 200);
      assert.equal((await api('cx', `/analysis/pareto/nothing/items?from=${from}&to=${to}`)).status, 404);
    });

    it('answers the recurrence per cause, and a customer\'s recurring causes to an advisor at the card', async () => {
      const table = await api('coach', `/analysis/recurrence?from=${from}&to=${to}&lang=en`);
      assert.equal(table.status, 200);
      assert.deepEqual(
        table.body.rows.map((r: { cause: { code: string }; codings: number; recurrent: number }) => [r.cause.code, r.codings, r.recurrent]),
        [['billing.roaming', 2, 1], ['network.coverage', 2, 1]],
      );
      const csv = await api('coach', `/analysis/recurrence?from=${from}&to=${to}&format=csv&window=1`);
      assert.match(csv.body as string, /^cause,label,department,codings,recurrent,share,customers,customersWithRecurrence,windowDays\nbilling\.roaming,/);
      const card = await api('advisor', `/customers/${customerId}/recurrences?lang=fr`);
      assert.equal(card.status, 200);
      assert.deepEqual(
        card.body.items.map((i: { cause: { label: string }; subjects: { kind: string }[] }) => [i.cause.label, i.subjects.map((s) => s.kind)]),
        [['Frais d’itinérance erronés', ['contact', 'complaint']]],
      );
      assert.equal((await api('advisor', '/customers/nobody/recurrences')).status, 404);
    });
    it('answers the control chart of a cause per week or month, as JSON or CSV; its parameters checked', async () => {
      const chart = await api('cx', `/analysis/control-chart?cause=billing&from=${from}&to=${to}&interval=week&lang=en`);
      assert.equal(chart.status, 200, JSON.stringify(chart.body));
      assert.deepEqual([chart.body.cause.code, chart.body.kind, chart.body.measure, chart.body.interval], ['billing', 'u', 'complaints', 'week']);
      assert.equal(chart.body.points.reduce((n: number, p: { count: number }) => n + p.count, 0), 1);
      assert.ok(chart.body.points.every((p: { customers: number; flags: unknown[] }) => p.customers >= 0 && Array.isArray(p.flags)));
      const contacts = await api('lead', `/analysis/control-chart?cause=network&from=${from}&to=${to}&measure=repeatContacts`);
      assert.deepEqual([contacts.status, contacts.body.filters], [200, { team: world.teamId }]);
      assert.equal(contacts.body.points.reduce((n: number, p: { count: number }) => n + p.count, 0), 0, "the other team's contacts are not the lead's");
      const csv = await api('coach', `/analysis/control-chart?cause=billing&from=${from}&to=${to}&format=csv`);
      assert.match(csv.body as string, /^cause,period,start,end,count,customers,value,centre,lcl,ucl,sigmas,flags\nbilling,/);
      assert.deepEqual((await api('cx', `/analysis/control-chart?from=${from}&to=${to}`)).body.errors.map((e: { field: string }) => e.field), ['cause']);
      assert.equal((await api('cx', `/analysis/control-chart?cause=billing&from=2024-01-01&to=2026-01-02`)).body.type, 'https://ecoute.lu/problems/period-too-long');
      assert.equal((await api('cx', `/analysis/control-chart?cause=billing&from=${from}&to=${to}&interval=day`)).status, 400);
      assert.equal((await api('cx', `/analysis/control-chart?cause=nothing&from=${from}&to=${to}`)).status, 404);
    });
  });
}
