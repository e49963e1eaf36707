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

describe('the files of complaint attachments', () => {
  const unset = { ECOUTE_BLOB_STORE: undefined, ECOUTE_BLOB_DIR: undefined, ECOUTE_ATTACHMENT_MAX_BYTES: undefined, ECOUTE_ATTACHMENTS_PER_COMPLAINT: undefined };

  it('are kept on disk under ./data/blobs, 10 MiB and 20 per complaint at most, by default', () => {
    const config = withEnv(unset);
    assert.deepEqual(config.blobs, { store: 'disk', dir: './data/blobs' });
    assert.deepEqual(config.attachments, { maxBytes: 10 * 1024 * 1024, perComplaint: 20 });
  });

  it('take another directory and other limits; refuse a store that does not exist and limits out of range', () => {
    const config = withEnv({ ...unset, ECOUTE_BLOB_DIR: '/srv/ecoute/blobs', ECOUTE_ATTACHMENT_MAX_BYTES: '2097152', ECOUTE_ATTACHMENTS_PER_COMPLAINT: '5' });
    assert.deepEqual([config.blobs.dir, config.attachments.maxBytes, config.attachments.perComplaint], ['/srv/ecoute/blobs', 2_097_152, 5]);
    assert.throws(() => withEnv({ ...unset, ECOUTE_BLOB_STORE: 's3' }), /ECOUTE_BLOB_STORE must be disk/);
    assert.throws(() => withEnv({ ...unset, ECOUTE_ATTACHMENT_MAX_BYTES: '10MB' }), /ECOUTE_ATTACHMENT_MAX_BYTES must be a whole number/);
    assert.throws(() => withEnv({ ...unset, ECOUTE_ATTACHMENTS_PER_COMPLAINT: '0' }), /ECOUTE_ATTACHMENTS_PER_COMPLAINT must be a whole number between 1 and 1000/);
  });
});
