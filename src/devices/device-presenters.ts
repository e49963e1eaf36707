import type { DeviceImportReportOut, DeviceOut, DevicePageOut } from '../contract/devices.js';
import { formatDay, localDay } from '../shared/calendar.js';
import type { DeviceBodyReport } from './device-csv.js';
import type { Device, DevicePage } from './device-queries.js';
import { maskImei } from './imei.js';

/**
 * A device as it leaves the server (src/contract/devices.ts), field by field: no internal id; the IMEI
 * masked but its last four digits unless the reader may see it whole (`device.imei`: staff who take
 * customers' requests, never the customer app nor a system).
 */
export function presentDevice(d: Device, options: { wholeImei: boolean; now?: number }): DeviceOut {
  const today = localDay(options.now ?? Date.now());
  return {
    msisdn: d.msisdn, imei: options.wholeImei ? d.imei : maskImei(d.imei), imeiMasked: !options.wholeImei, make: d.make, model: d.model,
    purchasedOn: formatDay(d.purchasedOn), warrantyUntil: formatDay(d.warrantyUntil), underWarranty: today <= d.warrantyUntil,
    instalments: d.instalments === null ? null : { remainingCents: d.instalments.remainingCents, lastOn: formatDay(d.instalments.lastOn) },
    status: d.status,
  };
}

export function presentDevicePage(page: DevicePage, options: { wholeImei: boolean }): DevicePageOut {
  return { items: page.items.map((d) => presentDevice(d, options)), next: page.next };
}

export function presentDeviceImport(r: DeviceBodyReport): DeviceImportReportOut {
  return {
    received: r.received, created: r.created, updated: r.updated, unchanged: r.unchanged, written: r.written,
    refused: r.refused.map((e) => ({
      index: e.index, line: e.line, imei: e.imei,
      issues: e.issues.map((i) => ({ field: i.field, reason: i.reason, code: i.code ?? 'invalid', ...(i.params ? { params: i.params } : {}) })),
    })),
  };
}
