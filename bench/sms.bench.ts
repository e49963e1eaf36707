/**
 * SMS transport throughput (not a timed test): submits/s through the SMPP gateway to the SMSC
 * simulator, rate cap off, and the delivery receipts coming back.
 *
 *   node --import tsx bench/sms.bench.ts                       # simulator in its own process, window 50
 *   node --import tsx bench/sms.bench.ts --window 10 --messages 10000
 *   node --import tsx bench/sms.bench.ts --in-process          # simulator in this process
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { startSimulator } from './simulator-process.js';
import { SmppGateway } from '../src/sms/smpp/smpp-gateway.js';

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '20000' },
    window: { type: 'string', default: '50' },
    callers: { type: 'string', default: '500' },
    text: { type: 'string', default: 'Merci pour votre appel ! Sur une échelle de 1 à 10, recommanderiez-vous notre service ? Réponse gratuite.' },
    'in-process': { type: 'boolean', default: false },
  },
});
const messages = Number(args.messages);
const window = Number(args.window);
const callers = Number(args.callers);

const simulator = await startSimulator(Boolean(args['in-process']));
const gateway = new SmppGateway({ url: simulator.url, window, ratePerSecond: 0 });
let receipts = 0;
gateway.onReceipt(() => {
  receipts++;
});
await gateway.start();

async function run(count: number, offset: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(callers, count) }, async () => {
      while (next < count) {
        const i = next++;
        const to = `+35262${String(1_000_000 + offset + i).slice(-7)}`;
        await gateway.submit({ messageId: `bench-${offset + i}`, to, from: 'ECOUTE', text: args.text });
      }
    }),
  );
  return performance.now() - started;
}

const warmup = Math.min(2000, messages);
await run(warmup, 0);
while (receipts < warmup) await new Promise((resolve) => setTimeout(resolve, 5));
const receiptsBefore = receipts;
const started = performance.now();
const elapsed = await run(messages, 10_000_000);
const until = Date.now() + 30_000;
while (receipts - receiptsBefore < messages && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
const withReceipts = performance.now() - started;
await gateway.close();
await simulator.stop();

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`SMS bench — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length} cores (${cpu})`);
console.log(`simulator: ${simulator.where}; window ${window}; rate cap off; ${callers} concurrent callers; ${messages} single-part GSM messages`);
console.log(`submits acknowledged: ${Math.round((messages / elapsed) * 1000)} /s (${(elapsed / 1000).toFixed(2)} s)`);
console.log(`with all receipts back: ${Math.round((messages / withReceipts) * 1000)} /s (${receipts - receiptsBefore}/${messages} receipts)`);
