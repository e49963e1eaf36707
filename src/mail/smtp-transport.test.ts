import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { EmailSendError } from './email-transport.js';
import { startMailCatcher, type MailCatcher } from './mail-catcher.js';
import { SmtpTransport } from './smtp-transport.js';

describe('the SMTP transport and the local mail catcher', () => {
  let catcher: MailCatcher;
  before(async () => {
    catcher = await startMailCatcher();
  });
  after(async () => {
    await catcher?.close();
  });

  it('sends a message the catcher parses back: sender, recipient, subject, text and headers, with the Message-ID given', async () => {
    const transport = new SmtpTransport(catcher.url, 'Service client <service@operator.lu>');
    try {
      const id = await transport.send({
        to: 'marie.weber@example.lu',
        subject: 'Votre réclamation REC-2026-004217 : notre réponse',
        text: 'Bonjour,\n\nVoici notre réponse : ça y est, c’est réglé.\n',
        headers: { 'Message-ID': '<0190-1@operator.lu>', 'Auto-Submitted': 'auto-generated' },
      });
      assert.equal(id, '<0190-1@operator.lu>');
      const mail = await catcher.waitForMessage('marie.weber@example.lu');
      assert.deepEqual(
        [mail.from, mail.to, mail.subject, mail.text, mail.messageId, mail.headers['auto-submitted'], mail.html],
        ['"Service client" <service@operator.lu>', ['marie.weber@example.lu'], 'Votre réclamation REC-2026-004217 : notre réponse', 'Bonjour,\n\nVoici notre réponse : ça y est, c’est réglé.\n', '<0190-1@operator.lu>', 'auto-generated', null],
      );
      assert.equal(catcher.messagesTo('MARIE.WEBER@example.lu').length, 1, 'addresses compared without case');
    } finally {
      await transport.close();
    }
  });

  it('a refusal for good (5xx) is not retryable; a server that cannot be reached is', async () => {
    const refusing = new SMTPServer({
      authOptional: true, disabledCommands: ['AUTH', 'STARTTLS'], logger: false,
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
      },
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', () => resolve()));
    const refused = new SmtpTransport(`smtp://127.0.0.1:${(refusing.server.address() as AddressInfo).port}`, 'service@operator.lu');
    try {
      await assert.rejects(refused.send({ to: 'nobody@example.lu', subject: 's', text: 't' }), (e: unknown) => e instanceof EmailSendError && !e.retryable && /^SMTP 550/.test(e.message));
    } finally {
      await refused.close();
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }

    // A port nobody listens on: taken, then freed.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const down = new SmtpTransport(`smtp://127.0.0.1:${port}`, 'service@operator.lu', { timeoutMs: 2000 });
    try {
      await assert.rejects(down.send({ to: 'marie.weber@example.lu', subject: 's', text: 't' }), (e: unknown) => e instanceof EmailSendError && e.retryable);
    } finally {
      await down.close();
    }
  });
});
