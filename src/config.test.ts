import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from './config.js';

/** loadConfig with these environment variables set (and put back after). */
function withEnv(env: Record<string, string | undefined>) {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  try {
    return loadConfig();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe('the e-mail settings', () => {
  it('are optional: no SMTP server, no sender; regulatory messages keep the quiet hours', () => {
    const config = withEnv({ ECOUTE_SMTP_URL: undefined, ECOUTE_MAIL_FROM: undefined, ECOUTE_REGULATORY_QUIET_HOURS: undefined });
    assert.deepEqual(config.mail, { smtpUrl: undefined, from: undefined });
    assert.equal(config.regulatoryQuietHours, true);
  });

  it('take an SMTP URL with its sender', () => {
    const config = withEnv({ ECOUTE_SMTP_URL: 'smtps://ecoute:s%40cret@mail.operator.lu:465', ECOUTE_MAIL_FROM: 'Service client <service@operator.lu>', ECOUTE_REGULATORY_QUIET_HOURS: '0' });
    assert.deepEqual(config.mail, { smtpUrl: 'smtps://ecoute:s%40cret@mail.operator.lu:465', from: 'Service client <service@operator.lu>' });
    assert.equal(config.regulatoryQuietHours, false);
  });

  it('say what to write when they are wrong, without echoing a password', () => {
    const fails = (env: Record<string, string | undefined>, pattern: RegExp) => assert.throws(() => withEnv(env), (e: Error) => pattern.test(e.message) && !e.message.includes('s3cret'));
    fails({ ECOUTE_SMTP_URL: 'mail.operator.lu', ECOUTE_MAIL_FROM: 'service@operator.lu' }, /ECOUTE_SMTP_URL must be smtp:\/\/user:password@host:587/);
    fails({ ECOUTE_SMTP_URL: 'https://ecoute:s3cret@mail.operator.lu', ECOUTE_MAIL_FROM: 'service@operator.lu' }, /ECOUTE_SMTP_URL must be/);
    fails({ ECOUTE_SMTP_URL: 'smtp://ecoute:s3cret@mail.operator.lu:587', ECOUTE_MAIL_FROM: undefined }, /ECOUTE_MAIL_FROM must be set with ECOUTE_SMTP_URL/);
    fails({ ECOUTE_SMTP_URL: undefined, ECOUTE_MAIL_FROM: 'Service client' }, /ECOUTE_MAIL_FROM must be an address or "Name <address>"/);
    fails({ ECOUTE_REGULATORY_QUIET_HOURS: 'yes' }, /ECOUTE_REGULATORY_QUIET_HOURS must be 0 or 1/);
  });
});
