import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { callApi } from '../../test/api-client.js';
import { testEngines } from '../../test/engines.js';
import { seedCustomer } from '../../test/fixtures.js';
import { customerFromSession } from '../auth/customer-sessions.js';
import { loadConfig } from '../config.js';
import type { EmailTransport, OutboundEmail } from '../mail/email-transport.js';
import { SECRET_MASK } from '../notifications/sms-submission.js';
import { eraseCustomer } from '../privacy/erasure.js';
import { startServer, type RunningServer } from '../server/server.js';
import { DomainError, RateLimited } from '../shared/errors.js';
import type { Storage } from '../storage/database.js';
import { CODE_TTL_MS, MAX_ATTEMPTS, type SignInDeps } from './sign-in.js';
import { askEmailCode, verifyEmailCode } from './sign-in-email.js';
import { signInEmailHandler } from './sign-in-email-sending.js';
import { SIGN_IN_LIMITS, SignInThrottle } from './sign-in-throttle.js';

const SECRET = 'a test secret of thirty-two characters or more';
const HOME = 'marie.courriel@example.lu';
const HOME_LINE = '+352621730001';
const SHARED = 'famille@example.lu';
const COMPANY = 'contact@garage.example.lu';
const STRANGER = 'nobody@example.lu';

/** An e-mail transport that keeps what it is handed, as the SMTP server would receive it. */
class KeptMail implements EmailTransport {
  readonly name = 'kept';
  readonly sent: OutboundEmail[] = [];
  async send(email: OutboundEmail): Promise<string> {
    this.sent.push(email);
    return email.headers?.['Message-ID'] ?? '<kept>';
  }
  async close(): Promise<void> {}
}

async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string; params?: Record<string, string | number> | undefined; fields?: { code?: string | undefined }[] }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return { status: error.status, code: error.code, params: error.params, fields: error.fields };
    throw error;
  }
  assert.fail('expected a refusal');
}

const otherThan = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

