import { sql, type Kysely, type SqlBool } from 'kysely';
import { localDay } from '../shared/calendar.js';
import { parseBefore, pageOf } from '../shared/cursor.js';
import { DomainError } from '../shared/errors.js';
import type { Database, DeviceStatus } from '../storage/schema.js';

/**
 * A customer's devices (docs/self-service.md, "Devices"): read by staff on the customer's record
 * (`GET /api/v1/customers/{id}/devices`, an audited read) and by the customer in their app. The reads
 * audit nothing themselves: the route that shows them does. The IMEI is whole here; presenters mask it
 * for whoever may not see it.
 */
export interface Device {
  id: string;
  msisdn: string;
  lineStatus: 'active' | 'suspended' | 'terminated';
  imei: string;
  make: string;
  model: string;
  purchasedOn: number;
  warrantyUntil: number;
  instalments: { remainingCents: number; lastOn: number } | null;
  status: DeviceStatus;
  updatedAt: number;
}

export interface DevicePage {
  items: Device[];
  /** `<purchase day yyyymmdd>:<id>` of the last device, for the next page; null on the last page */
  next: string | null;
}

export const DEFAULT_DEVICE_PAGE = 50;
export const MAX_DEVICE_PAGE = 200;

function devices(db: Kysely<Database>) {
  return db
    .selectFrom('devices as d')
    .innerJoin('lines as l', 'l.id', 'd.line_id')
    .selectAll('d')
    .select(['l.msisdn', 'l.status as line_status']);
}
type Row = Awaited<ReturnType<ReturnType<typeof devices>['execute']>>[number];

const deviceOf = (r: Row): Device => ({
  id: r.id, msisdn: r.msisdn, lineStatus: r.line_status, imei: r.imei, make: r.make, model: r.model, purchasedOn: Number(r.purchased_on), warrantyUntil: Number(r.warranty_until),
  instalments: r.instalment_remaining_cents === null || r.instalment_last_on === null ? null : { remainingCents: Number(r.instalment_remaining_cents), lastOn: Number(r.instalment_last_on) },
  status: r.status, updatedAt: Number(r.updated_at),
});

/** The devices of these lines, newest purchase first (a customer's lines are few: the app reads them whole, at most 500). */
export async function lineDevices(db: Kysely<Database>, lineIds: readonly string[]): Promise<Device[]> {
  if (lineIds.length === 0) return [];
  const rows = await devices(db).where('d.line_id', 'in', [...lineIds]).orderBy('d.purchased_on', 'desc').orderBy('d.id', 'desc').limit(500).execute();
  return rows.map(deviceOf);
}

/**
 * A customer's devices on every line of theirs, newest purchase first, `limit` a page; `before`: the
 * `next` of the previous page. An unknown customer is a 404 naming the id.
 */
export async function customerDevices(db: Kysely<Database>, partyId: string, page: { before?: string | undefined; limit?: number | undefined } = {}): Promise<DevicePage> {
  const party = await db.selectFrom('parties').select('id').where('id', '=', partyId).executeTakeFirst();
  if (!party) throw new DomainError(404, 'not-found', `No customer has id ${partyId}: check the id (the customer card shows it)`, [{ field: 'id', reason: 'no customer has this id' }]);
  const limit = Math.min(Math.max(page.limit ?? DEFAULT_DEVICE_PAGE, 1), MAX_DEVICE_PAGE);
  let query = devices(db).innerJoin('accounts as a', 'a.id', 'l.account_id').where('a.party_id', '=', partyId);
  if (page.before !== undefined) {
    const position = parseBefore(page.before);
    // a cursor holds the purchase day; a time is the day it falls on
    const day = position.key === undefined ? localDay(position.at) : position.at;
    query = query.where(
      position.key === undefined
        ? sql<SqlBool>`d.purchased_on < ${day}`
        : sql<SqlBool>`(d.purchased_on < ${day} or (d.purchased_on = ${day} and d.id < ${position.key}))`,
    );
  }
  const rows = await query.orderBy('d.purchased_on', 'desc').orderBy('d.id', 'desc').limit(limit + 1).execute();
  const { items, next } = pageOf(rows, limit, (r) => [Number(r.purchased_on), r.id]);
  return { items: items.map(deviceOf), next };
}
