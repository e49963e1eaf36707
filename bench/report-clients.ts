/**
 * The NPS readers of the contention benchmark, in a process of their own (as other people's browsers
 * would be): `BENCH_REPORTS` loops, each asking `BENCH_PATH` again as soon as it is answered, until the
 * parent says "stop"; then it sends the latencies and statuses back. Kept out of the recognition load
 * generator so that reading large reports never delays the recognition requests or their timing.
 */
import http from 'node:http';

const { BENCH_URL: url, BENCH_PATH: path, BENCH_TOKEN: token } = process.env;
const loops = Number(process.env.BENCH_REPORTS ?? '0');
if (!url || !path || !token || !process.send) throw new Error('run by bench/contention.ts');
const agent = new http.Agent({ keepAlive: true, maxSockets: loops || 1 });
const answers: { status: number; ms: number }[] = [];
let running = true;

const get = () =>
  new Promise<{ status: number; ms: number }>((resolve) => {
    const started = performance.now();
    const request = http.get(`${url}${path}`, { agent, headers: { authorization: `Bearer ${token}` } }, (response) => {
      response.resume();
      response.once('end', () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }));
    });
    request.once('error', () => resolve({ status: 0, ms: performance.now() - started }));
  });

// Ready once every loop has had a first answer (the server's report threads started): those are not counted.
let warm = 0;
const all = Promise.all(
  Array.from({ length: loops }, async () => {
    await get();
    if (++warm === loops) process.send!({ ready: true });
    while (running) answers.push(await get());
  }),
);
process.on('message', async (message) => {
  if (message !== 'stop') return;
  running = false;
  await all;
  agent.destroy();
  process.send!({ answers }, () => process.exit(0));
});
if (loops === 0) process.send({ ready: true });
