/**
 * A customer's consumption page over HTTP, and how soon an accepted event shows on it
 * (docs/self-service.md, "A line's consumption"; goals: p99 ≤ 20 ms with 1,000,000 lines, an event
 * visible ≤ 1 s after it was accepted). The server runs in its own process from the built code, as
 * `ecoute serve` does (bench/bench-server.ts), on a copy of a benchmark database. Each run has four
 * phases of `--seconds`:
 *
 * 1. alone: an open-loop client (one request every 1000/rate ms whatever the answers, each latency
 *    counted from when it was due) asks for the consumption of random lines among `--customers`
 *    signed-in customers, in turn `GET /api/v1/my/lines/{msisdn}/consumption` (the customer's cookie)
 *    and `GET /api/v1/lines/{msisdn}/consumption` (staff: an API token, an audited read);
 * 2. the same while another process posts usage to the same server (`POST /api/v1/usage/events`,
 *    batches of 10,000 back to back: ingestion as fast as the server takes it);
 * 3. the same while another process posts usage at `--ingest-rate` events a second (batches of 1,000);
 * 4. the same while `ecoute usage consume` (another process, the built CLI) counts a NATS stream
 *    filled beforehand, as fast as it can (skipped without a NATS server);
 * 5. the same while that consumer waits on a quiet stream, the probe's events its only ones.
 *
 * In every phase, five times a second, a probe counts one SMS on a line of its own (through the API,
 * but in phase 5: published to the stream) and asks for that line's consumption every 2 ms until the
 * SMS shows: accepted → visible is from the API's answer, or in phase 5 from the publication (which
 * includes the consumer's wait for its batch to fill), to the first answer that shows it.
 *
 *   node --import tsx bench/consumption.bench.ts                                   # data/bench-610000x10-seed1.sqlite, 200 req/s, 20 s, 3 runs
 *   node --import tsx bench/consumption.bench.ts --source data/bench-100000x10-seed1.sqlite --rate 400 --runs 1
 *
 * Build the database with `npm run bench -- --customers 610000` (1,002,067 lines). Figures in bench/README.md.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { createApiToken } from '../src/auth/api-tokens.js';
import { openCustomerSession } from '../src/auth/customer-sessions.js';
import { Random } from '../src/demo/random.js';
import { openSqlite } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrator.js';
import { startBenchServer, type ServerReport } from './bench-server.js';

const { values: args } = parseArgs({
  options: {
    source: { type: 'string', default: './data/bench-610000x10-seed1.sqlite' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '20' },
    runs: { type: 'string', default: '3' },
    customers: { type: 'string', default: '2000' },
    'ingest-rate': { type: 'string', default: '5000' },
    nats: { type: 'string', default: process.env.ECOUTE_NATS_URL ?? 'nats://127.0.0.1:4222' },
    phases: { type: 'string', default: 'alone,api,api-rate,bus,bus-quiet' },
  },
});
const source = args.source!;
if (!existsSync(source)) {
  console.error(`${source} is missing: build it with npm run bench -- --customers 610000`);
  process.exit(2);
}
const rate = Number(args.rate);
const seconds = Number(args.seconds);
const phases = args.phases!.split(',');

// The copy, its signed-in customers, its tokens and the probe's line, made before the server opens it.
const copy = source.replace(/\.sqlite$/, '-consumption.sqlite');
for (const end of ['', '-wal', '-shm']) rmSync(copy + end, { force: true });
copyFileSync(source, copy);
const setup = openSqlite(copy);
await migrateToLatest(setup);
const mobiles = await setup.db
  .selectFrom('lines').innerJoin('accounts', 'accounts.id', 'lines.account_id').select(['lines.id', 'lines.msisdn', 'accounts.party_id'])
  .where('lines.kind', '=', 'mobile').where('lines.status', '=', 'active').execute();
const rng = new Random(5);
const customers: { msisdn: string; cookie: string }[] = [];
for (let i = 0; i < Number(args.customers); i++) {
  const line = mobiles[rng.int(mobiles.length)]!;
  const { token } = await openCustomerSession(setup.db, { partyId: line.party_id, lineId: line.id, scope: 'account', factor: 'sms' }, 24);
  customers.push({ msisdn: line.msisdn, cookie: `ecoute_customer=${token}` });
}
const probe = mobiles[0]!;
const { token } = await createApiToken(setup.db, 'consumption benchmark', 'integration', ['usage']);
const lineCount = Number((await setup.db.selectFrom('lines').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
await setup.close();

const server = await startBenchServer(copy);
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
console.log(`Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, ${new Date().toISOString()}, load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
console.log(`Database: copy of ${source}, ${lineCount.toLocaleString('en')} lines; ${customers.length} signed-in customers; open loop at ${rate} requests/s for ${seconds} s a phase, half of them each endpoint`);

function get(path: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    http.get(`${server.url}${path}`, { agent, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    }).once('error', reject);
  });
}

const path = (msisdn: string, staff: boolean) => `/api/v1/${staff ? '' : 'my/'}lines/${encodeURIComponent(msisdn)}/consumption`;

/** The open loop: latencies of each endpoint from each request's due time. */
async function openLoop(): Promise<{ my: number[]; staff: number[]; failed: number }> {
  const interval = 1000 / rate;
  const total = Math.round(rate * seconds);
  const result = { my: [] as number[], staff: [] as number[], failed: 0 };
  const started = performance.now() + 20;
  const pick = new Random(9);
  await new Promise<void>((resolve) => {
    let sent = 0;
    let done = 0;
    const tick = () => {
      const now = performance.now();
      while (sent < total && started + sent * interval <= now) {
        const due = started + sent * interval;
        const staff = sent % 2 === 1;
        const customer = customers[pick.int(customers.length)]!;
        sent++;
        get(path(customer.msisdn, staff), staff ? { authorization: `Bearer ${token}` } : { cookie: customer.cookie }).then(
          (answer) => {
            (staff ? result.staff : result.my).push(performance.now() - due);
            if (answer.status !== 200) result.failed++;
            if (++done === total) resolve();
          },
          () => {
            result.failed++;
            if (++done === total) resolve();
          },
        );
      }
      if (sent < total) setTimeout(tick, Math.max(0, started + sent * interval - performance.now()));
    };
    tick();
  });
  return result;
}

