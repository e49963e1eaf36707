import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedTeam } from '../../test/fixtures.js';
import { createUser } from '../auth/auth-service.js';
import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from '../server/server.js';
import type { Storage } from '../storage/database.js';

const config = loadConfig({ demoMode: false, fcrWindowDays: 7 });
const PASSWORD = 'correct horse';

for (const engine of await testEngines()) {
  describe(`the administration of accounts, teams and sites on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let team: { siteId: string; teamId: string; advisorId: string };
    const ids = new Map<string, string>();
    const cookies = new Map<string, string>();

    const call = (path: string, cookie: string | undefined, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      if (cookie) headers.set('cookie', cookie);
      if (init.body) headers.set('content-type', 'application/json');
      return fetch(`${server.url}/api/v1${path}`, { ...init, headers });
    };
    const login = async (email: string, password = PASSWORD) => {
      const response = await call('/auth/login', undefined, { method: 'POST', body: JSON.stringify({ email, password }) });
      return { status: response.status, cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]! };
    };
    const as = (name: string) => cookies.get(name)!;
    const post = (path: string, name: string, body: unknown = undefined) =>
      call(path, as(name), { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const trail = (subject: string) =>
      storage.db.selectFrom('audit_log').select(['action', 'actor_id', 'subject', 'via']).where('subject', '=', subject).orderBy('id').execute();
    const sessionsOf = async (userId: string) =>
      Number((await storage.db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow()).n);

    before(async () => {
      storage = await engine.open();
      team = await seedTeam(storage.db);
      server = await startServer({ storage, config, port: 0 });
      for (const [name, role] of [['admin', 'admin'], ['lead', 'team_lead'], ['cx', 'cx_manager']] as const) {
        const email = `${name}@staff.test`;
        ids.set(name, await createUser(storage.db, { email, displayName: `The ${name}`, role, teamId: team.teamId, password: PASSWORD }));
        const { status, cookie } = await login(email);
        assert.equal(status, 200);
        cookies.set(name, cookie);
      }
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    it('creates an account with a generated password shown once, which logs in; the creation is in the audit trail', async () => {
      const response = await post('/users', 'admin', { email: ' Paul.Kremer@Staff.test ', displayName: 'Paul Kremer', role: 'advisor', teamId: team.teamId, siteId: team.siteId });
      assert.equal(response.status, 201);
      const { user, password } = await response.json();
      assert.equal(user.email, 'paul.kremer@staff.test');
      assert.deepEqual([user.role, user.team?.id, user.site?.id, user.active, user.sessions], ['advisor', team.teamId, team.siteId, true, 0]);
      assert.match(password, /^[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){3}$/);
      assert.equal((await login('paul.kremer@staff.test', password)).status, 200);
      const fetched = await (await call(`/users/${user.id}`, as('admin'))).json();
      assert.equal(fetched.sessions, 1);
      assert.deepEqual(await trail(`user:${user.id}`), [{ action: 'user.create', actor_id: ids.get('admin'), subject: `user:${user.id}`, via: 'api' }]);
      const stored = await storage.db.selectFrom('audit_log').select(['action', 'subject', 'via']).execute();
      assert.ok(stored.every((row) => !JSON.stringify(row).includes(password)), 'no password in the trail');
      // the trail's reading names the account the row is about
      const read = await (await call(`/audit?reader=${ids.get('admin')}`, as('admin'))).json();
      const entry = read.items.find((e: { action: string }) => e.action === 'user.create');
      assert.deepEqual([entry.target, entry.phone], [{ kind: 'user', id: user.id }, null]);
    });

    it('takes a given password, and answers no password then', async () => {
      const response = await post('/users', 'admin', { email: 'jeanne@staff.test', displayName: 'Jeanne Hoffmann', role: 'quality_coach', password: 'a long passphrase' });
      assert.equal(response.status, 201);
      assert.equal((await response.json()).password, null);
      assert.equal((await login('jeanne@staff.test', 'a long passphrase')).status, 200);
    });

    it('refuses a duplicate e-mail (409 email-taken) and names every refused field at once, writing nothing', async () => {
      const before = await storage.db.selectFrom('users').select('id').execute();
      const duplicate = await post('/users', 'admin', { email: 'PAUL.KREMER@staff.test', displayName: 'Paul again', role: 'advisor' });
      assert.equal(duplicate.status, 409);
      const problem = await duplicate.json();
      assert.match(problem.type, /email-taken$/);
      assert.deepEqual(problem.errors, [{ field: 'email', reason: 'is already the e-mail of another account', code: 'email-taken' }]);
      const bad = await post('/users', 'admin', { email: 'paul.kremer@staff.test', displayName: ' ', role: 'integration', teamId: 'no-team', siteId: 'no-site', password: 'short' });
      assert.equal(bad.status, 400);
      const fields = (await bad.json()).errors.map((e: { field: string }) => e.field).sort();
      assert.deepEqual(fields, ['displayName', 'email', 'password', 'role', 'siteId', 'teamId']);
      const malformed = await post('/users', 'admin', { email: 'not an address', displayName: 'X', role: 'advisor' });
      assert.deepEqual((await malformed.json()).errors, [{ field: 'email', reason: 'must be an e-mail address', code: 'invalid-format', params: { format: 'email' } }]);
      assert.equal((await storage.db.selectFrom('users').select('id').execute()).length, before.length);
    });

    it('lists accounts with filters by role, team, site, state and text, a page at a time', async () => {
      const all = await (await call('/users?pageSize=2', as('admin'))).json();
      assert.equal(all.items.length, 2);
      assert.ok(all.total >= 6);
      const second = await (await call('/users?pageSize=2&page=2', as('admin'))).json();
      assert.notDeepEqual(second.items.map((u: { id: string }) => u.id), all.items.map((u: { id: string }) => u.id));
      const coaches = await (await call('/users?role=quality_coach', as('admin'))).json();
      assert.deepEqual(coaches.items.map((u: { email: string }) => u.email), ['jeanne@staff.test']);
      const found = await (await call(`/users?text=kREM&team=${team.teamId}&site=${team.siteId}&active=true`, as('admin'))).json();
      assert.deepEqual([found.total, found.items[0].displayName], [1, 'Paul Kremer']);
      const inactive = await (await call('/users?active=false', as('admin'))).json();
      assert.equal(inactive.total, 0);
    });

    it('changes role, team and name, a row of the trail per field changed', async () => {
      const other = await (await post('/teams', 'admin', { name: 'Hotline Fixe', siteId: team.siteId })).json();
      const id = ids.get('cx')!;
      const response = await call(`/users/${id}`, as('admin'), { method: 'PATCH', body: JSON.stringify({ role: 'team_lead', teamId: other.id, displayName: 'The cx' }) });
      assert.equal(response.status, 200);
      const user = await response.json();
      assert.deepEqual([user.role, user.team.name], ['team_lead', 'Hotline Fixe']);
      assert.deepEqual((await trail(`user:${id}`)).map((r) => r.action), ['user.role', 'user.team']);
      const wrong = await call(`/users/${id}`, as('admin'), { method: 'PATCH', body: JSON.stringify({ role: 'boss', siteId: 'nowhere' }) });
      assert.equal(wrong.status, 400);
      assert.deepEqual((await wrong.json()).errors.map((e: { field: string }) => e.field), ['role', 'siteId']);
    });

    it('deactivates an account: its sessions end, it cannot log in, until it is reactivated', async () => {
      const id = ids.get('lead')!;
      assert.equal(await sessionsOf(id), 1);
      const response = await post(`/users/${id}/deactivate`, 'admin');
      assert.equal(response.status, 200);
      assert.deepEqual([(await response.json()).active, await sessionsOf(id)], [false, 0]);
      assert.equal((await call('/auth/me', as('lead'))).status, 401, 'the old session no longer works');
      assert.equal((await login('lead@staff.test')).status, 401, 'nor does logging in');
      assert.equal((await post(`/users/${id}/reactivate`, 'admin')).status, 200);
      const again = await login('lead@staff.test');
      assert.equal(again.status, 200);
      cookies.set('lead', again.cookie);
      assert.deepEqual((await trail(`user:${id}`)).map((r) => r.action), ['user.deactivate', 'user.reactivate']);
    });

    it('never lets an admin deactivate themselves nor the last active admin lose the role or be deactivated', async () => {
      const admin = ids.get('admin')!;
      const self = await post(`/users/${admin}/deactivate`, 'admin');
      assert.equal(self.status, 409);
      assert.match((await self.json()).type, /deactivate-self$/);
      const ownRole = await call(`/users/${admin}`, as('admin'), { method: 'PATCH', body: JSON.stringify({ role: 'advisor' }) });
      assert.equal(ownRole.status, 409);
      // a second admin, who tries to remove the first once they are the only other one
      const second = await (await post('/users', 'admin', { email: 'second.admin@staff.test', displayName: 'Second admin', role: 'admin', password: PASSWORD })).json();
      cookies.set('second', (await login('second.admin@staff.test')).cookie);
      assert.equal((await post(`/users/${second.user.id}/deactivate`, 'admin')).status, 200);
      // the first admin is now the last active one: the (deactivated) second cannot act, and the rule holds in the service too
      const demote = await call(`/users/${admin}`, as('second'), { method: 'PATCH', body: JSON.stringify({ role: 'advisor' }) });
      assert.equal(demote.status, 401);
      const { setStaffUserActive, updateStaffUser } = await import('./staff-users.js');
      const secondActor = { kind: 'user' as const, id: second.user.id, role: 'admin' as const, displayName: 'Second admin', teamId: null, language: 'fr' as const };
      await assert.rejects(setStaffUserActive(storage.db, secondActor, admin, false), (e: { code: string }) => e.code === 'last-admin');
      await assert.rejects(updateStaffUser(storage.db, secondActor, admin, { role: 'advisor' }), (e: { code: string }) => e.code === 'last-admin');
      const row = await storage.db.selectFrom('users').select(['role', 'active']).where('id', '=', admin).executeTakeFirstOrThrow();
      assert.deepEqual([row.role, Number(row.active)], ['admin', 1]);
    });

    it('resets a password: a new temporary one, shown once; the old one fails and every session ends', async () => {
      const id = ids.get('lead')!;
      assert.equal(await sessionsOf(id), 1);
      const response = await post(`/users/${id}/password-reset`, 'admin');
      assert.equal(response.status, 200);
      const { password, user } = await response.json();
      assert.equal(user.sessions, 0);
      assert.equal((await login('lead@staff.test')).status, 401);
      assert.equal((await login('lead@staff.test', password)).status, 200);
      const rows = await trail(`user:${id}`);
      assert.equal(rows.at(-1)!.action, 'user.reset-password');
      assert.ok(!JSON.stringify(await storage.db.selectFrom('audit_log').selectAll().execute()).includes(password));
    });

    it('ends every session of an account', async () => {
      const id = ids.get('lead')!;
      const fresh = await login('lead@staff.test', PASSWORD).then(async () => (await post(`/users/${id}/password-reset`, 'admin')).json());
      await login('lead@staff.test', fresh.password);
      await login('lead@staff.test', fresh.password);
      assert.equal(await sessionsOf(id), 2);
      const response = await call(`/users/${id}/sessions`, as('admin'), { method: 'DELETE' });
      assert.equal(response.status, 200);
      assert.deepEqual([(await response.json()).ended, await sessionsOf(id)], [2, 0]);
      assert.equal((await trail(`user:${id}`)).at(-1)!.action, 'user.end-sessions');
      assert.equal((await call('/users/no-such-user/sessions', as('admin'), { method: 'DELETE' })).status, 404);
    });

    it('creates, renames and attaches teams; creates and renames sites; refuses a taken name and an unknown site', async () => {
      const site = await post('/sites', 'admin', { name: 'Shop Esch Belval', kind: 'shop', city: 'Esch-sur-Alzette' });
      assert.equal(site.status, 201);
      const created = await site.json();
      assert.deepEqual([created.code, created.kind, created.teams], ['SH-BELV', 'shop', 0]);
      const teamResponse = await post('/teams', 'admin', { name: 'Shop Belval' });
      assert.equal(teamResponse.status, 201);
      const newTeam = await teamResponse.json();
      const attached = await (await call(`/teams/${newTeam.id}`, as('admin'), { method: 'PATCH', body: JSON.stringify({ name: 'Équipe Belval', siteId: created.id }) })).json();
      assert.deepEqual([attached.name, attached.site.name], ['Équipe Belval', 'Shop Esch Belval']);
      const taken = await post('/teams', 'admin', { name: 'Équipe Belval' });
      assert.equal(taken.status, 409);
      assert.match((await taken.json()).type, /team-name-taken$/);
      const unknown = await post('/teams', 'admin', { name: 'Somewhere', siteId: 'no-site' });
      assert.deepEqual([unknown.status, (await unknown.json()).errors[0].field], [400, 'siteId']);
      const renamed = await (await call(`/sites/${created.id}`, as('admin'), { method: 'PATCH', body: JSON.stringify({ name: 'Shop Belval Plaza', kind: 'shop' }) })).json();
      assert.equal(renamed.name, 'Shop Belval Plaza');
      const badKind = await post('/sites', 'admin', { name: 'X', kind: 'warehouse', city: '' });
      assert.deepEqual((await badKind.json()).errors.map((e: { field: string }) => e.field), ['kind', 'city']);
      const sites = await (await call('/sites', as('admin'))).json();
      assert.equal(sites.items.find((s: { id: string }) => s.id === created.id).teams, 1);
      const teams = await (await call('/teams', as('admin'))).json();
      assert.ok(teams.items.some((t: { name: string }) => t.name === 'Équipe Belval'));
      assert.deepEqual((await trail(`team:${newTeam.id}`)).map((r) => r.action), ['team.create', 'team.rename', 'team.site']);
      assert.deepEqual((await trail(`site:${created.id}`)).map((r) => r.action), ['site.create', 'site.rename']);
    });

    it('refuses every administration route to a non-admin (403): a team lead, an advisor', async () => {
      const advisor = await storage.db.selectFrom('users').select('email').where('id', '=', team.advisorId).executeTakeFirstOrThrow();
      // the CX manager was made a team lead above
      for (const cookie of [as('cx'), (await login(advisor.email)).cookie]) {
        for (const [method, path] of [['GET', '/users'], ['POST', `/users/${ids.get('admin')}/deactivate`], ['GET', '/teams'], ['POST', '/sites']] as const) {
          const response = await call(path, cookie, { method, ...(method === 'POST' ? { body: '{}' } : {}) });
          assert.equal(response.status, 403, `${method} ${path}`);
        }
      }
    });
  });
}
