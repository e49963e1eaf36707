import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { createUser, login } from '../auth/auth-service.js';
import { actorFromSession } from '../auth/auth-service.js';
import type { Storage } from '../storage/database.js';
import { restoreDemoAccounts, retireDemoAccounts } from './demo-accounts.js';
import { DEMO_LOGINS, DEMO_PASSWORD } from './logins.js';

for (const engine of await testEngines()) {
  describe(`demo accounts outside demo mode, on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    before(async () => {
      storage = await engine.open();
      for (const l of DEMO_LOGINS) await createUser(storage.db, { email: l.email, displayName: l.displayName, role: l.role, teamId: null, password: l.password });
      await createUser(storage.db, { email: 'real.admin@operator.lu', displayName: 'Real Admin', role: 'admin', teamId: null, password: 'a real password of the operator' });
    });
    after(() => storage?.close());

    it('are deactivated, their open sessions refused; other accounts untouched; demo mode makes them work again', async () => {
      const session = await login(storage.db, DEMO_LOGINS[4]!.email, DEMO_PASSWORD, 8);
      assert.ok(await actorFromSession(storage.db, session.token));

      assert.equal(await retireDemoAccounts(storage.db), DEMO_LOGINS.length);
      assert.equal(await retireDemoAccounts(storage.db), 0, 'once');
      await assert.rejects(login(storage.db, DEMO_LOGINS[4]!.email, DEMO_PASSWORD, 8), (e: { status?: number }) => e.status === 401);
      assert.equal(await actorFromSession(storage.db, session.token), undefined, 'the session opened in demo mode ends');
      assert.ok(await login(storage.db, 'real.admin@operator.lu', 'a real password of the operator', 8));

      await restoreDemoAccounts(storage.db);
      assert.ok(await login(storage.db, DEMO_LOGINS[0]!.email, DEMO_PASSWORD, 8));
    });
  });
}
