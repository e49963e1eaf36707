/** Shared checks of the crash and disconnect tests (survey-crash.test.ts, survey-disconnect.test.ts). */
import assert from 'node:assert/strict';
import type { SmscSimulator } from '../sms/simulator/smsc-simulator.js';
import type { Storage } from '../storage/database.js';

/** Waits until `check` holds, polling; fails with `what` after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** What is still pending, for the message of a failed wait. */
export async function pendingWork(storage: Storage): Promise<string> {
  const { db } = storage;
  const jobs = await db.selectFrom('outbox').select(['topic', 'attempts', 'last_error', 'run_after', 'locked_until']).where('done_at', 'is', null).limit(10).execute();
  const surveys = await db.selectFrom('surveys').select(['status', (eb) => eb.fn.countAll().as('n')]).groupBy('status').execute();
  const messages = await db.selectFrom('sms_messages').select(['status', (eb) => eb.fn.countAll().as('n')]).groupBy('status').execute();
  const now = Date.now();
  return JSON.stringify({ surveys, messages, jobs: jobs.map((j) => ({ ...j, run_after: Number(j.run_after) - now, locked_until: j.locked_until === null ? null : Number(j.locked_until) - now })) }, null, 1);
}

/**
 * Nothing lost, nothing twice: one decision, one survey ('sent') and one survey SMS row per call,
 * and exactly one message at the SMSC per customer number, with the id the SMSC acknowledged.
 */
export async function checkExactlyOnce(storage: Storage, simulator: SmscSimulator, calls: { msisdn: string; interactionId: string }[]): Promise<void> {
  const { db } = storage;
  const decisions = await db.selectFrom('survey_decisions').select(['interaction_id', 'outcome']).execute();
  assert.equal(decisions.length, calls.length, 'one decision per call');
  assert.ok(decisions.every((d) => d.outcome === 'survey'));
  const surveys = await db.selectFrom('surveys').select(['id', 'interaction_id', 'msisdn', 'status']).execute();
  assert.equal(surveys.length, calls.length, 'one survey per call');
  assert.deepEqual(new Set(surveys.map((s) => s.interaction_id)), new Set(calls.map((c) => c.interactionId)));
  assert.deepEqual(surveys.filter((s) => s.status !== 'sent'), [], 'every survey sent');
  const messages = await db.selectFrom('sms_messages').select(['survey_id', 'msisdn', 'gateway_ids']).where('purpose', '=', 'survey').execute();
  assert.equal(messages.length, calls.length, 'one survey SMS row per survey');
  assert.equal(new Set(messages.map((m) => m.survey_id)).size, calls.length);

  assert.equal(simulator.allMessages().length, calls.length, 'the SMSC got as many messages as there were calls');
  const sent = new Map(messages.map((m) => [m.msisdn, JSON.parse(m.gateway_ids ?? '[]') as string[]]));
  const wrong = calls.filter(({ msisdn }) => {
    const received = simulator.messagesTo(msisdn);
    return received.length !== 1 || received[0]!.id !== sent.get(msisdn)?.[0];
  });
  assert.deepEqual(wrong.map((c) => [c.msisdn, simulator.messagesTo(c.msisdn).length]), [], 'exactly one SMS per number, under the id we stored');
}
