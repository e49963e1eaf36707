import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser, login } from '../src/auth/auth-service.js';
import { can, type Action, type Actor } from '../src/auth/policies.js';
import { loadConfig } from '../src/config.js';
import { LiveHub } from '../src/http/live-hub.js';
import { createApp } from '../src/server/app.js';
import { ROLES, type Role } from '../src/shared/roles.js';
import type { Storage } from '../src/storage/database.js';
import { testEngines } from './engines.js';

interface Operation {
  'x-access'?: string;
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, unknown> };
}

/** What may not be sent to a route: every path and query parameter far too long, and a body that is not JSON. */
function invalidRequest(path: string, method: string, operation: Operation, cookie?: string): [string, RequestInit] {
  const long = 'x'.repeat(2000);
  const query = new URLSearchParams((operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, long]));
  const url = `${path.replace(/\{[^}]+\}/g, long)}${query.size > 0 ? `?${query}` : ''}`;
  const headers: Record<string, string> = cookie ? { cookie } : {};
  const init: RequestInit = { method: method.toUpperCase(), headers };
  if (operation.requestBody?.content['application/json']) {
    headers['content-type'] = 'application/json';
    init.body = '{"unexpected": [';
  } else if (operation.requestBody) {
    headers['content-type'] = Object.keys(operation.requestBody.content)[0]!;
    init.body = '';
  }
  return [url, init];
}

const [sqlite] = await testEngines();

/** 401, then 403, then 400: who may call a route is checked before its input, on every route of the description. */
describe('route access: authenticated, then allowed, then validated', () => {
  let storage: Storage;
  let app: ReturnType<typeof createApp>;
  const cookies = new Map<Role, string>();
  let operations: [string, string, Operation][];

  before(async () => {
    storage = await sqlite!.open();
    for (const role of ROLES) {
      const email = `${role}@ecoute.test`;
      await createUser(storage.db, { email, displayName: role, role, password: 'correct horse' });
      cookies.set(role, `ecoute_session=${(await login(storage.db, email, 'correct horse', 1)).token}`);
    }
    app = createApp({ storage, config: loadConfig({ demoMode: true }), live: new LiveHub() });
    const doc = await (await app.request('/api/v1/openapi.json')).json();
    operations = Object.entries<Record<string, Operation>>(doc.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, operation]) => [path, method, operation] as [string, string, Operation]),
    );
  });
  after(async () => {
    await storage?.close();
  });

  it('every operation declares who may call it (x-access)', () => {
    assert.ok(operations.length > 25, `only ${operations.length} operations`);
    const undeclared = operations.filter(([, , op]) => !op['x-access']).map(([path, method]) => `${method.toUpperCase()} ${path}`);
    assert.deepEqual(undeclared, []);
  });

  it('answers 401 to an anonymous caller whatever the input, on every route that needs a caller', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const [path, method, operation] of operations) {
      if (operation['x-access'] === 'public' || operation['x-access'] === 'signature') continue;
      checked += 1;
      const response = await app.request(...invalidRequest(path, method, operation));
      if (response.status !== 401) wrong.push(`${method.toUpperCase()} ${path}: ${response.status}`);
    }
    assert.ok(checked > 20);
    assert.deepEqual(wrong, []);
  });

  it('answers 403 to a role without the right whatever the input, and 400 to one with it', async () => {
    const wrong: string[] = [];
    let forbidden = 0;
    let invalid = 0;
    for (const [path, method, operation] of operations) {
      const access = operation['x-access'] as Action | 'authenticated' | 'public' | 'signature' | 'customer';
      if (access === 'public' || access === 'signature' || access === 'authenticated' || access === 'customer') continue;
      const hasInput = Boolean(operation.requestBody || operation.parameters?.some((p) => p.in === 'path' || p.in === 'query'));
      for (const role of ROLES) {
        const allowed = can({ kind: 'user', role } as Actor, access);
        if (allowed && (!hasInput || path.includes('/console/events'))) continue;
        const response = await app.request(...invalidRequest(path, method, operation, cookies.get(role)));
        const expected = allowed ? [400, 404] : [403];
        if (!expected.includes(response.status)) wrong.push(`${method.toUpperCase()} ${path} as ${role}: ${response.status}`);
        if (allowed && response.status === 400) invalid += 1;
        if (!allowed) forbidden += 1;
      }
    }
    assert.ok(forbidden > 40, `only ${forbidden} refusals checked`);
    assert.ok(invalid > 20, `only ${invalid} validations reached`);
    assert.deepEqual(wrong, []);
  });

  it('anonymous PUT /surveys/rules with {} is 401, and a role without survey.manage gets 403, naming no field', async () => {
    const put = (cookie?: string) =>
      app.request('/api/v1/surveys/rules', { method: 'PUT', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: '{}' });
    const anonymous = await put();
    assert.equal(anonymous.status, 401);
    assert.equal((await anonymous.json()).errors, undefined);
    assert.equal((await put(cookies.get('advisor'))).status, 403);
    const manager = await put(cookies.get('cx_manager'));
    assert.equal(manager.status, 400);
    assert.ok((await manager.json()).errors.length > 3);
  });
});
