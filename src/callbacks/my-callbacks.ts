import type { Kysely } from 'kysely';
import type { CustomerActor } from '../auth/customer-sessions.js';
import { openCase, transition } from '../cases/case-service.js';
import type { CallbackState } from '../contract/callbacks.js';
import { linesOf } from '../self-service/my-account.js';
import { selfServiceTeam } from '../self-service/my-cases.js';
import { DomainError, invalidFields, notFound } from '../shared/errors.js';
import { capabilitiesOf } from '../storage/database.js';
import type { FieldIssue } from '../shared/errors.js';
import { normalizePhone } from '../shared/phone.js';
import type { CallbackOutcome } from '../storage/schema-callbacks.js';
import type { Database } from '../storage/schema.js';
import { CALLBACK } from './callback-kind.js';
import { openSlots, type Slot } from './callback-slots.js';

/** A callback as the customer app shows it. */
export interface MyCallback {
  id: string;
  state: CallbackState;
  slotStart: number;
  slotEnd: number;
  msisdn: string;
  topic: string | null;
  outcome: CallbackOutcome | null;
  requestedAt: number;
}

/** The slots offered to the customer: those of the team that takes what they ask in the app. */
export async function myCallbackSlots(db: Kysely<Database>, customer: CustomerActor, options: { team?: string | undefined; now?: number } = {}): Promise<Slot[]> {
  const teamId = await selfServiceTeam(db, customer.partyId, options.team);
  return openSlots(db, teamId, options.now ?? Date.now());
}

/** The customer's callbacks (a business's line user: those of their line), as a query to narrow. */
function callbacksOf(db: Kysely<Database>, customer: CustomerActor) {
  let query = db
    .selectFrom('callbacks as b')
    .innerJoin('cases as c', 'c.id', 'b.case_id')
    .innerJoin('lines as l', 'l.id', 'b.line_id')
    .select(['b.case_id', 'c.state', 'b.slot_start', 'b.slot_end', 'l.msisdn', 'b.topic', 'b.outcome', 'c.opened_at'])
    .where('c.kind', '=', CALLBACK.kind)
    .where('c.party_id', '=', customer.partyId);
  if (customer.scope === 'line') query = query.where('b.line_id', '=', customer.lineId);
  return query;
}

type Row = Awaited<ReturnType<ReturnType<typeof callbacksOf>['execute']>>[number];
const myCallbackOf = (r: Row): MyCallback => ({
  id: r.case_id, state: r.state as CallbackState, slotStart: Number(r.slot_start), slotEnd: Number(r.slot_end), msisdn: r.msisdn, topic: r.topic,
  outcome: r.outcome, requestedAt: Number(r.opened_at),
});

/** The customer's callbacks, newest slot first (the last 50). */
export async function myCallbacks(db: Kysely<Database>, customer: CustomerActor): Promise<MyCallback[]> {
  const rows = await callbacksOf(db, customer).orderBy('b.slot_start', 'desc').orderBy('b.case_id', 'desc').limit(50).execute();
  return rows.map(myCallbackOf);
}

async function myCallback(db: Kysely<Database>, customer: CustomerActor, id: string): Promise<MyCallback> {
  const row = await callbacksOf(db, customer).where('b.case_id', '=', id).executeTakeFirst();
  if (!row) throw notFound('You have no callback with this id.');
  return myCallbackOf(row);
}

/**
 * A callback the customer asks for in the app: a slot still offered, a number that is one of their
 * lines (default: the one signed in with), at most one open at a time (409 `callback-already-open`).
 * Opens a case of kind `callback` for the team of `selfServiceTeam`, the customer its actor, due at the
 * slot's end. Checked and written in one transaction, so two requests do not both take a slot's last place.
 */
export async function requestMyCallback(
  db: Kysely<Database>,
  customer: CustomerActor,
  input: { slotStart: string; msisdn?: string | undefined; topic?: string | undefined },
  options: { team?: string | undefined; now?: number } = {},
): Promise<MyCallback> {
  const now = options.now ?? Date.now();
  const id = await db.transaction().execute(async (trx) => {
    // Other requests wait until this one commits (PostgreSQL; SQLite has one writer): two at once never
    // both take a slot's last place, nor give one customer two open callbacks.
    const lock = capabilitiesOf(trx).lockTables;
    if (lock) await lock(['callbacks']).execute(trx);
    const teamId = await selfServiceTeam(trx, customer.partyId, options.team);
    const start = Date.parse(input.slotStart);
    const slot = (await openSlots(trx, teamId, now)).find((s) => s.start === start);
    const lines = await linesOf(trx, customer);
    const phone = input.msisdn === undefined ? undefined : normalizePhone(input.msisdn);
    const line = phone === undefined ? lines.find((l) => l.id === customer.lineId) : phone.ok ? lines.find((l) => l.msisdn === phone.e164) : undefined;
    const issues: FieldIssue[] = [];
    if (!slot) issues.push({ field: 'slotStart', reason: 'is not a slot offered (GET /my/callback-slots): past, outside opening hours or full', code: 'slot-not-offered' });
    if (!line) issues.push({ field: 'msisdn', reason: 'is none of your lines', code: 'not-your-line' });
    if (!slot || !line) throw invalidFields(issues);
    const open = await callbacksOf(trx, customer).where('c.state', '=', 'requested').executeTakeFirst();
    if (open) throw new DomainError(409, 'callback-already-open', 'You already have a callback to come: cancel it first to choose another slot');
    const topic = input.topic?.trim() ? input.topic.trim() : null;
    const opened = await openCase(trx, CALLBACK, { partyId: customer.partyId, teamId, dueAt: slot.end, at: now, data: { slotStart: slot.start, lineId: line.id } }, customer);
    await trx
      .insertInto('callbacks')
      .values({ case_id: opened.id, line_id: line.id, slot_start: slot.start, slot_end: slot.end, topic, requested_via: 'app', outcome: null, attempts: 0, done_at: null })
      .execute();
    return opened.id;
  });
  return myCallback(db, customer, id);
}

/** The customer cancels one of their callbacks still to come; another's is not found, one already done or cancelled is a 409. */
export async function cancelMyCallback(db: Kysely<Database>, customer: CustomerActor, id: string, now = Date.now()): Promise<MyCallback> {
  await db.transaction().execute(async (trx) => {
    await myCallback(trx, customer, id);
    await transition(trx, id, 'cancel', customer, { at: now });
    await trx.updateTable('callbacks').set({ outcome: 'cancelled', done_at: now }).where('case_id', '=', id).execute();
  });
  return myCallback(db, customer, id);
}
