/**
 * Usage events sent to a running server, from a process of its own (forked by
 * bench/consumption.bench.ts, so that the measuring client's event loop is not the sender's):
 * `POST /api/v1/usage/events` batches of `batch` events for random lines, back to back or at `rate`
 * events a second, until told to stop; answers how many events the server accepted and in how long.
 * The events happened within the last ten minutes (a live feed), one in twenty abroad.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { Random } from '../src/demo/random.js';

interface Order {
  url: string;
  token: string;
  lines: string[];
  batch: number;
  /** events a second; null: each batch as soon as the last one is answered */
  rate: number | null;
  seed: number;
}

const send = process.send?.bind(process);
if (!send) throw new Error('forked by bench/consumption.bench.ts');
let stopping = false;
process.on('message', (message: unknown) => {
  if (message === 'stop') stopping = true;
  else if (message && typeof message === 'object' && 'url' in message) void run(message as Order);
});
process.on('disconnect', () => process.exit(0));

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

function post(order: Order, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${order.url}/api/v1/usage/events`, {
      method: 'POST', agent, headers: { authorization: `Bearer ${order.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    request.once('error', reject);
    request.end(body);
  });
}

async function run(order: Order): Promise<void> {
  const rng = new Random(order.seed);
  const roamers = order.lines.filter((_, i) => i % 10 === 0);
  const abroad = ['FR', 'DE', 'BE', 'US'];
  let serial = 0;
  let accepted = 0;
  let failed = 0;
  const started = performance.now();
  let batches = 0;
  while (!stopping) {
    const now = Date.now();
    const events = Array.from({ length: order.batch }, () => {
      const r = rng.next();
      const type = r < 0.7 ? 'data' : r < 0.9 ? 'voice' : 'sms';
      const away = rng.chance(0.05);
      return {
        eventId: `load-${process.pid}-${order.seed}-${++serial}`, msisdn: away ? roamers[rng.int(roamers.length)]! : order.lines[rng.int(order.lines.length)]!,
        occurredAt: new Date(now - rng.int(600_000)).toISOString(), type, quantity: type === 'data' ? 1 + rng.int(50_000_000) : type === 'voice' ? 1 + rng.int(600) : 1,
        country: away ? abroad[rng.int(abroad.length)]! : 'LU',
      };
    });
    const answer = await post(order, JSON.stringify(events));
    if (answer.status === 200) accepted += (JSON.parse(answer.text) as { accepted: number }).accepted;
    else failed++;
    batches++;
    if (order.rate !== null) {
      const due = started + (batches * order.batch * 1000) / order.rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
  send!({ accepted, failed, seconds: (performance.now() - started) / 1000 });
}
