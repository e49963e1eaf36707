import type { Kysely } from 'kysely';
import type { CustomerActor } from '../auth/customer-sessions.js';
import { DomainError, notFound } from '../shared/errors.js';
import { normalizePhone } from '../shared/phone.js';
import { reusableQuery } from '../storage/reusable-query.js';
import type { Database, LineTable } from '../storage/schema.js';
import { lineConsumption, type LineConsumption } from '../usage/consumption.js';
import { chooseRoamingLimit } from '../usage/roaming-limit.js';

export interface MyLine {
  id: string;
  msisdn: string;
  kind: LineTable['kind'];
  plan: string;
  planName: string | null;
  status: LineTable['status'];
  accountNumber: string;
}

export interface MyAccount {
  customerNumber: string;
  displayName: string;
  kind: 'individual' | 'organisation';
  signedInWith: string;
  customer: CustomerActor;
  lines: MyLine[];
}

/**
 * The lines a signed-in customer reaches: every line of theirs that has not ended (scope `account`),
 * or the line they signed in with (`line`: a business's line user). Every read of the customer app
 * goes through it: nothing outside these lines is shown, and a number outside them is "not found".
 */
export async function linesOf(db: Kysely<Database>, customer: CustomerActor): Promise<MyLine[]> {
  const rows = customer.scope === 'line' ? await signedInLine.all(db, { partyId: customer.partyId, lineId: customer.lineId }) : await partyLines.all(db, { partyId: customer.partyId });
  return rows.map((r) => ({ ...r, planName: r.planName ?? null }));
}

// Read on nearly every request of the customer app: compiled once, run at once on SQLite (storage/reusable-query.ts).
const myLines = (db: Kysely<Database>, partyId: string) =>
  db
    .selectFrom('lines as l')
    .innerJoin('accounts as a', 'a.id', 'l.account_id')
    .leftJoin('plans as p', 'p.code', 'l.plan')
    .select(['l.id', 'l.msisdn', 'l.kind', 'l.plan', 'p.name as planName', 'l.status', 'a.account_number as accountNumber'])
    .where('a.party_id', '=', partyId);
const partyLines = reusableQuery((db, v: { partyId: string }) => myLines(db, v.partyId).where('l.status', '!=', 'terminated').orderBy('a.account_number').orderBy('l.msisdn'));
const signedInLine = reusableQuery((db, v: { partyId: string; lineId: string }) => myLines(db, v.partyId).where('l.id', '=', v.lineId).orderBy('a.account_number').orderBy('l.msisdn'));

export async function myAccount(db: Kysely<Database>, customer: CustomerActor): Promise<MyAccount> {
  const [party, signedIn, lines] = await Promise.all([
    db.selectFrom('parties').select(['customer_number', 'display_name', 'kind']).where('id', '=', customer.partyId).executeTakeFirstOrThrow(),
    db.selectFrom('lines').select('msisdn').where('id', '=', customer.lineId).executeTakeFirstOrThrow(),
    linesOf(db, customer),
  ]);
  return { customerNumber: party.customer_number, displayName: party.display_name, kind: party.kind, signedInWith: signedIn.msisdn, customer, lines };
}

/** The consumption of one of the customer's lines; a number outside their lines is not found, as if it did not exist. */
export async function myConsumption(db: Kysely<Database>, customer: CustomerActor, msisdn: string, now = Date.now()): Promise<LineConsumption> {
  const phone = normalizePhone(msisdn);
  const line = phone.ok ? (await linesOf(db, customer)).find((l) => l.msisdn === phone.e164) : undefined;
  if (!line) throw notFound('None of your lines has this number.');
  return lineConsumption(db, line.msisdn, now);
}

/** The customer's choice of roaming spending limit for one of their lines; the account holder's (a business's line user may not spend the company's money). */
export async function chooseMyRoamingLimit(db: Kysely<Database>, customer: CustomerActor, msisdn: string, choice: { limitCents?: number | undefined; off?: boolean | undefined }, now = Date.now()): Promise<LineConsumption> {
  if (customer.scope !== 'account') throw new DomainError(403, 'account-holder-only', "Only the account holder may change a line's spending limit");
  const phone = normalizePhone(msisdn);
  const line = phone.ok ? (await linesOf(db, customer)).find((l) => l.msisdn === phone.e164 && l.kind === 'mobile') : undefined;
  if (!line) throw notFound('None of your mobile lines has this number.');
  await chooseRoamingLimit(db, line.id, choice, now);
  return lineConsumption(db, line.msisdn, now);
}
