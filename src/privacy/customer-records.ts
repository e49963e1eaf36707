import type { Kysely } from 'kysely';
import { DomainError } from '../shared/errors.js';
import { optOutKeys } from '../shared/number-hash.js';
import type { Database } from '../storage/schema.js';

/**
 * Where a customer's personal data lives, found the same way for the export (art. 15) and the
 * erasure (art. 17): the party and what hangs off it by id, and the SMS traffic of their numbers.
 */

/** The party, or a clear 404 naming the id. */
export async function partyOrFail(db: Kysely<Database>, partyId: string) {
  const party = await db.selectFrom('parties').selectAll().where('id', '=', partyId).executeTakeFirst();
  if (!party) throw new DomainError(404, 'not-found', `No customer has id ${partyId}: check the id (the customer card shows it)`, [{ field: 'id', reason: 'no customer has this id' }]);
  return party;
}

/**
 * Every phone number the customer is known by: their lines, the phones on file, the numbers their
 * surveys went to, the numbers of their contacts and calls. E.164, without the erased placeholders.
 */
export async function customerNumbers(db: Kysely<Database>, partyId: string): Promise<string[]> {
  const lines = await db.selectFrom('lines').innerJoin('accounts', 'accounts.id', 'lines.account_id').select('lines.msisdn as n').where('accounts.party_id', '=', partyId).execute();
  const points = await db.selectFrom('contact_points').select('value as n').where('party_id', '=', partyId).where('kind', '=', 'phone').execute();
  const surveys = await db.selectFrom('surveys').select('msisdn as n').where('party_id', '=', partyId).execute();
  const contacts = await db.selectFrom('interactions').select('phone as n').where('party_id', '=', partyId).where('phone', 'is not', null).execute();
  const calls = await db.selectFrom('calls').select('from_number as n').where('party_id', '=', partyId).execute();
  const all = [...lines, ...points, ...surveys, ...contacts, ...calls].map((r) => r.n).filter((n): n is string => n !== null && n.startsWith('+'));
  return [...new Set(all)].sort();
}

/** Of these numbers, those another customer also holds (a line of theirs, or a phone on file): their SMS are not this customer's alone. */
export async function sharedNumbers(db: Kysely<Database>, partyId: string, numbers: readonly string[]): Promise<Set<string>> {
  if (numbers.length === 0) return new Set();
  const lines = await db
    .selectFrom('lines')
    .innerJoin('accounts', 'accounts.id', 'lines.account_id')
    .select('lines.msisdn as n')
    .where('lines.msisdn', 'in', numbers)
    .where('accounts.party_id', '!=', partyId)
    .execute();
  const points = await db.selectFrom('contact_points').select('value as n').where('value', 'in', numbers).where('kind', '=', 'phone').where('party_id', '!=', partyId).execute();
  return new Set([...lines, ...points].map((r) => r.n));
}

/** The ids of the customer's surveys. */
export async function surveyIds(db: Kysely<Database>, partyId: string): Promise<string[]> {
  return (await db.selectFrom('surveys').select('id').where('party_id', '=', partyId).execute()).map((r) => r.id);
}

/** SMS of the customer: those of their surveys, and any to or from their numbers. */
export function smsOf(db: Kysely<Database>, surveys: readonly string[], numbers: readonly string[]) {
  return db
    .selectFrom('sms_messages')
    .where((eb) => eb.or([...(surveys.length ? [eb('survey_id', 'in', surveys)] : []), ...(numbers.length ? [eb('msisdn', 'in', numbers)] : []), eb.lit(false)]));
}

/** Replies of the customer: to their surveys, or from their numbers. */
export function repliesOf(db: Kysely<Database>, surveys: readonly string[], numbers: readonly string[]) {
  return db
    .selectFrom('survey_replies')
    .where((eb) => eb.or([...(surveys.length ? [eb('survey_id', 'in', surveys)] : []), ...(numbers.length ? [eb('msisdn', 'in', numbers)] : []), eb.lit(false)]));
}

/** Opt-outs of these numbers, in clear or as the keyed hash an erasure leaves. */
export function optOutsOf(db: Kysely<Database>, numbers: readonly string[], key: string) {
  const keys = optOutKeys(key, numbers);
  return db.selectFrom('opt_outs').where((eb) => (keys.length ? eb('msisdn', 'in', keys) : eb.lit(false)));
}
