import type { Kysely } from 'kysely';
import { chunks, inChunks } from '../shared/batches.js';
import type { FieldIssue } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import type { Database, DeviceTable } from '../storage/schema.js';
import { checkDevice, type CheckedDevice, type DeviceInput } from './device-rows.js';

/**
 * Devices received from the operator's systems (docs/self-service.md, "Devices"): a batch checked and
 * recorded in one transaction. A device is known by its line and IMEI: one Ecoute does not hold is
 * created; one it holds is updated when anything of it changed (its status, warranty, instalments, a
 * corrected make or model), left as it is otherwise (`unchanged`), so a file or a batch can be sent
 * again. The same device twice in a batch counts once; twice with other values, the later is refused
 * (`repeated`). A batch with any device refused writes nothing unless `skipInvalid`, which records the
 * others and reports the refused ones.
 */

/** One device refused: where it was in the batch (0-based), its IMEI as sent when it had one, and every issue. */
export interface RefusedDevice {
  index: number;
  imei: string | null;
  issues: FieldIssue[];
}

export interface DeviceImportReport {
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  refused: RefusedDevice[];
  /** false: nothing was written (devices were refused and not skipInvalid, or only checked) */
  written: boolean;
}

/** The most devices one batch may carry (an API request, a piece of a file). */
export const MAX_BATCH_DEVICES = 10_000;

type Fields = Omit<DeviceTable, 'id' | 'line_id' | 'imei' | 'imported_at' | 'updated_at'>;

const fieldsOf = (d: CheckedDevice): Fields => ({
  make: d.make, model: d.model, purchased_on: d.purchasedOn, warranty_until: d.warrantyUntil,
  instalment_remaining_cents: d.instalments?.remainingCents ?? null, instalment_last_on: d.instalments?.lastOn ?? null, status: d.status,
});

/** A row's fields as numbers (PostgreSQL's bigint comes back as text). */
const storedFields = (r: DeviceTable): Fields => ({
  make: r.make, model: r.model, purchased_on: Number(r.purchased_on), warranty_until: Number(r.warranty_until),
  instalment_remaining_cents: r.instalment_remaining_cents === null ? null : Number(r.instalment_remaining_cents),
  instalment_last_on: r.instalment_last_on === null ? null : Number(r.instalment_last_on), status: r.status,
});

const sameFields = (a: Fields, b: Fields) =>
  a.make === b.make && a.model === b.model && a.purchased_on === b.purchased_on && a.warranty_until === b.warranty_until &&
  a.instalment_remaining_cents === b.instalment_remaining_cents && a.instalment_last_on === b.instalment_last_on && a.status === b.status;

