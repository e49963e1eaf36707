import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { LiveHub } from '../http/live-hub.js';
import { DomainError } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';
import { handleTelephonyEvent, type TelephonyResult } from './telephony-service.js';

interface Deps {
  db: Kysely<Database>;
  live: LiveHub;
  fcrWindowDays: number;
}

/** A number of some customer's line, picked at random; a 409 when there are no customers. */
async function randomLineNumber(db: Kysely<Database>): Promise<string> {
  const count = await db.selectFrom('lines').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const line = await db
    .selectFrom('lines')
    .select('msisdn')
    .orderBy('id')
    .offset(Math.floor(Math.random() * Math.max(1, Number(count.n))))
    .limit(1)
    .executeTakeFirst();
  if (!line) throw new DomainError(409, 'conflict', 'There are no customers yet: load demo data first (ecoute demo)');
  return line.msisdn;
}

/** Rings the advisor's console as the telephony platform would: from the given number, or a random customer's line. */
export async function simulateIncomingCall(
  deps: Deps,
  advisorId: string,
  phone: string | undefined,
): Promise<{ callId: string; phone: string; customerId: string | null }> {
  const from = phone || (await randomLineNumber(deps.db));
  const callId = `demo-${randomUUID()}`;
  const outcome = await handleTelephonyEvent(deps, `demo-${randomUUID()}`, { type: 'ringing', callId, from, advisorId });
  return { callId, phone: from, customerId: outcome.customerId };
}

/** Hangs up a simulated call of this advisor; the contact is recorded like after a real end event. */
export async function endSimulatedCall(deps: Deps, advisorId: string, callId: string): Promise<TelephonyResult> {
  const call = await deps.db.selectFrom('calls').select(['from_number', 'advisor_id']).where('call_id', '=', callId).executeTakeFirst();
  if (!call || call.advisor_id !== advisorId) throw new DomainError(404, 'not-found', `No call ${callId} of yours`);
  return handleTelephonyEvent(deps, `demo-${randomUUID()}`, { type: 'ended', callId, from: call.from_number, advisorId });
}
