import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { callApi } from '../../test/api-client.js';
import { testEngines } from '../../test/engines.js';
import { seedCustomer } from '../../test/fixtures.js';
import { loadConfig } from '../config.js';
import { EXPORT_KINDS } from '../contract/privacy.js';
import { eraseCustomer } from '../privacy/erasure.js';
import { exportCustomer } from '../privacy/customer-export.js';
import { presentExport } from '../privacy/privacy-presenters.js';
import { startServer, type RunningServer } from '../server/server.js';
import type { Storage } from '../storage/database.js';
import { SIGN_IN_LIMITS } from './sign-in-throttle.js';
import { SoftAuthenticator, type Bend } from './passkeys.testkit.js';
import { relyingParty } from './relying-party.js';
import { customerSignIn } from './self-service.testkit.js';

const ORIGIN = 'https://my.ecoute.test';
const RP_ID = 'my.ecoute.test';
const OWN = '+352621720001';
const SECOND = '+352621720002';
const OTHERS = '+352621720003';
const COMPANY = ['+352661720004', '+352661720005'];

type Headers = { cookie: string };

for (const engine of await testEngines()) {
  describe(`passkeys of the customer app on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;
    let ownId: string;

    before(async () => {
      storage = await engine.open();
      ownId = (await seedCustomer(storage.db, { familyName: 'Schlüssel', preferredLanguage: 'de', lines: [{ msisdn: OWN, plan: 'Love Duo' }, { msisdn: SECOND, plan: 'Love Duo' }], phones: [], emails: [] })).id;
      await seedCustomer(storage.db, { familyName: 'Andere', lines: [{ msisdn: OTHERS, plan: 'Love Duo' }], phones: [], emails: [] });
      await seedCustomer(storage.db, { kind: 'organisation', organisationName: 'Serrurerie Sàrl', segment: 'business', lines: COMPANY.map((msisdn) => ({ msisdn, plan: 'Business' })), phones: [], emails: [] });
      server = await startServer({ storage, config: loadConfig({ demoMode: true, publicUrl: ORIGIN, passkeys: { rpId: undefined, extraOrigins: [] } }), port: 0 });
    });
    beforeEach(async () => {
      await storage.db.deleteFrom('rate_limits').execute();
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    const signIn = async (msisdn: string): Promise<Headers> => ({ cookie: (await customerSignIn(server.url, storage, msisdn)).cookie });

    /** Adds a passkey from the customer's session; answers the route's answer. */
    async function register(me: Headers, authenticator: SoftAuthenticator, name = 'Pixel de Marie', bend: Bend = {}) {
      const started = await callApi(server.url, me, '/my/passkeys/registration-options', { method: 'POST' });
      assert.equal(started.status, 200, JSON.stringify(started.body));
      const response = authenticator.create(started.body.options, bend);
      return callApi(server.url, me, '/my/passkeys', { body: { ceremony: started.body.ceremony, name, response } });
    }

    /** Signs in with a passkey as the browser does: options, the authenticator's answer, verify. */
    async function passkeySignIn(authenticator: SoftAuthenticator, bend: Bend = {}, credentialId?: string) {
      const started = await callApi(server.url, {}, '/my/sign-in/passkey/options', { method: 'POST' });
      assert.equal(started.status, 200, JSON.stringify(started.body));
      const response = authenticator.get(started.body.options, bend, credentialId);
      const answer = await fetch(`${server.url}/api/v1/my/sign-in/passkey/verify`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ceremony: started.body.ceremony, response }),
      });
      const body = await answer.json();
      return { status: answer.status, body, cookie: (answer.headers.get('set-cookie') ?? '').split(';')[0]!, ceremony: started.body.ceremony as string, response };
    }

    it('registers a passkey (discoverable, user verification required, no attestation) after a recent sign-in, and lists it', async () => {
      const me = await signIn(OWN);
      const empty = await callApi(server.url, me, '/my/passkeys');
      assert.equal(empty.status, 200);
      assert.deepEqual([empty.body.items, empty.body.canAdd, empty.body.maximum], [[], true, 10]);
      const started = await callApi(server.url, me, '/my/passkeys/registration-options', { method: 'POST' });
      const options = started.body.options;
      assert.equal(options.rp.id, RP_ID);
      assert.equal(options.user.name, OWN);
      assert.deepEqual(options.authenticatorSelection, { residentKey: 'required', requireResidentKey: true, userVerification: 'required' });
      assert.equal(options.attestation, 'none');
      assert.ok(options.pubKeyCredParams.some((p: { alg: number }) => p.alg === -7), 'ES256 offered');
      assert.ok(Buffer.from(options.challenge, 'base64url').length >= 32, 'a 32-byte random challenge');
      const authenticator = new SoftAuthenticator(ORIGIN, { synced: true });
      const response = authenticator.create(options);
      const kept = await callApi(server.url, me, '/my/passkeys', { body: { ceremony: started.body.ceremony, name: ' Pixel de Marie ', response } });
      assert.equal(kept.status, 201, JSON.stringify(kept.body));
      assert.deepEqual([kept.body.name, kept.body.line, kept.body.lastUsedAt, kept.body.synced], ['Pixel de Marie', OWN, null, true]);
      const row = await storage.db.selectFrom('passkeys').selectAll().where('id', '=', kept.body.id).executeTakeFirstOrThrow();
      assert.equal(row.credential_id, response.id);
      assert.equal(row.user_handle, options.user.id);
      assert.deepEqual([row.device_type, row.backed_up, Number(row.counter)], ['multiDevice', 1, 0]);
      const listed = await callApi(server.url, me, '/my/passkeys');
      assert.deepEqual(listed.body.items.map((k: { id: string; current: boolean }) => [k.id, k.current]), [[kept.body.id, false]]);
      const trail = await storage.db.selectFrom('audit_log').select(['actor_kind', 'actor_id', 'party_id']).where('action', '=', 'passkey.add').execute();
      assert.deepEqual(trail, [{ actor_kind: 'customer', actor_id: ownId, party_id: ownId }]);
      // the next options exclude it: the same authenticator makes no second passkey for the line
      const again = await callApi(server.url, me, '/my/passkeys/registration-options', { method: 'POST' });
      assert.deepEqual(again.body.options.excludeCredentials.map((c: { id: string }) => c.id), [response.id]);
    });

    it('signs in with the passkey, nothing typed, despite a recent SIM change; the session records it and the counter moves on', async () => {
      const me = await signIn(OWN);
      const authenticator = new SoftAuthenticator(ORIGIN);
      const kept = await register(me, authenticator, 'Laptop');
      assert.equal(kept.status, 201);
      await storage.db.updateTable('lines').set({ sim_changed_at: Date.now() - 3_600_000 }).where('msisdn', '=', OWN).execute();
      try {
        const started = await callApi(server.url, {}, '/my/sign-in/passkey/options', { method: 'POST' });
        assert.equal(started.body.options.allowCredentials, undefined, 'no credential listed: the options say nothing of anyone');
        assert.deepEqual([started.body.options.rpId, started.body.options.userVerification], [RP_ID, 'required']);
        const signedIn = await passkeySignIn(authenticator);
        assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
        assert.deepEqual([signedIn.body.signedInWith, signedIn.body.factor, signedIn.body.scope], [OWN, 'passkey', 'account']);
        const session = { cookie: signedIn.cookie };
        const mine = await callApi(server.url, session, '/my/passkeys');
        const used = mine.body.items.find((k: { id: string }) => k.id === kept.body.id);
        assert.equal(used.current, true);
        assert.ok(used.lastUsedAt, 'its last use is kept');
        const stored = await storage.db.selectFrom('customer_sessions').select(['factor', 'passkey_id']).where('passkey_id', '=', kept.body.id).executeTakeFirstOrThrow();
        assert.deepEqual(stored, { factor: 'passkey', passkey_id: kept.body.id });
        const row = await storage.db.selectFrom('passkeys').select('counter').where('id', '=', kept.body.id).executeTakeFirstOrThrow();
        assert.equal(Number(row.counter), 1);
      } finally {
        await storage.db.updateTable('lines').set({ sim_changed_at: null }).where('msisdn', '=', OWN).execute();
      }
    });

    it('refuses a ceremony used twice, expired, of the other kind, or another customer’s registration', async () => {
      const me = await signIn(OWN);
      const authenticator = new SoftAuthenticator(ORIGIN);
      assert.equal((await register(me, authenticator)).status, 201);
      const first = await passkeySignIn(authenticator);
      assert.equal(first.status, 200);
      // the same answer again: its challenge served once
      const replay = await callApi(server.url, {}, '/my/sign-in/passkey/verify', { body: { ceremony: first.ceremony, response: first.response } });
      assert.deepEqual([replay.status, replay.body.type.split('/').pop()], [401, 'ceremony-expired']);
      // a fresh answer on a used ceremony
      const fresh = authenticator.get({ challenge: JSON.parse(Buffer.from(first.response.response.clientDataJSON, 'base64url').toString()).challenge, rpId: RP_ID });
      assert.equal((await callApi(server.url, {}, '/my/sign-in/passkey/verify', { body: { ceremony: first.ceremony, response: fresh } })).status, 401);
      // expired: five minutes passed
      const started = await callApi(server.url, {}, '/my/sign-in/passkey/options', { method: 'POST' });
      await storage.db.updateTable('passkey_challenges').set({ expires_at: Date.now() - 1 }).where('id', '=', started.body.ceremony).execute();
      const late = await callApi(server.url, {}, '/my/sign-in/passkey/verify', { body: { ceremony: started.body.ceremony, response: authenticator.get(started.body.options) } });
      assert.deepEqual([late.status, late.body.type.split('/').pop()], [401, 'ceremony-expired']);
      // a registration's ceremony does not sign in, and is its customer's only
      const registration = await callApi(server.url, me, '/my/passkeys/registration-options', { method: 'POST' });
      const crossed = await callApi(server.url, {}, '/my/sign-in/passkey/verify', { body: { ceremony: registration.body.ceremony, response: authenticator.get({ challenge: registration.body.options.challenge, rpId: RP_ID }) } });
      assert.deepEqual([crossed.status, crossed.body.type.split('/').pop()], [401, 'ceremony-expired']);
      const other = await signIn(OTHERS);
      const stolen = await callApi(server.url, other, '/my/passkeys', { body: { ceremony: registration.body.ceremony, name: 'Stolen', response: new SoftAuthenticator(ORIGIN).create(registration.body.options) } });
      assert.deepEqual([stolen.status, stolen.body.type.split('/').pop()], [401, 'ceremony-expired']);
      assert.equal((await storage.db.selectFrom('passkeys').select('id').where('name', '=', 'Stolen').execute()).length, 0);
    });

    it('refuses an answer made for another origin or RP ID, without user verification, or with another passkey’s user handle; keeps nothing', async () => {
      const me = await signIn(SECOND);
      const before = (await storage.db.selectFrom('passkeys').select('id').execute()).length;
      for (const bend of [{ origin: 'https://my.ecoute.test.evil.example' }, { rpId: 'evil.example' }, { userVerified: false }, { type: 'webauthn.get' }] satisfies Bend[]) {
        const refused = await register(me, new SoftAuthenticator(ORIGIN), 'Refused', bend);
        assert.deepEqual([refused.status, refused.body.type.split('/').pop()], [400, 'passkey-refused'], JSON.stringify(bend));
      }
      assert.equal((await storage.db.selectFrom('passkeys').select('id').execute()).length, before, 'nothing kept');
      const authenticator = new SoftAuthenticator(ORIGIN);
      assert.equal((await register(me, authenticator, 'Tablet')).status, 201);
      for (const bend of [{ origin: 'https://evil.example' }, { rpId: 'evil.example' }, { userVerified: false }, { userHandle: Buffer.from('someone else').toString('base64url') }] satisfies Bend[]) {
        const refused = await passkeySignIn(authenticator, bend);
        assert.deepEqual([refused.status, refused.body.type.split('/').pop()], [401, 'passkey-refused'], JSON.stringify(bend));
        assert.equal(refused.cookie, '', 'no session');
      }
      assert.equal((await passkeySignIn(authenticator)).status, 200, 'the passkey itself still signs in');
    });

    it('refuses a counter that went back (a copied passkey) and counts it as a failure', async () => {
      const me = await signIn(OWN);
      const authenticator = new SoftAuthenticator(ORIGIN);
      const kept = await register(me, authenticator, 'Key');
      for (let i = 0; i < 3; i++) assert.equal((await passkeySignIn(authenticator)).status, 200);
      const stored = Number((await storage.db.selectFrom('passkeys').select('counter').where('id', '=', kept.body.id).executeTakeFirstOrThrow()).counter);
      assert.equal(stored, 3);
      const back = await passkeySignIn(authenticator, { counter: 2 });
      assert.deepEqual([back.status, back.body.type.split('/').pop()], [401, 'passkey-refused']);
      const same = await passkeySignIn(authenticator, { counter: 3 });
      assert.equal(same.status, 401, 'the same counter again is refused too');
      assert.equal(Number((await storage.db.selectFrom('passkeys').select('counter').where('id', '=', kept.body.id).executeTakeFirstOrThrow()).counter), 3, 'the counter kept is not moved back');
      const failures = await storage.db.selectFrom('rate_limits').select(['key', 'points']).where('key', 'like', 'sign-in-failures:passkey:%').execute();
      assert.deepEqual(failures.map((f) => f.points), [2]);
      assert.equal((await passkeySignIn(authenticator, { counter: 4 })).status, 200, 'a counter that moved on passes');
    });

    it('throttles failed passkeys like wrong codes: past 10 in a day, even the right answer waits', async () => {
      const me = await signIn(OWN);
      const authenticator = new SoftAuthenticator(ORIGIN);
      assert.equal((await register(me, authenticator, 'Throttled')).status, 201);
      for (let i = 0; i < SIGN_IN_LIMITS.failuresPerNumber.points; i++) assert.equal((await passkeySignIn(authenticator, { origin: 'https://evil.example' })).status, 401);
      const blocked = await passkeySignIn(authenticator);
      assert.equal(blocked.status, 429);
      assert.equal(blocked.body.type.split('/').pop(), 'too-many-attempts');
      assert.ok(blocked.body.params.seconds > 0);
    });

    it('removes a passkey: it no longer signs in, the other sessions it opened end, this one stays; another customer’s is not found', async () => {
      const me = await signIn(OWN);
      const authenticator = new SoftAuthenticator(ORIGIN);
      const kept = await register(me, authenticator, 'Old phone');
      const elsewhere = await passkeySignIn(authenticator);
      const here = await passkeySignIn(authenticator);
      const other = await signIn(OTHERS);
      const notTheirs = await callApi(server.url, other, `/my/passkeys/${kept.body.id}`, { method: 'DELETE' });
      assert.equal(notTheirs.status, 404);
      assert.ok(await storage.db.selectFrom('passkeys').select('id').where('id', '=', kept.body.id).executeTakeFirst(), 'still there');
      const removed = await callApi(server.url, { cookie: here.cookie }, `/my/passkeys/${kept.body.id}`, { method: 'DELETE' });
      assert.equal(removed.status, 204);
      assert.equal((await callApi(server.url, { cookie: elsewhere.cookie }, '/my/account')).status, 401, 'the other session it opened ended');
      assert.equal((await callApi(server.url, { cookie: here.cookie }, '/my/account')).status, 200, 'this session goes on');
      const gone = await passkeySignIn(authenticator);
      assert.deepEqual([gone.status, gone.body.type.split('/').pop()], [401, 'passkey-unknown']);
      assert.equal((await storage.db.selectFrom('audit_log').select('id').where('action', '=', 'passkey.remove').execute()).length, 1);
      assert.equal((await callApi(server.url, { cookie: here.cookie }, `/my/passkeys/${kept.body.id}`, { method: 'DELETE' })).status, 404, 'removed once');
    });

    it('asks for a sign-in of the last 10 minutes to add a passkey, and holds 10 per line at most', async () => {
      const me = await signIn(SECOND);
      await storage.db.updateTable('customer_sessions').set({ created_at: Date.now() - 11 * 60_000 }).where('line_id', '=', storage.db.selectFrom('lines').select('id').where('msisdn', '=', SECOND)).execute();
      const stale = await callApi(server.url, me, '/my/passkeys/registration-options', { method: 'POST' });
      assert.deepEqual([stale.status, stale.body.type.split('/').pop(), stale.body.params], [403, 'recent-sign-in-required', { minutes: 10 }]);
      const listed = await callApi(server.url, me, '/my/passkeys');
      assert.deepEqual([listed.body.canAdd, listed.body.freshUntil], [false, null]);
      const fresh = await signIn(SECOND);
      const held = (await storage.db.selectFrom('passkeys').innerJoin('lines', 'lines.id', 'passkeys.line_id').select('passkeys.id').where('lines.msisdn', '=', SECOND).execute()).length;
      for (let i = held; i < 10; i++) assert.equal((await register(fresh, new SoftAuthenticator(ORIGIN), `Key ${i}`)).status, 201);
      const full = await callApi(server.url, fresh, '/my/passkeys/registration-options', { method: 'POST' });
      assert.deepEqual([full.status, full.body.type.split('/').pop(), full.body.params], [409, 'too-many-passkeys', { maximum: 10 }]);
    });

    it('shows a business’s line user their line’s passkeys only, and signs them in with their line’s scope', async () => {
      const user = await signIn(COMPANY[1]!);
      const authenticator = new SoftAuthenticator(ORIGIN);
      assert.equal((await register(user, authenticator, 'Work phone')).status, 201);
      const colleague = await signIn(COMPANY[0]!);
      assert.deepEqual((await callApi(server.url, colleague, '/my/passkeys')).body.items, []);
      const signedIn = await passkeySignIn(authenticator);
      assert.deepEqual([signedIn.body.signedInWith, signedIn.body.scope], [COMPANY[1], 'line']);
    });

    it('lists the passkeys in the customer’s export without their keys, and erases them with the customer', async () => {
      const customer = await seedCustomer(storage.db, { familyName: 'Vergessen', lines: [{ msisdn: '+352621720099', plan: 'Love Duo' }], phones: [], emails: [] });
      const me = await signIn('+352621720099');
      const authenticator = new SoftAuthenticator(ORIGIN);
      const kept = await register(me, authenticator, 'Phone to forget');
      const data = presentExport(await exportCustomer(storage.db, customer.id, { actor: { cli: 'test' }, via: 'cli' }, 'secret'));
      assert.ok(EXPORT_KINDS.includes('passkeys'));
      assert.deepEqual(data.passkeys.map((k) => [k.id, k.credentialId, k.name, k.msisdn]), [[kept.body.id, authenticator.credentials[0]!.id.toString('base64url'), 'Phone to forget', '+352621720099']]);
      assert.ok(!JSON.stringify(data.passkeys).includes((await storage.db.selectFrom('passkeys').select('public_key').where('id', '=', kept.body.id).executeTakeFirstOrThrow()).public_key), 'no public key');
      const erased = await eraseCustomer(storage.db, customer.id, { reason: 'request 42', actor: { cli: 'test' }, via: 'cli' }, 'secret');
      assert.equal(erased.counts.passkeys, 1);
      assert.equal((await passkeySignIn(authenticator)).status, 401);
    });

    it('takes the relying party from ECOUTE_PUBLIC_URL, else from a localhost request; elsewhere passkeys are unavailable', async () => {
      const configured = relyingParty({ publicUrl: 'https://espace.operator.lu', passkeys: { rpId: 'operator.lu', extraOrigins: ['https://my.operator.lu'] } }, { url: 'http://10.0.0.1/x', https: false });
      assert.deepEqual(configured, { id: 'operator.lu', name: 'Ecoute', origins: ['https://espace.operator.lu', 'https://my.operator.lu'] });
      const local = relyingParty({ publicUrl: undefined, passkeys: { rpId: undefined, extraOrigins: [] } }, { url: 'http://localhost:3000/api/v1/my/passkeys', https: false });
      assert.deepEqual(local, { id: 'localhost', name: 'Ecoute', origins: ['http://localhost:3000'] });
      const bare = await startServer({ storage, config: loadConfig({ demoMode: true, publicUrl: undefined, passkeys: { rpId: undefined, extraOrigins: [] } }), port: 0 });
      const challenges = async () => (await storage.db.selectFrom('passkey_challenges').select('id').execute()).length;
      try {
        const before = await challenges();
        // the test server answers at 127.0.0.1: no RP ID a browser accepts
        const refused = await callApi(bare.url, {}, '/my/sign-in/passkey/options', { method: 'POST' });
        assert.deepEqual([refused.status, refused.body.type.split('/').pop()], [503, 'passkeys-unavailable']);
        assert.equal(await challenges(), before, 'no challenge kept');
      } finally {
        await bare.close();
      }
    });
  });
}