for (const engine of await testEngines()) {
  describe(`customer sign-in by a code sent by e-mail on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let deps: SignInDeps;
    let clock: number;
    let mail: KeptMail;
    let address = 0;
    const from = () => `198.51.100.${address}`;

    before(async () => {
      storage = await engine.open();
      await seedCustomer(storage.db, { familyName: 'Courriel', preferredLanguage: 'fr', lines: [{ msisdn: HOME_LINE, plan: 'Love Duo' }], phones: [], emails: [HOME] });
      await seedCustomer(storage.db, { familyName: 'Famille A', lines: [{ msisdn: '+352621730002', plan: 'Love Duo' }], phones: [], emails: [SHARED] });
      await seedCustomer(storage.db, { familyName: 'Famille B', lines: [{ msisdn: '+352621730003', plan: 'Love Duo' }], phones: [], emails: [SHARED] });
      // a business without an administrator's line: its line users sign in by SMS or passkey
      await seedCustomer(storage.db, { kind: 'organisation', organisationName: 'Garage Sàrl', segment: 'business', lines: [{ msisdn: '+352661730004', plan: 'Business' }], phones: [], emails: [COMPANY] });
      clock = Date.now();
      deps = { db: storage.db, throttle: new SignInThrottle(storage.db), secret: SECRET, sessionHours: 24, now: () => clock };
    });
    beforeEach(async () => {
      address += 1;
      mail = new KeptMail();
      await storage.db.deleteFrom('rate_limits').execute();
    });
    after(async () => {
      await storage?.close();
    });

    /** Asks a code and runs the job that sends it; answers the challenge and what the transport got (if anything). */
    async function ask(email: string, language: 'fr' | 'de' | 'en' = 'fr') {
      const asked = await askEmailCode(deps, { email, language, address: from() });
      await signInEmailHandler(storage.db, { transport: mail, from: 'Service <service@operator.lu>' }, () => clock)(asked.challenge, undefined as never);
      const sent = mail.sent.at(-1);
      return { asked, sent, code: sent ? /(\d{6})/.exec(sent.text)?.[1] : undefined };
    }

    it('sends the code to the customer’s address, in the e-mail’s secret and never its stored text, and signs in once with it', async () => {
      clock += 60_000;
      const { asked, sent, code } = await ask('  Marie.Courriel@Example.LU ');
      assert.ok(sent && code, 'the e-mail left with a code');
      assert.equal(sent.to, HOME);
      assert.equal(sent.subject, 'Votre code de connexion');
      assert.equal(asked.expiresAt, clock + CODE_TTL_MS);
      const stored = await storage.db.selectFrom('email_messages').select(['text', 'secret', 'status', 'to_address']).where('to_address', '=', HOME).executeTakeFirstOrThrow();
      assert.ok(stored.text.includes(SECRET_MASK), 'the stored text shows the mask');
      assert.ok(!stored.text.includes(code), 'the stored text does not hold the code');
      assert.deepEqual([stored.secret, stored.status], [null, 'sent'], 'the secret is forgotten once sent');
      const row = await storage.db.selectFrom('email_sign_in_codes').selectAll().where('id', '=', asked.challenge).executeTakeFirstOrThrow();
      assert.deepEqual([row.pending_code, row.pending_address], [null, null], 'neither the code nor the address waits in the row');
      assert.ok(!row.code_hash.includes(code) && !row.address_key.includes('courriel'), 'kept as keyed hashes');

      const signedIn = await verifyEmailCode(deps, { challenge: asked.challenge, code, address: from() });
      assert.deepEqual([signedIn.customer.factor, signedIn.customer.scope], ['email', 'account']);
      const session = await customerFromSession(storage.db, signedIn.token, clock);
      assert.equal(session?.factor, 'email');
      assert.equal((await storage.db.selectFrom('lines').select('msisdn').where('id', '=', session!.lineId).executeTakeFirstOrThrow()).msisdn, HOME_LINE);
      assert.equal((await refusal(verifyEmailCode(deps, { challenge: asked.challenge, code, address: from() }))).code, 'code-expired', 'single use');
    });

    it('answers any well-formed address alike, after the same writes, and sends only to one customer’s address', async () => {
      clock += 60_000;
      const jobs = async () => Number((await storage.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('topic', '=', 'sign-in.email').executeTakeFirstOrThrow()).n);
      const codes = async () => Number((await storage.db.selectFrom('email_sign_in_codes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const answers = [];
      for (const email of [HOME, STRANGER, SHARED, COMPANY]) {
        const [jobsBefore, codesBefore] = [await jobs(), await codes()];
        const { asked, sent } = await ask(email);
        assert.deepEqual([await jobs() - jobsBefore, await codes() - codesBefore], [1, 1], `${email}: a code row and a job`);
        answers.push({ email, keys: Object.keys(asked).sort(), expiresAt: asked.expiresAt, sent: sent !== undefined && sent.to === email, challenge: asked.challenge });
        mail.sent.length = 0;
      }
      assert.deepEqual(answers.map((a) => [a.keys, a.expiresAt]), answers.map(() => [['challenge', 'expiresAt'], clock + CODE_TTL_MS]));
      assert.deepEqual(answers.map((a) => [a.email, a.sent]), [[HOME, true], [STRANGER, false], [SHARED, false], [COMPANY, false]]);
      const wrong = await Promise.all(answers.map((a) => refusal(verifyEmailCode(deps, { challenge: a.challenge, code: '000000', address: from() }))));
      assert.deepEqual(new Set(wrong.map((w) => JSON.stringify(w))).size, 1, 'every wrong code is refused alike');
      assert.deepEqual(wrong[0], { status: 401, code: 'bad-code', params: { attemptsLeft: MAX_ATTEMPTS - 1 }, fields: [] });
    });

    it('refuses a code after 5 minutes, and after 5 wrong ones even the right one', async () => {
      clock += 60_000;
      const late = await ask(HOME);
      clock += CODE_TTL_MS;
      assert.equal((await refusal(verifyEmailCode(deps, { challenge: late.asked.challenge, code: late.code!, address: from() }))).code, 'code-expired');
      const tried = await ask(HOME);
      const left = [];
      for (let i = 0; i < MAX_ATTEMPTS; i++) left.push((await refusal(verifyEmailCode(deps, { challenge: tried.asked.challenge, code: otherThan(tried.code!), address: from() }))).params!.attemptsLeft);
      assert.deepEqual(left, [4, 3, 2, 1, 0]);
      assert.equal((await refusal(verifyEmailCode(deps, { challenge: tried.asked.challenge, code: tried.code!, address: from() }))).code, 'code-expired');
      // a newer code ends the earlier one (the limit of 3 codes in 15 minutes set aside)
      await storage.db.deleteFrom('rate_limits').execute();
      const first = await ask(HOME);
      const second = await ask(HOME);
      assert.equal((await refusal(verifyEmailCode(deps, { challenge: first.asked.challenge, code: first.code!, address: from() }))).code, 'code-expired');
      assert.equal((await verifyEmailCode(deps, { challenge: second.asked.challenge, code: second.code!, address: from() })).customer.factor, 'email');
    });

    it('limits the codes asked for an address (however it is written, a stranger’s as a customer’s) and from a client address', async () => {
      clock += 60_000;
      for (const [email, again] of [[HOME, HOME.toUpperCase()], [STRANGER, ` ${STRANGER} `]] as const) {
        for (let i = 0; i < SIGN_IN_LIMITS.codesPerNumber.points; i++) await askEmailCode(deps, { email, language: 'en', address: from() });
        const refused = await askEmailCode(deps, { email: again, language: 'en', address: from() }).catch((e: unknown) => e);
        assert.ok(refused instanceof RateLimited, email);
        assert.equal(refused.code, 'too-many-codes');
        assert.ok(refused.retryAfterSeconds > 800 && refused.retryAfterSeconds <= 900, `${refused.retryAfterSeconds} s`);
      }
      await storage.db.deleteFrom('rate_limits').execute();
      const one = '203.0.113.7';
      for (let i = 0; i < SIGN_IN_LIMITS.codesPerAddress.points; i++) await askEmailCode(deps, { email: `visitor${i}@example.lu`, language: 'en', address: one });
      const refused = await askEmailCode(deps, { email: 'one.more@example.lu', language: 'en', address: one }).catch((e: unknown) => e);
      assert.ok(refused instanceof RateLimited);
      assert.equal(refused.code, 'too-many-codes');
    });

    it('blocks an address after 10 wrong codes, whatever the challenges and client addresses, even with the right code', async () => {
      clock += 60_000;
      for (let round = 0; round < 2; round++) {
        const { asked, code } = await ask(HOME);
        for (let i = 0; i < MAX_ATTEMPTS; i++) await refusal(verifyEmailCode(deps, { challenge: asked.challenge, code: otherThan(code!), address: `203.0.113.${round * 10 + i}` }));
        await storage.db.deleteFrom('rate_limits').where('key', 'like', 'sign-in-codes%').execute();
      }
      const { asked, code } = await ask(HOME);
      const blocked = await refusal(verifyEmailCode(deps, { challenge: asked.challenge, code: code!, address: '203.0.113.99' }));
      assert.deepEqual([blocked.status, blocked.code], [429, 'too-many-attempts']);
    });

    it('refuses what is not an e-mail address and writes nothing; without a transport the e-mail fails and forgets its code', async () => {
      const count = async () => Number((await storage.db.selectFrom('email_sign_in_codes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const before = await count();
      for (const email of ['marie', 'marie@', 'a b@example.lu']) {
        const bad = await refusal(askEmailCode(deps, { email, language: 'en', address: from() }));
        assert.deepEqual([bad.status, bad.fields?.[0]?.code], [400, 'invalid-format'], email);
      }
      assert.equal(await count(), before);
      clock += 60_000;
      const asked = await askEmailCode(deps, { email: HOME, language: 'de', address: from() });
      await signInEmailHandler(storage.db, undefined, () => clock)(asked.challenge, undefined as never);
      const failed = await storage.db.selectFrom('email_messages').select(['status', 'secret', 'subject']).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.deepEqual(failed, { status: 'failed', secret: null, subject: 'Ihr Anmeldecode' });
    });
  });

  describe(`erasing a customer who signed in by e-mail on ${engine.name}`, { skip: engine.skip }, () => {
    it('blanks the sign-in e-mails to their address and deletes their codes', async () => {
      const storage = await engine.open();
      try {
        const customer = await seedCustomer(storage.db, { familyName: 'Oubli', lines: [{ msisdn: '+352621730020', plan: 'Love Duo' }], phones: [], emails: ['oubli@example.lu'] });
        const deps: SignInDeps = { db: storage.db, throttle: new SignInThrottle(storage.db), secret: SECRET, sessionHours: 24 };
        const asked = await askEmailCode(deps, { email: 'oubli@example.lu', language: 'fr', address: '198.51.100.200' });
        await signInEmailHandler(storage.db, { transport: new KeptMail(), from: 'service@operator.lu' })(asked.challenge, undefined as never);
        await askEmailCode(deps, { email: 'oubli@example.lu', language: 'fr', address: '198.51.100.200' });
        const erased = await eraseCustomer(storage.db, customer.id, { reason: 'request 7', actor: { cli: 'test' }, via: 'cli' }, SECRET);
        assert.equal(erased.counts.sign_in_emails, 1);
        const left = await storage.db.selectFrom('email_messages').select(['to_address', 'text']).execute();
        assert.deepEqual(left, [{ to_address: '', text: '' }]);
        assert.deepEqual(await storage.db.selectFrom('email_sign_in_codes').select('id').where('party_id', '=', customer.id).execute(), []);
      } finally {
        await storage.close();
      }
    });
  });

  describe(`the e-mail code over the customer API on ${engine.name}`, { skip: engine.skip }, () => {
    let storage: Storage;
    let server: RunningServer;

    before(async () => {
      storage = await engine.open();
      await seedCustomer(storage.db, { familyName: 'Api', lines: [{ msisdn: '+352621730010', plan: 'Love Duo' }], phones: [], emails: ['api.courriel@example.lu'] });
      server = await startServer({ storage, config: loadConfig({ demoMode: true }), port: 0 });
    });
    after(async () => {
      await server?.close();
      await storage?.close();
    });

    it('answers 202 alike for a customer’s address and a stranger’s, 400 for a malformed one, and signs in with the code e-mailed', async () => {
      const customer = await callApi(server.url, {}, '/my/sign-in/email-code', { body: { email: 'api.courriel@example.lu', language: 'en' } });
      const stranger = await callApi(server.url, {}, '/my/sign-in/email-code', { body: { email: 'api.stranger@example.lu', language: 'en' } });
      assert.deepEqual([customer.status, stranger.status], [202, 202]);
      assert.deepEqual(Object.keys(customer.body).sort(), Object.keys(stranger.body).sort());
      const malformed = await callApi(server.url, {}, '/my/sign-in/email-code', { body: { email: 'not-an-address' } });
      assert.deepEqual([malformed.status, malformed.body.errors[0].field, malformed.body.errors[0].code], [400, 'email', 'invalid-format']);
      const kept = new KeptMail();
      await signInEmailHandler(storage.db, { transport: kept, from: 'service@operator.lu' })(customer.body.challenge, undefined as never);
      const code = /(\d{6})/.exec(kept.sent[0]!.text)![1]!;
      const wrong = await callApi(server.url, {}, '/my/sign-in/email-code/verify', { body: { challenge: stranger.body.challenge, code } });
      assert.deepEqual([wrong.status, wrong.body.type.split('/').pop(), wrong.body.params.attemptsLeft], [401, 'bad-code', 4]);
      const response = await fetch(`${server.url}/api/v1/my/sign-in/email-code/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ challenge: customer.body.challenge, code }) });
      assert.equal(response.status, 200);
      const account = await response.json();
      assert.deepEqual([account.factor, account.signedInWith, account.scope], ['email', '+352621730010', 'account']);
      assert.match(response.headers.get('set-cookie') ?? '', /ecoute_customer=.+; Path=\/api\/v1\/my; .*HttpOnly/i);
    });
  });
}
