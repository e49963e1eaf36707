// Interop: `ecoute smsc-sim` in its own process, driven by an ESME built directly on the `smpp`
// package in another process, and by our SMPP gateway.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { waitFor } from '../gateway-behaviour.testkit.js';
import { SmppGateway } from '../smpp/smpp-gateway.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const esmeScript = fileURLToPath(new URL('./interop-esme.mjs', import.meta.url));

function collect(child: ChildProcess): { text: () => string } {
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return { text: () => output };
}

describe('interop with `ecoute smsc-sim` in another process', () => {
  let simulator: ChildProcess;
  let log: { text: () => string };
  let port = 0;

  before(async () => {
    simulator = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'smsc-sim', '--port', '0', '--system-id', 'interop', '--password', 'pw1234'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    log = collect(simulator);
    await waitFor('the simulator to listen', () => /listening on 127\.0\.0\.1:(\d+)/.test(log.text()), 20_000);
    port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(log.text())![1]);
  });

  after(async () => {
    if (simulator.exitCode === null) {
      const exited = new Promise((resolve) => simulator.once('exit', resolve));
      simulator.kill('SIGTERM');
      await exited;
    }
  });

  it('serves an ESME that uses the smpp package directly: bind, submit, delivery receipt', async () => {
    const esme = spawn(process.execPath, [esmeScript, `smpp://interop:pw1234@127.0.0.1:${port}`, '352621777001'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = collect(esme);
    const code = await new Promise<number | null>((resolve) => esme.once('exit', resolve));
    const events = output
      .text()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; id?: string; stat?: string });
    assert.equal(code, 0, output.text());
    assert.deepEqual(events.map((e) => e.event).sort(), ['bound', 'done', 'receipt', 'receipt', 'submitted', 'submitted']);
    const submitted = events.filter((e) => e.event === 'submitted').map((e) => e.id).sort();
    const receipted = events.filter((e) => e.event === 'receipt').map((e) => e.id).sort();
    assert.deepEqual(receipted, submitted, 'one receipt per submitted id');
    assert.ok(events.filter((e) => e.event === 'receipt').every((e) => e.stat === 'DELIVRD'));
    // the simulator logged both messages, the number masked, the text not at all
    await waitFor('the simulator log', () => (log.text().match(/message \S+ to •+001/g) ?? []).length === 2);
    assert.doesNotMatch(log.text(), /352621777001/);
    assert.doesNotMatch(log.text(), /foreign ESME|déçu/);
    assert.match(log.text(), /ucs2/, 'the UCS-2 message was read as UCS-2');
  });

  it('serves our SMPP gateway too', async () => {
    const gateway = new SmppGateway({ url: `smpp://interop:pw1234@127.0.0.1:${port}`, reconnect: { initialMs: 50 } });
    const receipts: string[] = [];
    gateway.onReceipt((r) => {
      receipts.push(`${r.gatewayId}:${r.status}`);
    });
    try {
      await gateway.start();
      const result = await gateway.submit({ messageId: 'interop-1', to: '+352621777002', from: 'ECOUTE', text: 'Très déçu, Êtes-vous sûr ? 9/10 €' });
      assert.equal(result.encoding, 'ucs2');
      await waitFor('receipt', () => receipts.includes(`${result.gatewayIds[0]}:delivered`));
    } finally {
      await gateway.close();
    }
  });

  it('refuses a wrong password with ESME_RBINDFAIL', async () => {
    const gateway = new SmppGateway({ url: `smpp://interop:nope@127.0.0.1:${port}`, reconnect: { initialMs: 5000 } });
    try {
      await assert.rejects(gateway.start(), /SMSC refused bind: ESME_RBINDFAIL/);
    } finally {
      await gateway.close();
    }
    await waitFor('the refusal in the log', () => /bind refused for system_id "interop"/.test(log.text()));
  });
});
