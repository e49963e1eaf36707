// A foreign ESME for the interop test: uses the `smpp` package directly (not Ecoute's client).
// Usage: node interop-esme.mjs smpp://system_id:password@host:port <destination digits>
// Prints one JSON object per line: bound, submitted (per message), receipt (per message), done.
import smpp from 'smpp';

const [url, destination] = process.argv.slice(2);
const { username, password } = new URL(url);
const texts = ['Hello from a foreign ESME', 'Très déçu, Êtes-vous sûr ? 9/10 €'];
const out = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);
const fail = (reason) => {
  out({ event: 'failed', reason });
  process.exit(2);
};
setTimeout(() => fail('timeout'), 8000).unref();

const session = smpp.connect({ url });
session.on('error', (error) => fail(error.message));
const submitted = new Set();
const receipted = new Set();

session.on('deliver_sm', (pdu) => {
  session.send(pdu.response());
  if ((pdu.esm_class & 0x3c) !== 0x04) return;
  const text = typeof pdu.short_message === 'object' ? String(pdu.short_message.message) : String(pdu.short_message);
  const id = pdu.receipted_message_id ?? /id:(\S+)/.exec(text)?.[1];
  receipted.add(id);
  out({ event: 'receipt', id, stat: /stat:(\S+)/.exec(text)?.[1] });
  if (receipted.size === texts.length) {
    session.unbind(() => {
      out({ event: 'done' });
      session.close();
      process.exit(0);
    });
  }
});

session.bind_transceiver({ system_id: decodeURIComponent(username), password: decodeURIComponent(password) }, (pdu) => {
  if (pdu.command_status !== 0) fail(`bind status ${pdu.command_status}`);
  out({ event: 'bound' });
  for (const text of texts) {
    // no data_coding: the package picks one itself (IA5 for the first, UCS-2 for the second)
    session.submit_sm({ source_addr: 'INTEROP', destination_addr: destination, dest_addr_ton: 1, dest_addr_npi: 1, registered_delivery: 1, short_message: text }, (resp) => {
      if (resp.command_status !== 0) fail(`submit status ${resp.command_status}`);
      submitted.add(resp.message_id);
      out({ event: 'submitted', id: resp.message_id });
    });
  }
});