/** SMS counted on the probe's line so far, as its consumption says it. */
async function probeCount(): Promise<number> {
  const answer = await get(path(probe.msisdn, true), { authorization: `Bearer ${token}` });
  const body = JSON.parse(answer.text) as { buckets: { type: string; events: number }[] };
  return body.buckets.find((b) => b.type === 'sms')?.events ?? 0;
}

let probeSerial = 0;
/** Five times a second until `until`: one SMS accepted, then asked for until it shows; accepted → visible, in ms. */
async function probes(until: () => boolean, accept: (event: object) => Promise<void>): Promise<number[]> {
  const delays: number[] = [];
  while (!until()) {
    const next = performance.now() + 200;
    const before = await probeCount();
    const event = { eventId: `probe-${process.pid}-${++probeSerial}`, msisdn: probe.msisdn, occurredAt: new Date().toISOString(), type: 'sms', quantity: 1, country: 'LU' };
    await accept(event);
    const accepted = performance.now();
    for (let tries = 0; (await probeCount()) === before; tries++) {
      if (tries > 2500) throw new Error('the probe event never showed');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    delays.push(performance.now() - accepted);
    const wait = next - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return delays;
}

async function postEvent(event: object): Promise<void> {
  const body = JSON.stringify([event]);
  await new Promise<void>((resolve, reject) => {
    const request = http.request(`${server.url}/api/v1/usage/events`, {
      method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (response) => {
      response.resume().once('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`probe refused: ${response.statusCode}`))));
    });
    request.once('error', reject);
    request.end(body);
  });
}

/** Another process posting usage to the server until stopped. */
function apiLoad(batch: number, eventsPerSecond: number | null): { stop: () => Promise<{ accepted: number; failed: number; seconds: number }> } {
  const child: ChildProcess = fork(new URL('./usage-load.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child.send({ url: server.url, token, lines: mobiles.slice(1).map((l) => l.msisdn), batch, rate: eventsPerSecond, seed: Math.floor(Math.random() * 1e9) });
  return {
    stop: () => new Promise((resolve) => {
      child.once('message', (report) => (child.kill(), resolve(report as { accepted: number; failed: number; seconds: number })));
      child.send('stop');
    }),
  };
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
};
const figures = (values: number[]) => `p50 ${quantile(values, 0.5).toFixed(1)} / p99 ${quantile(values, 0.99).toFixed(1)} / max ${Math.max(...values).toFixed(1)} ms`;

interface PhaseResult {
  name: string;
  my: number[];
  staff: number[];
  failed: number;
  visible: number[];
  ingestion: string;
  server: ServerReport;
  load: string;
}

async function phase(name: string, during: { start: () => Promise<void>; stop: () => Promise<string>; accept: (event: object) => Promise<void> }): Promise<PhaseResult> {
  const load = loadavg()[0]!.toFixed(2);
  await during.start();
  server.measure();
  let over = false;
  const visible = probes(() => over, during.accept);
  const loop = await openLoop();
  over = true;
  const delays = await visible;
  const report = await server.report();
  const ingestion = await during.stop();
  return { name, ...loop, visible: delays, ingestion, server: report, load: `${load} → ${loadavg()[0]!.toFixed(2)}` };
}

let nc: NatsConnection | undefined;
if (phases.some((p) => p.startsWith('bus'))) nc = await connect({ servers: args.nats!, timeout: 2_000 }).catch(() => undefined);

const results: PhaseResult[] = [];
// a short warm-up: the server's first requests load its code and the customers' pages
await openLoopWarmUp();
for (let run = 1; run <= Number(args.runs); run++) {
  console.log(`\nrun ${run} (${new Date().toISOString().slice(11, 19)} UTC)`);
  for (const name of phases) {
    let result: PhaseResult | undefined;
    if (name === 'alone') {
      result = await phase('alone', { start: async () => undefined, stop: async () => 'none', accept: postEvent });
    } else if (name === 'api' || name === 'api-rate') {
      let load: ReturnType<typeof apiLoad> | undefined;
      const perSecond = name === 'api' ? null : Number(args['ingest-rate']);
      result = await phase(name === 'api' ? 'API ingestion, 10,000-event batches back to back' : `API ingestion at ${perSecond} events/s`, {
        start: async () => void (load = apiLoad(name === 'api' ? 10_000 : 1_000, perSecond)),
        stop: async () => {
          const r = await load!.stop();
          return `${Math.round(r.accepted / r.seconds).toLocaleString('en')} events/s accepted${r.failed ? `, ${r.failed} batches refused` : ''}`;
        },
        accept: postEvent,
      });
    } else if ((name === 'bus' || name === 'bus-quiet') && nc) {
      result = await busPhase(nc, run, name === 'bus');
    }
    if (!result) continue;
    results.push(result);
    console.log(
      `  ${result.name} (load ${result.load}): my ${figures(result.my)}; staff ${figures(result.staff)}; failed ${result.failed}; ` +
        `accepted → visible ${figures(result.visible)} (${result.visible.length} probes); server loop delay p99 ${result.server.loopDelayMs.p99.toFixed(1)} ms, max ${result.server.loopDelayMs.max.toFixed(0)} ms, longest GC pause ${result.server.gc.maxMs.toFixed(0)} ms (${result.server.gc.major} full); ingestion: ${result.ingestion}`,
    );
  }
}

console.log('\nGoals: consumption p99 ≤ 20 ms; accepted → visible p99 ≤ 1 s');
for (const name of [...new Set(results.map((r) => r.name))]) {
  const of = results.filter((r) => r.name === name);
  const worstP99 = Math.max(...of.flatMap((r) => [quantile(r.my, 0.99), quantile(r.staff, 0.99)]));
  const worstVisible = Math.max(...of.map((r) => quantile(r.visible, 0.99)));
  console.log(`  ${name}: worst p99 ${worstP99.toFixed(1)} ms -> ${worstP99 <= 20 ? 'met' : 'MISSED'}; worst visible p99 ${worstVisible.toFixed(0)} ms -> ${worstVisible <= 1000 ? 'met' : 'MISSED'}`);
}
await nc?.close();
await server.stop();
for (const end of ['', '-wal', '-shm']) rmSync(copy + end, { force: true });

async function openLoopWarmUp(): Promise<void> {
  for (const customer of customers) await get(path(customer.msisdn, false), { cookie: customer.cookie });
  await probeCount();
}

/**
 * Phase 4: `ecoute usage consume` counting a stream filled first (`full`; the probe goes through the
 * API), or an empty one (`quiet`: the probe is published, and its delay includes the consumer's wait
 * for its batch to fill, at most its fetch's second).
 */
async function busPhase(connection: NatsConnection, run: number, full: boolean): Promise<PhaseResult> {
  const stream = `ECOUTE_CONSUMPTION_${process.pid}_${run}_${full ? 'full' : 'quiet'}`;
  const subject = `ecoute.consumption.${process.pid}.${run}.${full ? 'full' : 'quiet'}`;
  const jsm = await jetstreamManager(connection);
  const js = jetstream(connection);
  await jsm.streams.add({ name: stream, subjects: [subject] });
  const fill = new Random(run);
  const lines = mobiles.slice(1);
  const inFlight: Promise<unknown>[] = [];
  const count = full ? 50_000 * seconds : 0;
  for (let i = 0; i < count; i++) {
    const r = fill.next();
    const type = r < 0.7 ? 'data' : r < 0.9 ? 'voice' : 'sms';
    const event = { eventId: `bus-${process.pid}-${run}-${i}`, msisdn: lines[fill.int(lines.length)]!.msisdn, occurredAt: new Date(Date.now() - fill.int(600_000)).toISOString(), type, quantity: type === 'data' ? 1 + fill.int(50_000_000) : 1, country: 'LU' };
    inFlight.push(js.publish(subject, JSON.stringify(event)));
    if (inFlight.length >= 5_000) await Promise.all(inFlight.splice(0));
  }
  await Promise.all(inFlight);
  let consumer: ChildProcess | undefined;
  let startedAt = 0;
  const start = async () => {
    const { DATABASE_URL: _, ...env } = process.env;
    consumer = spawn(process.execPath, ['bin/ecoute.js', 'usage', 'consume', '--nats', args.nats!, '--stream', stream, '--subject', subject, '--durable', 'consumption-bench', '--batch', '1000'], {
      env: { ...env, ECOUTE_SQLITE_PATH: copy }, stdio: ['ignore', 'ignore', 'inherit'],
    });
    startedAt = performance.now();
    // on a quiet stream the probe's events are the consumer's only ones: it is started first
    if (!full) await new Promise((resolve) => setTimeout(resolve, 2_000));
  };
  try {
    return await phase(full ? 'NATS consumer (`ecoute usage consume`, --batch 1000) counting a full stream' : 'NATS consumer on a quiet stream (probe published)', {
      start,
      stop: async () => {
        const info = await jsm.consumers.info(stream, 'consumption-bench').catch(() => undefined);
        const elapsed = (performance.now() - startedAt) / 1000;
        const exited = new Promise((resolve) => consumer!.once('exit', resolve));
        consumer!.kill('SIGTERM');
        await exited;
        const acked = info?.ack_floor.stream_seq ?? 0;
        return full ? `${Math.round(acked / elapsed).toLocaleString('en')} events/s acknowledged (${acked} of ${count} in ${elapsed.toFixed(1)} s, consumer start included)` : `${acked} probe events`;
      },
      accept: full ? postEvent : async (event) => void (await js.publish(subject, JSON.stringify(event))),
    });
  } finally {
    await jsm.streams.delete(stream).catch(() => undefined);
  }
}
