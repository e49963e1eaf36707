import type { Kysely } from 'kysely';
import { auditCustomerReads } from '../auth/audit.js';
import { can, type Actor } from '../auth/policies.js';
import { invalid, notFound } from '../shared/errors.js';
import type { Database } from '../storage/schema.js';
import { notificationsAbout, type NotificationRecord } from './notification-records.js';

/**
 * Whether an actor may read the thing notifications are about (a complaint, a follow-up): the
 * customer it concerns when they may, undefined when there is no such thing or it is not theirs to
 * read (both a 404: nobody learns what exists by asking). Each domain that sends notifications
 * provides the reader of its kind; the server assembles them (src/server/app.ts).
 */
export type ReferenceReader = (db: Kysely<Database>, actor: Actor, refId: string) => Promise<{ customerId: string } | undefined>;

/** The reference readers by kind (`complaint`, `followup`, `customer`). */
export type ReferenceReaders = Readonly<Record<string, ReferenceReader>>;

/** Notifications about a customer as such (ref `customer:<id>`): for whoever may read the customer's card. */
export const customerReference: ReferenceReader = async (db, actor, refId) => {
  if (!can(actor, 'customer.read')) return undefined;
  const party = await db.selectFrom('parties').select('id').where('id', '=', refId).executeTakeFirst();
  return party ? { customerId: party.id } : undefined;
};

/**
 * The notifications about one thing, `ref` written `<kind>:<id>` (`complaint:0190…`), for an actor
 * its kind's reader lets read it. A personal-data read: one audit row per customer shown.
 */
export async function readNotifications(db: Kysely<Database>, actor: Actor, ref: string, readers: ReferenceReaders): Promise<NotificationRecord[]> {
  const colon = ref.indexOf(':');
  if (colon <= 0 || colon === ref.length - 1) throw invalid('ref', 'must be <kind>:<id>, such as customer:0190… or complaint:0190…');
  const kind = ref.slice(0, colon);
  const id = ref.slice(colon + 1);
  const reader = Object.hasOwn(readers, kind) ? readers[kind] : undefined;
  if (!reader) throw invalid('ref', `kind "${kind}" is unknown; kinds: ${Object.keys(readers).sort().join(', ')}`);
  if (!(await reader(db, actor, id))) throw notFound(`No ${kind} ${id} you may read`);
  const records = await notificationsAbout(db, kind, id);
  await auditCustomerReads(db, actor, records.map((r) => r.customerId), 'notifications');
  return records;
}
