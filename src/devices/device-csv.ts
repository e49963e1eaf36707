import type { ImportOptions } from '../imports/import-runner.js';
import { importRecordBody, importRecordFile, type RecordBodyReport, type RecordFileReport, type RecordKind } from '../imports/record-batches.js';
import type { Storage } from '../storage/database.js';
import { importDevices, MAX_BATCH_DEVICES, type RefusedDevice } from './device-import.js';
import type { DeviceInput } from './device-rows.js';

/**
 * Devices as the operator's systems send them (docs/self-service.md, "Devices"): the CSV columns, a row
 * read as a device, the file import of `ecoute devices import` and the body of `POST
 * /api/v1/customer-devices` (JSON or CSV), through the shared batch import of
 * src/imports/record-batches.ts. The same checks everywhere (device-rows.ts, device-import.ts).
 */
export const DEVICE_COLUMNS = ['msisdn', 'imei', 'make', 'model', 'purchased_on', 'warranty_until', 'instalment_remaining_cents', 'instalment_last_on', 'status'] as const;
/** The instalment plan may be left out (none); the status is `active` when left out. */
export const DEVICE_REQUIRED_COLUMNS = ['msisdn', 'imei', 'make', 'model', 'purchased_on', 'warranty_until'] as const;

export function deviceOfRow(field: (column: string) => string): DeviceInput {
  return {
    msisdn: field('msisdn'), imei: field('imei'), make: field('make'), model: field('model'), purchasedOn: field('purchased_on'), warrantyUntil: field('warranty_until'),
    instalmentRemainingCents: field('instalment_remaining_cents'), instalmentLastOn: field('instalment_last_on'), status: field('status'),
  };
}

const DEVICES: RecordKind<DeviceInput, RefusedDevice> = {
  plural: 'devices',
  singular: 'device',
  columns: DEVICE_COLUMNS,
  required: DEVICE_REQUIRED_COLUMNS,
  fieldColumn: {
    msisdn: 'msisdn', imei: 'imei', make: 'make', model: 'model', purchasedOn: 'purchased_on', warrantyUntil: 'warranty_until',
    instalmentRemainingCents: 'instalment_remaining_cents', instalmentLastOn: 'instalment_last_on', status: 'status',
  },
  rowOf: deviceOfRow,
  // a device is its line's (by number) and its IMEI, written in any way
  keyOf: (field) => {
    const number = field('msisdn').replace(/\D/g, '');
    const imei = field('imei').replace(/\D/g, '');
    return number === '' && imei === '' ? '' : `${number}\u001f${imei}`;
  },
  keyColumn: 'imei',
  repeated: 'for the same number with other values',
  maxBatch: MAX_BATCH_DEVICES,
  tooManyCode: 'too-many-devices',
  refusedCode: 'devices-refused',
  write: importDevices,
  unreadable: (index, issues) => ({ index, imei: null, issues }),
};

export type DeviceFileReport = RecordFileReport;
export type DeviceBodyReport = RecordBodyReport<RefusedDevice>;

/** `ecoute devices import FILE.csv`: checked whole first, then recorded in short transactions (idempotent on line and IMEI). */
export const importDeviceFile = (storage: Storage, options: ImportOptions & { now?: number }): Promise<DeviceFileReport> => importRecordFile(DEVICES, storage, options);

/** A request's body of devices recorded as one batch, all or nothing: refusals name each device by its place (`devices[3].imei`, `line 4, imei`). */
export const importDeviceBody = (storage: Storage, body: string, contentType: 'application/json' | 'text/csv', options: { skipInvalid: boolean; now?: number }): Promise<DeviceBodyReport> =>
  importRecordBody(DEVICES, storage, body, contentType, options);
