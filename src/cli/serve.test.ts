import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_PRIVACY_SECRET, DEMO_TELEPHONY_SECRET, loadConfig, secretProblems } from '../config.js';
import { Writable } from 'node:stream';
import { runCli } from './run-cli.js';

const REAL_SECRET = `whsec_${Buffer.from('a real secret of thirty-two bytes').toString('base64')}`;

describe('ecoute serve refuses to start outside demo mode without its secrets', () => {
  it('names the telephony secret left at the published demo value, and starts nothing', async () => {
    let stderr = '';
    const sink = (keep: boolean) => new Writable({ write: (chunk, _encoding, done) => ((keep ? (stderr += String(chunk)) : ''), done()) });
    // As with ECOUTE_TELEPHONY_SECRET unset; the refusal comes before a database is opened or a port taken.
    const status = await runCli(['serve', '--port', '0'], {
      stdout: sink(false),
      stderr: sink(true),
      config: { demoMode: false, telephonySecret: DEMO_TELEPHONY_SECRET, sqlitePath: '/nonexistent/ecoute.sqlite' },
    });
    assert.equal(status, 2);
    assert.match(stderr, /will not start without its secrets/);
    assert.match(stderr, /ECOUTE_TELEPHONY_SECRET is not set/);
    assert.match(stderr, /ecoute serve --demo/);
  });

  it('accepts a real secret, refuses a malformed one, and asks the HTTP SMS provider for its webhook token', () => {
    const config = (telephonySecret: string, privacySecret = 'a privacy key of at least thirty-two characters') =>
      loadConfig({ demoMode: false, telephonySecret, privacySecret });
    assert.deepEqual(secretProblems(config(REAL_SECRET), {}), []);
    assert.match(secretProblems(config(DEMO_TELEPHONY_SECRET), {})[0]!, /ECOUTE_TELEPHONY_SECRET is not set/);
    assert.match(secretProblems(config('changeme'), {})[0]!, /whsec_ followed by at least 24 random bytes/);
    assert.match(secretProblems(config('whsec_c2hvcnQ='), {})[0]!, /at least 24 random bytes/);
    const provider = { ECOUTE_SMSC_URL: 'https://sms.example/v1', ECOUTE_SMS_HTTP_TOKEN: 'ours' };
    assert.match(secretProblems(config(REAL_SECRET), provider)[0]!, /ECOUTE_SMS_WEBHOOK_TOKEN is not set/);
    assert.deepEqual(secretProblems(config(REAL_SECRET), { ...provider, ECOUTE_SMS_WEBHOOK_TOKEN: 'theirs' }), []);
    assert.deepEqual(secretProblems(config(REAL_SECRET), { ECOUTE_SMSC_URL: 'smpp://id:pw@smsc:2775' }), []);
    assert.match(secretProblems(config(REAL_SECRET, DEMO_PRIVACY_SECRET), {})[0]!, /ECOUTE_PRIVACY_SECRET is not set/);
    assert.match(secretProblems(config(REAL_SECRET, 'too short'), {})[0]!, /at least 32 characters/);
  });

  it('keeps demo mode working with the demo secrets', () => {
    assert.deepEqual(secretProblems(loadConfig({ demoMode: true, telephonySecret: DEMO_TELEPHONY_SECRET }), { ECOUTE_SMSC_URL: 'https://sms.example' }), []);
  });
});