export async function importDevices(
  db: Kysely<Database>,
  inputs: readonly DeviceInput[],
  options: { skipInvalid?: boolean; now?: number; /** check and report, write nothing */ checkOnly?: boolean } = {},
): Promise<DeviceImportReport> {
  const now = options.now ?? Date.now();
  const refused: RefusedDevice[] = [];
  const valid: { index: number; device: CheckedDevice }[] = [];
  inputs.forEach((input, index) => {
    const checked = checkDevice(input, now);
    if ('device' in checked) valid.push({ index, device: checked.device });
    else refused.push({ index, imei: typeof input.imei === 'string' && input.imei.trim() !== '' ? input.imei.trim() : null, issues: checked.issues });
  });

  const lines = await lineIds(db, valid.map((v) => v.device.msisdn));
  const candidates: { index: number; lineId: string; device: CheckedDevice }[] = [];
  const first = new Map<string, { index: number; fields: Fields }>();
  let repeats = 0;
  for (const { index, device } of valid) {
    const lineId = lines.get(device.msisdn);
    if (lineId === undefined) {
      refused.push({ index, imei: device.imei, issues: [{ field: 'msisdn', reason: `${device.msisdn} is not a line of any customer`, code: 'unknown-line' }] });
      continue;
    }
    const key = `${lineId}\u001f${device.imei}`;
    const earlier = first.get(key);
    if (earlier) {
      if (sameFields(earlier.fields, fieldsOf(device))) repeats++;
      else refused.push({ index, imei: device.imei, issues: [{ field: 'imei', reason: `appears earlier in this batch (at ${earlier.index}) for the same line with other values`, code: 'repeated', params: { index: earlier.index } }] });
      continue;
    }
    first.set(key, { index, fields: fieldsOf(device) });
    candidates.push({ index, lineId, device });
  }
  refused.sort((a, b) => a.index - b.index);

  const report: DeviceImportReport = { received: inputs.length, created: 0, updated: 0, unchanged: repeats, refused, written: false };
  const plan = async (trx: Kysely<Database>) => {
    const held = new Map(
      (await inChunks(candidates.map((c) => c.device.imei), (chunk) => trx.selectFrom('devices').selectAll().where('imei', 'in', chunk).execute())).map((r) => [`${r.line_id}\u001f${r.imei}`, r]),
    );
    const creates: typeof candidates = [];
    const updates: { id: string; fields: Fields }[] = [];
    let unchanged = 0;
    for (const c of candidates) {
      const stored = held.get(`${c.lineId}\u001f${c.device.imei}`);
      const fields = fieldsOf(c.device);
      if (!stored) creates.push(c);
      else if (sameFields(fields, storedFields(stored))) unchanged++;
      else updates.push({ id: stored.id, fields });
    }
    return { creates, updates, unchanged };
  };
  if (options.checkOnly || (refused.length > 0 && !options.skipInvalid)) {
    const p = await plan(db);
    return { ...report, created: p.creates.length, updated: p.updates.length, unchanged: repeats + p.unchanged };
  }

  // Rows are written in key order: two batches at once (PostgreSQL) take their locks in one order.
  candidates.sort((a, b) => (a.lineId < b.lineId ? -1 : a.lineId > b.lineId ? 1 : a.device.imei < b.device.imei ? -1 : 1));
  return db.transaction().execute(async (trx) => {
    const p = await plan(trx);
    for (const part of chunks(p.creates, 200)) {
      await trx
        .insertInto('devices')
        .values(part.map((c) => ({ id: newId(), line_id: c.lineId, imei: c.device.imei, ...fieldsOf(c.device), imported_at: now, updated_at: now })))
        // created meanwhile by another batch (PostgreSQL): the values sent win, as an update would
        .onConflict((oc) => oc.columns(['line_id', 'imei']).doUpdateSet((eb) => ({
          make: eb.ref('excluded.make'), model: eb.ref('excluded.model'), purchased_on: eb.ref('excluded.purchased_on'), warranty_until: eb.ref('excluded.warranty_until'),
          instalment_remaining_cents: eb.ref('excluded.instalment_remaining_cents'), instalment_last_on: eb.ref('excluded.instalment_last_on'), status: eb.ref('excluded.status'), updated_at: now,
        })))
        .execute();
    }
    for (const { id, fields } of p.updates) await trx.updateTable('devices').set({ ...fields, updated_at: now }).where('id', '=', id).execute();
    return { ...report, created: p.creates.length, updated: p.updates.length, unchanged: repeats + p.unchanged, written: true };
  });
}

/**
 * The line each number is. A number given again to a new line keeps its old, terminated line too: the
 * live one is the one a device is sent for.
 */
async function lineIds(db: Kysely<Database>, msisdns: string[]): Promise<Map<string, string>> {
  const rows = await inChunks([...new Set(msisdns)], (chunk) => db.selectFrom('lines').select(['id', 'msisdn', 'status', 'activated_at']).where('msisdn', 'in', chunk).execute());
  const best = new Map<string, (typeof rows)[number]>();
  const rank = (status: string) => (status === 'terminated' ? 0 : 1);
  for (const row of rows) {
    const current = best.get(row.msisdn);
    if (!current || rank(row.status) > rank(current.status) || (rank(row.status) === rank(current.status) && Number(row.activated_at) > Number(current.activated_at))) best.set(row.msisdn, row);
  }
  return new Map([...best].map(([msisdn, r]) => [msisdn, r.id]));
}
