/**
 * Survey throughput end to end (not a timed test): ended calls already in the outbox, then the
 * survey runtime (worker + SMPP gateway) decides, writes, submits and records every survey, with
 * the SMSC simulator acknowledging, rate cap off. The figure is surveys/s from the worker's start
 * to the last submit_sm acknowledged (every survey `sent`, which is written in the transaction
 * that records the acknowledgement). Results: bench/README.md, "Surveys".
 *
 *   node --import tsx bench/surveys.bench.ts                        # 20,000 calls, window 50, simulator in its own process
 *   node --import tsx bench/surveys.bench.ts --surveys 5000 --window 100 --in-process
 *   node --import tsx bench/surveys.bench.ts --language en          # fr (default), de, en, lb or mix
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startSimulator } from './simulator-process.js';
import { seedTeam, surveyAlways } from '../test/fixtures.js';
import { bulkWriter } from '../src/storage/bulk.js';
import { newId } from '../src/shared/ids.js';
import { LANGUAGES } from '../src/shared/languages.js';
import { encode } from '../src/sms/encoding.js';
import { silentLogger } from '../src/sms/gateway.js';
import { SmppGateway } from '../src/sms/smpp/smpp-gateway.js';
import { openSqlite } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrator.js';
import type { Language } from '../src/storage/schema.js';
import { getVersion, surveyMessage } from '../src/surveys/survey-definitions.js';
import { startSurveyRuntime } from '../src/surveys/survey-runtime.js';

const { values: args } = parseArgs({
  options: {
    surveys: { type: 'string', default: '20000' },
    window: { type: 'string', default: '50' },
    batch: { type: 'string' },
    language: { type: 'string', default: 'fr' },
    'in-process': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const count = Number(args.surveys);
const window = Number(args.window);
const languages: Language[] = args.language === 'mix' ? [...LANGUAGES] : [args.language as Language];

// ---------------------------------------------------------------------------------------------
// Data: `count` customers with a mobile line, each with one ended phone call and its
// `interaction.ended` outbox row, as recordInteraction writes them (bulk, one transaction).

const dir = mkdtempSync(join(tmpdir(), 'ecoute-surveys-bench-'));
const storage = openSqlite(join(dir, 'bench.sqlite'));
await migrateToLatest(storage);
const team = await seedTeam(storage.db);
await surveyAlways(storage.db);
const loadStarted = performance.now();
const endedAt = Date.now() - 60_000;
await storage.db.transaction().execute(async (trx) => {
  const bulk = bulkWriter(storage, trx);
  for (let i = 0; i < count; i++) {
    const partyId = newId();
    const accountId = newId();
    const interactionId = newId();
    const msisdn = `+35269${String(1_000_000 + i).padStart(7, '0')}`;
    const number = String(70_000_000 + i);
    bulk.insert('parties', {
      id: partyId, customer_number: number, kind: 'individual', given_name: 'Marie', family_name: `Weber ${i}`, organisation_name: null,
      display_name: `Marie Weber ${i}`, search_name: `marie weber ${i}`, preferred_language: languages[i % languages.length]!, consent_surveys: 1,
      consent_marketing: 0, created_at: endedAt, updated_at: endedAt,
    });
    bulk.insert('accounts', { id: accountId, account_number: `A${number}`, party_id: partyId, segment: 'residential', account_manager_id: null, status: 'active', created_at: endedAt });
    bulk.insert('lines', { id: newId(), account_id: accountId, msisdn, kind: 'mobile', plan: 'Love Duo', status: 'active', activated_at: endedAt });
    bulk.insert('interactions', {
      id: interactionId, external_id: `call:bench-${i}`, party_id: partyId, account_id: accountId, channel: 'phone', direction: 'inbound',
      reason_code: 'billing', started_at: endedAt - 180_000, ended_at: endedAt, advisor_id: team.advisorId, team_id: team.teamId, site_id: team.siteId,
      outcome: null, resolved: 1, recording_ref: null, notes: null, phone: msisdn, repeat_of: null, next_contact_at: null, created_at: endedAt,
    });
    bulk.insert('outbox', {
      topic: 'interaction.ended', ref_id: interactionId, run_after: endedAt, attempts: 0, locked_until: null, last_error: null, done_at: null, created_at: endedAt,
    });
    if (i % 5000 === 4999) await bulk.flush();
  }
  await bulk.flush();
});
const loadMs = performance.now() - loadStarted;
const version = await getVersion(storage.db, (await storage.db.selectFrom('survey_definitions').select('current_version_id').executeTakeFirstOrThrow()).current_version_id!);
const shapes = languages.map((language) => {
  const encoded = encode(surveyMessage(version, language), { reference: 0 });
  return `${language}: ${encoded.parts.length} part(s) ${encoded.encoding}`;
});

// ---------------------------------------------------------------------------------------------
// Run

const simulator = await startSimulator(Boolean(args['in-process']));
const gateway = new SmppGateway({ url: simulator.url, window, ratePerSecond: 0, logger: silentLogger });
const started = Date.now();
const runtime = await startSurveyRuntime({
  storage,
  gateway,
  senderId: 'ECOUTE',
  worker: { idleMs: 5, log: (message) => console.error(message), ...(args.batch ? { batchSize: Number(args.batch) } : {}) },
});
const countSent = async () =>
  Number((await storage.db.selectFrom('surveys').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'sent').executeTakeFirstOrThrow()).n);
const deadline = Date.now() + 10 * 60_000;
let sent = 0;
// Wait on the gateway's counter first: polling the database would add to the load being measured.
while (gateway.stats.submitted < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
while ((sent = await countSent()) < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
const last = await storage.db
  .selectFrom('surveys')
  .select((eb) => [eb.fn.max('sent_at').as('sent'), eb.fn.countAll().as('surveys')])
  .executeTakeFirstOrThrow();
const decided = await storage.db.selectFrom('survey_decisions').select((eb) => eb.fn.max('decided_at').as('at')).executeTakeFirstOrThrow();
const submits = gateway.stats.submitted;
await runtime.stop();
await simulator.stop();
await storage.close();
if (!args.keep) rmSync(dir, { recursive: true, force: true });

const elapsedMs = Number(last.sent) - started;
console.log(`Survey bench — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load ${loadavg()[0]!.toFixed(1)}`);
console.log(`SQLite file; ${count} ended calls loaded with their outbox rows in ${(loadMs / 1000).toFixed(1)} s; message ${shapes.join(', ')}`);
console.log(`simulator: ${simulator.where}; window ${window}; rate cap off; worker batch ${args.batch ?? 'default'}`);
if (sent < count) console.log(`INCOMPLETE: ${sent}/${count} surveys sent after 10 minutes`);
console.log(`decisions: last at +${((Number(decided.at) - started) / 1000).toFixed(2)} s`);
console.log(`surveys sent (last submit_sm acknowledged): ${Math.round((sent / elapsedMs) * 1000)} /s (${sent} in ${(elapsedMs / 1000).toFixed(2)} s, ${submits} submit_sm)`);
