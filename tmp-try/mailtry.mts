import { startMailCatcher } from '/work/wt-notify/src/mail/mail-catcher.ts';
import { SmtpTransport } from '/work/wt-notify/src/mail/smtp-transport.ts';
const c = await startMailCatcher();
const t = new SmtpTransport(c.url, 'Service <service@ecoute.test>');
const id = await t.send({ to: 'anne@example.lu', subject: 'Réclamation ✓', text: 'Bonjour,\n\nça va ?', headers: { 'Message-ID': '<abc@ecoute.test>', 'Auto-Submitted': 'auto-generated' } });
console.log(id, JSON.stringify(c.messages(), null, 1));
await t.close(); await c.close();
