import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { testEngines } from '../../test/engines.js';
import { seedCustomer } from '../../test/fixtures.js';
import { customerFromSession } from '../auth/customer-sessions.js';
import { SECRET_MASK, sendQueuedSms } from '../notifications/sms-submission.js';
import { DomainError, RateLimited } from '../shared/errors.js';
import { LoopbackGateway } from '../sms/simulator/loopback-gateway.js';
import type { Storage } from '../storage/database.js';
import { linesOf } from './my-account.js';
import { askSignInCode, CODE_TTL_MS, MAX_ATTEMPTS, SIM_CHANGE_HOLD_MS, verifySignInCode, type SignInDeps } from './sign-in.js';
import { signInCodeHandler } from './sign-in-sms.js';
import { SignInThrottle } from './sign-in-throttle.js';

const SECRET = 'a test secret of thirty-two characters or more';
const HOME = '+352621700001';
const SECOND = '+352621700002';
const STRANGER = '+352621799999';
const BUSINESS = '+352661700003';

/** The refusal's code of a rejected promise. */
async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string; params?: Record<string, string | number> | undefined }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return { status: error.status, code: error.code, params: error.params };
    throw error;
  }
  assert.fail('expected a refusal');
}

for (const engine of await testEngines()) {
  describe(`customer sign-in by SMS code on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let deps: SignInDeps;
    let clock: number;
    let address = 0;
    /** each test from its own address, so that the address limits of one do not reach the next */
    const from = () => `198.51.100.${address}`;

    before(async () => {
      storage = await engine.open();
      await seedCustomer(storage.db, { familyName: 'Home', preferredLanguage: 'de', lines: [{ msisdn: HOME, plan: 'Love Duo' }, { msisdn: SECOND, plan: 'Love Duo' }], phones: [], emails: [] });
      await seedCustomer(storage.db, { kind: 'organisation', organisationName: 'Atelier Sàrl', segment: 'business', lines: [{ msisdn: BUSINESS, plan: 'Business' }, { msisdn: '+352661700004', plan: 'Business' }], phones: [], emails: [] });
      clock = Date.now();
      deps = { db: storage.db, throttle: new SignInThrottle(storage.db), secret: SECRET, sessionHours: 24, now: () => clock };
    });
    beforeEach(async () => {
      address += 1;
      await storage.db.deleteFrom('rate_limits').execute();
      await storage.db.updateTable('lines').set({ sim_changed_at: null }).execute();
    });
    after(async () => {
      await storage?.close();
    });

    /** Asks a code and runs the job that sends it; returns the challenge and the SMS row written (if any). */
    async function ask(msisdn: string, language: 'fr' | 'de' | 'en' = 'en') {
      const asked = await askSignInCode(deps, { msisdn, language, address: from() });
      await signInCodeHandler(storage.db, () => clock)(asked.challenge, undefined as never);
      const sms = await storage.db.selectFrom('sms_messages').selectAll().where('created_at', '=', clock).orderBy('id', 'desc').executeTakeFirst();
      return { asked, sms };
    }

    it('sends a code to a customer’s line, in the SMS’s secret and never its text, and signs in once with it', async () => {
      clock += 60_000;
      const { asked, sms } = await ask('621 700 001');
      assert.ok(sms, 'an SMS was queued');
      assert.equal(sms.msisdn, HOME);
      assert.ok(sms.text.includes(SECRET_MASK), 'the stored text shows the mask');
      assert.match(sms.secret ?? '', /^\d{6}$/);
      assert.ok(!sms.text.includes(sms.secret!), 'the stored text does not hold the code');
      assert.equal(asked.expiresAt, clock + CODE_TTL_MS);

      // the SMSC gets the code; the row forgets it once submitted
      const gateway = new LoopbackGateway();
      await gateway.start();
      await sendQueuedSms({ db: storage.db, gateway, senderId: 'Ecoute', numberKey: SECRET }, sms.id, clock);
      const after = await storage.db.selectFrom('sms_messages').select(['secret', 'text', 'status']).where('id', '=', sms.id).executeTakeFirstOrThrow();
      assert.equal(after.secret, null);
      assert.equal(after.status, 'submitted');
      assert.ok(after.text.includes(SECRET_MASK));
      const received = gateway.simulator.messagesTo(HOME).at(-1)?.text ?? '';
      assert.ok(received.includes(sms.secret!), 'the phone got the code');
      await gateway.close();

      const signedIn = await verifySignInCode(deps, { challenge: asked.challenge, code: sms.secret!, address: from() });
      assert.equal(signedIn.customer.scope, 'account');
      assert.equal(signedIn.customer.factor, 'sms');
      const customer = await customerFromSession(storage.db, signedIn.token, clock);
      assert.equal(customer?.partyId, signedIn.customer.partyId);
      assert.deepEqual((await linesOf(storage.db, customer!)).map((l) => l.msisdn), [HOME, SECOND], 'a residential customer reaches every line');
      // single use
      assert.equal((await refusal(verifySignInCode(deps, { challenge: asked.challenge, code: sms.secret!, address: from() }))).code, 'code-expired');
    });

    it('answers a stranger’s number as a customer’s, sends it nothing, and refuses every code alike', async () => {
      clock += 60_000;
      const before = await storage.db.selectFrom('sms_messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const customer = await ask(HOME);
      const stranger = await ask(STRANGER);
      assert.deepEqual(Object.keys(stranger.asked).sort(), Object.keys(customer.asked).sort());
      assert.equal(stranger.asked.expiresAt, customer.asked.expiresAt);
      const sent = await storage.db.selectFrom('sms_messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(sent.n) - Number(before.n), 1, 'only the customer got an SMS');
      const wrongOfCustomer = await refusal(verifySignInCode(deps, { challenge: customer.asked.challenge, code: otherThan(customer.sms!.secret!), address: from() }));
      const wrongOfStranger = await refusal(verifySignInCode(deps, { challenge: stranger.asked.challenge, code: '000000', address: from() }));
      assert.deepEqual(wrongOfStranger, wrongOfCustomer);
      assert.deepEqual(wrongOfCustomer, { status: 401, code: 'bad-code', params: { attemptsLeft: MAX_ATTEMPTS - 1 } });
    });

    it('refuses a code after 5 minutes, and after 5 wrong ones even the right one', async () => {
      clock += 60_000;
      const late = await ask(HOME);
      clock += CODE_TTL_MS;
      assert.equal((await refusal(verifySignInCode(deps, { challenge: late.asked.challenge, code: late.sms!.secret!, address: from() }))).code, 'code-expired');

      const tried = await ask(HOME);
      const wrong = otherThan(tried.sms!.secret!);
      const left: (number | string)[] = [];
      for (let i = 0; i < MAX_ATTEMPTS; i++) left.push((await refusal(verifySignInCode(deps, { challenge: tried.asked.challenge, code: wrong, address: from() }))).params!.attemptsLeft!);
      assert.deepEqual(left, [4, 3, 2, 1, 0]);
      assert.equal((await refusal(verifySignInCode(deps, { challenge: tried.asked.challenge, code: tried.sms!.secret!, address: from() }))).code, 'code-expired');
    });

    it('a newer code ends the earlier one', async () => {
      clock += 60_000;
      const first = await ask(HOME);
      clock += 1_000;
      const second = await ask(HOME);
      assert.equal((await refusal(verifySignInCode(deps, { challenge: first.asked.challenge, code: first.sms!.secret!, address: from() }))).code, 'code-expired');
      assert.equal((await verifySignInCode(deps, { challenge: second.asked.challenge, code: second.sms!.secret!, address: from() })).customer.scope, 'account');
    });

    it('limits the codes asked for a number, a stranger’s as a customer’s, with the seconds to wait', async () => {
      clock += 60_000;
      for (const msisdn of [HOME, STRANGER]) {
        for (let i = 0; i < 3; i++) await askSignInCode(deps, { msisdn, language: 'en', address: from() });
        const refused = await askSignInCode(deps, { msisdn, language: 'en', address: from() }).catch((e: unknown) => e);
        assert.ok(refused instanceof RateLimited, msisdn);
        assert.equal(refused.code, 'too-many-codes');
        assert.ok(refused.retryAfterSeconds > 800 && refused.retryAfterSeconds <= 900, `${refused.retryAfterSeconds} s`);
      }
    });

    it('blocks a number after 10 wrong codes, whatever the challenges, even with the right code', async () => {
      clock += 60_000;
      for (let round = 0; round < 2; round++) {
        const { asked, sms } = await ask(HOME);
        for (let i = 0; i < MAX_ATTEMPTS; i++) await refusal(verifySignInCode(deps, { challenge: asked.challenge, code: otherThan(sms!.secret!), address: `203.0.113.${round * 10 + i}` }));
        await storage.db.deleteFrom('rate_limits').where('key', 'like', 'sign-in-codes%').execute();
      }
      const { asked, sms } = await ask(HOME);
      const blocked = await refusal(verifySignInCode(deps, { challenge: asked.challenge, code: sms!.secret!, address: '203.0.113.99' }));
      assert.equal(blocked.status, 429);
      assert.equal(blocked.code, 'too-many-attempts');
    });

    it('sends no code while the line’s SIM change is recent, but says why; and refuses a code asked before a SIM change', async () => {
      clock += 60_000;
      await storage.db.updateTable('lines').set({ sim_changed_at: clock - 3_600_000 }).where('msisdn', '=', HOME).execute();
      const { asked, sms } = await ask(HOME, 'fr');
      assert.equal(sms?.secret, null);
      assert.equal(sms?.purpose, 'sign_in_refused');
      assert.match(sms!.text, /carte SIM/);
      assert.equal((await refusal(verifySignInCode(deps, { challenge: asked.challenge, code: '123456', address: from() }))).status, 401);

      clock += SIM_CHANGE_HOLD_MS;
      const before = await ask(HOME);
      assert.match(before.sms?.secret ?? '', /^\d{6}$/, 'past the hold, codes are sent again');
      await storage.db.updateTable('lines').set({ sim_changed_at: clock }).where('msisdn', '=', HOME).execute();
      assert.equal((await refusal(verifySignInCode(deps, { challenge: before.asked.challenge, code: before.sms!.secret!, address: from() }))).code, 'code-expired');
    });

    it('a business’s line user reaches their own line only', async () => {
      clock += 60_000;
      const { asked, sms } = await ask(BUSINESS);
      const signedIn = await verifySignInCode(deps, { challenge: asked.challenge, code: sms!.secret!, address: from() });
      assert.equal(signedIn.customer.scope, 'line');
      assert.deepEqual((await linesOf(storage.db, signedIn.customer)).map((l) => l.msisdn), [BUSINESS]);
      // the company's administrator, marked on their line, reaches every line
      await storage.db.updateTable('lines').set({ self_service: 'account' }).where('msisdn', '=', BUSINESS).execute();
      const again = await ask(BUSINESS);
      const admin = await verifySignInCode(deps, { challenge: again.asked.challenge, code: again.sms!.secret!, address: from() });
      assert.equal(admin.customer.scope, 'account');
      assert.equal((await linesOf(storage.db, admin.customer)).length, 2);
      await storage.db.updateTable('lines').set({ self_service: null }).where('msisdn', '=', BUSINESS).execute();
    });

    it('refuses what is not a mobile number, and writes nothing', async () => {
      const count = async () => Number((await storage.db.selectFrom('sign_in_codes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const before = await count();
      const bad = await askSignInCode(deps, { msisdn: 'hello', language: 'en', address: from() }).then(() => assert.fail('accepted'), (e: DomainError) => e);
      assert.equal(bad.fields[0]?.code, 'invalid-phone');
      const landline = await askSignInCode(deps, { msisdn: '+352 26 12 34', language: 'en', address: from() }).then(() => assert.fail('accepted'), (e: DomainError) => e);
      assert.equal(landline.fields[0]?.code, 'not-a-mobile');
      assert.equal(await count(), before);
    });
  });
}

const otherThan = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
