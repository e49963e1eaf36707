import type { Kysely } from 'kysely';
import type { CustomerActor } from '../auth/customer-sessions.js';
import { lineDevices, type Device } from '../devices/device-queries.js';
import { DomainError, notFound } from '../shared/errors.js';
import { normalizePhone } from '../shared/phone.js';
import type { Database } from '../storage/schema.js';
import { cancelPlanChange, changePlan, linePlan, planOffers, type LinePlan, type PlanChange, type PlanOffer } from '../usage/plan-changes.js';
import { linesOf } from './my-account.js';

/**
 * What the customer app shows and changes of a customer's lines beside their consumption
 * (docs/self-service.md, "Changing plan", "Devices"): a line's plan and its changes, the plans it may
 * change to, and the devices of the lines they reach. Changing a plan is the account holder's (a
 * business's line user does not commit the company to a price); a number that is none of their lines
 * is not found, as if it did not exist.
 */

function holder(customer: CustomerActor): void {
  if (customer.scope !== 'account') throw new DomainError(403, 'account-holder-only', "Only the account holder may change a line's plan");
}

/**
 * One of the customer's lines by its number: the line signed in with for a line user; for the account
 * holder, any of their lines, a terminated one too (whose plan no longer changes: 409, not 404).
 */
async function myLineId(db: Kysely<Database>, customer: CustomerActor, msisdn: string): Promise<string> {
  const phone = normalizePhone(msisdn);
  if (phone.ok) {
    let query = db
      .selectFrom('lines as l')
      .innerJoin('accounts as a', 'a.id', 'l.account_id')
      .select(['l.id', 'l.status'])
      .where('a.party_id', '=', customer.partyId)
      .where('l.msisdn', '=', phone.e164);
    if (customer.scope === 'line') query = query.where('l.id', '=', customer.lineId);
    const lines = await query.execute();
    const line = lines.find((l) => l.status !== 'terminated') ?? lines[0];
    if (line) return line.id;
  }
  throw notFound('None of your lines has this number.');
}

/** The ids of the lines the customer reaches, terminated ones too (a change of an ended line is still theirs). */
async function myLineIds(db: Kysely<Database>, customer: CustomerActor): Promise<string[]> {
  if (customer.scope === 'line') return [customer.lineId];
  const rows = await db.selectFrom('lines as l').innerJoin('accounts as a', 'a.id', 'l.account_id').select('l.id').where('a.party_id', '=', customer.partyId).execute();
  return rows.map((r) => r.id);
}

export async function myLinePlan(db: Kysely<Database>, customer: CustomerActor, msisdn: string, now = Date.now()): Promise<LinePlan> {
  return linePlan(db, await myLineId(db, customer, msisdn), now);
}

export async function myPlanOffers(db: Kysely<Database>, customer: CustomerActor, msisdn: string, now = Date.now()): Promise<PlanOffer[]> {
  holder(customer);
  return planOffers(db, await myLineId(db, customer, msisdn), now);
}

/** The customer's own change: among the plans offered to their segment. */
export async function changeMyPlan(db: Kysely<Database>, customer: CustomerActor, msisdn: string, plan: string, now = Date.now()): Promise<PlanChange> {
  holder(customer);
  return changePlan(db, await myLineId(db, customer, msisdn), plan, customer, { offeredOnly: true, now });
}

export async function cancelMyPlanChange(db: Kysely<Database>, customer: CustomerActor, id: string, now = Date.now()): Promise<PlanChange> {
  holder(customer);
  return cancelPlanChange(db, id, customer, { lineIds: await myLineIds(db, customer), now });
}

/** The devices of the lines the customer sees (a line user: their line's). */
export async function myDevices(db: Kysely<Database>, customer: CustomerActor): Promise<Device[]> {
  const lines = await linesOf(db, customer);
  return lineDevices(db, lines.map((l) => l.id));
}
