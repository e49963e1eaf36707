import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedTeam } from '../../test/fixtures.js';
import { createUser } from '../auth/auth-service.js';
import { loadConfig } from '../config.js';
import { startServer, type RunningServer } from '../server/server.js';
import type { Storage } from '../storage/database.js';

for (const engine of await testEngines()) {
  describe(`the reader's team on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let team: Awaited<ReturnType<typeof seedTeam>>;
    let leadId: string;
    let otherTeam: string;

    const get = async (email: string) => {
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'correct horse' }),
      });
      assert.equal(login.status, 200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      const response = await fetch(`${server.url}/api/v1/auth/team`, { headers: { cookie } });
      assert.equal(response.status, 200);
      return response.json();
    };

    before(async () => {
      storage = await engine.open();
      team = await seedTeam(storage.db);
      const other = await seedTeam(storage.db, 'Hotline Fixe');
      otherTeam = other.teamId;
      leadId = await createUser(storage.db, { email: 'lead@team.test', displayName: 'Luc Hoffmann', role: 'team_lead', teamId: team.teamId, siteId: team.siteId, password: 'correct horse' });
      const gone = await createUser(storage.db, { email: 'gone@team.test', displayName: 'Ben Gone', role: 'advisor', teamId: team.teamId, siteId: team.siteId, password: 'correct horse' });
      await storage.db.updateTable('users').set({ active: 0 }).where('id', '=', gone).execute();
      await createUser(storage.db, { email: 'other@team.test', displayName: 'Paul Muller', role: 'advisor', teamId: other.teamId, siteId: other.siteId, password: 'correct horse' });
      await createUser(storage.db, { email: 'cx@team.test', displayName: 'Carole Weis', role: 'cx_manager', teamId: null, siteId: null, password: 'correct horse' });
      server = await startServer({ storage, config: loadConfig({ demoMode: false }), port: 0 });
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    it("gives the reader's team and its active people by name, no one of another team nor inactive, and every team by name", async () => {
      assert.deepEqual(await get('lead@team.test'), {
        team: { id: team.teamId, name: 'Hotline Mobile' },
        members: [
          { id: team.advisorId, displayName: 'Anne Schmit', role: 'advisor' },
          { id: leadId, displayName: 'Luc Hoffmann', role: 'team_lead' },
        ],
        teams: [
          { id: otherTeam, name: 'Hotline Fixe' },
          { id: team.teamId, name: 'Hotline Mobile' },
        ],
      });
    });

    it('gives no team to an account without one', async () => {
      const { team: none, members, teams } = await get('cx@team.test');
      assert.deepEqual([none, members, teams.map((t: { name: string }) => t.name)], [null, [], ['Hotline Fixe', 'Hotline Mobile']], 'every team, the targets of a transfer');
    });
  });
}
